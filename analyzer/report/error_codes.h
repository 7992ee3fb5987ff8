// Windows error codes (HRESULT, Win32, WinHTTP, Winsock, WMI, ConfigMgr 0x87D0xxxx) decoded to
// their symbolic name and meaning, from the tables under patterns/ embedded in the binary. Finds
// codes in evidence text for the reports. Does not interpret the log around a code, and decodes
// only codes in the tables (those that matter for certificates, TLS, HTTP, RPC, WMI and ConfigMgr
// communication), never an arbitrary number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/signal.h"

namespace certdiag {

struct ErrorCode {
  std::string code;  // as shown: "0x80090308" (HRESULT, upper-case digits) or "12175" (Win32)
  std::string name;  // "SEC_E_INVALID_TOKEN"
  std::string meaning;
  std::string source;  // where the name and the meaning were read
  uint32_t value = 0;
};

// The entry for a code written as 0x80090308, 80090308, -2146893048, 12175 or 10060L (any case,
// surrounding spaces ignored); a Win32 code also matches its HRESULT_FROM_WIN32 form 0x8007xxxx
// and the other way round. nullptr when the text is not a number or the code is not in the table.
// The entry lives as long as the program.
const ErrorCode* lookup_error_code(std::string_view text);

// The known codes in a line of log text, each once, in order of appearance: 0x-prefixed codes of
// 8 hex digits with the high bit set (0x80090308, 0x87d00454), bare 8-hex-digit words that start
// with 8 (80041001), and decimal WinHTTP (12xxx) and Winsock (10xxx, 11xxx) codes only right after
// "error", "code" or "err" (Code=12175, "The error code is 10060L"), so "HTTP status 403" or a
// version number never decodes.
std::vector<const ErrorCode*> codes_in(std::string_view text);

// For each of the first `shown` evidence lines, the codes in it that no line before it had: a
// report shows a code once per diagnosis, under the line where it first appears.
std::vector<std::vector<const ErrorCode*>> new_codes_per_line(const std::vector<Signal>& evidence,
                                                              size_t shown);

// One embedded table (patterns/error-codes.tsv and error-codes-extra.tsv); generated at build time.
struct ErrorCodeTable {
  std::string_view path;
  std::string_view text;
};
const std::vector<ErrorCodeTable>& builtin_error_code_tables();

}  // namespace certdiag
