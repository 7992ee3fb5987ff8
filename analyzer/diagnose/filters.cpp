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

std::vector<std::string> hosts_not_found(const std::vector<std::string>& given,
                                         const RunSummary& summary, const SignalStore& store,
                                         std::set<std::string>& known) {
  for (const auto& source : summary.sources) known.insert(source.hosts.begin(), source.hosts.end());
  for (const auto& signal : store.signals()) {
    if (!signal.host.empty()) known.insert(signal.host);
  }
  std::vector<std::string> missing;
  for (const auto& host : given) {
    if (std::none_of(known.begin(), known.end(),
                     [&](const std::string& name) { return same_host(host, name); }))
      missing.push_back(host);
  }
  return missing;
}

bool any_open_at_least(const std::vector<Diagnosis>& diagnoses, Severity fail_on) {
  return std::any_of(diagnoses.begin(), diagnoses.end(), [&](const Diagnosis& diagnosis) {
    return diagnosis.severity >= fail_on && !diagnosis.resolved_at;
  });
}

}  // namespace certdiag
