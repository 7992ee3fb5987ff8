#include "model/duplicates.h"

namespace certdiag {

bool DuplicateFinder::check(SourceSummary& source, RunSummary& summary) {
  bool found = false;
  if (source.duplicate_of.empty() && !source.digest.empty()) {
    const auto [first, added] = first_with_.try_emplace(source.digest, source.name);
    if (!added) source.duplicate_of = first->second;
    found = !added;
  }
  if (!source.duplicate_of.empty())
    summary.duplicates.push_back({source.name, source.duplicate_of});
  return found;
}

}  // namespace certdiag
