// Fuzzes io/archive: read_archive() on the input as a whole archive (zip, cab, tar, tar.gz, a lone
// .gz, nested archives …) with small limits, every member read to its end, once in 4 KiB reads and
// once in 1 MiB reads. See check_archive().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      certdiag::fuzz::check_archive(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_archive: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
