// Build step: loads the built-in packs from their YAML and writes them in the binary form that
// certdiag reads at start-up (rules/compiled_rules.h). Fails the build on a pack error.
#include <fstream>
#include <iostream>

#include "rules/compiled_rules.h"
#include "rules/loader.h"

int main(int argc, char** argv) {
  using namespace certdiag;
  if (argc != 2) {
    std::cerr << "usage: certdiag_compile_rules OUT\n";
    return 2;
  }
  const LoadResult result = load_packs(builtin_packs());
  for (const auto& error : result.errors) std::cerr << error.to_string() << '\n';
  if (!result.errors.empty()) return 1;
  const std::string bytes = encode_rules(result.rules);
  const auto decoded = decode_rules(bytes);
  if (!decoded || encode_rules(*decoded) != bytes) {
    std::cerr << "certdiag_compile_rules: the rules do not read back as written\n";
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "certdiag_compile_rules: cannot write " << argv[1] << '\n';
    return 1;
  }
  return 0;
}
