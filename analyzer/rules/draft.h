// Drafts signals for `certdiag rules suggest`: a rule pack (YAML) with one experimental signal
// per new signature, its message regex made from the template and its sample from the first
// record, so that it loads with `certdiag rules check` and matches its own sample. A draft is a
// start for a rule writer, not a rule: it has no diagnosis, no no-match samples and a made-up id.
#pragma once

#include <string>
#include <vector>

#include "model/cluster.h"

namespace certdiag {

// The pack text for `clusters` (all of them, or only the 1-based `which`); `which` must be in
// range.
std::string draft_pack(const std::vector<Cluster>& clusters, size_t which = 0);

}  // namespace certdiag
