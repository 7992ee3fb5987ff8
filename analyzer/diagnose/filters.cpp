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

bool same_host(std::string_view given, std::string_view host) {
  if (iequals(given, host)) return true;
  return given.find('.') == std::string_view::npos && host.size() > given.size() &&
         host[given.size()] == '.' && iequals(given, host.substr(0, given.size()));
}

bool diagnosis_wanted(const Diagnosis& diagnosis, Severity min_severity,
                      const std::vector<std::string>& hosts) {
  if (diagnosis.severity < min_severity) return false;
  if (hosts.empty()) return true;
  return std::any_of(hosts.begin(), hosts.end(),
                     [&](const std::string& host) { return same_host(host, diagnosis.host); });
}

}  // namespace certdiag
