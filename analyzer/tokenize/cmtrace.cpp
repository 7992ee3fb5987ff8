#include "tokenize/cmtrace.h"

#include <algorithm>
#include <string>

#include "model/time_parse.h"

namespace certdiag {
namespace {

constexpr std::string_view kOpen = "<![LOG[";
constexpr std::string_view kClose = "]LOG]!>";

struct Attributes {
  std::string_view time, date, component, context, type, thread, file;
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

void assign(Attributes& attributes, std::string_view name, std::string_view value) {
  struct Slot {
    std::string_view name;
    std::string_view Attributes::*field;
  };
  static constexpr Slot kSlots[] = {
      {"time", &Attributes::time},           {"date", &Attributes::date},
      {"component", &Attributes::component}, {"context", &Attributes::context},
      {"type", &Attributes::type},           {"thread", &Attributes::thread},
      {"file", &Attributes::file},
  };
  for (const Slot& slot : kSlots) {
    if (iequals(name, slot.name)) {
      attributes.*slot.field = value;
      return;
    }
  }
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Reads the tag `<name="value" ...>` at the start of `tail` by attribute name, tolerating any
// order, case, missing or unknown attributes, and a tag cut short. Returns the length read.
size_t read_attributes(std::string_view tail, Attributes& attributes) {
  const size_t n = tail.size();
  if (n == 0 || tail[0] != '<') return 0;
  size_t i = 1;
  while (i < n) {
    while (i < n && is_blank(tail[i])) ++i;
    if (i == n) break;
    if (tail[i] == '>') return i + 1;
    size_t name_begin = i;
    while (i < n && tail[i] != '=' && tail[i] != '>' && !is_blank(tail[i])) ++i;
    std::string_view name = tail.substr(name_begin, i - name_begin);
    if (i == n || tail[i] != '=') continue;  // a bare word carries nothing
    ++i;
    std::string_view value;
    if (i < n && (tail[i] == '"' || tail[i] == '\'')) {
      char quote = tail[i++];
      size_t end = std::min(tail.find(quote, i), n);
      value = tail.substr(i, end - i);
      i = std::min(end + 1, n);
    } else {
      size_t value_begin = i;
      while (i < n && tail[i] != '>' && !is_blank(tail[i])) ++i;
      value = tail.substr(value_begin, i - value_begin);
    }
    assign(attributes, name, value);
  }
  return n;
}

Level level_of_type(std::string_view type) {
  if (type == "1") return Level::info;
  if (type == "2") return Level::warning;
  if (type == "3") return Level::error;
  return Level::unknown;
}

}  // namespace

void CmtraceTokenizer::feed(std::string_view line, uint64_t line_no) {
  std::string_view rest = line;
  if (!open_) {
    size_t start = rest.find(kOpen);
    if (start != std::string_view::npos) {
      open(line_no);
      rest.remove_prefix(start + kOpen.size());
    } else if (stats().records == 0 && line.find_first_not_of(" \t") != std::string_view::npos) {
      open(line_no);  // a paste cut inside a message: its tail, up to `]LOG]!>`, is a record
    } else {
      not_understood_line(line_no);
      return;
    }
  }
  // The open record takes text up to its close marker, or up to a new record's start when its
  // close is missing; several records may share the line.
  for (;;) {
    size_t end = rest.find(kClose);
    size_t next = rest.substr(0, end).find(kOpen);
    if (next != std::string_view::npos) {
      // An unclosed record that meets a new start at the beginning of a line ended a line before.
      if (next > 0 || line_no == last_line_) append(rest.substr(0, next), line_no);
      flush_unclosed();
      open(line_no);
      rest.remove_prefix(next + kOpen.size());
      continue;
    }
    if (end == std::string_view::npos) {
      append(rest, line_no);
      return;
    }
    append(rest.substr(0, end), line_no);
    rest = close(rest.substr(end + kClose.size()), line_no);
    size_t again = rest.find(kOpen);
    if (again == std::string_view::npos) return;  // text after the tag carries nothing
    open(line_no);
    rest.remove_prefix(again + kOpen.size());
  }
}

void CmtraceTokenizer::finish() {
  if (open_) flush_unclosed();
}

void CmtraceTokenizer::open(uint64_t line_no) {
  reset(record_, line_no);
  open_ = true;
  last_line_ = line_no;
}

void CmtraceTokenizer::append(std::string_view text, uint64_t line_no) {
  // Pieces of a split long line share a number and join without a break.
  if (line_no != last_line_) append_message(record_.message, '\n');
  append_message(record_.message, text);
  last_line_ = line_no;
}

std::string_view CmtraceTokenizer::close(std::string_view tail, uint64_t line_no) {
  Attributes attributes;
  size_t used = read_attributes(tail, attributes);
  record_.line_count = static_cast<uint32_t>(line_no - record_.line + 1);
  record_.component.assign(attributes.component);
  record_.thread.assign(attributes.thread);
  record_.level = level_of_type(attributes.type);
  if (!attributes.date.empty() || !attributes.time.empty()) {
    // Keep the local time as written: the sign of the bias is documented nowhere.
    assign_local_time(record_.local_time, attributes.date, attributes.time);
    record_.time = parse_cmtrace_time(attributes.date, attributes.time);
    if (!record_.time) time_unparsed();
  }
  if (!attributes.file.empty()) record_.data.push_back({"file", std::string(attributes.file)});
  if (!attributes.context.empty()) {
    record_.data.push_back({"context", std::string(attributes.context)});
  }
  open_ = false;
  emit(record_);
  return tail.substr(used);
}

void CmtraceTokenizer::flush_unclosed() {
  record_.line_count = static_cast<uint32_t>(last_line_ - record_.line + 1);
  open_ = false;
  emit(record_);
}

bool is_cmtrace_line(std::string_view line) {
  return line.find(kOpen) != std::string_view::npos || line.find(kClose) != std::string_view::npos;
}

}  // namespace certdiag
