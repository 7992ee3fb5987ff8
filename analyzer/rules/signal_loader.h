// Reads one signal of a rule pack: its `match:` field tests (with `any:` alternatives and
// `not:`), and its samples, each checked to be a record the match fields can describe. Used by
// the loader only.
#pragma once

#include <yaml-cpp/yaml.h>

#include "rules/pack_reader.h"
#include "rules/rule_set.h"

namespace certdiag {

SignalRule parse_signal(PackReader& reader, const YAML::Node& node);

}  // namespace certdiag
