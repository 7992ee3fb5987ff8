// Certificate listings as text: certutil -store, certutil -store -v, certutil -dump and
// Get-ChildItem Cert:\ | Format-List (default and *), in the layouts those commands print.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tokenize/cert_text.h"

namespace certdiag {
namespace {

struct Output {
  std::vector<Record> records;
  TokenizeStats stats;
};

Output tokenize(const std::string& text) {
  Output out;
  CertTextTokenizer tokenizer([&](Record& record) { out.records.push_back(record); });
  std::istringstream lines(text);
  std::string line;
  uint64_t number = 0;
  while (std::getline(lines, line)) tokenizer.feed(line, ++number);
  tokenizer.finish();
  out.stats = tokenizer.stats();
  return out;
}

std::string field(const Record& record, std::string_view name) {
  for (const auto& item : record.data) {
    if (item.name == name) return item.value;
  }
  return "<absent>";
}

// Every line is in a record or layout: none is lost.
void expect_all_lines_accounted(const Output& out, uint64_t lines) {
  EXPECT_EQ(out.stats.lines_in_records + out.stats.lines_structure + out.stats.lines_not_understood,
            lines);
}

TEST(CertText, CertutilStoreGivesOneRecordPerCertificate) {
  const std::string text =
      "My \"Personal\"\n"
      "================ Certificate 0 ================\n"
      "Serial Number: 6100000042b1c7e0d9a3f5ad92000000000042\n"
      "Issuer: CN=Contoso Issuing CA 1, DC=contoso, DC=com\n"
      " NotBefore: 11/3/2023 9:14 AM\n"
      " NotAfter: 11/2/2025 9:14 AM\n"
      "Subject: CN=web01.contoso.com\n"
      "Non-root Certificate\n"
      "Template: ContosoWebServer, Contoso Web Server\n"
      "Cert Hash(sha1): fa31d5cf9ae9d1cf5703f3f4565a85f8314df400\n"
      "  Key Container = te-ContosoWebServer-7c1d0f52\n"
      "Encryption test passed\n"
      "\n"
      "================ Certificate 1 ================\n"
      "Serial Number: b3f33360411e2b8045cd75cf9588a23d\n"
      "Issuer: CN=FYIcenter Root CA\n"
      " NotBefore: 7/1/2012 10:34 PM\n"
      " NotAfter: 12/31/2039 6:59 PM\n"
      "Subject: CN=FYIcenter Root CA\n"
      "Root Certificate: Subject matches Issuer\n"
      "Cert Hash(sha1): 32 c6 b7 33 0f 30 64 41 f9 16 95 0d d5 65 a7 30 9c 50 b9 c2\n"
      "CertUtil: -store command completed successfully.\n";
  const Output out = tokenize(text);
  ASSERT_EQ(out.records.size(), 2u);
  const Record& first = out.records[0];
  EXPECT_EQ(first.line, 2u);
  EXPECT_EQ(first.line_count, 11u);
  EXPECT_EQ(field(first, "subject"), "CN=web01.contoso.com");
  EXPECT_EQ(field(first, "issuer"), "CN=Contoso Issuing CA 1, DC=contoso, DC=com");
  EXPECT_EQ(field(first, "serial"), "6100000042B1C7E0D9A3F5AD92000000000042");
  EXPECT_EQ(field(first, "thumbprint"), "FA31D5CF9AE9D1CF5703F3F4565A85F8314DF400");
  EXPECT_EQ(field(first, "not_before"), "11/3/2023 9:14 AM");
  EXPECT_EQ(field(first, "not_after"), "11/2/2025 9:14 AM");
  EXPECT_EQ(field(first, "template"), "ContosoWebServer, Contoso Web Server");
  EXPECT_EQ(first.message,
            "Certificate CN=web01.contoso.com, valid 11/3/2023 9:14 AM to 11/2/2025 9:14 AM, "
            "thumbprint FA31D5CF9AE9D1CF5703F3F4565A85F8314DF400, issued by CN=Contoso Issuing CA "
            "1, DC=contoso, DC=com");
  // Older certutil writes the hash in spaced pairs.
  EXPECT_EQ(field(out.records[1], "thumbprint"), "32C6B7330F306441F916950DD565A7309C50B9C2");
  expect_all_lines_accounted(out, 22);
  EXPECT_EQ(out.stats.lines_not_understood, 0u);
}

TEST(CertText, CertutilVerboseReadsNamesAndExtensionsBelowTheirHeadings) {
  const std::string text =
      "================ Certificate 0 ================\n"
      "X509 Certificate:\n"
      "Version: 3\n"
      "Serial Number: 61000000a71e09c4d2b5f8e611000000000a7\n"
      "Signature Algorithm:\n"
      "    Algorithm ObjectId: 1.2.840.113549.1.1.11 sha256RSA\n"
      "    Algorithm Parameters:\n"
      "    05 00\n"
      "Issuer:\n"
      "    CN=Contoso Issuing CA 1\n"
      "    DC=contoso\n"
      "    DC=com\n"
      "  Name Hash(sha1): 5d2b9d2e5b1c3f9a0e6f4a8b7c1d2e3f4a5b6c7d\n"
      "\n"
      " NotBefore: 10/28/2025 2:03 PM\n"
      " NotAfter: 10/28/2027 2:03 PM\n"
      "\n"
      "Subject:\n"
      "    CN=web01.contoso.com\n"
      "  Name Hash(sha1): 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n"
      "\n"
      "Certificate Extensions: 9\n"
      "    2.5.29.37: Flags = 0, Length = c\n"
      "    Enhanced Key Usage\n"
      "        Server Authentication (1.3.6.1.5.5.7.3.1)\n"
      "\n"
      "    2.5.29.17: Flags = 0, Length = 2a\n"
      "    Subject Alternative Name\n"
      "        DNS Name=web01.contoso.com\n"
      "        DNS Name=web01\n"
      "\n"
      "Cert Hash(sha1): 4d95e287bf3c0ba090bb73996951d86ada764be9\n"
      "\n"
      "CertUtil: -store command completed successfully.\n";
  const Output out = tokenize(text);
  ASSERT_EQ(out.records.size(), 1u);
  const Record& record = out.records[0];
  EXPECT_EQ(field(record, "issuer"), "CN=Contoso Issuing CA 1, DC=contoso, DC=com");
  EXPECT_EQ(field(record, "subject"), "CN=web01.contoso.com");
  EXPECT_EQ(field(record, "not_after"), "10/28/2027 2:03 PM");
  EXPECT_EQ(field(record, "eku"), "Server Authentication (1.3.6.1.5.5.7.3.1)");
  EXPECT_EQ(field(record, "san"), "DNS Name=web01.contoso.com, DNS Name=web01");
  EXPECT_EQ(field(record, "thumbprint"), "4D95E287BF3C0BA090BB73996951D86ADA764BE9");
  // The usages the product requirements test, as x509 records give them.
  EXPECT_EQ(field(record, "server_auth"), "yes");
  EXPECT_EQ(field(record, "client_auth"), "no");
  EXPECT_EQ(field(record, "ca"), "no");
  EXPECT_EQ(record.line_count, 32u);
  expect_all_lines_accounted(out, 34);
}

TEST(CertText, CertutilDumpOfOneFile) {
  // The layout of KB216831: "X509 Certificate:" opens the certificate, names on one line.
  const std::string text =
      "X509 Certificate:\n"
      "Version: 3\n"
      "Serial Number: 25f51e4e0000115a\n"
      "Issuer: CN=MS CertSrv Test Group CA, OU=Windows NT, O=Microsoft\n"
      "NotBefore: 10/23/1998 3:33 PM\n"
      "NotAfter: 10/23/1999 3:33 PM\n"
      "Subject: CN=Name (Signing), OU=IASG, O=Microsoft\n"
      "2.5.29.37: Flags = 0(), Length = c\n"
      "Enhanced Key Usage\n"
      "Client Authentication(1.3.6.1.5.5.7.3.2)\n"
      "CertUtil: -dump command completed successfully.\n";
  const Output out = tokenize(text);
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(field(out.records[0], "not_after"), "10/23/1999 3:33 PM");
  EXPECT_EQ(field(out.records[0], "subject"), "CN=Name (Signing), OU=IASG, O=Microsoft");
  EXPECT_EQ(field(out.records[0], "thumbprint"), "<absent>");
  expect_all_lines_accounted(out, 11);
}

// certutil -v shows the template in its extension: Certificate Template Information (version 2
// and later templates: "Template=NAME(OID)", then the version) or Certificate Template Name.
TEST(CertText, CertutilVerboseReadsTheTemplateOfEitherExtension) {
  const std::string head =
      "================ Certificate 0 ================\n"
      "X509 Certificate:\n"
      " NotAfter: 1/20/2026 10:00 AM\n"
      "Subject:\n"
      "    CN=web07.contoso.com\n"
      "Certificate Extensions: 2\n";
  const Output information = tokenize(
      head +
      "    1.3.6.1.4.1.311.21.7: Flags = 0, Length = 2f\n"
      "    Certificate Template Information\n"
      "        Template=Contoso Web Server(1.3.6.1.4.1.311.21.8.7638725.13898300.1716293)\n"
      "        Major Version Number=100\n"
      "        Minor Version Number=4\n"
      "Cert Hash(sha1): 4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f\n");
  ASSERT_EQ(information.records.size(), 1u);
  EXPECT_EQ(field(information.records[0], "template"),
            "Contoso Web Server(1.3.6.1.4.1.311.21.8.7638725.13898300.1716293)");
  const Output name = tokenize(head +
                               "    1.3.6.1.4.1.311.20.2: Flags = 0, Length = 12\n"
                               "    Certificate Template Name (Certificate Type)\n"
                               "        WebServer\n"
                               "Cert Hash(sha1): 4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f\n");
  ASSERT_EQ(name.records.size(), 1u);
  EXPECT_EQ(field(name.records[0], "template"), "WebServer");
  const Output none =
      tokenize(head + "Cert Hash(sha1): 4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f\n");
  EXPECT_EQ(field(none.records.at(0), "template"), "<absent>");
}

TEST(CertText, FormatListBlocksAreCertificatesAndOtherBlocksAreNot) {
  const std::string text =
      "\n"
      "\n"
      "   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\n"
      "\n"
      "Subject      : CN=web01.contoso.com\n"
      "Issuer       : CN=Contoso Issuing CA 1, DC=contoso, DC=com\n"
      "Thumbprint   : FE33DA8FC8F6A35F9DE05F3F25853606FC259804\n"
      "FriendlyName : web01 TLS 2024\n"
      "NotBefore    : 1/21/2024 3:35:12 PM\n"
      "NotAfter     : 1/20/2026 3:35:12 PM\n"
      "Extensions   : {System.Security.Cryptography.Oid, System.Security.Cryptography.Oid}\n"
      "\n"
      "EnhancedKeyUsageList : {Server Authentication (1.3.6.1.5.5.7.3.1), Client Authentication "
      "(1.3.6.1.5.5.7.3.2)}\n"
      "DnsNameList          : {app01.contoso.com}\n"
      "HasPrivateKey        : True\n"
      "SerialNumber         : 6100000042B1C7E0D9A3F5AD92000000000042\n"
      "Thumbprint           : 30509376CD54EFB6C78809CB4EBF5332EC7EAB8B\n"
      "NotAfter             : 9/2/2026 7:12:40 AM\n"
      "\n"
      "Name   : Spooler\n"
      "Status : Running\n";
  const Output out = tokenize(text);
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0].line, 5u);
  EXPECT_EQ(out.records[0].line_count, 7u);
  EXPECT_EQ(field(out.records[0], "friendly_name"), "web01 TLS 2024");
  EXPECT_EQ(field(out.records[0], "not_after"), "1/20/2026 3:35:12 PM");
  EXPECT_EQ(field(out.records[1], "eku"),
            "Server Authentication (1.3.6.1.5.5.7.3.1), Client Authentication (1.3.6.1.5.5.7.3.2)");
  EXPECT_EQ(field(out.records[1], "san"), "app01.contoso.com");
  EXPECT_EQ(field(out.records[1], "serial"), "6100000042B1C7E0D9A3F5AD92000000000042");
  // Format-List shows the EKU but not Basic Constraints: usages yes, CA unknown.
  EXPECT_EQ(field(out.records[1], "server_auth"), "yes");
  EXPECT_EQ(field(out.records[1], "client_auth"), "yes");
  EXPECT_EQ(field(out.records[1], "ca"), "<absent>");
  EXPECT_EQ(field(out.records[0], "server_auth"), "<absent>");
  EXPECT_EQ(out.stats.lines_not_understood, 2u) << "the service block is no certificate";
  expect_all_lines_accounted(out, 21);
}

TEST(CertText, DetectionKnowsTheListingsAndNotEventLists) {
  EXPECT_TRUE(is_cert_text_line("================ Certificate 12 ================"));
  EXPECT_TRUE(is_cert_text_line("X509 Certificate:"));
  EXPECT_TRUE(is_cert_text_line("Cert Hash(sha1): fa31d5cf9ae9d1cf5703f3f4565a85f8314df400"));
  EXPECT_TRUE(is_cert_text_line("CertUtil: -dump command completed successfully."));
  EXPECT_TRUE(is_cert_text_line("Thumbprint   : FE33DA8FC8F6A35F9DE05F3F25853606FC259804"));
  EXPECT_FALSE(is_cert_text_line("Thumbprint   : FE33"));
  EXPECT_FALSE(is_cert_text_line("TimeCreated  : 2/14/2024 11:31:44 AM"));
  EXPECT_FALSE(is_cert_text_line("The certificate CN=web01 expires on 1/20/2026"));
}

}  // namespace
}  // namespace certdiag
