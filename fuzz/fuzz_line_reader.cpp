// Fuzzes io/: encoding sniffing, decoding and line splitting through LineReader, with small
// chunk sizes and line limits taken from the first input bytes. See check_line_reader().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem = certdiag::fuzz::check_line_reader(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_line_reader: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
