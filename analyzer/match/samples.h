// Checks signals against their own samples: each `match` sample must raise its signal and each
// `no-match` sample must not. `certdiag rules check` and the test suite run the same check.
// Does not load packs; see rules/loader.h.
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"
#include "rules/loader.h"

namespace certdiag {

// A record made of a sample's fields: message, provider (or component), event_id, level,
// channel, host, format, path, and any other name as event data ("data.NAME", "data[N]", a W3C
// column).
struct SampleRecord {
  Record record;
  SourceInfo source{"sample", "sample"};
  std::string error;  // a field the record cannot hold, e.g. an event_id that is not a number
};
SampleRecord sample_record(const RuleSample& sample);

// Every sample of `rules` that `matcher` (made from them) gets wrong, as a `file:line` error.
std::vector<RuleError> check_samples(const RuleSet& rules, const Matcher& matcher);

}  // namespace certdiag
