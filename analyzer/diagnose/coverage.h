// Coverage: for each host, whether the input holds the logs that each family of diagnoses
// needs (the packs' `coverage:` entries), so an engineer knows what to ask for next. Looks at
// which inputs were read, not at what they say.
#pragma once

#include <vector>

#include "model/summary.h"
#include "rules/rule_set.h"

namespace certdiag {

// One entry per host and coverage rule, hosts in name order ("" for inputs that name none),
// rules in pack order.
std::vector<CoverageEntry> evaluate_coverage(const RuleSet& rules,
                                             const std::vector<SourceSummary>& sources);

}  // namespace certdiag
