// Feeds text to a tokenizer the way the pipeline does, one '\n'-separated line at a time, and
// collects the records' debug strings and the tokenizer's counts, for the tokenizer tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "tokenize/tokenizer.h"

namespace certdiag::testing_support {

struct TokenizerRun {
  std::vector<std::string> records;  // debug_string of each record, in order
  TokenizeStats stats;
  uint64_t lines = 0;  // lines fed
};

// The run of the tokenizer that `make(sink)` returns over `text`.
template <class Make>
TokenizerRun feed_lines(std::string_view text, const Make& make) {
  TokenizerRun run;
  auto tokenizer = make([&](Record& record) { run.records.push_back(debug_string(record)); });
  for (size_t start = 0;;) {
    const size_t end = text.find('\n', start);
    tokenizer.feed(text.substr(start, end - start), ++run.lines);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  tokenizer.finish();
  run.stats = tokenizer.stats();
  return run;
}

}  // namespace certdiag::testing_support
