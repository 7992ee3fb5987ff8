// The fallback tokenizer: one line = one record, the line as its message, with a time when the line
// holds an ISO 8601 or RFC 1123 timestamp. Does not guess levels, components or other layouts.
#pragma once

#include <string_view>

#include "tokenize/tokenizer.h"

namespace certdiag {

class PlainTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "plain"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void flush();

  Record record_;
  bool open_ = false;  // the record waits for the pieces of a split long line
};

}  // namespace certdiag
