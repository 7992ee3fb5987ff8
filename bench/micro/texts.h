// Typical log text for the micro-benchmarks, made in memory from a fixed seed: lines in each
// format certdiag reads, with near misses and (about once per 10,000 records) a real failure
// line, like bench/make_corpus.py writes at scale. Does not read files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace certdiag::bench {

// About `bytes` bytes (whole lines, CRLF) of log text in `format`: a tokenizer name
// (cmtrace, sms-trace, dotnet-trace, plain, event-xml, event-csv, event-text, iis-w3c).
// Empty for an unknown name. ASCII but for the en dash of one failure text.
std::string make_text(std::string_view format, size_t bytes);

// The lines of `text`, without their terminators (views into `text`).
std::vector<std::string_view> split_lines(std::string_view text);

// Message texts: benign, near misses ("HTTP status 200", "certificate loaded"), and the real
// failure texts of the shipped Asset Intelligence pack.
const std::vector<std::string>& benign_messages();
const std::vector<std::string>& near_miss_messages();
const std::vector<std::string>& failure_messages();

// A small deterministic generator (the benchmarks must not depend on std::rand or the clock).
class Lcg {
 public:
  explicit Lcg(unsigned long long seed)
      : state_(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  unsigned next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>(state_ >> 33);
  }
  size_t below(size_t n) { return n == 0 ? 0 : next() % n; }

 private:
  unsigned long long state_;
};

}  // namespace certdiag::bench
