// What a run keeps of its evidence and findings: the signals inside --since/--until, and the
// diagnoses at or above --min-severity on the hosts --host names; and whether what is kept fails
// the run (--fail-on).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/engine.h"
#include "model/diagnosis.h"
#include "model/summary.h"

namespace certdiag {

// The signals of `store` logged within [since, until] (a signal without a time is outside any
// range); the store itself when neither bound is given.
SignalStore signals_between(SignalStore store, const std::optional<Time>& since,
                            const std::optional<Time>& until);

// Whether a host a log names is the one --host gives: the same name in any case, or the short
// name of its FQDN (APP05 is APP05.contoso.com).
bool same_host(std::string_view given, std::string_view host);

// Whether a diagnosis is at least `min_severity` and on one of `hosts` (same_host; every host
// when the list is empty).
bool diagnosis_wanted(const Diagnosis& diagnosis, Severity min_severity,
                      const std::vector<std::string>& hosts);

// The `given` hosts (--host) that name no host of the run, in the order given; `known` gets
// every host the run's sources and signals name.
std::vector<std::string> hosts_not_found(const std::vector<std::string>& given,
                                         const RunSummary& summary, const SignalStore& store,
                                         std::set<std::string>& known);

// Whether a diagnosis at or above `fail_on` is still open (not resolved later in the logs).
bool any_open_at_least(const std::vector<Diagnosis>& diagnoses, Severity fail_on);

}  // namespace certdiag
