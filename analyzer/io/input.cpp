#include "io/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <tuple>
#include <utility>

#include "io/platform.h"
#include "model/text.h"

namespace certdiag {
namespace {

namespace fs = std::filesystem;

std::string errno_message(int error) { return std::generic_category().message(error); }

// Identifies a directory however it is reached, through symlinks or not.

// Orders a log's rolled-over parts before it, oldest first: "X-20240101-120000.log" (history
// kept with a time stamp), then "X.lo_" (the previous part), then "X.log"; other names by name.
std::tuple<std::string, int, std::string> rollover_key(const std::string& name) {
  const auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), name.rbegin(), [](char x, char y) {
             return x == std::tolower(static_cast<unsigned char>(y));
           });
  };
  if (ends(".lo_")) return {name.substr(0, name.size() - 4) + ".log", 1, name};
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  // "-YYYYMMDD-HHMMSS.log" is 20 characters.
  if (ends(".log") && name.size() > 20 && name[name.size() - 20] == '-' &&
      name[name.size() - 11] == '-' && std::all_of(name.end() - 19, name.end() - 11, is_digit) &&
      std::all_of(name.end() - 10, name.end() - 4, is_digit)) {
    return {name.substr(0, name.size() - 20) + ".log", 0, name};
  }
  return {name, 2, name};
}

class Expander {
 public:
  Expander(std::vector<InputSource>& sources, std::vector<InputError>& errors,
           std::vector<std::string>* skipped)
      : sources_(sources), errors_(errors), skipped_(skipped) {}

  // Adds one command-line argument.
  void add_argument(const std::string& argument) {
    if (argument == "-") {
      sources_.push_back({"<stdin>", {}, true});
      return;
    }
    const fs::path path(argument);
    separator_ = platform::separator_for(argument);
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      add_directory(path);
    } else if (fs::is_regular_file(status)) {
      add_file(path);
    } else if (error || status.type() == fs::file_type::not_found) {
      report(path, InputErrorKind::unreadable, error ? error.message() : errno_message(ENOENT));
    } else {
      report(path, InputErrorKind::not_a_file, "not a regular file, skipped");
    }
  }

 private:
  void report(const fs::path& path, InputErrorKind kind, std::string message) {
    errors_.push_back({kind, path.string(), std::move(message)});
  }

  void add_file(const fs::path& path) { sources_.push_back({path.string(), path, false}); }

  // Walks a directory unless it is one being walked already, which only a symlink can reach.
  void add_directory(const fs::path& path) {
    platform::FileId id;
    if (!platform::file_id(path, id)) {
      report(path, InputErrorKind::unreadable, errno_message(errno));
      return;
    }
    if (std::find(walking_.begin(), walking_.end(), id) != walking_.end()) {
      report(path, InputErrorKind::symlink_loop, "symlink loop, skipped");
      return;
    }
    walking_.push_back(id);
    walk(path);
    walking_.pop_back();
  }

  // `directory`'s entry `name`, joined with the separator of the argument walked.
  fs::path join(const fs::path& directory, const fs::path& name) const {
    fs::path path = directory;
    const auto& text = path.native();
    if (!text.empty() && text.back() != '/' && text.back() != fs::path::preferred_separator)
      path += separator_;
    return path += name.native();
  }

  void walk(const fs::path& directory) {
    std::error_code error;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
      entries.push_back(*it);
    }
    // Entries listed before a failure are still walked.
    if (error)
      report(directory, InputErrorKind::unreadable, "cannot read directory: " + error.message());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return rollover_key(a.path().filename().string()) <
             rollover_key(b.path().filename().string());
    });
    for (const fs::directory_entry& entry : entries) {
      const fs::file_status status = entry.status(error);  // follows symlinks
      const fs::path path = join(directory, entry.path().filename());
      if (fs::is_directory(status)) {
        add_directory(path);
      } else if (fs::is_regular_file(status) && is_not_a_log(path)) {
        if (skipped_) skipped_->push_back(path.string());
      } else if (fs::is_regular_file(status)) {
        add_file(path);
      } else if (error || status.type() == fs::file_type::not_found) {
        report(path, InputErrorKind::unreadable, error ? error.message() : errno_message(ENOENT));
      }
      // Fifos, sockets and devices in a directory are not logs; only named ones are reported.
    }
  }

  std::vector<InputSource>& sources_;
  std::vector<InputError>& errors_;
  std::vector<std::string>* skipped_;
  char separator_ = '/';  // of the argument being walked (platform::separator_for)
  std::vector<platform::FileId>
      walking_;  // the directories from an argument down to the current one
};

class FileStream final : public ByteStream {
 public:
  FileStream(int fd, bool owned) : fd_(fd), owned_(owned) {}
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;
  ~FileStream() override {
    if (owned_) ::close(fd_);
  }

  size_t read(char* buffer, size_t size) override {
    if (!error_.empty()) return 0;
    // Large requests are capped: read() may not take more than SSIZE_MAX.
    size = std::min<size_t>(size, size_t{1} << 30);
    for (;;) {
      const ssize_t count = ::read(fd_, buffer, size);
      if (count >= 0) return static_cast<size_t>(count);
      if (errno != EINTR) break;
    }
    error_ = errno_message(errno);
    return 0;
  }

  const std::string& error() const override { return error_; }

 private:
  int fd_;
  bool owned_;
  std::string error_;
};

class PrefixedStream final : public ByteStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<ByteStream> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}

  size_t read(char* buffer, size_t size) override {
    if (offset_ < prefix_.size()) {
      const size_t count = std::min(size, prefix_.size() - offset_);
      std::memcpy(buffer, prefix_.data() + offset_, count);
      offset_ += count;
      return count;
    }
    return rest_->read(buffer, size);
  }

  const std::string& error() const override { return rest_->error(); }

 private:
  std::string prefix_;
  size_t offset_ = 0;
  std::unique_ptr<ByteStream> rest_;
};

class CountingStream final : public ByteStream {
 public:
  CountingStream(std::unique_ptr<ByteStream> stream, std::atomic<uint64_t>& count)
      : stream_(std::move(stream)), count_(count) {}

  size_t read(char* buffer, size_t size) override {
    const size_t n = stream_->read(buffer, size);
    count_.fetch_add(n, std::memory_order_relaxed);
    return n;
  }

  const std::string& error() const override { return stream_->error(); }

 private:
  std::unique_ptr<ByteStream> stream_;
  std::atomic<uint64_t>& count_;
};

class MemoryStream final : public ByteStream {
 public:
  explicit MemoryStream(std::string bytes) : bytes_(std::move(bytes)) {}

  size_t read(char* buffer, size_t size) override {
    const size_t count = std::min(size, bytes_.size() - offset_);
    bytes_.copy(buffer, count, offset_);
    offset_ += count;
    return count;
  }

  const std::string& error() const override { return error_; }

 private:
  std::string bytes_;
  size_t offset_ = 0;
  std::string error_;  // always empty
};

}  // namespace

namespace {

bool is_upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// "SITE01", "MP-02", "WIN-1O0UJBNP9G7": NetBIOS names as bundles write them.
bool looks_like_netbios(std::string_view part) {
  if (part.size() < 4 || part.size() > 15 || part.starts_with("W3SVC")) return false;
  bool letter = false;
  bool digit_or_hyphen = false;
  for (char c : part) {
    if (!is_upper_or_digit(c) && c != '-') return false;
    letter |= is_letter(c);
    digit_or_hyphen |= !is_letter(c);
  }
  return letter && digit_or_hyphen;
}

// "CM01.contoso.com": three or more labels, the last one letters only.
bool looks_like_fqdn(std::string_view part) {
  size_t labels = 0;
  std::string_view last;
  while (!part.empty()) {
    const size_t dot = part.find('.');
    const std::string_view label = part.substr(0, dot);
    if (label.empty() || label.size() > 63) return false;
    for (char c : label) {
      if (!is_letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    part.remove_prefix(dot + 1);
  }
  return labels >= 3 && last.size() >= 2 && std::all_of(last.begin(), last.end(), is_letter);
}

}  // namespace

std::string machine_in_path(std::string_view name) {
  const size_t file = name.find_last_of("/\\!");
  if (file == std::string_view::npos) return {};
  std::string_view folders = name.substr(0, file);
  while (!folders.empty()) {
    const size_t end = folders.find_first_of("/\\!");
    std::string_view part = folders.substr(0, end);
    // A machine's logs often come as an archive named for it: SITE02.zip.
    for (std::string_view extension : {".zip", ".cab", ".tar.gz", ".tgz", ".tar", ".7z"}) {
      if (part.size() > extension.size() && part.ends_with(extension))
        part.remove_suffix(extension.size());
    }
    if (looks_like_netbios(part) || looks_like_fqdn(part)) return std::string(part);
    if (end == std::string_view::npos) break;
    folders.remove_prefix(end + 1);
  }
  return {};
}

bool is_not_a_log(const fs::path& path) {
  static constexpr std::string_view kNotLogs[] = {
      ".md",   ".html", ".htm", ".pdf", ".doc", ".docx", ".xlsx", ".pptx", ".png",  ".jpg",
      ".jpeg", ".gif",  ".bmp", ".ico", ".exe", ".dll",  ".sys",  ".msi",  ".msp",  ".py",
      ".ps1",  ".psm1", ".bat", ".cmd", ".vbs", ".js",   ".yaml", ".yml",  ".json", ".ndjson"};
  std::string extension = path.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kNotLogs), std::end(kNotLogs), extension) != std::end(kNotLogs);
}

std::vector<InputSource> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<InputError>& errors,
                                       std::vector<std::string>* skipped) {
  std::vector<InputSource> sources;
  Expander expander(sources, errors, skipped);
  for (const std::string& path : paths) expander.add_argument(path);
  return sources;
}

std::unique_ptr<ByteStream> open_source(const InputSource& source, std::string& error) {
  if (source.is_stdin) return std::make_unique<FileStream>(STDIN_FILENO, false);
  const int fd = platform::open_for_reading(source.path);
  if (fd < 0) {
    error = errno_message(errno);
    return nullptr;
  }
  // A directory opens fine but fails at the first read; say so now.
  struct stat info;
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    error = errno_message(EISDIR);
    return nullptr;
  }
  return std::make_unique<FileStream>(fd, true);
}

std::unique_ptr<ByteStream> prefixed_stream(std::string prefix,
                                            std::unique_ptr<ByteStream> stream) {
  return std::make_unique<PrefixedStream>(std::move(prefix), std::move(stream));
}

std::unique_ptr<ByteStream> counting_stream(std::unique_ptr<ByteStream> stream,
                                            std::atomic<uint64_t>& count) {
  return std::make_unique<CountingStream>(std::move(stream), count);
}

std::unique_ptr<ByteStream> memory_stream(std::string bytes) {
  return std::make_unique<MemoryStream>(std::move(bytes));
}

}  // namespace certdiag
