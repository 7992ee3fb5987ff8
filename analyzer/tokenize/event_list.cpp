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

// A Markdown table row's cells, without the empty ones its outer pipes make.
std::vector<std::string_view> table_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  line = trim(line);
  if (!line.empty() && line.front() == '|') line.remove_prefix(1);
  if (!line.empty() && line.back() == '|') line.remove_suffix(1);
  for (size_t start = 0;;) {
    const size_t bar = line.find('|', start);
    cells.push_back(trim(line.substr(start, bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

enum TableField { kLevel, kTime, kSource, kEventId, kMessage, kLog };

// The field a table header cell names, or -1.
int table_field(std::string_view cell) {
  static const std::array<std::pair<std::string_view, TableField>, 17> names = {{
      {"type", kLevel},
      {"level", kLevel},
      {"event type", kLevel},
      {"date and time", kTime},
      {"date", kTime},
      {"time", kTime},
      {"timecreated", kTime},
      {"source", kSource},
      {"provider", kSource},
      {"event source", kSource},
      {"event id", kEventId},
      {"eventid", kEventId},
      {"id", kEventId},
      {"general", kMessage},
      {"description", kMessage},
      {"message", kMessage},
      {"log name", kLog},
  }};
  for (const auto& [name, field] : names) {
    if (iequals(cell, name)) return field;
  }
  return -1;
}

// The columns a table header names; all -1 when it names no source and event id column.
std::array<int, 6> table_header(std::string_view line) {
  std::array<int, 6> columns = {-1, -1, -1, -1, -1, -1};
  if (line.find('|') == std::string_view::npos) return columns;
  const std::vector<std::string_view> cells = table_cells(line);
  for (size_t i = 0; i < cells.size(); ++i) {
    const int field = table_field(cells[i]);
    if (field >= 0 && columns[field] < 0) columns[field] = static_cast<int>(i);
  }
  if (columns[kSource] < 0 || columns[kEventId] < 0) columns.fill(-1);
  return columns;
}

// The `|---|:---|` row under a table header.
bool is_table_rule(std::string_view line) {
  line = trim(line);
  return !line.empty() && line.find('-') != std::string_view::npos &&
         line.find_first_not_of("|-: \t") == std::string_view::npos;
}

}  // namespace

EventListTokenizer::EventListTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)) {}

void EventListTokenizer::open_row(uint64_t line_no, Level level, std::string_view source,
                                  uint32_t event_id, std::string_view time) {
  flush();
  reset(record_, line_no);
  open_ = true;
  last_line_ = line_no;
  record_.level = level;
  record_.component.assign(source);
  record_.event_id = event_id;
  local_date_.clear();
  if (DatedRecords::depends_on_locale(time)) {
    local_date_.assign(time);
  } else if (!time.empty() && !is_placeholder(time) &&
             !read_export_time(time, dated_.zone(), record_)) {
    time_unparsed();
  }
}

bool EventListTokenizer::feed_table_row(std::string_view line, uint64_t line_no) {
  if (is_table_rule(line)) {
    flush();
    dated_.push_structure(line_no);
    return true;
  }
  if (line.find('|') == std::string_view::npos) return false;
  const std::vector<std::string_view> cells = table_cells(line);
  const auto cell = [&](TableField field) {
    const int column = table_columns_[field];
    return column >= 0 && static_cast<size_t>(column) < cells.size() ? cells[column]
                                                                     : std::string_view();
  };
  const auto event_id = parse_event_id(cell(kEventId));
  if (!event_id) return false;
  open_row(line_no, level_of_localized_word(cell(kLevel)), cell(kSource), *event_id, cell(kTime));
  record_.channel.assign(cell(kLog));
  record_.message.assign(cell(kMessage));
  return true;
}

void EventListTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (const auto header = table_header(line); header[kEventId] >= 0) {
    flush();
    table_columns_ = header;
    dated_.push_structure(line_no);
    return;
  }
  if (table_columns_[kEventId] >= 0) {
    if (feed_table_row(line, line_no)) return;
    table_columns_.fill(-1);  // the table ended, and its last row with it
    flush();
  }
  if (const auto row = parse_row(line)) {
    open_row(line_no, row->level, row->source, row->event_id, row->time);
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

bool is_event_table_header(std::string_view line) { return table_header(line)[kEventId] >= 0; }

bool is_event_list_line(std::string_view line) {
  return is_event_list_row(line) || is_event_table_header(line);
}

std::string_view event_list_layout(std::string_view line) {
  return is_event_table_header(line) ? "Markdown table of events" : "Event Viewer list rows";
}

}  // namespace certdiag
