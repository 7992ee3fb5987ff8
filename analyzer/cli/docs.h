// The man page and the bash completion script, both generated from the option descriptions in
// cli/options.cpp so that they never drift from --help (built by CMake, installed by
// `cmake --install`), and the README's catalog table, generated from the rule packs.
#pragma once

#include <string>

#include "rules/rule_set.h"

namespace certdiag {

std::string man_page();
std::string bash_completion();

// The README's "What it finds" table: one Markdown row per diagnosis of the packs, in pack order.
std::string catalog_table(const RuleSet& rules);

}  // namespace certdiag
