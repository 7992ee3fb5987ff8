#include "model/summary.h"

namespace certdiag {

std::optional<Time> RunSummary::first_time() const {
  std::optional<Time> first;
  for (const auto& source : sources) {
    if (source.first_time && (!first || *source.first_time < *first)) first = source.first_time;
  }
  return first;
}

std::optional<Time> RunSummary::last_time() const {
  std::optional<Time> last;
  for (const auto& source : sources) {
    if (source.last_time && (!last || *source.last_time > *last)) last = source.last_time;
  }
  return last;
}

uint64_t RunSummary::total(uint64_t SourceSummary::*field) const {
  uint64_t sum = 0;
  for (const auto& source : sources) {
    if (source.duplicate_of.empty()) sum += source.*field;
  }
  return sum;
}

}  // namespace certdiag
