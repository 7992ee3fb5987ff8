// What differs between the operating systems certdiag runs on, in one place: the process set-up,
// command-line arguments, opening an input file and what the terminal can show. On Debian these
// are the POSIX calls; on Windows (MinGW-w64) the console and file APIs behind them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace certdiag::platform {

// The command-line arguments as UTF-8 (on Windows read from the UTF-16 command line), and a
// pointer array over them for code that takes argc/argv.
class Arguments {
 public:
  Arguments(int argc, char** argv);
  int count() const { return static_cast<int>(pointers_.size()) - 1; }
  const char* const* values() const { return pointers_.data(); }

 private:
  std::vector<std::string> values_;
  std::vector<const char*> pointers_;
};

// Done once at start-up. On Windows: the standard streams carry bytes unchanged (stdin as binary
// for `type log | certdiag`, reports with the same LF line ends on every system), the console
// shows UTF-8, and the time-zone database is the `tzdata` folder beside certdiag.exe.
void prepare_process();

// Opens `path` for reading and returns its descriptor, or -1 with errno set. On Windows drive
// letters, backslashes, UNC shares and \\?\ long paths work as they do in Explorer.
int open_for_reading(const std::filesystem::path& path);

// What identifies a file or folder on its volume (device and inode; on Windows the volume serial
// number and file index), so that a walk notices a link leading back into itself.
struct FileId {
  uint64_t volume = 0;
  uint64_t index = 0;
  bool operator==(const FileId&) const = default;
};

// The separator that joins a folder's entries to `root`, the folder as the user typed it, so that
// names read as they were written: '/' on POSIX; on Windows '/' when the root is written with '/'
// alone, else '\\'.
char separator_for(const std::string& root);

// `path` as text with the system's separators written as `separator` (from separator_for).
std::string with_separator(const std::filesystem::path& path, char separator);

// Sets `id` for `path` (links followed); false with errno set when it cannot be read.
bool file_id(const std::filesystem::path& path, FileId& id);

// Whether the descriptor is a terminal.
bool is_terminal(int fd);

// Whether the descriptor is a terminal that shows ANSI colours; on Windows this turns on the
// console's virtual-terminal mode, and a console without it gets no colours.
bool shows_colours(int fd);

// The width of the terminal on standard output in columns, or 0 when unknown.
int terminal_columns();

// While `erase` holds, an interrupt (Ctrl-C) first erases the line the cursor is on in standard
// error (a progress line), then stops the process as it would have; false restores the default.
void erase_line_on_interrupt(bool erase);

}  // namespace certdiag::platform
