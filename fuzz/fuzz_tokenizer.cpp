// Fuzzes tokenize/: each line-based tokenizer (the first input byte picks one) on the lines
// LineReader makes of the rest, then the matcher, engine and reports. See check_tokenizer().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      certdiag::fuzz::check_tokenizer(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_tokenizer: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
