#include "tokenize/cmtrace_copy.h"

#include <optional>

#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool is_date_time(std::string_view text) {
  return parse_local_date_time(text, DateOrder::dmy) || parse_local_date_time(text, DateOrder::mdy);
}

// Splits `text` at its last run of `separator` (a TAB, or two or more spaces): what is before
// (trimmed) and after.
bool split_last(std::string_view text, bool tab, std::string_view& before,
                std::string_view& after) {
  size_t end = std::string_view::npos;
  size_t begin = 0;
  if (tab) {
    end = text.rfind('\t');
    if (end == std::string_view::npos) return false;
    begin = end;
    while (begin > 0 && text[begin - 1] == '\t') --begin;
  } else {
    end = text.rfind("  ");
    if (end == std::string_view::npos) return false;
    begin = end;
    while (begin > 0 && text[begin - 1] == ' ') --begin;
  }
  before = trim_end(text.substr(0, begin));
  after = trim(text.substr(end + 1));
  return true;
}

// `message component date time` or `message date time component` with single spaces: the last
// words that make a date and time, and the word on their other side.
bool split_single_spaced(std::string_view rest, CmtraceCopyLine& out) {
  // The start of each of the last six words.
  size_t starts[6];
  size_t count = 0;
  for (size_t end = rest.size(); count < 6 && end > 0;) {
    size_t begin = rest.rfind(' ', end - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    starts[count++] = begin;
    if (begin == 0) break;
    end = begin - 1;
  }
  // Date and time are two words (three with AM/PM); the component one word after or before.
  for (size_t words : {3u, 2u}) {
    if (count >= words + 1) {  // component last
      const size_t dt_begin = starts[words];
      const std::string_view date_time = trim(rest.substr(dt_begin, starts[0] - dt_begin));
      if (is_date_time(date_time)) {
        out.component = rest.substr(starts[0]);
        out.date_time = date_time;
        out.message = trim_end(rest.substr(0, dt_begin));
        return true;
      }
    }
    if (count >= words + 1) {  // component before the date
      const std::string_view date_time = rest.substr(starts[words - 1]);
      if (is_date_time(date_time)) {
        out.date_time = date_time;
        out.component = trim(rest.substr(starts[words], starts[words - 1] - starts[words]));
        out.message = trim_end(rest.substr(0, starts[words]));
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool parse_cmtrace_copy_line(std::string_view line, CmtraceCopyLine& out) {
  line = trim_end(line);
  // The thread column: `1380 (0x0564)`.
  if (line.size() < 7 || line.back() != ')') return false;
  const size_t open = line.rfind('(');
  if (open == std::string_view::npos || open < 2 || line.substr(open + 1, 2) != "0x") return false;
  for (size_t i = open + 3; i + 1 < line.size(); ++i) {
    if (!is_hex(line[i])) return false;
  }
  if (open + 4 > line.size() - 1 || line[open - 1] != ' ') return false;
  size_t digits = open - 1;
  while (digits > 0 && is_digit(line[digits - 1])) --digits;
  if (digits == open - 1 || digits == 0 || !is_blank(line[digits - 1])) return false;
  out.thread = line.substr(digits, open - 1 - digits);
  const std::string_view rest = trim_end(line.substr(0, digits));

  std::string_view before;
  std::string_view date_time;
  std::string_view component;
  std::string_view message;
  for (bool tab : {true, false}) {
    if (split_last(rest, tab, before, date_time) && is_date_time(date_time) &&
        split_last(before, tab, message, component) && !component.empty()) {
      out.message = message;
      out.component = component;
      out.date_time = date_time;
      return true;
    }
  }
  return split_single_spaced(rest, out);
}

CmtraceCopyTokenizer::CmtraceCopyTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)) {}

void CmtraceCopyTokenizer::feed(std::string_view line, uint64_t line_no) {
  const bool piece = line_no == last_line_;
  last_line_ = line_no;
  CmtraceCopyLine columns;
  if (piece || !parse_cmtrace_copy_line(line, columns)) {
    if (!piece && trim(line).empty()) {
      // Between entries, layout; inside a message, kept once text follows.
      if (leading_from_ == 0) {
        dated_.push_structure(line_no);
      } else {
        ++blank_lines_;
      }
      return;
    }
    if (leading_from_ == 0) leading_from_ = line_no;
    if (!piece && leading_to_ != 0) {
      append_message(leading_, std::string(blank_lines_ + 1, '\n'));
    }
    blank_lines_ = 0;
    append_message(leading_, line);
    leading_to_ = line_no;
    return;
  }
  Record record;
  reset(record, leading_from_ != 0 ? leading_from_ : line_no);
  record.line_count = static_cast<uint32_t>(line_no - record.line + 1);
  if (leading_from_ != 0) {
    record.message = std::move(leading_);
    append_message(record.message, std::string(blank_lines_ + 1, '\n'));
  }
  blank_lines_ = 0;
  append_message(record.message, columns.message);
  record.component.assign(columns.component);
  record.thread.assign(columns.thread);
  record.level = level_of_message_prefix(record.message);
  leading_.clear();
  leading_from_ = leading_to_ = 0;
  dated_.push(std::move(record), std::string(columns.date_time));
}

void CmtraceCopyTokenizer::finish() {
  flush_leading();
  dated_.finish();
  set_date_order(date_order_name(dated_.order()), dated_.assumed());
}

void CmtraceCopyTokenizer::flush_leading() {
  if (leading_from_ == 0) return;
  Record record;
  reset(record, leading_from_);
  record.line_count = static_cast<uint32_t>(leading_to_ - leading_from_ + 1);
  record.message = std::move(leading_);
  record.level = level_of_message_prefix(record.message);
  leading_.clear();
  leading_from_ = leading_to_ = 0;
  dated_.push(std::move(record), "");
  // Blank lines after the last text are layout.
  for (uint64_t line = last_line_ - blank_lines_ + 1; blank_lines_ > 0; ++line, --blank_lines_) {
    dated_.push_structure(line);
  }
}

bool is_cmtrace_copy_line(std::string_view line) {
  CmtraceCopyLine columns;
  return parse_cmtrace_copy_line(line, columns);
}

std::string_view cmtrace_copy_layout(std::string_view line) {
  return line.find('\t') != std::string_view::npos
             ? "lines copied out of CMTrace, OneTrace or Support Center"
             : "lines copied out of CMTrace, OneTrace or Support Center, TABs turned to spaces";
}

}  // namespace certdiag
