// Fuzzes tokenize/evtx: read_evtx() on the input as a whole .evtx file, then the matcher, engine
// and reports on the records it yields. See check_evtx().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      certdiag::fuzz::check_evtx(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_evtx: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
