// "Did you mean" suggestions for mistyped ids and keys (edit_distance, model/text.h); knows no
// rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/text.h"

namespace certdiag {

// " (did you mean 'x'?)" for the closest candidate within `max_distance`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates,
                         size_t max_distance = 3);

}  // namespace certdiag
