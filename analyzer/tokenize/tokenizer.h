// The tokenizer interface: turns the lines of one source into Records, one format per
// implementation. Tokenizers do not interpret message text; see match/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "model/time_parse.h"
#include "tokenize/dated_records.h"

namespace certdiag {

struct TokenizeStats {
  uint64_t records = 0;
  uint64_t lines_in_records = 0;       // lines spanned by emitted records
  uint64_t lines_structure = 0;        // headers, directives, separators: understood, not events
  uint64_t lines_not_understood = 0;   // lines that belong to no record
  uint64_t times_unparsed = 0;         // records whose time was present but did not parse
  uint64_t message_bytes_dropped = 0;  // text past the message size limit, dropped
  // The day/month order of the source's locale-dependent dates ("dmy", "mdy"; "" when the layout
  // has none), and whether it was assumed for want of a date that decides it.
  std::string date_order;
  bool date_order_assumed = false;
};

using RecordSink = std::function<void(Record&)>;
struct TokenizeOptions;

class Tokenizer {
 public:
  explicit Tokenizer(RecordSink sink) : sink_(std::move(sink)) {}
  virtual ~Tokenizer() = default;

  virtual std::string_view name() const = 0;
  // Feeds one line without its terminator; line numbers rise by one (a split long line repeats
  // its number for each piece, and counts once).
  virtual void feed(std::string_view line, uint64_t line_no) = 0;
  // Flushes a record still open at the end of the input.
  virtual void finish() = 0;

  const TokenizeStats& stats() const { return stats_; }

 protected:
  // Hands a finished record to the sink and counts it and the lines it spans
  // ([record.line, record.line + line_count)), except lines already counted: the pieces of a
  // split long line may end one record and start the next. Records and lines not understood
  // must be reported in line order.
  void emit(Record& record);
  void not_understood(uint64_t lines = 1) { stats_.lines_not_understood += lines; }
  // Counts line `line_no` as not understood, unless a piece of it was already counted.
  void not_understood_line(uint64_t line_no);
  // The most text a record's message holds: a record that never ends (a CMTrace message that
  // never closes, a stack trace of 200 MiB) cannot exhaust memory.
  static constexpr size_t kMaxMessageBytes = size_t{4} << 20;
  // Appends to a message up to kMaxMessageBytes, cut where a character starts; the rest is
  // counted in message_bytes_dropped.
  void append_message(std::string& message, std::string_view text);
  void append_message(std::string& message, char c) {
    append_message(message, std::string_view(&c, 1));
  }

  // Counts a line that is part of the file's layout (a CSV header, an IIS directive, a blank
  // separator), once even when it arrives in pieces.
  void structure_line(uint64_t line_no);
  void time_unparsed() { ++stats_.times_unparsed; }
  void set_date_order(std::string_view order, bool assumed) {
    stats_.date_order.assign(order);
    stats_.date_order_assumed = assumed;
  }
  // Holds back records of locale-dependent dates until their day/month order is decided (the
  // options give --date-order and --input-tz), then hands them and their lines to this tokenizer.
  DatedRecords dated_records(const TokenizeOptions& options);
  // Clears `record` for reuse (its strings keep their capacity) and starts it at `line_no`;
  // `source` is left for the sink to set.
  static void reset(Record& record, uint64_t line_no);

 private:
  RecordSink sink_;
  TokenizeStats stats_;
  uint64_t counted_through_ = 0;  // every line up to this number is counted
};

// The level a message's own prefix states, for layouts that have no level column: "Error:",
// "Error 0x…", "Warning:" (any case); unknown otherwise.
Level level_of_message_prefix(std::string_view message);

// Names of the line-based formats, in detection order ("plain" last).
const std::vector<std::string_view>& text_format_names();

struct TokenizeOptions {
  // Zone of local times in exports that do not state one (--input-tz): an IANA name such as
  // "Europe/Berlin" or an offset "+02:00"; empty means UTC. Such times are marked time_assumed.
  std::string input_tz;
  // Day/month order of locale-dependent dates when the source's own dates do not decide it
  // (--date-order); unknown: month first, marked assumed.
  DateOrder date_order = DateOrder::unknown;
};

// Creates the tokenizer for a format name; nullptr when the name is unknown.
std::unique_ptr<Tokenizer> make_tokenizer(std::string_view format, RecordSink sink,
                                          const TokenizeOptions& options = {});

// Picks the format whose layout the first lines of a source show; "plain" when none fits.
std::string_view detect_format(const std::vector<std::string>& first_lines);

// The format detect_format picks, and why: which lines decided (for --why).
struct Detection {
  std::string format;
  std::string reason;
};
Detection detect_format_why(const std::vector<std::string>& first_lines);

}  // namespace certdiag
