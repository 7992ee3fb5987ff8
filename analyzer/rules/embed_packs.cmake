# Writes a C++ file holding every rule pack under ROOT/patterns as bytes, so the packs ship
# inside the binary. Run at build time whenever a pack changes.
file(GLOB_RECURSE packs RELATIVE ${ROOT} ${ROOT}/patterns/*.yaml)
list(SORT packs)
set(body "")
set(index 0)
foreach(pack ${packs})
  file(READ ${ROOT}/${pack} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char pack${index}[] = {${bytes} 0};\n")
  string(APPEND entries "    {\"${pack}\", std::string(reinterpret_cast<const char*>(pack${index}), sizeof(pack${index}) - 1)},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from patterns/ by rules/embed_packs.cmake; do not edit.
#include \"rules/loader.h\"

namespace certdiag {
namespace {
${body}}  // namespace

const std::vector<PackText>& builtin_packs() {
  static const std::vector<PackText> packs = {
${entries}  };
  return packs;
}

}  // namespace certdiag
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
