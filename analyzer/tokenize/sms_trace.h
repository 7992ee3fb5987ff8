// Splits site-server "SMS trace" log text into Records: `message  $$<component><MM-DD-YYYY
// HH:MM:SS.mmm+BIAS><thread=2868 (0xB34)>`, with `~~` standing for a line break in the message. A
// message that spans lines carries the trailer on its last line: lines without one begin the
// next record (an AMT "Error: Device internal error. This may be caused by: 1. … 2. …" is one
// record), and lines left at the end of the input still make a record, without time. The format
// has no level: an `Error:` or `Warning:` prefix of the message gives it. Does not interpret
// message text otherwise.
#pragma once

#include <string_view>

#include "tokenize/tokenizer.h"

namespace certdiag {

class SmsTraceTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "sms-trace"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  // Hands on the lines gathered since the last record as a record of their own.
  void flush_leading();
  void append_text(std::string_view text);  // "~~" stands for a line break

  Record record_;
  uint64_t leading_from_ = 0;  // first line of the record being gathered; 0 when none
  uint64_t leading_to_ = 0;    // its last line so far
  size_t blank_lines_ = 0;     // blank lines after it, not yet placed
};

// Whether a line ends with an SMS trace trailer `$$<component><time><thread=...>`.
bool is_sms_trace_line(std::string_view line);

}  // namespace certdiag
