// Splits Windows event text exports into Records: `wevtutil qe /f:text` (`Event[N]:` blocks of
// indented `Label: value` lines, then the description), PowerShell `Get-WinEvent |
// Format-List` (blank-line separated `Name : value` blocks) and Event Viewer's "Copy details as
// text" (`Log Name:` … `Description:` blocks in five languages, optionally followed by `Event Xml:`
// and the event's XML; see tokenize/event_labels.h). Does not interpret message text; see match/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tokenize/dated_records.h"
#include "tokenize/event_export.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// Fields are read by label, English as both tools write them:
//   Source | ProviderName                   -> component
//   Event ID | Id                           -> event_id
//   Level | LevelDisplayName                -> level (English words; a numeric Format-List
//                                              `Level` 1-5 too, 0 LogAlways as info)
//   Date | TimeCreated                      -> time, local time read in --input-tz
//                                              (time_assumed) unless it ends in Z or an offset;
//                                              slash dates day or month first as the source's
//                                              own dates decide (tokenize/dated_records.h)
//   Computer | MachineName                  -> host
//   Log Name | LogName                      -> channel
//   Description | Message                   -> message
// Other labels (Task, Opcode, Keyword, User, …) are not kept. wevtutil descriptions run, not
// indented, to the next `Event[`; Format-List values continue on lines indented to the value
// column, which are joined with '\n' (PowerShell also wraps long values that way). Blank lines
// after a record's last text, and lines outside any record, are not understood; text before the
// first record (a paste cut in the middle of a description) is a record of its own.
// "Copy details as text" blocks start at their log label (or at any field label, for a paste cut
// at the top) and read the same fields by their localized labels; the description runs to the
// next block (a log label, or a field label after a blank line) or to `Event Xml:`, whose
// EventData becomes the record's data and whose UTC SystemTime wins over the local `Date:`. A
// field label seen twice starts a new block (pastes without blank lines between events).
// Format-List pasted through a forum or Markdown often comes with a blank line between every
// property: after a blank line, a property the open record does not have yet continues it when
// the record holds one property or all its properties so far were spaced that way.
class EventTextTokenizer final : public Tokenizer {
 public:
  explicit EventTextTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "event-text"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  enum class Mode {
    none,
    wevtutil_header,
    wevtutil_description,
    list,
    viewer_header,
    viewer_description,
    viewer_xml
  };

  void open(Mode mode, uint64_t line_no);
  void close();
  // Sets the record's field for a label it reads; other labels are ignored.
  void take(std::string_view label, std::string_view value);
  // Appends a text line to the message, after the blank lines that preceded it.
  void append_message_line(std::string_view text, uint64_t line_no);
  void feed_list(std::string_view line, uint64_t line_no);
  void feed_viewer(std::string_view line, uint64_t line_no);
  // Reads the event XML collected after `Event Xml:` into the open record and closes it.
  void close_viewer_xml(uint64_t line_no);
  // Sets the open viewer record's time from its Date (and 2003 Time) text, unless its XML did.
  void settle_viewer_time();

  DatedRecords dated_;  // holds records whose slash date waits for the day/month order
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
  std::vector<std::string> list_labels_;  // the open Format-List record's names so far
  bool spaced_ = false;         // its properties are separated by blank lines (a re-spaced paste)
  size_t value_column_ = 0;     // where the last Format-List value began
  unsigned viewer_fields_ = 0;  // "Copy details as text": the fields the open block has set
  std::string date_text_;       // its Date value, read when the block closes
  std::string time_text_;       // its Time value (Windows Server 2003 copies split the two)
  std::string xml_;             // the XML after `Event Xml:`
  bool xml_time_ = false;       // the XML gave the time
  bool fragment_ = false;       // the open record is text cut from a description, without fields
  bool closed_any_ = false;     // a record was closed: text outside one is no longer a fragment
};

// Whether a line shows an event text layout: `Event[N]:`, an indented wevtutil `Log Name:` or
// `Event ID:` line, a Format-List `TimeCreated :`, `ProviderName :`, `LevelDisplayName :`,
// `MachineName :` or `LogName :` line, or a "Copy details as text" log or event id line in one of
// its languages (`Log Name:`, `Ereignis-ID:`, `イベント ID:`, …).
bool is_event_text_line(std::string_view line);

// The layout a line that is_event_text_line accepts belongs to, for --why: "Event Viewer \"Copy
// details as text\"", "wevtutil /f:text" or "Get-WinEvent | Format-List".
std::string_view event_text_layout(std::string_view line);

}  // namespace certdiag
