#include "tokenize/x509.h"

#include <fmt/format.h>
#if CERTDIAG_HAVE_OPENSSL
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#endif

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <ctime>
#include <memory>
#include <vector>

namespace certdiag {
namespace {

// Certificate files are small; anything this large is not one, and is not held in memory.
constexpr size_t kMaxCertificateFileBytes = size_t{16} << 20;

#if CERTDIAG_HAVE_OPENSSL
template <auto Free>
struct OpenSslFree {
  template <class T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, OpenSslFree<PKCS7_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpenSslFree<PKCS12_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;

#endif

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

#if CERTDIAG_HAVE_OPENSSL
// Text from a certificate is attacker-controlled: control characters never reach a report.
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

// The last OpenSSL error as a short phrase, and the error queue cleared.
std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  const char* reason = code == 0 ? nullptr : ERR_reason_error_string(code);
  return reason ? reason : "malformed data";
}

// What the certificates of one file were read from.
struct Contents {
  std::vector<X509Ptr> certificates;
  std::string container;
  bool pkcs12 = false;
  uint64_t unreadable = 0;
  std::string error;
};

void take_pkcs7(const PKCS7& pkcs7, Contents& contents) {
  contents.container = "PKCS #7";
  STACK_OF(X509)* certificates = nullptr;
  if (PKCS7_type_is_signed(&pkcs7) && pkcs7.d.sign != nullptr) {
    certificates = pkcs7.d.sign->cert;
  } else if (PKCS7_type_is_signedAndEnveloped(&pkcs7) && pkcs7.d.signed_and_enveloped != nullptr) {
    certificates = pkcs7.d.signed_and_enveloped->cert;
  }
  for (int i = 0; i < sk_X509_num(certificates); ++i) {
    X509* certificate = sk_X509_value(certificates, i);
    X509_up_ref(certificate);
    contents.certificates.emplace_back(certificate);
  }
  if (contents.certificates.empty()) contents.error = "the PKCS #7 structure holds no certificate";
}

// PEM blocks in any text around them (openssl's "Bag Attributes", certutil's headers). Private
// keys and other blocks are passed over without being decoded.
Contents read_pem(std::string_view bytes) {
  Contents contents;
  contents.container = "PEM";
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  while (bio) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    ERR_clear_error();
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) {
      if (ERR_GET_REASON(ERR_peek_last_error()) != PEM_R_NO_START_LINE) {
        contents.error = "a PEM block is damaged: " + openssl_reason();
        ++contents.unreadable;
      }
      ERR_clear_error();
      break;
    }
    const std::string_view label(name);
    const unsigned char* cursor = data;
    if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
      X509* certificate = label == "TRUSTED CERTIFICATE" ? d2i_X509_AUX(nullptr, &cursor, length)
                                                         : d2i_X509(nullptr, &cursor, length);
      if (certificate != nullptr) {
        contents.certificates.emplace_back(certificate);
      } else {
        ++contents.unreadable;
        contents.error = "a CERTIFICATE block does not decode: " + openssl_reason();
      }
    } else if (label == "PKCS7") {
      if (Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &cursor, length)); pkcs7) {
        take_pkcs7(*pkcs7, contents);
      } else {
        ++contents.unreadable;
        contents.error = "a PKCS7 block does not decode: " + openssl_reason();
      }
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
  }
  if (contents.certificates.empty() && contents.error.empty())
    contents.error = "no certificate in the PEM text";
  return contents;
}

// One DER structure: a certificate, a PKCS #7 chain or a PKCS #12 file.
Contents read_der(std::string_view bytes) {
  Contents contents;
  const auto* start = reinterpret_cast<const unsigned char*>(bytes.data());
  const long length = static_cast<long>(std::min<size_t>(bytes.size(), LONG_MAX));
  const unsigned char* cursor = start;
  if (X509* certificate = d2i_X509(nullptr, &cursor, length)) {
    contents.container = "DER";
    contents.certificates.emplace_back(certificate);
    return contents;
  }
  cursor = start;
  if (Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &cursor, length)); pkcs7) {
    take_pkcs7(*pkcs7, contents);
    return contents;
  }
  cursor = start;
  if (Pkcs12Ptr pkcs12(d2i_PKCS12(nullptr, &cursor, length)); pkcs12) {
    contents.container = "PKCS #12";
    contents.pkcs12 = true;
    return contents;
  }
  contents.container = "DER";
  contents.error =
      "neither a certificate, a PKCS #7 chain nor a PKCS #12 file: " + openssl_reason();
  return contents;
}

std::string name_text(const X509_NAME* name) {
  // Most specific first and ", " between parts, as Windows writes names; UTF-8 kept as is.
  constexpr unsigned long kFlags =
      (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB & ~XN_FLAG_SEP_MASK) | XN_FLAG_SEP_CPLUS_SPC;
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, kFlags) < 0) return "";
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return printable(std::string(data, static_cast<size_t>(std::max(size, 0L))));
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, value);
  if (size < 0) return "";
  std::string text(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return printable(std::move(text));
}

std::string time_text(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return "";
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string hex_upper(const unsigned char* bytes, size_t size) {
  std::string out;
  for (size_t i = 0; i < size; ++i) out += fmt::format("{:02X}", bytes[i]);
  return out;
}

std::string serial_text(const X509* certificate) {
  BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
  if (!number) return "";
  char* hex = BN_bn2hex(number.get());
  std::string text = hex ? hex : "";
  OPENSSL_free(hex);
  // An even number of digits, as Windows shows serials.
  if (text.size() % 2 == 1) text.insert(0, "0");
  return text;
}

// The SHA-1 hash of the certificate in upper-case hex: Windows' thumbprint.
std::string thumbprint(const X509* certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha1(), digest.data(), &size) != 1) return "";
  return hex_upper(digest.data(), size);
}

std::string ip_text(const ASN1_OCTET_STRING* address) {
  const unsigned char* bytes = ASN1_STRING_get0_data(address);
  const int size = ASN1_STRING_length(address);
  if (size == 4) return fmt::format("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]);
  std::string text;
  for (int i = 0; i + 1 < size; i += 2) {
    if (!text.empty()) text += ':';
    text += fmt::format("{:x}", (bytes[i] << 8) | bytes[i + 1]);
  }
  return text;
}

std::string ia5_text(const ASN1_IA5STRING* value) {
  return printable(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                               static_cast<size_t>(ASN1_STRING_length(value))));
}

// Subject alternative names as "DNS:web01.contoso.com, IP:10.0.0.5"; the DNS names also apart.
std::string alternative_names(const X509* certificate, std::vector<std::string>& dns_names) {
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  std::string text;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    std::string part;
    if (name->type == GEN_DNS) {
      dns_names.push_back(ia5_text(name->d.dNSName));
      part = "DNS:" + dns_names.back();
    } else if (name->type == GEN_IPADD) {
      part = "IP:" + ip_text(name->d.iPAddress);
    } else if (name->type == GEN_EMAIL) {
      part = "email:" + ia5_text(name->d.rfc822Name);
    } else if (name->type == GEN_URI) {
      part = "URI:" + ia5_text(name->d.uniformResourceIdentifier);
    } else {
      continue;
    }
    if (!text.empty()) text += ", ";
    text += part;
  }
  GENERAL_NAMES_free(names);
  return text;
}

// Windows' names for the usages certificates of its products carry.
std::string usage_name(std::string_view oid) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"1.3.6.1.5.5.7.3.1", "Server Authentication"},
      {"1.3.6.1.5.5.7.3.2", "Client Authentication"},
      {"1.3.6.1.5.5.7.3.3", "Code Signing"},
      {"1.3.6.1.5.5.7.3.4", "Secure Email"},
      {"1.3.6.1.5.5.7.3.8", "Time Stamping"},
      {"1.3.6.1.5.5.7.3.9", "OCSP Signing"},
      {"1.3.6.1.4.1.311.10.3.4", "Encrypting File System"},
      {"1.3.6.1.4.1.311.20.2.2", "Smart Card Logon"},
      {"1.3.6.1.4.1.311.54.1.2", "Remote Desktop Authentication"},
      {"1.3.6.1.5.5.8.2.2", "IP security IKE intermediate"},
      {"2.16.840.1.113741.1.2.3", "Intel AMT Provisioning"},
  };
  for (const auto& [known, name] : kNames) {
    if (known == oid) return std::string(name);
  }
  return "";
}

struct Usages {
  std::string names;  // "Server Authentication (1.3.6.1.5.5.7.3.1), …"
  std::string oids;   // "1.3.6.1.5.5.7.3.1, …"
  bool server_auth = false;
  bool client_auth = false;
};

Usages extended_key_usages(const X509* certificate) {
  Usages usages;
  auto* objects = static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr));
  for (int i = 0; i < sk_ASN1_OBJECT_num(objects); ++i) {
    const ASN1_OBJECT* object = sk_ASN1_OBJECT_value(objects, i);
    std::array<char, 128> buffer{};
    OBJ_obj2txt(buffer.data(), static_cast<int>(buffer.size()), object, 1);
    const std::string oid = buffer.data();
    std::string name = usage_name(oid);
    if (name.empty()) {
      OBJ_obj2txt(buffer.data(), static_cast<int>(buffer.size()), object, 0);
      name = buffer.data();
    }
    if (!usages.oids.empty()) {
      usages.oids += ", ";
      usages.names += ", ";
    }
    usages.oids += oid;
    usages.names += name == oid ? oid : fmt::format("{} ({})", name, oid);
    usages.server_auth |= oid == "1.3.6.1.5.5.7.3.1";
    usages.client_auth |= oid == "1.3.6.1.5.5.7.3.2";
  }
  sk_ASN1_OBJECT_pop_free(objects, ASN1_OBJECT_free);
  return usages;
}

std::string key_usage_text(X509* certificate) {
  const uint32_t bits = X509_get_key_usage(certificate);
  if (bits == UINT32_MAX) return "";  // no key usage extension
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {KU_DIGITAL_SIGNATURE, "Digital Signature"},
      {KU_NON_REPUDIATION, "Non-Repudiation"},
      {KU_KEY_ENCIPHERMENT, "Key Encipherment"},
      {KU_DATA_ENCIPHERMENT, "Data Encipherment"},
      {KU_KEY_AGREEMENT, "Key Agreement"},
      {KU_KEY_CERT_SIGN, "Certificate Signing"},
      {KU_CRL_SIGN, "CRL Signing"},
      {KU_ENCIPHER_ONLY, "Encipher Only"},
      {KU_DECIPHER_ONLY, "Decipher Only"},
  };
  std::string text;
  for (const auto& [bit, name] : kNames) {
    if ((bits & bit) == 0) continue;
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// Windows names an elliptic-curve key "ECC".
std::string key_algorithm(const EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return "RSA";
    case EVP_PKEY_EC:
      return "ECC";
    case EVP_PKEY_DSA:
      return "DSA";
    default: {
      const char* name = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
      return name ? name : "unknown";
    }
  }
}

std::string_view first_label(std::string_view name) { return name.substr(0, name.find('.')); }

// Whether a certificate name stands for the host a path names: the same name, or the fully
// qualified name of a NetBIOS host; a wildcard covers one label.
bool names_host(std::string_view certificate_name, std::string_view host, bool need_fqdn) {
  const std::string name = lower(certificate_name);
  const std::string machine = lower(host);
  if (need_fqdn && name.find('.') == std::string::npos) return false;
  if (name == machine) return true;
  const bool netbios = machine.find('.') == std::string::npos;
  if (name.starts_with("*.")) {
    return netbios || (machine.size() > name.size() - 1 && machine.ends_with(name.substr(1)) &&
                       first_label(machine).size() == machine.size() - (name.size() - 1));
  }
  return netbios && first_label(name) == machine;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

// The record of one certificate; `position` is "2 of 3" in a file of several.
Record certificate_record(X509* certificate, const std::string& container,
                          const std::string& position, std::string_view host) {
  Record record;
  auto add = [&](std::string name, std::string value) {
    record.data.push_back({std::move(name), std::move(value)});
  };
  const std::string subject = name_text(X509_get_subject_name(certificate));
  const std::string cn = common_name(X509_get_subject_name(certificate));
  const std::string issuer = name_text(X509_get_issuer_name(certificate));
  std::vector<std::string> dns_names;
  const std::string san = alternative_names(certificate, dns_names);
  const Usages usages = extended_key_usages(certificate);
  const EVP_PKEY* key = X509_get0_pubkey(certificate);
  const std::string algorithm = key ? key_algorithm(key) : "unknown";
  const int bits = key ? EVP_PKEY_get_bits(key) : 0;
  const std::string print = thumbprint(certificate);
  const std::string not_before = time_text(X509_get0_notBefore(certificate));
  const std::string not_after = time_text(X509_get0_notAfter(certificate));
  const bool ca = X509_check_ca(certificate) > 0;

  add("container", container);
  if (!position.empty()) add("position", position);
  add("subject", subject);
  add("subject_cn", cn);
  add("san", san.empty() ? "none" : san);
  add("issuer", issuer);
  add("serial", serial_text(certificate));
  add("thumbprint", print);
  add("not_before", not_before);
  add("not_after", not_after);
  add("eku", usages.names);
  add("eku_oids", usages.oids);
  add("server_auth", yes_no(usages.server_auth));
  add("client_auth", yes_no(usages.client_auth));
  add("key_usage", key_usage_text(certificate));
  add("key_algorithm", algorithm);
  add("key_bits", std::to_string(bits));
  add("ca", yes_no(ca));
  add("self_signed", yes_no(X509_self_signed(certificate, 1) == 1));
  if (!host.empty()) {
    add("subject_names_host", yes_no(!cn.empty() && names_host(cn, host, true)));
    add("san_names_host", yes_no(std::any_of(dns_names.begin(), dns_names.end(), [&](auto& name) {
          return names_host(name, host, false);
        })));
  }
  ERR_clear_error();

  record.level = Level::info;
  record.component = "x509";
  record.message =
      // Subject and dates first: reports shorten evidence lines.
      fmt::format("Certificate {}, valid {} to {}, thumbprint {}, issued by {}, {}, {} {} bits{}",
                  subject.empty() ? "with an empty subject" : subject, not_before, not_after, print,
                  issuer, usages.names.empty() ? "no EKU" : "EKU " + usages.names, algorithm, bits,
                  san.empty() ? "" : ", SAN " + san);
  return record;
}

// Chain facts for files of several certificates (or a PKCS #7 chain): whether each one's issuer
// is in the file, and, where order means something (PEM or DER, not a PKCS #7 set), whether
// the issuer comes right after it.
void add_chain_facts(const std::vector<X509Ptr>& certificates, bool ordered,
                     std::vector<Record>& records) {
  for (size_t i = 0; i < certificates.size(); ++i) {
    X509* certificate = certificates[i].get();
    auto& data = records[i].data;
    if (X509_self_signed(certificate, 0) == 1) {
      data.push_back({"issuer_in_file", "self-signed"});
      continue;
    }
    const auto issues = [&](const X509Ptr& candidate) {
      return candidate.get() != certificate &&
             X509_check_issued(candidate.get(), certificate) == X509_V_OK;
    };
    const bool present = std::any_of(certificates.begin(), certificates.end(), issues);
    data.push_back({"issuer_in_file", yes_no(present)});
    if (ordered && present) {
      data.push_back(
          {"issuer_follows", yes_no(i + 1 < certificates.size() && issues(certificates[i + 1]))});
    }
  }
  ERR_clear_error();
}
#endif

bool has_certificate_extension(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {".cer", ".crt", ".der", ".pem",
                                                     ".p7b", ".p7c", ".pfx", ".p12"};
  const std::string lowered = lower(name);
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](std::string_view extension) { return lowered.ends_with(extension); });
}

bool starts_pem(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  return text.starts_with("-----BEGIN CERTIFICATE-----") ||
         text.starts_with("-----BEGIN PKCS7-----") ||
         text.starts_with("-----BEGIN TRUSTED CERTIFICATE-----") ||
         text.starts_with("-----BEGIN X509 CERTIFICATE-----");
}

// A DER SEQUENCE with a long or indefinite length: how certificates, PKCS #7 and PKCS #12
// files start; no text starts so (0x80-0x84 cannot follow '0' in UTF-8).
bool starts_der(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x30 && static_cast<unsigned char>(bytes[1]) >= 0x80 &&
         static_cast<unsigned char>(bytes[1]) <= 0x84;
}

}  // namespace

std::string certificate_file_reason(std::string_view prefix, std::string_view name) {
  // DER only under a certificate file name: other binary files are DER too (a driver's .cat is
  // PKCS #7, with signing certificates long expired by design) and are not evidence.
  if (has_certificate_extension(name) && starts_der(prefix))
    return "a certificate file name whose first bytes are a DER structure (certificate, PKCS #7 "
           "or PKCS #12)";
  if (starts_pem(prefix)) return "it starts with a PEM certificate block";
  if (has_certificate_extension(name) && prefix.find("-----BEGIN ") != std::string_view::npos)
    return "a certificate file name holding PEM blocks";
  return "";
}

#if CERTDIAG_HAVE_OPENSSL
CertificateStats read_certificates(std::string_view bytes, std::string_view host,
                                   const RecordSink& sink) {
  CertificateStats stats;
  stats.bytes = bytes.size();
  ERR_clear_error();
  Contents contents = starts_der(bytes) ? read_der(bytes) : read_pem(bytes);
  stats.container = contents.container;
  stats.text = !starts_der(bytes);
  stats.unreadable = contents.unreadable;
  stats.error = contents.error;
  stats.error_kind = InputErrorKind::corrupt;
  if (contents.pkcs12) {
    Record record;
    record.level = Level::info;
    record.component = "x509";
    record.message =
        "PKCS #12 file: certificates and a private key behind a password; listed, not opened";
    record.data = {{"container", contents.container}, {"password_protected", "yes"}};
    record.line = 1;
    ++stats.certificates;
    sink(record);
    return stats;
  }
  const size_t count = contents.certificates.size();
  std::vector<Record> records;
  for (size_t i = 0; i < count; ++i) {
    records.push_back(certificate_record(contents.certificates[i].get(), contents.container,
                                         count > 1 ? fmt::format("{} of {}", i + 1, count) : "",
                                         host));
    records.back().line = i + 1;
  }
  if (count > 1 || contents.container == "PKCS #7") {
    add_chain_facts(contents.certificates, contents.container != "PKCS #7", records);
  }
  for (Record& record : records) {
    ++stats.certificates;
    sink(record);
  }
  return stats;
}
#else
// A build without OpenSSL (the Windows build may be one) recognises certificate files and says
// that it does not read them; the other inputs are analysed as usual.
CertificateStats read_certificates(std::string_view bytes, std::string_view, const RecordSink&) {
  CertificateStats stats;
  stats.bytes = bytes.size();
  stats.error_kind = InputErrorKind::unsupported;
  stats.error =
      "this build of certdiag does not read certificate files (it is built without "
      "OpenSSL); read it with certutil -dump FILE";
  return stats;
}
#endif

CertificateStats read_certificates(ByteStream& stream, std::string_view host,
                                   const RecordSink& sink) {
  std::string bytes;
  std::array<char, 65536> buffer{};
  while (const size_t count = stream.read(buffer.data(), buffer.size())) {
    if (bytes.size() + count > kMaxCertificateFileBytes) {
      CertificateStats stats;
      stats.bytes = bytes.size() + count;
      stats.error_kind = InputErrorKind::over_limit;
      stats.error = fmt::format("larger than {} MiB: too large for a certificate file, not read",
                                kMaxCertificateFileBytes >> 20);
      return stats;
    }
    bytes.append(buffer.data(), count);
  }
  CertificateStats stats = read_certificates(bytes, host, sink);
  if (!stream.error().empty()) {
    stats.error = stream.error();
    stats.error_kind = InputErrorKind::unreadable;
  }
  return stats;
}

}  // namespace certdiag
