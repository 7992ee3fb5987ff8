// Checks signals against their own samples: each `match` sample must raise its signal and each
// `no-match` sample must not. `certdiag rules check` and the test suite run the same check.
// Does not load packs; see rules/loader.h.
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"
#include "rules/loader.h"

namespace certdiag {

// Every sample of `rules` that `matcher` (made from them) gets wrong, as a `file:line` error.
std::vector<RuleError> check_samples(const RuleSet& rules, const Matcher& matcher);

}  // namespace certdiag
