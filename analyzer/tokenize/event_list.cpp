#include "tokenize/event_list.h"

#include <array>
#include <optional>

#include "model/text.h"
#include "tokenize/event_export.h"
#include "tokenize/event_labels.h"

namespace certdiag {
namespace {

struct Row {
  Level level = Level::unknown;
  std::string_view time;  // empty for a placeholder
  std::string_view source;
  uint32_t event_id = 0;
  std::string_view rest;  // task category, and the message of a tab-delimited export
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

const char* end_of(std::string_view word) { return word.data() + word.size(); }

// The first words of a line (views into it); a row needs no more than these.
struct Words {
  std::array<std::string_view, 12> at;
  size_t size = 0;
  const std::string_view& operator[](size_t i) const { return at[i]; }
};

Words words_of(std::string_view line) {
  Words words;
  size_t i = 0;
  while (i < line.size() && words.size < words.at.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    const size_t begin = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > begin) words.at[words.size++] = line.substr(begin, i - begin);
  }
  return words;
}

bool is_placeholder(std::string_view word) {
  return word.size() > 2 && word.front() == '<' && word.back() == '>';
}

// Whether the words read as a date and time an export writes (in any locale order).
bool is_date_time(std::string_view text) {
  if (DatedRecords::depends_on_locale(text)) return true;
  Record probe;
  return read_export_time(text, InputZone(), probe);
}

// Reads `Level  Date and Time  Source  Event ID  Task Category…`.
std::optional<Row> parse_row(std::string_view line) {
  if (line.empty() || is_blank(line.front())) return std::nullopt;
  const Words words = words_of(line);
  if (words.size < 4) return std::nullopt;
  Row row;
  size_t next = 1;
  row.level = level_of_localized_word(words[0]);
  if (row.level == Level::unknown && words.size > 4) {  // "Audit Success", "Audit Failure"
    const std::string_view two(words[0].data(), end_of(words[1]) - words[0].data());
    if (iequals(two, "Audit Success")) row.level = Level::info;
    if (iequals(two, "Audit Failure")) row.level = Level::warning;
    next = 2;
  }
  if (row.level == Level::unknown) return std::nullopt;
  // The time is the longest run of words (up to three: date, time, AM/PM) that reads as one.
  size_t after_time = 0;
  if (is_placeholder(words[next])) {
    after_time = next + 1;
  } else {
    for (size_t count = 3; count >= 1 && after_time == 0; --count) {
      if (next + count >= words.size) continue;
      const char* begin = words[next].data();
      const std::string_view text(begin, end_of(words[next + count - 1]) - begin);
      if (is_date_time(text)) {
        row.time = text;
        after_time = next + count;
      }
    }
  }
  if (after_time == 0) return std::nullopt;
  // The source runs up to the event id ("Service Control Manager 7000").
  for (size_t id = after_time + 1; id < words.size; ++id) {
    const auto event_id = parse_event_id(words[id]);
    if (!event_id) continue;
    const char* begin = words[after_time].data();
    row.source = std::string_view(begin, end_of(words[id - 1]) - begin);
    row.event_id = *event_id;
    row.rest = trim(line.substr(end_of(words[id]) - line.data()));
    return row;
  }
  return std::nullopt;
}

}  // namespace

EventListTokenizer::EventListTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)) {}

void EventListTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (const auto row = parse_row(line)) {
    flush();
    reset(record_, line_no);
    open_ = true;
    last_line_ = line_no;
    record_.level = row->level;
    record_.component.assign(row->source);
    record_.event_id = row->event_id;
    local_date_.clear();
    if (DatedRecords::depends_on_locale(row->time)) {
      local_date_.assign(row->time);
    } else if (!row->time.empty() && !read_export_time(row->time, dated_.zone(), record_)) {
      time_unparsed();
    }
    // A tab-delimited export puts the message after the task category.
    const std::string_view rest = row->rest;
    const size_t tab = rest.find('\t');
    record_.message.assign(tab == std::string_view::npos ? rest : trim(rest.substr(tab + 1)));
    return;
  }
  if (!open_) {
    if (trim(line).empty()) {
      dated_.push_structure(line_no);
    } else {
      dated_.push_not_understood(line_no);
    }
    return;
  }
  const bool piece = line_no == last_line_;  // of a split long line
  last_line_ = line_no;
  if (trim(line).empty()) return;
  if (!piece && !record_.message.empty()) append_message(record_.message, '\n');
  append_message(record_.message, piece ? line : trim(line));
}

void EventListTokenizer::finish() {
  flush();
  dated_.finish();
  set_date_order(date_order_name(dated_.order()), dated_.assumed());
}

void EventListTokenizer::flush() {
  if (!open_) return;
  open_ = false;
  record_.line_count = static_cast<uint32_t>(last_line_ - record_.line + 1);
  dated_.push(std::move(record_), std::move(local_date_));
  record_ = Record();
  local_date_.clear();
}

bool is_event_list_row(std::string_view line) { return parse_row(line).has_value(); }

}  // namespace certdiag
