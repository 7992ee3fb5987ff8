// Finds YAML anchors and aliases in a rule pack's text before it is loaded: aliases share nodes,
// so a few hundred bytes of nested aliases stand for billions of conditions once the loader walks
// them. Does not load the pack; see rules/loader.h.
#pragma once

#include <string>

namespace certdiag {

// The line (from 1) of the first anchor (&name) or alias (*name) of the first YAML document in
// `text`, or 0 when it has none. YAML syntax errors are left to the loader (0).
int first_yaml_alias_line(const std::string& text);

}  // namespace certdiag
