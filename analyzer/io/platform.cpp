#include "io/platform.h"

#include <algorithm>
#include <cerrno>
#include <csignal>

#ifdef _WIN32
#include <date/tz.h>
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#include <windows.h>

#include <cstdio>
#include <cwchar>
#else
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace certdiag::platform {

#ifdef _WIN32
namespace {

std::string to_utf8(const wchar_t* text, int size) {
  const int bytes = WideCharToMultiByte(CP_UTF8, 0, text, size, nullptr, 0, nullptr, nullptr);
  std::string result(static_cast<size_t>(bytes > 0 ? bytes : 0), '\0');
  if (bytes > 0)
    WideCharToMultiByte(CP_UTF8, 0, text, size, result.data(), bytes, nullptr, nullptr);
  return result;
}

// The folder holding the running executable, without a trailing separator.
std::string executable_folder() {
  std::wstring path(32768, L'\0');
  const DWORD size = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
  path.resize(size);
  const size_t slash = path.find_last_of(L"\\/");
  return slash == std::wstring::npos ? std::string(".")
                                     : to_utf8(path.data(), static_cast<int>(slash));
}

HANDLE console_of(int fd) {
  const auto handle = reinterpret_cast<HANDLE>(_get_osfhandle(fd));
  DWORD mode = 0;
  return handle != INVALID_HANDLE_VALUE && GetConsoleMode(handle, &mode) ? handle : nullptr;
}

// date reads the IANA database as text from the folder set here; set before main so that the
// tests, which have their own main, find it beside their executable too.
const bool time_zones_located = [] {
  date::set_install(executable_folder() + "\\tzdata");
  return true;
}();

}  // namespace

Arguments::Arguments(int, char**) {
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  for (int i = 0; wide && i < count; ++i)
    values_.push_back(to_utf8(wide[i], static_cast<int>(wcslen(wide[i]))));
  if (wide) LocalFree(wide);
  for (const std::string& value : values_) pointers_.push_back(value.c_str());
  pointers_.push_back(nullptr);
}

void prepare_process() {
  for (FILE* stream : {stdin, stdout, stderr}) _setmode(_fileno(stream), _O_BINARY);
  SetConsoleOutputCP(CP_UTF8);
}

int open_for_reading(const std::filesystem::path& path) {
  const int fd = _wopen(path.c_str(), _O_RDONLY | _O_BINARY);
  // Windows refuses to open a folder (EACCES); say what it is, as on POSIX.
  struct _stat64 info;
  if (fd < 0 && errno == EACCES && _wstat64(path.c_str(), &info) == 0 &&
      (info.st_mode & _S_IFDIR)) {
    errno = EISDIR;
  }
  return fd;
}

char separator_for(const std::string& root) {
  return root.find('/') != std::string::npos && root.find('\\') == std::string::npos ? '/' : '\\';
}

bool file_id(const std::filesystem::path& path, FileId& id) {
  // FILE_FLAG_BACKUP_SEMANTICS opens folders as well as files.
  HANDLE handle =
      CreateFileW(path.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                  OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (handle == INVALID_HANDLE_VALUE) {
    errno = GetLastError() == ERROR_ACCESS_DENIED ? EACCES : ENOENT;
    return false;
  }
  BY_HANDLE_FILE_INFORMATION info;
  const bool known = GetFileInformationByHandle(handle, &info);
  CloseHandle(handle);
  if (!known) {
    errno = EIO;
    return false;
  }
  id.volume = info.dwVolumeSerialNumber;
  id.index = (uint64_t{info.nFileIndexHigh} << 32) | info.nFileIndexLow;
  return true;
}

bool is_terminal(int fd) { return console_of(fd) != nullptr; }

bool shows_colours(int fd) {
  HANDLE console = console_of(fd);
  DWORD mode = 0;
  return console && GetConsoleMode(console, &mode) &&
         SetConsoleMode(console, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}

int terminal_columns() {
  CONSOLE_SCREEN_BUFFER_INFO info;
  HANDLE console = console_of(1);
  if (!console || !GetConsoleScreenBufferInfo(console, &info)) return 0;
  return info.srWindow.Right - info.srWindow.Left + 1;
}

#else

Arguments::Arguments(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) values_.emplace_back(argv[i]);
  for (const std::string& value : values_) pointers_.push_back(value.c_str());
  pointers_.push_back(nullptr);
}

void prepare_process() {}

int open_for_reading(const std::filesystem::path& path) {
  return ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

char separator_for(const std::string&) { return '/'; }

bool file_id(const std::filesystem::path& path, FileId& id) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return false;
  id.volume = info.st_dev;
  id.index = info.st_ino;
  return true;
}

bool is_terminal(int fd) { return isatty(fd) != 0; }

bool shows_colours(int fd) { return is_terminal(fd); }

int terminal_columns() {
  winsize size{};
  return ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

#endif

std::string with_separator(const std::filesystem::path& path, char separator) {
  constexpr auto kSystem = static_cast<char>(std::filesystem::path::preferred_separator);
  std::string text = path.string();
  if (separator != kSystem) std::replace(text.begin(), text.end(), kSystem, separator);
  return text;
}

namespace {

// Async-signal-safe: one write of a constant, then the default action.
extern "C" void erase_line_and_stop(int signal_number) {
  static constexpr char kErase[] = "\r\x1b[K";
#ifdef _WIN32
  (void)_write(2, kErase, sizeof kErase - 1);
#else
  (void)!write(STDERR_FILENO, kErase, sizeof kErase - 1);
#endif
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

void erase_line_on_interrupt(bool erase) {
  std::signal(SIGINT, erase ? erase_line_and_stop : SIG_DFL);
}

}  // namespace certdiag::platform
