#include "rules/suggest.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/text.h"

namespace certdiag {

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates,
                         size_t max_distance) {
  std::string_view best;
  size_t best_distance = max_distance + 1;
  for (std::string_view candidate : candidates) {
    const size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

}  // namespace certdiag
