// The commands that read the rule packs or the error code table rather than logs: `explain ID`,
// `rules list`, `rules check DIR`, `lookup CODE...`. Each returns the process exit status.
#pragma once

#include <string>
#include <vector>

#include "rules/rule_set.h"

namespace certdiag {

int run_explain(const RuleSet& rules, const std::string& id);
int run_rules_list(const RuleSet& rules);
int run_rules_check(const std::string& dir);
// Prints each code's name, meaning and source; 2 when a code is unknown (the rest are printed).
int run_lookup(const std::vector<std::string>& codes);

}  // namespace certdiag
