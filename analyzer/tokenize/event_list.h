// Splits Event Viewer list rows into Records: `Level  Date and Time  Source  Event ID  Task
// Category` as the list view shows them, pasted into tickets and articles with tabs (the
// tab-delimited "Save All Events As… Text" without its header) or with the tabs flattened to
// spaces, and the detail lines pasted under a row (the Details tab's friendly view: `Result …`,
// `[value] 800b0109`), which become its message. Level words in the five languages of
// tokenize/event_labels.h; a placeholder such as `<DateTime>` stands for a time not shown.
// Also reads events pasted as a Markdown table (`Type | Source | Event ID | General |`): the
// header row names the columns (it needs a source and an event id column), the `---` row under it
// is structure, and each row after it is an event, until a line that is no row. Does not interpret
// message text; see match/.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "tokenize/dated_records.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

class EventListTokenizer final : public Tokenizer {
 public:
  explicit EventListTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "event-list"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void flush();
  // Opens a record for an event and reads its date and time.
  void open_row(uint64_t line_no, Level level, std::string_view source, uint32_t event_id,
                std::string_view time);
  // Reads a row of the open Markdown table; false when the line is none.
  bool feed_table_row(std::string_view line, uint64_t line_no);

  DatedRecords dated_;
  // The open Markdown table: the column of each field (level, time, source, event id, message,
  // log), or -1; all -1 when no table is open.
  std::array<int, 6> table_columns_ = {-1, -1, -1, -1, -1, -1};
  Record record_;
  std::string local_date_;  // the open row's locale-dependent date, read when it is handed on
  bool open_ = false;
  uint64_t last_line_ = 0;
};

// Whether a line is an Event Viewer list row: a level word, a date and time (or a placeholder),
// a source and an event id.
bool is_event_list_row(std::string_view line);

// Whether a line is the header row of a Markdown table of events (cells naming a source and an
// event id column).
bool is_event_table_header(std::string_view line);

// Whether a line shows the event-list layout: a list row or a table header.
bool is_event_list_line(std::string_view line);

// The layout a line that is_event_list_line accepts belongs to, for --why.
std::string_view event_list_layout(std::string_view line);

}  // namespace certdiag
