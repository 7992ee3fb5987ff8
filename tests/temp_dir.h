// A fresh folder under the system's temporary directory, unique to its test, so tests can run in
// parallel and twice; removed with all it holds (permissions restored first).
#pragma once

#include <cstdint>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

namespace certdiag::testing_support {

class TempDir {
 public:
  // A random name, made by whoever creates it first (create_directory is false when it exists):
  // mkdtemp as the C++ library has it on every system.
  TempDir() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    const std::filesystem::path folder = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::filesystem::path candidate = folder / ("certdiag-test-" + name(random()));
      if (std::filesystem::create_directory(candidate)) {
        path_ = candidate;
        return;
      }
    }
    throw std::runtime_error("no temporary folder could be made in " + folder.string());
  }
  ~TempDir() {
    namespace fs = std::filesystem;
    std::error_code ignored;
    for (auto it = fs::recursive_directory_iterator(path_, ignored);
         it != fs::recursive_directory_iterator(); it.increment(ignored)) {
      if (!it->is_symlink(ignored)) fs::permissions(it->path(), fs::perms::owner_all, ignored);
    }
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  static std::string name(uint64_t bits) {
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string text;
    for (int i = 0; i < 10; ++i, bits /= 36) text += kLetters[bits % 36];
    return text;
  }

  std::filesystem::path path_;
};

}  // namespace certdiag::testing_support
