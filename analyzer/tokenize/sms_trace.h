// Splits site-server "SMS trace" log text into Records: `message  $$<component><MM-DD-YYYY
// HH:MM:SS.mmm+BIAS><thread=2868 (0xB34)>`, with `~~` standing for a line break in the message and
// lines without the trailer continuing the record before them. Does not interpret message text
// and assigns no level (the format has none).
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
  void flush();
  void append_text(std::string_view text);  // "~~" stands for a line break

  Record record_;
  bool open_ = false;
  uint64_t last_line_ = 0;  // last line fed into the open record
};

// Whether a line ends with an SMS trace trailer `$$<component><time><thread=...>`.
bool is_sms_trace_line(std::string_view line);

}  // namespace certdiag
