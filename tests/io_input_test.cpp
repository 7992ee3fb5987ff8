#include <gtest/gtest.h>
#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/input.h"
#include "temp_dir.h"

namespace certdiag {
namespace {

namespace fs = std::filesystem;

// Windows has no fifos, and its folders have no POSIX permissions: those tests skip there.
#ifdef _WIN32
constexpr const char* kNotOnWindows = "Windows has no fifos or POSIX permissions";
bool make_fifo(const std::string&) { return false; }
bool is_root() { return false; }
#else
constexpr const char* kNotOnWindows = nullptr;
bool make_fifo(const std::string& path) { return ::mkfifo(path.c_str(), 0600) == 0; }
bool is_root() { return ::geteuid() == 0; }
#endif

// A fresh directory tree per test, removed afterwards.
class ExpandInputs : public ::testing::Test {
 protected:
  // Paths are written with '/', as the expected names are.
  std::string path(const std::string& relative) const {
    return (root_ / relative).generic_string();
  }

  // A symlink, or false where the system makes none (MinGW's std::filesystem, Windows without
  // the privilege).
  bool link(const std::string& target, const std::string& name, bool directory) const {
    std::error_code error;
    if (directory)
      fs::create_directory_symlink(root_ / target, root_ / name, error);
    else
      fs::create_symlink(root_ / target, root_ / name, error);
    return !error;
  }

  void write(const std::string& relative, const std::string& content = "x\n") const {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << content;
  }

  // Expands `arguments` and returns the source names then the errors (name and kind), each as one
  // line.
  std::string expand(const std::vector<std::string>& arguments) const {
    std::vector<InputError> errors;
    std::string result;
    for (const InputSource& source : expand_inputs(arguments, errors)) {
      result += source.name + "\n";
    }
    for (const InputError& error : errors) {
      result += "error: " + error.source + " " + std::string(kind_name(error.kind)) + "\n";
    }
    // Relative names read better than temporary paths.
    const std::string root = root_.generic_string() + "/";
    for (size_t at; (at = result.find(root)) != std::string::npos;) result.erase(at, root.size());
    return result;
  }

  testing_support::TempDir temp_;
  const fs::path root_ = temp_.path();
};

TEST_F(ExpandInputs, ExpandsDashToStdin) {
  std::vector<InputError> errors;
  const std::vector<InputSource> sources = expand_inputs({"-"}, errors);
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].name, "<stdin>");
  EXPECT_TRUE(sources[0].is_stdin);
  EXPECT_TRUE(sources[0].path.empty());
  EXPECT_TRUE(errors.empty());
}

TEST_F(ExpandInputs, KeepsFileAsGiven) {
  write("a.log");
  std::vector<InputError> errors;
  const std::vector<InputSource> sources = expand_inputs({path("a.log")}, errors);
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].name, path("a.log"));
  EXPECT_EQ(sources[0].path, fs::path(path("a.log")));
  EXPECT_FALSE(sources[0].is_stdin);
}

TEST_F(ExpandInputs, WalksDirectoriesRecursivelyInSortedOrder) {
  write("logs/b.log");
  write("logs/a/z.log");
  write("logs/a/b/y.log");
  write("logs/a.txt");
  write("logs/c/x.log");
  fs::create_directories(root_ / "logs/empty");
  EXPECT_EQ(expand({path("logs")}),
            "logs/a/b/y.log\nlogs/a/z.log\nlogs/a.txt\nlogs/b.log\nlogs/c/x.log\n");
}

TEST_F(ExpandInputs, KeepsArgumentOrder) {
  write("b.log");
  write("a.log");
  EXPECT_EQ(expand({path("b.log"), "-", path("a.log")}), "b.log\n<stdin>\na.log\n");
}

TEST_F(ExpandInputs, ReportsMissingPathAndContinues) {
  write("a.log");
  EXPECT_EQ(expand({path("missing.log"), path("a.log")}), "a.log\nerror: missing.log unreadable\n");
}

// On Windows a folder written with '\\' has its entries joined with '\\', and one written with '/'
// alone with '/' (the other tests), so names read as the user wrote the folder.
TEST_F(ExpandInputs, JoinsEntriesWithTheSeparatorTheFolderIsWrittenWith) {
  if (fs::path::preferred_separator == '/') GTEST_SKIP() << "'\\' is no separator on POSIX";
  write("logs/sub/a.log");
  const std::string folder = fs::path(path("logs")).make_preferred().string();
  std::vector<InputError> errors;
  const std::vector<InputSource> sources = expand_inputs({folder}, errors);
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].name, folder + "\\sub\\a.log");
  EXPECT_TRUE(errors.empty());
}

TEST_F(ExpandInputs, FollowsDirectorySymlink) {
  write("real/a.log");
  fs::create_directories(root_ / "logs");
  if (!link("real", "logs/linked", true)) GTEST_SKIP() << "no symlinks here";
  EXPECT_EQ(expand({path("logs")}), "logs/linked/a.log\n");
}

TEST_F(ExpandInputs, ReportsSymlinkLoopAndContinues) {
  write("logs/a.log");
  write("logs/sub/b.log");
  if (!link("logs", "logs/sub/loop", true)) GTEST_SKIP() << "no symlinks here";
  EXPECT_EQ(expand({path("logs")}),
            "logs/a.log\nlogs/sub/b.log\nerror: logs/sub/loop symlink_loop\n");
}

TEST_F(ExpandInputs, ReportsBrokenSymlinkInDirectory) {
  write("logs/a.log");
  if (!link("nowhere", "logs/broken", false)) GTEST_SKIP() << "no symlinks here";
  EXPECT_EQ(expand({path("logs")}), "logs/a.log\nerror: logs/broken unreadable\n");
}

TEST_F(ExpandInputs, ReportsSpecialFileNamedExplicitly) {
  if (kNotOnWindows) GTEST_SKIP() << kNotOnWindows;
  ASSERT_TRUE(make_fifo(path("fifo")));
  EXPECT_EQ(expand({path("fifo")}), "error: fifo not_a_file\n");
}

TEST_F(ExpandInputs, PassesOverSpecialFileInDirectory) {
  write("logs/a.log");
  if (kNotOnWindows) GTEST_SKIP() << kNotOnWindows;
  ASSERT_TRUE(make_fifo(path("logs/fifo")));
  EXPECT_EQ(expand({path("logs")}), "logs/a.log\n");
}

TEST_F(ExpandInputs, ReportsUnreadableDirectoryAndContinues) {
  if (kNotOnWindows) GTEST_SKIP() << kNotOnWindows;
  if (is_root()) GTEST_SKIP() << "root reads any directory";
  write("locked/a.log");
  write("open.log");
  fs::permissions(root_ / "locked", fs::perms::none);
  EXPECT_EQ(expand({path("locked"), path("open.log")}), "open.log\nerror: locked unreadable\n");
}

std::string read_all(ByteStream& stream, size_t chunk_size) {
  std::string bytes;
  std::string buffer(chunk_size, '\0');
  while (const size_t count = stream.read(buffer.data(), buffer.size())) {
    bytes.append(buffer, 0, count);
  }
  return bytes;
}

TEST_F(ExpandInputs, OpenSourceReadsFileInChunks) {
  write("a.log", "hello\nworld\n");
  std::string error;
  auto stream = open_source({path("a.log"), path("a.log"), false}, error);
  ASSERT_NE(stream, nullptr) << error;
  EXPECT_EQ(read_all(*stream, 5), "hello\nworld\n");
  EXPECT_EQ(stream->error(), "");
}

TEST_F(ExpandInputs, OpenSourceReportsMissingFile) {
  std::string error;
  EXPECT_EQ(open_source({"missing", path("missing"), false}, error), nullptr);
  EXPECT_EQ(error, "No such file or directory");
}

TEST_F(ExpandInputs, OpenSourceRejectsDirectory) {
  std::string error;
  EXPECT_EQ(open_source({"dir", root_, false}, error), nullptr);
  EXPECT_EQ(error, "Is a directory");
}

TEST(MemoryStream, ReadsBytesInChunks) {
  auto stream = memory_stream(std::string("a\0bcdefg", 8));
  EXPECT_EQ(read_all(*stream, 3), std::string("a\0bcdefg", 8));
  EXPECT_EQ(stream->read(nullptr, 0), 0u);
  EXPECT_EQ(stream->error(), "");
}

TEST(CountingStream, CountsTheBytesAsTheyAreRead) {
  std::atomic<uint64_t> count{5};
  auto stream = counting_stream(memory_stream("abcdefg"), count);
  char buffer[3];
  EXPECT_EQ(stream->read(buffer, 3), 3u);
  EXPECT_EQ(count.load(), 8u) << "added to what it held, before the end of the stream";
  EXPECT_EQ(read_all(*stream, 3), "defg");
  EXPECT_EQ(count.load(), 12u);
}

}  // namespace
}  // namespace certdiag

namespace certdiag {
namespace {

// A log's rolled-over parts come before it, oldest first, so a folder reads in time order.
TEST(ExpandInputsOrder, ReadsRolledOverPartsBeforeTheirLog) {
  const testing_support::TempDir scratch;
  const auto& dir = scratch.path();
  for (const char* name : {"AIUpdateSvc.log", "AIUpdateSvc.lo_", "ccmexec-20240101-120000.log",
                           "ccmexec.log", "ccmexec-20231231-235959.log", "Alpha.log"}) {
    std::ofstream(dir / name) << "x\n";
  }
  std::vector<InputError> errors;
  std::vector<std::string> names;
  for (const auto& source : expand_inputs({dir.string()}, errors)) {
    names.push_back(std::filesystem::path(source.name).filename().string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"AIUpdateSvc.lo_", "AIUpdateSvc.log", "Alpha.log",
                                             "ccmexec-20231231-235959.log",
                                             "ccmexec-20240101-120000.log", "ccmexec.log"}));
}

}  // namespace
}  // namespace certdiag
