// What this binary was built from, for --version and the headers of JSON and NDJSON reports.
#pragma once

#include <string_view>

namespace certdiag {

// The project version, from CMake's project(VERSION), e.g. "0.2.0".
std::string_view build_version();

// `git describe --tags --always --dirty` of the checkout it was built from (e.g.
// "v0.2.0-3-g1a2b3c4d5e6f"), or "unknown" when built from an unpacked source tree.
std::string_view build_commit();

}  // namespace certdiag
