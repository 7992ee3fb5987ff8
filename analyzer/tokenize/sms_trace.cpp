#include "tokenize/sms_trace.h"

#include <algorithm>
#include <cstring>

#include "model/time_parse.h"

namespace certdiag {
namespace {

struct Trailer {
  std::string_view message, component, time, thread;
};

// The last '$' among the first `size` bytes, or nullptr: glibc's memrchr reads words at a time;
// MinGW has none, and a backward loop serves there.
const char* last_dollar(const char* data, size_t size) {
#if defined(__GLIBC__)
  return static_cast<const char*>(memrchr(data, '$', size));
#else
  while (size > 0) {
    if (data[--size] == '$') return data + size;
  }
  return nullptr;
#endif
}

// Where the last "$$<" of a line begins, or npos. The trailer sits near the end of the line:
// memrchr finds its '$' in a few steps, where rfind compares the needle at every position.
size_t last_trailer_mark(std::string_view line) {
  size_t end = line.size();
  while (end > 0) {
    const char* found = last_dollar(line.data(), end);
    if (found == nullptr) return std::string_view::npos;
    const size_t dollar = static_cast<size_t>(found - line.data());
    // The last '$' of a "$$<" is the one before its '<'.
    if (dollar > 0 && line[dollar - 1] == '$' && dollar + 1 < line.size() &&
        line[dollar + 1] == '<') {
      return dollar - 1;
    }
    end = dollar;
  }
  return std::string_view::npos;
}

// Splits a line at its trailer `$$<component><time><thread=N (0xN)>`; false when it has none.
bool parse_trailer(std::string_view line, Trailer& trailer) {
  // The trailer is last on the line; a "$$<" inside the message must not be taken for it.
  size_t mark = last_trailer_mark(line);
  if (mark == std::string_view::npos) return false;
  size_t component_end = line.find('>', mark + 3);
  if (component_end == std::string_view::npos || component_end + 1 >= line.size() ||
      line[component_end + 1] != '<') {
    return false;
  }
  size_t time_begin = component_end + 2;
  size_t time_end = line.find('>', time_begin);
  if (time_end == std::string_view::npos || line.substr(time_end + 1, 8) != "<thread=") {
    return false;
  }
  size_t thread_begin = time_end + 9;
  size_t thread_end = std::min(line.find('>', thread_begin), line.size());
  std::string_view thread = line.substr(thread_begin, thread_end - thread_begin);
  trailer.thread = thread.substr(0, thread.find(' '));  // "2868 (0xB34)": keep the decimal id
  trailer.component = line.substr(mark + 3, component_end - mark - 3);
  trailer.time = line.substr(time_begin, time_end - time_begin);
  std::string_view message = line.substr(0, mark);
  while (!message.empty() && (message.back() == ' ' || message.back() == '\t')) {
    message.remove_suffix(1);
  }
  trailer.message = message;
  return true;
}

}  // namespace

void SmsTraceTokenizer::feed(std::string_view line, uint64_t line_no) {
  const bool piece = leading_from_ != 0 && line_no == leading_to_;
  Trailer trailer;
  if (!parse_trailer(line, trailer)) {
    if (!piece && line.find_first_not_of(" \t") == std::string_view::npos) {
      // Between records, layout; inside a message, kept once text follows.
      if (leading_from_ == 0) {
        structure_line(line_no);
      } else {
        ++blank_lines_;
      }
      return;
    }
    if (leading_from_ == 0) {
      reset(record_, line_no);
      leading_from_ = line_no;
    } else if (!piece) {
      append_message(record_.message, std::string(blank_lines_ + 1, '\n'));
    }
    blank_lines_ = 0;
    append_text(line);
    leading_to_ = line_no;
    return;
  }
  if (leading_from_ == 0) {
    reset(record_, line_no);
  } else if (!piece) {
    append_message(record_.message, std::string(blank_lines_ + 1, '\n'));
  }
  blank_lines_ = 0;
  append_text(trailer.message);
  record_.line_count = static_cast<uint32_t>(line_no - record_.line + 1);
  leading_from_ = leading_to_ = 0;
  record_.component.assign(trailer.component);
  record_.thread.assign(trailer.thread);
  record_.level = level_of_message_prefix(record_.message);
  size_t space = trailer.time.find(' ');
  std::string_view date = trailer.time.substr(0, space);
  std::string_view time =
      space == std::string_view::npos ? std::string_view() : trailer.time.substr(space + 1);
  // The local time is kept as written, which for the SMS 2.0 variant ("Fri Mar 26 10:43:41.547
  // 1999 Eastern Standard Time") is all there is: a zone name says nothing reliable about
  // daylight saving, so that time is not guessed.
  assign_local_time(record_.local_time, date, time);
  record_.time = parse_cmtrace_time(date, time);
  if (!record_.time && !trailer.time.empty()) time_unparsed();
  emit(record_);
}

void SmsTraceTokenizer::finish() { flush_leading(); }

void SmsTraceTokenizer::flush_leading() {
  if (leading_from_ == 0) return;
  record_.line_count = static_cast<uint32_t>(leading_to_ - leading_from_ + 1);
  record_.level = level_of_message_prefix(record_.message);
  leading_from_ = 0;
  emit(record_);
  // Blank lines after the last text are layout.
  for (uint64_t line = leading_to_ + 1; blank_lines_ > 0; ++line, --blank_lines_) {
    structure_line(line);
  }
  leading_to_ = 0;
}

void SmsTraceTokenizer::append_text(std::string_view text) {
  for (size_t pos = text.find("~~"); pos != std::string_view::npos; pos = text.find("~~")) {
    append_message(record_.message, text.substr(0, pos));
    append_message(record_.message, '\n');
    text.remove_prefix(pos + 2);
  }
  append_message(record_.message, text);
}

bool is_sms_trace_line(std::string_view line) {
  Trailer trailer;
  return parse_trailer(line, trailer);
}

}  // namespace certdiag
