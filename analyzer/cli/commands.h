// The commands that read the rule packs rather than logs: `explain ID`, `rules list`,
// `rules check DIR`. Each returns the process exit status.
#pragma once

#include <string>

#include "rules/rule_set.h"

namespace certdiag {

int run_explain(const RuleSet& rules, const std::string& id);
int run_rules_list(const RuleSet& rules);
int run_rules_check(const std::string& dir);

}  // namespace certdiag
