// Correlates signals into diagnoses by evaluating the diagnosis rules of the packs per scope
// (host, source or bundle): conditions, confidence, facts, severity, resolution and
// supersession are all rule data; this engine only executes them. Does not read logs or render.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnosis.h"
#include "model/signal.h"
#include "rules/rule_set.h"

namespace certdiag {

struct DiagnoseOptions {
  Time as_of;  // reference time for expiry arithmetic
  // Today, when it is not the reference time: expiry diagnoses then also say what their date
  // means today.
  std::optional<Time> now;
  std::chrono::milliseconds renewal_window = std::chrono::hours(24 * 42);
  size_t max_evidence = 10;
};

// Collects the signals of a run with bounded memory: per rule, host and source it keeps the
// first and the latest signals and counts the rest. Signals that differ in a capture that
// conditions test (RuleSet::tested_captures, such as a TLS alert code) are kept apart, so a
// rare value is never lost among a common one.
class SignalStore {
 public:
  static constexpr size_t kKeepPerKey = 256;

  SignalStore() = default;
  explicit SignalStore(std::vector<std::string> keyed_captures)
      : keyed_captures_(std::move(keyed_captures)) {}

  void add(Signal signal);
  void add_all(std::vector<Signal>& signals);
  // Moves another store's signals and counts into this one.
  void absorb(SignalStore&& other);

  // The kept signals, in the order they were added.
  const std::vector<Signal>& signals() const { return signals_; }
  // Signals counted but not kept, per rule, host and source.
  struct Dropped {
    std::string rule, host, source;
    std::vector<Capture> captures;  // the keyed ones
    uint64_t count = 0;
  };
  const std::map<std::string, Dropped>& dropped() const { return dropped_; }
  uint64_t total() const { return total_; }
  const std::vector<std::string>& keyed_captures() const { return keyed_captures_; }
  // The captures of a signal that keep it apart from others of its rule.
  std::vector<Capture> keyed(const Signal& signal) const;

 private:
  std::vector<std::string> keyed_captures_;
  std::vector<Signal> signals_;
  std::map<std::string, std::vector<size_t>> kept_;  // key → indices of kept signals
  std::map<std::string, Dropped> dropped_;
  uint64_t total_ = 0;
};

// Evaluates every diagnosis rule over the stored signals. The result is ordered by severity
// (error first), then host, then id.
// With `near_misses`, also lists each diagnosis that did not fire on a host although some of
// its signals did, or that a more specific one superseded.
std::vector<Diagnosis> diagnose(const RuleSet& rules, const SignalStore& store,
                                const DiagnoseOptions& options,
                                std::vector<NearMiss>* near_misses = nullptr);

}  // namespace certdiag
