// Error codes: the embedded tables, lookup in every written form, and finding codes in evidence.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/error_codes.h"

namespace certdiag {
namespace {

// "0x80090308 SEC_E_INVALID_TOKEN" for a found code, "-" for none.
std::string looked_up(std::string_view text) {
  const ErrorCode* code = lookup_error_code(text);
  return code ? code->code + " " + code->name : "-";
}

// The codes found in a line, as "code name" joined by ", ".
std::string found_in(std::string_view text) {
  std::string out;
  for (const ErrorCode* code : codes_in(text)) {
    if (!out.empty()) out += ", ";
    out += code->code + " " + code->name;
  }
  return out;
}

TEST(ErrorCodeTables, EveryRowParsesAndLooksUpToItself) {
  size_t rows = 0;
  for (const auto& table : builtin_error_code_tables()) {
    size_t line_number = 0;
    size_t start = 0;
    while (start < table.text.size()) {
      const size_t end = table.text.find('\n', start);
      const std::string_view line = table.text.substr(start, end - start);
      start = end == std::string_view::npos ? table.text.size() : end + 1;
      ++line_number;
      if (line.empty() || line.starts_with('#')) continue;
      ++rows;
      const size_t tab = line.find('\t');
      ASSERT_NE(tab, std::string_view::npos) << table.path << ":" << line_number;
      const ErrorCode* code = lookup_error_code(line.substr(0, tab));
      ASSERT_NE(code, nullptr) << table.path << ":" << line_number;
      EXPECT_EQ(code->code, line.substr(0, tab)) << table.path << ":" << line_number;
      EXPECT_FALSE(code->name.empty()) << table.path << ":" << line_number;
      EXPECT_FALSE(code->source.empty()) << table.path << ":" << line_number;
    }
  }
  EXPECT_GT(rows, 300u);
}

TEST(ErrorCodeLookup, AcceptsEveryWrittenForm) {
  for (const char* text :
       {"0x80090308", "0X80090308", "80090308", "-2146893048", "0x80090308L", " 0x80090308 "}) {
    EXPECT_EQ(looked_up(text), "0x80090308 SEC_E_INVALID_TOKEN") << text;
  }
  EXPECT_EQ(looked_up("12175"), "12175 ERROR_WINHTTP_SECURE_FAILURE");
  EXPECT_EQ(looked_up("10060L"), "10060 WSAETIMEDOUT");
  EXPECT_EQ(looked_up("0x87D00215"), "0x87D00215 ConfigMgr");
  EXPECT_EQ(looked_up("0x87d00215"), "0x87D00215 ConfigMgr");
  EXPECT_EQ(looked_up("0x80041001"), "0x80041001 WBEM_E_FAILED");
}

TEST(ErrorCodeLookup, MatchesWin32CodesAndTheirHresultForms) {
  EXPECT_EQ(looked_up("1722"), "1722 RPC_S_SERVER_UNAVAILABLE");
  EXPECT_EQ(looked_up("0x800706ba"), "0x800706BA RPC_S_SERVER_UNAVAILABLE");
  EXPECT_EQ(looked_up("0x8007274C"), "0x8007274C WSAETIMEDOUT");
  // An HRESULT-only entry answers for its Win32 code.
  EXPECT_EQ(looked_up("14"), "0x8007000E E_OUTOFMEMORY");
}

TEST(ErrorCodeLookup, RejectsUnknownCodesAndNonNumbers) {
  for (const char* text : {"", "0x", "0x87d00999", "12345678901", "0x123456789",
                           "SEC_E_INVALID_TOKEN", "12175x", "--", "-"}) {
    EXPECT_EQ(looked_up(text), "-") << text;
  }
}

TEST(ErrorCodesIn, FindsCodesInRealEvidenceLines) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Error 0x80090308 returned by InitializeSecurityContext", "0x80090308 SEC_E_INVALID_TOKEN"},
      {"[CCMHTTP] ERROR: URL=https://CMG.CONTOSO.COM/CCM_Proxy_MutualAuth/72057594037928017/"
       "ccm_system/request, Port=443, Options=1986, Code=12175, Text=ERROR_WINHTTP_SECURE_FAILURE",
       "12175 ERROR_WINHTTP_SECURE_FAILURE"},
      {"The error code is 10060L(A connection attempt failed because the connected party did not "
       "properly respond after a period of time.).",
       "10060 WSAETIMEDOUT"},
      {"Failed to call CheckCertificate provider method, 80041001", "0x80041001 WBEM_E_FAILED"},
      {"The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)",
       "0x800706BA RPC_S_SERVER_UNAVAILABLE"},
      {"Post to https://CMG.CONTOSO.COM/ccm_system/request failed with 0x87d00215.",
       "0x87D00215 ConfigMgr"},
      {"The error code returned from the cryptographic module is 0x8009030D. The internal error "
       "state is 10001.",
       "0x8009030D SEC_E_UNKNOWN_CREDENTIALS"},
      {"Failed 0x80090308 then 0x800B0109 then 0x80090308 again",
       "0x80090308 SEC_E_INVALID_TOKEN, 0x800B0109 CERT_E_UNTRUSTEDROOT"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(found_in(text), expected) << text;
}

TEST(ErrorCodesIn, LeavesOtherNumbersAlone) {
  for (const char* text : {
           "HTTP status 403",
           "The request failed with HTTP status 403: Forbidden.",
           "New Management Pack with id:\"Microsoft.Windows.Library\", version:\"10.19.10050.0\"",
           "Retrieved 12175 items from the catalog",
           "<Keywords>0x80000000000000</Keywords>",
           "Options=0x00000005",
           "thumbprint 0x800903080 and 0x8009030",
           "The internal error state is 10013.",
           "sha1 a80090308 and 80090308b",
       }) {
    EXPECT_EQ(found_in(text), "") << text;
  }
}

TEST(ErrorCodesIn, NewCodesPerLineShowsEachCodeOnce) {
  std::vector<Signal> evidence(3);
  evidence[0].text = "Code=12175, Text=ERROR_WINHTTP_SECURE_FAILURE";
  evidence[1].text = "Code=12175 again, then 0x87d00215";
  evidence[2].text = "0x80090308 beyond what is shown";
  const auto lines = new_codes_per_line(evidence, 2);
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_EQ(lines[0].size(), 1u);
  EXPECT_EQ(lines[0][0]->code, "12175");
  ASSERT_EQ(lines[1].size(), 1u);
  EXPECT_EQ(lines[1][0]->code, "0x87D00215");
}

}  // namespace
}  // namespace certdiag
