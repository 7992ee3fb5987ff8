#include "rules/pack_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "rules/suggest.h"

namespace certdiag {

bool PackReader::check_keys(const YAML::Node& node, std::string_view what,
                            std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap()) {
    error(node, fmt::format("{} must be a mapping", what));
    return false;
  }
  bool ok = true;
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>("");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    error(item.first, fmt::format("{}: unknown key '{}'{}", what, key,
                                  did_you_mean(key, std::vector<std::string_view>(allowed), 2)));
    ok = false;
  }
  return ok;
}

std::string PackReader::scalar(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, fmt::format("{} must be a string", what));
    return {};
  }
  return node.as<std::string>();
}

std::vector<std::string> PackReader::strings(const YAML::Node& node, std::string_view what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(scalar(item, what));
  } else {
    error(node, fmt::format("{} must be a string or a list of strings", what));
  }
  return out;
}

}  // namespace certdiag
