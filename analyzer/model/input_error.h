// InputError: an input that could not be read, or not in full. Its kind says what went wrong,
// for code and tests to act on; its message is the one line users read. Made where the problem is
// found (io/, tokenize/, the pipeline), kept in RunSummary and reported by report/.
#pragma once

#include <string>
#include <string_view>

namespace certdiag {

enum class InputErrorKind {
  unreadable,    // could not be opened or read: the system's reason (no such file, I/O error)
  not_a_file,    // named on the command line, but a fifo, socket or device
  symlink_loop,  // a folder reached again through a symbolic link
  corrupt,       // damaged, or not the format it claims: an archive, .evtx, certificate or NDJSON
  too_deep,      // an archive inside more archives than the nesting limit, skipped
  over_limit,    // the rest left unread past a size limit (archive expansion, certificate file)
  failed,        // the analysis of the input stopped (memory exhausted)
  reported,      // reported by an earlier run whose results are merged
};

struct InputError {
  InputErrorKind kind = InputErrorKind::unreadable;
  std::string source;  // the input as reports name it, with ":line" when one line is bad
  std::string message;
};

// "unreadable", "corrupt", … for tests and debugging.
constexpr std::string_view kind_name(InputErrorKind kind) {
  switch (kind) {
    case InputErrorKind::unreadable:
      return "unreadable";
    case InputErrorKind::not_a_file:
      return "not_a_file";
    case InputErrorKind::symlink_loop:
      return "symlink_loop";
    case InputErrorKind::corrupt:
      return "corrupt";
    case InputErrorKind::too_deep:
      return "too_deep";
    case InputErrorKind::over_limit:
      return "over_limit";
    case InputErrorKind::failed:
      return "failed";
    case InputErrorKind::reported:
      return "reported";
  }
  return "?";
}

}  // namespace certdiag
