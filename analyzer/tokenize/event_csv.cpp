#include "tokenize/event_csv.h"

#include <algorithm>
#include <array>

#include "model/text.h"
#include "model/thread_scratch.h"

namespace certdiag {
namespace {

using Columns = EventCsvTokenizer::Columns;
constexpr size_t kNone = EventCsvTokenizer::kNone;

constexpr std::array<char, 3> kDelimiters = {',', ';', '\t'};

struct ColumnName {
  std::string_view name;
  size_t Columns::*column;
};

constexpr ColumnName kColumnNames[] = {
    {"Level", &Columns::level},         {"LevelDisplayName", &Columns::level},
    {"Date and Time", &Columns::time},  {"TimeCreated", &Columns::time},
    {"Source", &Columns::source},       {"ProviderName", &Columns::source},
    {"Event ID", &Columns::event_id},   {"Id", &Columns::event_id},
    {"EventID", &Columns::event_id},    {"Message", &Columns::message},
    {"Description", &Columns::message}, {"MachineName", &Columns::host},
    {"Computer", &Columns::host},       {"LogName", &Columns::channel},
    {"Log Name", &Columns::channel},
};

// Maps header names to columns; false when they do not make an event header (a time column and
// a level, source or event id column).
template <class Names>
bool map_header(const Names& names, size_t count, Columns& out) {
  Columns columns;
  columns.count = count;
  size_t unnamed = kNone;
  for (size_t i = 0; i < count; ++i) {
    std::string_view name = trim(names[i]);
    if (name.empty() && unnamed == kNone) unnamed = i;
    for (const ColumnName& known : kColumnNames) {
      if (iequals(name, known.name) && columns.*known.column == kNone) columns.*known.column = i;
    }
  }
  if (columns.time == kNone ||
      (columns.level == kNone && columns.source == kNone && columns.event_id == kNone)) {
    return false;
  }
  if (columns.message == kNone) columns.message = unnamed;  // a header ending in a delimiter
  out = columns;
  return true;
}

// Splits one line at `delimiter` outside quotes, dropping the quotes around a field (doubled
// quotes inside stay doubled: enough for header names).
void split_line(std::string_view line, char delimiter, std::vector<std::string_view>& out) {
  out.clear();
  size_t begin = 0;
  bool quoted = false;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && line[i] == '"') quoted = !quoted;
    if (i == line.size() || (line[i] == delimiter && !quoted)) {
      std::string_view field = trim(line.substr(begin, i - begin));
      if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
        field = field.substr(1, field.size() - 2);
      }
      out.push_back(field);
      begin = i + 1;
    }
  }
}

// The delimiter of a header line and its columns, or nullopt when the line is no header.
std::optional<char> read_header_line(std::string_view line, Columns& columns) {
  thread_local ThreadScratch<std::vector<std::string_view>> kept_names;
  std::vector<std::string_view>& names = kept_names.get();
  for (char delimiter : kDelimiters) {
    if (line.find(delimiter) == std::string_view::npos) continue;
    split_line(line, delimiter, names);
    if (map_header(names, names.size(), columns)) return delimiter;
  }
  return std::nullopt;
}

}  // namespace

EventCsvTokenizer::EventCsvTokenizer(RecordSink sink, const TokenizeOptions& options,
                                     size_t max_row_bytes)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)), max_row_bytes_(max_row_bytes) {}

void EventCsvTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (line_no == skip_line_ || (has_header_ && line_no == header_line_)) return;
  if (row_open_ && line_no != last_line_) {
    if (state_ == State::quoted) {
      fields_[field_count_ - 1] += '\n';  // a line break inside quotes belongs to the field
    } else {
      end_row();
    }
  }
  if (!row_open_ && !has_header_) {
    // Before the header nothing is a record; a line at a time is enough to find it.
    if (auto delimiter = read_header_line(line, columns_)) {
      delimiter_ = *delimiter;
      has_header_ = true;
      header_line_ = line_no;
      dated_.push_structure(line_no);
      return;
    }
    dated_.push_not_understood(line_no);
    return;
  }
  if (!row_open_) start_row(line_no);
  last_line_ = line_no;
  scan(line);
  row_bytes_ += line.size() + 1;
  if (row_bytes_ > max_row_bytes_) {
    drop_row(line_no);
    skip_line_ = line_no;
  }
}

void EventCsvTokenizer::finish() {
  // An unclosed quote at the end of the input ends its field there.
  if (row_open_) end_row();
  dated_.finish();
  set_date_order(date_order_name(dated_.order()), dated_.assumed());
}

void EventCsvTokenizer::start_row(uint64_t line_no) {
  row_open_ = true;
  row_line_ = line_no;
  last_line_ = line_no;
  row_bytes_ = 0;
  field_count_ = 0;
  next_field();
}

void EventCsvTokenizer::next_field() {
  if (field_count_ == fields_.size()) fields_.emplace_back();
  fields_[field_count_++].clear();
  state_ = State::field_start;
}

void EventCsvTokenizer::scan(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    std::string& field = fields_[field_count_ - 1];
    switch (state_) {
      case State::field_start:
        if (text[i] == '"') {
          state_ = State::quoted;
          ++i;
        } else {
          state_ = State::unquoted;
        }
        break;
      case State::unquoted: {
        size_t end = std::min(text.find(delimiter_, i), n);
        field.append(text.substr(i, end - i));
        i = end;
        if (i < n) {
          next_field();
          ++i;
        }
        break;
      }
      case State::quoted: {
        size_t end = std::min(text.find('"', i), n);
        field.append(text.substr(i, end - i));
        i = end;
        if (i < n) {
          state_ = State::quote_in_quoted;
          ++i;
        }
        break;
      }
      case State::quote_in_quoted:
        if (text[i] == '"') {  // a doubled quote stands for one
          field += '"';
          state_ = State::quoted;
          ++i;
        } else if (text[i] == delimiter_) {
          next_field();
          ++i;
        } else {
          state_ = State::unquoted;  // text after a closing quote joins the field, as Excel does
        }
        break;
    }
  }
}

void EventCsvTokenizer::end_row() {
  row_open_ = false;
  const bool blank = field_count_ == 1 && trim(fields_[0]).empty();
  Columns header;
  if (!blank && map_header(fields_, field_count_, header)) {
    columns_ = header;  // a second export appended to the first
    for (uint64_t line = row_line_; line <= last_line_; ++line) dated_.push_structure(line);
    return;
  }
  if (blank) {
    for (uint64_t line = row_line_; line <= last_line_; ++line) dated_.push_structure(line);
    return;
  }
  const bool fits = field_count_ == columns_.count ||
                    (field_count_ == columns_.count + 1 && columns_.message == kNone);
  if (!fits) {
    drop_row(last_line_);
    return;
  }
  emit_row();
}

void EventCsvTokenizer::drop_row(uint64_t through) {
  row_open_ = false;
  for (uint64_t line = row_line_; line <= through; ++line) dated_.push_not_understood(line);
}

void EventCsvTokenizer::emit_row() {
  reset(record_, row_line_);
  record_.line_count = static_cast<uint32_t>(last_line_ - row_line_ + 1);
  auto field = [&](size_t column) -> std::string_view {
    return column < field_count_ ? std::string_view(fields_[column]) : std::string_view();
  };
  record_.level = level_of_word(field(columns_.level));
  // A slash date reads day or month first as the source's own dates decide.
  std::string locale_date;
  if (std::string_view time = trim(field(columns_.time)); DatedRecords::depends_on_locale(time)) {
    locale_date.assign(time);
  } else if (!time.empty() && !read_export_time(time, dated_.zone(), record_)) {
    time_unparsed();
  }
  record_.component.assign(trim(field(columns_.source)));
  record_.event_id = parse_event_id(field(columns_.event_id));
  record_.host.assign(trim(field(columns_.host)));
  record_.channel.assign(trim(field(columns_.channel)));
  // The message of a header without a Message column is the unnamed field after the last one.
  const size_t message = columns_.message != kNone ? columns_.message : columns_.count;
  if (message < field_count_) record_.message.swap(fields_[message]);  // no copy; both reused
  dated_.push_reused(record_, locale_date);
}

bool is_event_csv_header(std::string_view line) {
  Columns columns;
  return read_header_line(line, columns).has_value();
}

}  // namespace certdiag
