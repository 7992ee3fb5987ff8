// The `analyze` command — expand the inputs, run each through the pipeline (in parallel across
// inputs), diagnose, report — and the `merge` command, which diagnoses the signals that earlier
// runs emitted (NDJSON with --emit signals) as if they had been one run. `rules suggest` runs
// as analyze but writes draft signals for the new signatures instead of a report.
#pragma once

#include "cli/options.h"
#include "rules/rule_set.h"

namespace certdiag {

// Each returns the process exit status.
int run_analyze(const Options& options, const RuleSet& rules);
int run_merge(const Options& options, const RuleSet& rules);
// `rules suggest [--cluster K] PATH...`: options.arguments[0] is "suggest".
int run_rules_suggest(const Options& options, const RuleSet& rules);

}  // namespace certdiag
