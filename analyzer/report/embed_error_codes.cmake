# Writes a C++ file holding patterns/error-codes.tsv and patterns/error-codes-extra.tsv as bytes,
# so the error code table ships inside the binary. Run at build time whenever a table changes.
set(tables patterns/error-codes.tsv patterns/error-codes-extra.tsv)
set(body "")
set(entries "")
set(index 0)
foreach(table ${tables})
  file(READ ${ROOT}/${table} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char table${index}[] = {${bytes} 0};\n")
  string(APPEND entries "      {\"${table}\", std::string_view(reinterpret_cast<const char*>(table${index}), sizeof(table${index}) - 1)},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from patterns/error-codes*.tsv by report/embed_error_codes.cmake; do not edit.
#include \"report/error_codes.h\"

namespace certdiag {
namespace {
${body}}  // namespace

const std::vector<ErrorCodeTable>& builtin_error_code_tables() {
  static const std::vector<ErrorCodeTable> tables = {
${entries}  };
  return tables;
}

}  // namespace certdiag
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
