// Certificate files read through libcrypto: each layout (PEM, DER, PKCS #7 in DER and PEM,
// PKCS #12, serialized stores), the fields rules see, the chain checks, and broken files. The
// fixtures are made by scripts/make-certificate-samples.sh; thumbprints.txt holds openssl's own
// SHA-1 fingerprints.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tokenize/x509.h"

namespace certdiag {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(CERTDIAG_SOURCE_DIR) + "/tests/data/certificates/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

struct Output {
  std::vector<Record> records;
  CertificateStats stats;
};

Output read(const std::string& bytes, std::string_view host = "") {
  Output output;
  output.stats =
      read_certificates(bytes, host, [&](Record& record) { output.records.push_back(record); });
  return output;
}

// A data field of a record; "<absent>" when it has none.
std::string field(const Record& record, std::string_view name) {
  for (const auto& item : record.data) {
    if (item.name == name) return item.value;
  }
  return "<absent>";
}

// openssl's fingerprint of a fixture, as "AA:BB:…" turned into Windows' thumbprint form.
std::string openssl_thumbprint(const std::string& name) {
  std::istringstream lines(read_fixture("thumbprints.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with(name + " ")) continue;
    std::string hex = line.substr(line.find('=') + 1);
    std::erase(hex, ':');
    return hex;
  }
  return "";
}

TEST(X509Reader, DerCertificateGivesOneRecordWithItsFields) {
  const Output out = read(read_fixture("web01.cer"), "WEB01");
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.stats.container, "DER");
  EXPECT_EQ(out.stats.error, "");
  const Record& record = out.records[0];
  EXPECT_EQ(field(record, "subject"), "CN=web01.contoso.com");
  EXPECT_EQ(field(record, "subject_cn"), "web01.contoso.com");
  EXPECT_EQ(field(record, "issuer"), "CN=Contoso Issuing CA 1, DC=contoso, DC=com");
  EXPECT_EQ(field(record, "san"), "DNS:web01.contoso.com, DNS:web01");
  EXPECT_EQ(field(record, "thumbprint"), openssl_thumbprint("web01"));
  EXPECT_EQ(field(record, "not_before"), "2025-06-01T00:00:00Z");
  EXPECT_EQ(field(record, "not_after"), "2027-06-01T00:00:00Z");
  EXPECT_EQ(field(record, "eku"), "Server Authentication (1.3.6.1.5.5.7.3.1)");
  EXPECT_EQ(field(record, "eku_oids"), "1.3.6.1.5.5.7.3.1");
  EXPECT_EQ(field(record, "server_auth"), "yes");
  EXPECT_EQ(field(record, "client_auth"), "no");
  EXPECT_EQ(field(record, "key_usage"), "Digital Signature, Key Encipherment");
  EXPECT_EQ(field(record, "key_algorithm"), "RSA");
  EXPECT_EQ(field(record, "key_bits"), "2048");
  EXPECT_EQ(field(record, "ca"), "no");
  EXPECT_EQ(field(record, "self_signed"), "no");
  EXPECT_EQ(field(record, "san_names_host"), "yes");
  EXPECT_EQ(field(record, "subject_names_host"), "yes");
  EXPECT_EQ(field(record, "issuer_in_file"), "<absent>") << "one certificate is no chain";
  EXPECT_EQ(record.message.find('\n'), std::string::npos);
  EXPECT_EQ(record.message,
            "Certificate CN=web01.contoso.com, valid 2025-06-01T00:00:00Z to 2027-06-01T00:00:00Z, "
            "thumbprint " +
                openssl_thumbprint("web01") +
                ", issued by CN=Contoso Issuing CA 1, DC=contoso, DC=com, EKU Server "
                "Authentication (1.3.6.1.5.5.7.3.1), RSA 2048 bits, SAN DNS:web01.contoso.com, "
                "DNS:web01");
}

TEST(X509Reader, SerialIsUpperCaseHexAsWindowsShowsIt) {
  const Output out = read(read_fixture("gw01.cer"));
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(field(out.records[0], "serial"), "1003");
  EXPECT_EQ(field(out.records[0], "key_bits"), "1024");
  EXPECT_EQ(field(out.records[0], "san"), "none");
}

TEST(X509Reader, HostChecksRunOnlyWhenThePathNamesAMachine) {
  EXPECT_EQ(field(read(read_fixture("gw01.cer")).records.at(0), "subject_names_host"), "<absent>");
  // CN=GW01 names the machine, but not by its fully qualified name.
  EXPECT_EQ(field(read(read_fixture("gw01.cer"), "GW01").records.at(0), "subject_names_host"),
            "no");
  // A NetBIOS folder name is matched by the first label of the certificate's FQDN.
  EXPECT_EQ(field(read(read_fixture("scom01.pem"), "SCOM01").records.at(0), "subject_names_host"),
            "yes");
  EXPECT_EQ(field(read(read_fixture("scom01.pem"), "SCOM02").records.at(0), "subject_names_host"),
            "no");
}

TEST(X509Reader, PemCertificateAndBothAuthenticationUsages) {
  const Output out = read(read_fixture("scom01.pem"));
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.stats.container, "PEM");
  EXPECT_TRUE(out.stats.text);
  EXPECT_EQ(field(out.records[0], "eku"),
            "Server Authentication (1.3.6.1.5.5.7.3.1), Client Authentication (1.3.6.1.5.5.7.3.2)");
  EXPECT_EQ(field(out.records[0], "server_auth"), "yes");
  EXPECT_EQ(field(out.records[0], "client_auth"), "yes");
}

TEST(X509Reader, RootIsSelfSignedCa) {
  const Output out = read(read_fixture("root.pem"));
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(field(out.records[0], "ca"), "yes");
  EXPECT_EQ(field(out.records[0], "self_signed"), "yes");
  EXPECT_EQ(field(out.records[0], "key_usage"), "Certificate Signing, CRL Signing");
  EXPECT_EQ(field(out.records[0], "eku"), "");
}

TEST(X509Reader, CompletePkcs7ChainHasEveryIssuer) {
  for (const char* name : {"chain.p7b", "chain-pem.p7b"}) {
    const Output out = read(read_fixture(name));
    ASSERT_EQ(out.records.size(), 3u) << name;
    EXPECT_EQ(out.stats.container, "PKCS #7");
    for (const Record& record : out.records) {
      EXPECT_NE(field(record, "issuer_in_file"), "no") << name << ": " << record.message;
      // A PKCS #7 file is a set: its order means nothing.
      EXPECT_EQ(field(record, "issuer_follows"), "<absent>");
    }
    EXPECT_EQ(field(out.records[0], "position"), "1 of 3");
    EXPECT_EQ(out.records[2].line, 3u);
  }
}

TEST(X509Reader, Pkcs7ChainWithoutItsIntermediateIsIncomplete) {
  const Output out = read(read_fixture("partial.p7b"));
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(field(out.records[0], "subject"), "CN=web01.contoso.com");
  EXPECT_EQ(field(out.records[0], "issuer_in_file"), "no");
  EXPECT_EQ(field(out.records[1], "issuer_in_file"), "self-signed");
}

TEST(X509Reader, PemChainOutOfOrderIsFound) {
  const Output out = read(read_fixture("fullchain.pem"));  // leaf, root, intermediate
  ASSERT_EQ(out.records.size(), 3u);
  EXPECT_EQ(field(out.records[0], "issuer_in_file"), "yes");
  EXPECT_EQ(field(out.records[0], "issuer_follows"), "no");
  EXPECT_EQ(field(out.records[1], "issuer_in_file"), "self-signed");
  EXPECT_EQ(field(out.records[2], "issuer_follows"), "no");
}

TEST(X509Reader, PemChainInOrderIsQuiet) {
  const std::string in_order =
      read_fixture("scom01.pem") + read_fixture("issuing.pem") + read_fixture("root.pem");
  const Output out = read(in_order);
  ASSERT_EQ(out.records.size(), 3u);
  for (const Record& record : out.records) {
    EXPECT_NE(field(record, "issuer_in_file"), "no");
    EXPECT_NE(field(record, "issuer_follows"), "no");
  }
}

TEST(X509Reader, PfxIsListedAndNotOpened) {
  const Output out = read(read_fixture("web01.pfx"));
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.stats.container, "PKCS #12");
  EXPECT_EQ(out.stats.error, "");
  EXPECT_EQ(field(out.records[0], "password_protected"), "yes");
  EXPECT_EQ(field(out.records[0], "subject"), "<absent>");
}

TEST(X509Reader, TruncatedFilesSayWhyInOneLine) {
  for (const char* name : {"truncated.pem", "truncated.cer"}) {
    const Output out = read(read_fixture(name));
    EXPECT_TRUE(out.records.empty()) << name;
    EXPECT_NE(out.stats.error, "") << name;
    EXPECT_EQ(out.stats.error.find('\n'), std::string::npos) << out.stats.error;
  }
  EXPECT_EQ(read(read_fixture("truncated.pem")).stats.unreadable, 1u);
}

std::string read_sample(const std::string& path) {
  std::ifstream in(std::string(CERTDIAG_SOURCE_DIR) + "/samples/windows/certificates/" + path,
                   std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// The Windows template: by name from Certificate Template Name (version 1 templates), by OID
// and version from Certificate Template Information (offline, no name).
TEST(X509Reader, TemplateIsReadFromEitherWindowsExtension) {
  const Record by_oid = read(read_sample("templates/WEB05/web05.contoso.com.cer")).records.at(0);
  EXPECT_EQ(field(by_oid, "template"),
            "1.3.6.1.4.1.311.21.8.7638725.13898300.1985460.3383425.7519116.119.16408497.1716293");
  EXPECT_EQ(field(by_oid, "template_oid"), field(by_oid, "template"));
  EXPECT_EQ(field(by_oid, "template_version"), "100.4");
  const Record by_name = read(read_sample("templates/WEB06/web06.contoso.com.cer")).records.at(0);
  EXPECT_EQ(field(by_name, "template"), "WebServer");
  EXPECT_EQ(field(by_name, "template_oid"), "<absent>");
  EXPECT_EQ(field(read(read_fixture("web01.cer")).records.at(0), "template"), "<absent>");
}

TEST(X509Reader, SubjectOrganizationalUnitIsAFieldOfItsOwn) {
  const Record intel =
      read(read_sample("amt-provisioning/CM02/OutOfBand/provisioning.pem")).records.at(0);
  EXPECT_EQ(field(intel, "subject"), "CN=cm02.contoso.com, OU=Intel(R) Client Setup Certificate");
  EXPECT_EQ(field(intel, "subject_ou"), "Intel(R) Client Setup Certificate");
  EXPECT_EQ(field(read(read_fixture("web01.cer")).records.at(0), "subject_ou"), "<absent>");
  const Record with_oid =
      read(read_sample("amt-provisioning/CM03/AMT/provisioning.cer")).records.at(0);
  EXPECT_EQ(field(with_oid, "eku_oids"), "1.3.6.1.5.5.7.3.1, 2.16.840.1.113741.1.2.3");
  EXPECT_EQ(field(with_oid, "eku"),
            "Server Authentication (1.3.6.1.5.5.7.3.1), Intel AMT Provisioning "
            "(2.16.840.1.113741.1.2.3)");
}

TEST(X509Reader, SerializedStoreGivesEachCertificateAsASet) {
  const Output out = read(read_fixture("store.sst"), "WEB01");
  ASSERT_EQ(out.records.size(), 3u);
  EXPECT_EQ(out.stats.container, "serialized store");
  EXPECT_FALSE(out.stats.text);
  EXPECT_EQ(out.stats.error, "");
  EXPECT_EQ(field(out.records[0], "container"), "serialized store");
  EXPECT_EQ(field(out.records[0], "position"), "1 of 3");
  EXPECT_EQ(field(out.records[0], "thumbprint"), openssl_thumbprint("web01"));
  EXPECT_EQ(field(out.records[0], "san_names_host"), "yes");
  EXPECT_EQ(field(out.records[1], "thumbprint"), openssl_thumbprint("issuing"));
  EXPECT_EQ(field(out.records[2], "thumbprint"), openssl_thumbprint("root"));
  EXPECT_EQ(field(out.records[0], "issuer_in_file"), "yes");
  EXPECT_EQ(field(out.records[2], "issuer_in_file"), "self-signed");
  // A store is a set, as a PKCS #7 file is: its order means nothing.
  EXPECT_EQ(field(out.records[0], "issuer_follows"), "<absent>");
}

TEST(X509Reader, SerializedStoreSavedAsPkcs7IsReadAsOne) {
  const Output out = read(read_fixture("store-pkcs7.sst"));
  ASSERT_EQ(out.records.size(), 3u);
  EXPECT_EQ(out.stats.container, "PKCS #7");
  EXPECT_EQ(out.stats.error, "");
}

TEST(X509Reader, TruncatedSerializedStoreKeepsTheCertificatesBeforeTheDamage) {
  const Output out = read(read_fixture("truncated.sst"));
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(field(out.records[0], "thumbprint"), openssl_thumbprint("web01"));
  EXPECT_EQ(field(out.records[0], "issuer_in_file"), "<absent>")
      << "the issuer may be what the damage took";
  EXPECT_EQ(out.stats.error,
            "the serialized store is cut short at byte 982: an element of 888 bytes has 506 left");
}

TEST(X509Reader, DamagedSerializedStoresSayWhereInOneLine) {
  const std::string store = read_fixture("store.sst");
  // The first element's id overwritten: no property id is that large.
  std::string bad_id = store;
  bad_id.replace(8, 4, "\xff\xff\xff\x7f");
  EXPECT_EQ(
      read(bad_id).stats.error,
      "the serialized store is damaged at byte 8: element id 0x7fffffff is not a property id");
  EXPECT_TRUE(read(bad_id).records.empty());
  // Cut inside an element header.
  EXPECT_EQ(read(store.substr(0, 14)).stats.error,
            "the serialized store is cut short at byte 8: 6 of the 12 bytes of an element header");
  // The header alone, and a store without its end element, are whole stores.
  EXPECT_EQ(read(store.substr(0, 8)).stats.error, "the serialized store holds no certificate");
  const Output no_end = read(store.substr(0, store.size() - 12));
  EXPECT_EQ(no_end.records.size(), 3u);
  EXPECT_EQ(no_end.stats.error, "");
  // A certificate element whose DER does not decode is counted; the others are read.
  std::string bad_der = store;
  bad_der[8 + 32 + 12] = 0x05;  // the first certificate's SEQUENCE tag
  const Output one_bad = read(bad_der);
  EXPECT_EQ(one_bad.records.size(), 2u);
  EXPECT_EQ(one_bad.stats.unreadable, 1u);
  EXPECT_TRUE(
      one_bad.stats.error.starts_with("certificate 1 of the serialized store does not "
                                      "decode: "))
      << one_bad.stats.error;
}

TEST(X509Reader, TextBeforeAndBetweenPemBlocksIsPassedOver) {
  const std::string text = "Bag Attributes\n    friendlyName: web01\nsubject=CN=web01\n" +
                           read_fixture("scom01.pem") +
                           "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  const Output out = read(text);
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.stats.error, "");
}

TEST(X509Reader, ControlCharactersInNamesNeverReachTheRecord) {
  const Output out = read(read_fixture("root.pem"));
  for (const auto& item : out.records.at(0).data) {
    for (char c : item.value) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << item.name;
  }
}

TEST(X509Reader, CertificateFilesAreToldFromLogs) {
  EXPECT_NE(certificate_file_reason(read_fixture("web01.cer").substr(0, 512), "x.cer"), "");
  EXPECT_NE(certificate_file_reason(read_fixture("chain.p7b").substr(0, 512), "CHAIN.P7B"), "");
  // DER under another name (a driver catalog is PKCS #7) is not taken for a certificate file.
  EXPECT_EQ(certificate_file_reason(read_fixture("chain.p7b").substr(0, 512), "oem12.cat"), "");
  EXPECT_EQ(certificate_file_reason(read_fixture("web01.cer").substr(0, 512), "x.bin"), "");
  EXPECT_NE(certificate_file_reason(read_fixture("scom01.pem").substr(0, 512), "x.txt"), "");
  EXPECT_NE(certificate_file_reason("Bag Attributes\n-----BEGIN CERTIFICATE-----", "a.pem"), "");
  EXPECT_EQ(certificate_file_reason("Bag Attributes\n-----BEGIN CERTIFICATE-----", "a.log"), "");
  EXPECT_EQ(certificate_file_reason("<![LOG[Certificate expired]LOG]!>", "a.log"), "");
  EXPECT_EQ(certificate_file_reason("0x80092013 revocation offline", "a.cer"), "");
  EXPECT_EQ(certificate_file_reason("", "a.cer"), "");
  // A serialized store by its header, under any name; one saved as PKCS #7 by its .sst name.
  EXPECT_NE(certificate_file_reason(read_fixture("store.sst").substr(0, 512), "roots.bin"), "");
  EXPECT_NE(certificate_file_reason(read_fixture("store-pkcs7.sst").substr(0, 512), "My.SST"), "");
  EXPECT_EQ(certificate_file_reason(std::string("\0\0\0\0CER", 7), "a.log"), "");
}

}  // namespace
}  // namespace certdiag
