// Splits Windows event CSV exports into Records: Event Viewer "Save All Events As… CSV"
// (`Level,Date and Time,Source,Event ID,Task Category` and the message as an unnamed trailing
// field) and PowerShell `Select-Object LevelDisplayName,TimeCreated,ProviderName,Id,… |
// ConvertTo-Csv` / Export-Csv. Does not interpret message text; see match/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/dated_records.h"
#include "tokenize/event_export.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// Columns are found by their header name, case-insensitively and in any order:
//   Level | LevelDisplayName            -> level (English words; localized ones are unknown)
//   Date and Time | TimeCreated         -> time, local time read in --input-tz (time_assumed);
//                                          slash dates day or month first as the source's own
//                                          dates decide (tokenize/dated_records.h)
//   Source | ProviderName               -> component
//   Event ID | Id | EventID             -> event_id
//   Message | Description | unnamed     -> message (else the unnamed field after the last column)
//   MachineName | Computer              -> host
//   LogName | Log Name                  -> channel
// Other columns (Task Category, …) are not kept. The delimiter is the header's: ',', ';'
// (Export-Csv -UseCulture) or a tab. Fields follow RFC 4180: a quoted field may hold delimiters,
// doubled quotes and line breaks, so a record may span lines. A row whose field count does not
// fit the header, a row longer than max_row_bytes (an unclosed quote), the header itself and any
// line before it (`#TYPE …`) are not understood.
class EventCsvTokenizer final : public Tokenizer {
 public:
  static constexpr size_t kMaxRowBytes = size_t{4} << 20;

  explicit EventCsvTokenizer(RecordSink sink, const TokenizeOptions& options = {},
                             size_t max_row_bytes = kMaxRowBytes);

  std::string_view name() const override { return "event-csv"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Positions of the columns a record reads.
  struct Columns {
    size_t level = kNone, time = kNone, source = kNone, event_id = kNone, message = kNone,
           host = kNone, channel = kNone;
    size_t count = 0;  // fields in the header
  };

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  void start_row(uint64_t line_no);
  void scan(std::string_view text);
  void next_field();
  void end_row();
  void drop_row(uint64_t through);
  void emit_row();

  DatedRecords dated_;  // holds rows whose slash date waits for the day/month order
  size_t max_row_bytes_;
  char delimiter_ = ',';
  bool has_header_ = false;
  Columns columns_;
  uint64_t header_line_ = 0;  // pieces of the header line that follow are skipped

  // The row being read; field strings keep their capacity from row to row.
  std::vector<std::string> fields_;
  size_t field_count_ = 0;
  size_t row_bytes_ = 0;
  State state_ = State::field_start;
  bool row_open_ = false;
  uint64_t row_line_ = 0;
  uint64_t last_line_ = 0;
  uint64_t skip_line_ = 0;  // a dropped row's last line, whose remaining pieces are skipped
  Record record_;
};

// Whether a line is an event CSV header: a time column (`Date and Time`, `TimeCreated`) and a
// level, source or event id column, split by ',', ';' or a tab.
bool is_event_csv_header(std::string_view line);

}  // namespace certdiag
