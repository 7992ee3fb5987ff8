// Fuzzes rules/: load_packs() on the input as one YAML pack; a valid pack is compiled into a
// Matcher, run on its own samples, and its diagnoses evaluated and rendered. See check_rules().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      certdiag::fuzz::check_rules(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_rules: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
