#include "diagnose/filters.h"

#include <algorithm>

#include "model/text.h"

namespace certdiag {

SignalStore signals_between(SignalStore store, const std::optional<Time>& since,
                            const std::optional<Time>& until) {
  if (!since && !until) return store;
  SignalStore kept(store.keyed_captures());
  for (const auto& signal : store.signals()) {
    if (!signal.time || (since && *signal.time < *since) || (until && *signal.time > *until)) {
      continue;
    }
    kept.add(signal);
  }
  return kept;
}

bool diagnosis_wanted(const Diagnosis& diagnosis, Severity min_severity,
                      const std::vector<std::string>& hosts) {
  if (diagnosis.severity < min_severity) return false;
  if (hosts.empty()) return true;
  return std::any_of(hosts.begin(), hosts.end(),
                     [&](const std::string& host) { return iequals(host, diagnosis.host); });
}

}  // namespace certdiag
