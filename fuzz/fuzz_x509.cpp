// Fuzzes tokenize/x509: read_certificates() on the input as a whole certificate file (DER, PEM,
// PKCS #7, PKCS #12), then the matcher, engine and reports on its records. See check_x509().
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      certdiag::fuzz::check_x509(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_x509: invariant violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
