// Each text tokenizer on its own: pre-split lines in, Records out (no matching). Registered for
// every format make_tokenizer() knows; bytes are the bytes of the lines fed.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "texts.h"
#include "tokenize/tokenizer.h"

namespace certdiag::bench {
namespace {

constexpr size_t kBytes = 8 << 20;

struct Input {
  std::string text;
  std::vector<std::string_view> lines;
  size_t bytes = 0;
};

void run(benchmark::State& state, const std::string& format) {
  static std::map<std::string, Input> inputs;  // built on first use, outside the timing
  Input& input = inputs[format];
  if (input.text.empty()) {
    input.text = make_text(format, kBytes);
    input.lines = split_lines(input.text);
    for (auto line : input.lines) input.bytes += line.size() + 2;
  }
  uint64_t records = 0;
  uint64_t not_understood = 0;
  for (auto _ : state) {
    uint64_t seen = 0;
    auto tokenizer = make_tokenizer(format, [&](Record& record) {
      benchmark::DoNotOptimize(record.message.data());
      ++seen;
    });
    uint64_t line_no = 0;
    for (auto line : input.lines) tokenizer->feed(line, ++line_no);
    tokenizer->finish();
    records = seen;
    not_understood = tokenizer->stats().lines_not_understood;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records));
  state.counters["records"] = static_cast<double>(records);
  state.counters["not_understood"] = static_cast<double>(not_understood);
}

const bool registered = [] {
  for (const char* format : {"cmtrace", "sms-trace", "dotnet-trace", "plain", "event-xml",
                             "event-csv", "event-text", "iis-w3c"}) {
    if (!make_tokenizer(format, [](Record&) {})) continue;  // not built (yet)
    benchmark::RegisterBenchmark(
        ("BM_Tokenize/" + std::string(format)).c_str(),
        [f = std::string(format)](benchmark::State& state) { run(state, f); })
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace certdiag::bench
