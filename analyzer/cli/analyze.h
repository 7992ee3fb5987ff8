// The `analyze` command: expands the inputs, runs each source through the pipeline (in parallel
// across sources), diagnoses, writes the report and returns the exit status.
#pragma once

#include "cli/options.h"
#include "rules/rule_set.h"

namespace certdiag {

int run_analyze(const Options& options, const RuleSet& rules);

}  // namespace certdiag
