// The patterns that find identifying values: what each finds, and what none may find (codes,
// times, versions, paths, rule ids, product text).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "report/identifiers.h"

namespace certdiag {
namespace {

// Every identifier of every kind in `text`, in text order: "kind=span kind=span".
std::string found(std::string_view text) {
  static constexpr std::array<const char*, kIdentifierKinds> kNames = {
      "sid", "thumbprint", "thumbprint_bytes", "ipv4", "ipv6",
      "upn", "field",      "domain_user",      "dc",   "fqdn"};
  std::vector<std::pair<size_t, std::string>> all;
  for (size_t kind = 0; kind < kIdentifierKinds; ++kind) {
    Identifier id;
    for (size_t from = 0; find_identifier(static_cast<IdentifierKind>(kind), text, from, id);
         from = id.end) {
      all.emplace_back(
          id.begin, fmt::format("{}={}", kNames[kind], text.substr(id.begin, id.end - id.begin)));
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [at, item] : all) out += (out.empty() ? "" : " ") + item;
  return out;
}

TEST(Identifiers, FindsEachKind) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"connect to 10.20.4.71:443 failed", "ipv4=10.20.4.71"},
      {"from fe80::1c2d:3e4f:5a6b%12", "ipv6=fe80::1c2d:3e4f:5a6b"},
      {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ipv6=2001:0db8:85a3:0000:0000:8a2e:0370:7334"},
      {"user S-1-5-21-3623811015-3361044348-30300820-1013 denied",
       "sid=S-1-5-21-3623811015-3361044348-30300820-1013"},
      {"Thumbprint 3F2A9C41D807B65E12C47D90AA610E5B38F2C917 is",
       "thumbprint=3F2A9C41D807B65E12C47D90AA610E5B38F2C917"},
      {"1=A1 FC 63 CB D5 56 63 D7 75 5D ED D5 C4 8E C1 71 B3 FF 10 A0 added",
       "thumbprint_bytes=A1 FC 63 CB D5 56 63 D7 75 5D ED D5 C4 8E C1 71 B3 FF 10 A0"},
      {"logon as jdoe@contoso.com.", "upn=jdoe@contoso.com"},
      {"RunAs account CONTOSO\\svc-scom-action.", "domain_user=CONTOSO\\svc-scom-action"},
      {"Account Name:\t\tjdoe\r\nAccount Domain:\t\tCONTOSO", "field=jdoe field=CONTOSO"},
      {"TargetUserName=jdoe, WorkstationName=WS0042", "field=jdoe field=WS0042"},
      {"Issuer: CN=Contoso Issuing CA 1, DC=contoso, DC=com", "dc=DC=contoso, DC=com"},
      {"https://MP01.corp.contoso.com/SMS_MP/", "fqdn=MP01.corp.contoso.com"},
      {"Target name: web01.contoso.com", "field=web01.contoso.com fqdn=web01.contoso.com"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(found(text), expected) << text;
}

TEST(Identifiers, FieldLabelsSayWhatTheValueIs) {
  Identifier id;
  ASSERT_TRUE(find_identifier(IdentifierKind::field, "TargetDomainName=CONTOSO", 0, id));
  EXPECT_EQ(id.field, FieldKind::domain);
  ASSERT_TRUE(find_identifier(IdentifierKind::field, "MachineName      : APP05", 0, id));
  EXPECT_EQ(id.field, FieldKind::host);
  ASSERT_TRUE(find_identifier(IdentifierKind::field, "User Name: jdoe", 0, id));
  EXPECT_EQ(id.field, FieldKind::user);
}

TEST(Identifiers, FindNothingInCodesTimesVersionsPathsAndProductText) {
  const std::vector<std::string> texts = {
      "error 0x80090308 (SEC_E_INVALID_TOKEN), Code=12175, 10060L, 2148204809",
      "KB4054234, KB2288515",
      "2025-08-20T11:04:09.123Z, 04-26-2011 04:51:58.123+240, 12:34:56.789, 8/19/2025 8:59:19 AM",
      "AIUpdateSvc.log:1187, smsexec.lo_, bundle.zip!Logs/ccmsetup.log, u_ex250917.log",
      "Version=10.0.0.0, 5.00.8790.1000, 1.3.6.1.5.5.7.3.1, Product Version: 10.19.1035.143",
      "om.cert.expired, cm.ai.cert-expired, om.connector.cert-loaded",
      "System.Net.WebException, System.Net.IO, Microsoft.EnterpriseManagement.HealthService.dll",
      "HKLM\\SOFTWARE\\Microsoft\\Microsoft Operations Manager\\3.0\\Machine Settings",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft, C:\\Windows\\System32\\drivers",
      "Local Computer\\Personal, Local Computer\\Operations Manager\\Certificates",
      "NT AUTHORITY\\SYSTEM, NT SERVICE\\HealthService, BUILTIN\\Administrators",
      "http://www.iana.org/assignments/tls-parameters, http://crl.microsoft.com/pki/crl",
      "S-1-5-18, 127.0.0.1, 0.0.0.0, ::1, 255.255.255.255",
      "setspn -F -Q MSOMHSvc/<FQDN of the management server>",
      "agent in a trusted domain: it counts only where",
      "Face::Add, std::string, 10:15:30",
      "tid=GUID:46A7E4A7-2A00-468A-904C-E3CF7DCD70EF",
      "SHA256:ED9E83CAF50A0DDBFE3E7F4BD34D4BE6",
      "Serial Number: 6100000042b1c7e0d9a3f5ad92000000000042",
      "CONTOSO-MG, ContosoWebServer, Contoso Issuing CA 1",
  };
  for (const auto& text : texts) EXPECT_EQ(found(text), "") << text;
}

TEST(Identifiers, NamesOfVendorsAndStandardsArePublic) {
  EXPECT_TRUE(is_public_domain("crl.microsoft.com"));
  EXPECT_TRUE(is_public_domain("WWW.IANA.ORG"));
  EXPECT_FALSE(is_public_domain("contosocmg.cloudapp.net"));
  EXPECT_FALSE(is_public_domain("notmicrosoft.com"));
}

}  // namespace
}  // namespace certdiag
