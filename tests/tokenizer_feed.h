// Feeds text to a tokenizer the way the pipeline does, one '\n'-separated line at a time, and
// collects the records' debug strings and the tokenizer's counts, for the tokenizer tests.
#pragma once

#include <gtest/gtest.h>

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

// Checks a run over two records dated 05/06/2014 22:13:39 and 13/06/2014 22:13:40: the second's
// day over 12 decides day first for both, and the order is not assumed.
inline void expect_day_first_decided(const TokenizerRun& run) {
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_NE(run.records[0].find("time=2014-06-05T22:13:39.000Z"), std::string::npos)
      << run.records[0];
  EXPECT_NE(run.records[1].find("time=2014-06-13T22:13:40.000Z"), std::string::npos)
      << run.records[1];
  EXPECT_EQ(run.stats.date_order, "dmy");
  EXPECT_FALSE(run.stats.date_order_assumed);
  EXPECT_EQ(run.stats.times_unparsed, 0u);
}

}  // namespace certdiag::testing_support
