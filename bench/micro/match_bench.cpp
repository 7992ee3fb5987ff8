// Matcher::match with the built-in packs: records of benign lines, near misses, real failures
// and the mix the corpora have (2 % near misses, one failure per 10,000). Bytes are message bytes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "rules/loader.h"
#include "texts.h"

namespace certdiag::bench {
namespace {

const RuleSet& rules() {
  static const RuleSet loaded = [] {
    LoadResult result = load_packs(builtin_packs());
    for (const auto& error : result.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
    if (!result.errors.empty()) std::exit(2);
    return std::move(result.rules);
  }();
  return loaded;
}

std::vector<Record> records_of(const std::vector<std::string>& messages, size_t count) {
  std::vector<Record> out(count);
  for (size_t i = 0; i < count; ++i) {
    out[i].line = i + 1;
    out[i].component = "AIUpdateSvc";
    out[i].message = messages[i % messages.size()];
  }
  return out;
}

std::vector<Record> mixed_records(size_t count) {
  std::vector<Record> out(count);
  Lcg rng(7);
  for (size_t i = 0; i < count; ++i) {
    const auto& pool = i % 10000 == 9999    ? failure_messages()
                       : rng.below(100) < 2 ? near_miss_messages()
                                            : benign_messages();
    out[i].line = i + 1;
    out[i].component = "AIUpdateSvc";
    out[i].message = pool[rng.below(pool.size())];
  }
  return out;
}

void run(benchmark::State& state, const std::vector<Record>& records) {
  static const Matcher matcher(rules());
  if (!matcher.ok()) {
    state.SkipWithError(matcher.error().c_str());
    return;
  }
  const SourceInfo source{"bench.log", "cmtrace"};
  size_t bytes = 0;
  for (const auto& record : records) bytes += record.message.size();
  std::vector<Signal> signals;
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& record : records) {
      matcher.match(record, source, signals);
      found += signals.size();
      signals.clear();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
  state.counters["signals_per_pass"] =
      static_cast<double>(found) / static_cast<double>(state.iterations());
}

void BM_Match_Benign(benchmark::State& state) {
  static const auto records = records_of(benign_messages(), 100000);
  run(state, records);
}
BENCHMARK(BM_Match_Benign)->Unit(benchmark::kMillisecond);

void BM_Match_NearMiss(benchmark::State& state) {
  static const auto records = records_of(near_miss_messages(), 100000);
  run(state, records);
}
BENCHMARK(BM_Match_NearMiss)->Unit(benchmark::kMillisecond);

void BM_Match_Failure(benchmark::State& state) {
  static const auto records = records_of(failure_messages(), 10000);
  run(state, records);
}
BENCHMARK(BM_Match_Failure)->Unit(benchmark::kMillisecond);

void BM_Match_Mix(benchmark::State& state) {
  static const auto records = mixed_records(100000);
  run(state, records);
}
BENCHMARK(BM_Match_Mix)->Unit(benchmark::kMillisecond);

// The rules' own samples, as the matcher's worst realistic case: every record a hit.
void BM_Match_PackSamples(benchmark::State& state) {
  static const auto records = [] {
    std::vector<std::string> messages;
    for (const auto& signal : rules().signals) {
      for (const auto& sample : signal.samples_match) {
        for (const auto& field : sample.fields) {
          if (field.name == "message") messages.push_back(field.value);
        }
      }
    }
    return records_of(messages, 10000);
  }();
  run(state, records);
}
BENCHMARK(BM_Match_PackSamples)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace certdiag::bench
