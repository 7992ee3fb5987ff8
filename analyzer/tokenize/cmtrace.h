// Splits CMTrace ("CCM format") log text into Records: one record per
// `<![LOG[message]LOG]!><time=".." date=".." component=".." type="N" thread=".." file="..">` block,
// whose message may span lines. Text before the first block (a paste that begins inside a message)
// is a record of its own, up to its `]LOG]!>` and with that tag's time and component, or up to the
// first block. Does not interpret message text; see match/.
#pragma once

#include <string_view>

#include "tokenize/tokenizer.h"

namespace certdiag {

class CmtraceTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "cmtrace"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void open(uint64_t line_no);
  void append(std::string_view text, uint64_t line_no);
  // Reads the attribute tag at the start of `tail`, emits the record, returns the text after it.
  std::string_view close(std::string_view tail, uint64_t line_no);
  // Emits an open record whose close never came, as it is: message so far, no attributes.
  void flush_unclosed();

  Record record_;
  bool open_ = false;
  uint64_t last_line_ = 0;  // last line fed into the open record
};

// Whether a line shows a CMTrace record start or end marker.
bool is_cmtrace_line(std::string_view line);

}  // namespace certdiag
