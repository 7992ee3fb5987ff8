// Entry point of the command line: parses options, loads the rule packs and dispatches to a
// command. Returns the process exit status; never throws.
#pragma once

namespace certdiag {

int run(int argc, const char* const* argv);

}  // namespace certdiag
