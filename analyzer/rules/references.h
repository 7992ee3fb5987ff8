// Checks that hold across all packs once they are parsed: unique ids, no dangling signal or
// diagnosis reference, and capture tests that name a capture their signals make.
#pragma once

#include <string>
#include <vector>

#include "rules/loader.h"

namespace certdiag {

void check_references(const RuleSet& rules, std::vector<RuleError>& errors);

// The capture names any diagnosis condition tests, sorted (RuleSet::tested_captures).
std::vector<std::string> tested_captures(const RuleSet& rules);

}  // namespace certdiag
