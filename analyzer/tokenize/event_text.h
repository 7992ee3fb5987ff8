// Splits Windows event text exports into Records: `wevtutil qe /f:text` (`Event[N]:` blocks of
// indented `Label: value` lines, then the description) and PowerShell `Get-WinEvent |
// Format-List` (blank-line separated `Name : value` blocks). Does not interpret message text;
// see match/.
#pragma once

#include <string>
#include <string_view>

#include "tokenize/event_export.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// Fields are read by label, English as both tools write them:
//   Source | ProviderName                   -> component
//   Event ID | Id                           -> event_id
//   Level | LevelDisplayName                -> level (English words; a numeric Format-List
//                                              `Level` 1-5 too, 0 LogAlways as info)
//   Date | TimeCreated                      -> time, local time read in --input-tz
//                                              (time_assumed) unless it ends in Z or an offset
//   Computer | MachineName                  -> host
//   Log Name | LogName                      -> channel
//   Description | Message                   -> message
// Other labels (Task, Opcode, Keyword, User, …) are not kept. wevtutil descriptions run, not
// indented, to the next `Event[`; Format-List values continue on lines indented to the value
// column, which are joined with '\n' (PowerShell also wraps long values that way). Blank lines
// after a record's last text, and lines outside any record, are not understood.
class EventTextTokenizer final : public Tokenizer {
 public:
  explicit EventTextTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "event-text"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  enum class Mode { none, wevtutil_header, wevtutil_description, list };

  void open(Mode mode, uint64_t line_no);
  void close();
  // Sets the record's field for a label it reads; other labels are ignored.
  void take(std::string_view label, std::string_view value);
  // Appends a text line to the message, after the blank lines that preceded it.
  void append_message_line(std::string_view text, uint64_t line_no);
  void feed_list(std::string_view line, uint64_t line_no);

  InputZone zone_;
  Mode mode_ = Mode::none;
  Record record_;
  uint64_t last_line_ = 0;     // last line fed
  uint64_t content_line_ = 0;  // last non-blank line of the open record
  uint64_t blank_from_ = 0;    // the blank lines since content_line_: first, 0 when none,
  uint64_t blank_to_ = 0;      // and last
  bool numeric_level_ = false;
  bool time_failed_ = false;  // the open record's Date did not parse
  bool in_message_ = false;   // the last field read was the message (continuations join it)
  std::string first_label_;   // the open Format-List record's first name: seen again, a new one
  size_t value_column_ = 0;   // where the last Format-List value began
};

// Whether a line shows an event text layout: `Event[N]:`, an indented wevtutil `Log Name:` or
// `Event ID:` line, or a Format-List `TimeCreated :`, `ProviderName :`, `LevelDisplayName :`,
// `MachineName :` or `LogName :` line.
bool is_event_text_line(std::string_view line);

}  // namespace certdiag
