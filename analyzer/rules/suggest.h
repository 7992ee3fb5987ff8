// "Did you mean" suggestions for mistyped ids and keys. Pure string distance; knows no rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace certdiag {

// Levenshtein distance between two strings.
size_t edit_distance(std::string_view a, std::string_view b);

// " (did you mean 'x'?)" for the closest candidate within `max_distance`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates,
                         size_t max_distance = 3);

}  // namespace certdiag
