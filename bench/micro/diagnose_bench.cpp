// The diagnosis stage: SignalStore::add for N signals, and diagnose() over a store of N signals
// spread over hosts and time, with the built-in packs. Items are signals.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "diagnose/engine.h"
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

// `count` signals of the packs' signal ids, over 16 hosts and 4 sources per host, one every
// few seconds starting 2018-10-31 (after every `after:` date of the AI pack's facts).
std::vector<Signal> make_signals(size_t count) {
  std::vector<Signal> out;
  out.reserve(count);
  Lcg rng(11);
  const auto& signal_rules = rules().signals;
  const Time start = Time(std::chrono::milliseconds(1540944000000LL));
  for (size_t i = 0; i < count; ++i) {
    Signal signal;
    signal.rule = signal_rules[rng.below(signal_rules.size())].id;
    const size_t host = rng.below(16);
    signal.host = "SITE" + std::to_string(host) + ".contoso.com";
    signal.source =
        "SITE" + std::to_string(host) + "/Logs/log" + std::to_string(rng.below(4)) + ".log";
    signal.line = i + 1;
    signal.time =
        start + std::chrono::milliseconds(static_cast<long long>(i) * 3000 + rng.below(1000));
    signal.text = failure_messages()[rng.below(failure_messages().size())];
    if (signal.rule == "cm.ai.sync-forbidden") signal.captures.push_back({"status", "403"});
    out.push_back(std::move(signal));
  }
  return out;
}

void BM_SignalStore_Add(benchmark::State& state) {
  const auto signals = make_signals(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    SignalStore store;
    for (const auto& signal : signals) store.add(signal);
    benchmark::DoNotOptimize(store.total());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_SignalStore_Add)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Diagnose(benchmark::State& state) {
  SignalStore store;
  for (auto& signal : make_signals(static_cast<size_t>(state.range(0))))
    store.add(std::move(signal));
  DiagnoseOptions options;
  options.as_of = Time(std::chrono::milliseconds(1767225600000LL));  // 2026-01-01
  size_t diagnoses = 0;
  for (auto _ : state) {
    const auto result = diagnose(rules(), store, options);
    diagnoses = result.size();
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
  state.counters["kept"] = static_cast<double>(store.signals().size());
  state.counters["diagnoses"] = static_cast<double>(diagnoses);
}
BENCHMARK(BM_Diagnose)->Arg(100)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace certdiag::bench
