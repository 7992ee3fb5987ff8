// The man page and the bash completion script, both generated from the option descriptions in
// cli/options.cpp so that they never drift from --help. Built by CMake, installed by
// `cmake --install`.
#pragma once

#include <string>

namespace certdiag {

std::string man_page();
std::string bash_completion();

}  // namespace certdiag
