// Splits Event Viewer list rows into Records: `Level  Date and Time  Source  Event ID  Task
// Category` as the list view shows them, pasted into tickets and articles with tabs (the
// tab-delimited "Save All Events As… Text" without its header) or with the tabs flattened to
// spaces, and the detail lines pasted under a row (the Details tab's friendly view: `Result …`,
// `[value] 800b0109`), which become its message. Level words in the five languages of
// tokenize/event_labels.h; a placeholder such as `<DateTime>` stands for a time not shown. Does
// not interpret message text; see match/.
#pragma once

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

  DatedRecords dated_;
  Record record_;
  std::string local_date_;  // the open row's locale-dependent date, read when it is handed on
  bool open_ = false;
  uint64_t last_line_ = 0;
};

// Whether a line is an Event Viewer list row: a level word, a date and time (or a placeholder),
// a source and an event id.
bool is_event_list_row(std::string_view line);

}  // namespace certdiag
