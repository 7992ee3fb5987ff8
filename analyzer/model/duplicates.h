// Finds the sources whose content an earlier source had (a file copied into two folders, a log
// collected twice): each was read, but is analysed once. Sources are offered in input order
// after the parallel reads, so the first copy is the one analysed for any --jobs, and merge
// finds across runs what one run over all their inputs finds.
#pragma once

#include <map>
#include <string>

#include "model/summary.h"

namespace certdiag {

class DuplicateFinder {
 public:
  // Marks `source` and lists it in `summary` when it repeats an earlier source's content; true
  // when that is found now (one an earlier run marked already has no signals to drop).
  bool check(SourceSummary& source, RunSummary& summary);

 private:
  std::map<std::string, std::string> first_with_;  // digest → the first source with it
};

}  // namespace certdiag
