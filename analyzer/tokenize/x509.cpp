#include "tokenize/x509.h"

#include <fmt/format.h>
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

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <ctime>
#include <memory>
#include <vector>

#include "tokenize/serialized_store.h"
#include "tokenize/x509_fields.h"

namespace certdiag {
namespace {

// Certificate files are small; anything this large is not one, and is not held in memory.
constexpr size_t kMaxCertificateFileBytes = size_t{16} << 20;

using Pkcs7Ptr = std::unique_ptr<PKCS7, OpenSslFree<PKCS7_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpenSslFree<PKCS12_free>>;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
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

// The certificates of a serialized store (.sst); those before any damage are kept.
Contents read_store(std::string_view bytes) {
  Contents contents;
  contents.container = "serialized store";
  SerializedStore store = read_serialized_store(bytes);
  for (const std::string_view der : store.certificates) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    if (X509* certificate = d2i_X509(nullptr, &cursor, static_cast<long>(der.size()))) {
      contents.certificates.emplace_back(certificate);
    } else {
      ++contents.unreadable;
      contents.error =
          fmt::format("certificate {} of the serialized store does not decode: {}",
                      contents.certificates.size() + contents.unreadable, openssl_reason());
    }
  }
  if (!store.error.empty()) contents.error = std::move(store.error);
  if (contents.certificates.empty() && contents.error.empty())
    contents.error = "the serialized store holds no certificate";
  return contents;
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
  const std::string cn = name_attribute(X509_get_subject_name(certificate), NID_commonName);
  const std::string ou =
      name_attribute(X509_get_subject_name(certificate), NID_organizationalUnitName);
  const CertificateTemplate issued_from = certificate_template(certificate);
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
  if (!ou.empty()) add("subject_ou", ou);
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
  // The template names the certificate where it has a name; offline, only its OID.
  if (!issued_from.name.empty() || !issued_from.oid.empty())
    add("template", issued_from.name.empty() ? issued_from.oid : issued_from.name);
  if (!issued_from.oid.empty()) add("template_oid", issued_from.oid);
  if (!issued_from.version.empty()) add("template_version", issued_from.version);
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

bool has_certificate_extension(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {".cer", ".crt", ".der", ".pem", ".p7b",
                                                     ".p7c", ".sst", ".pfx", ".p12"};
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
  if (starts_serialized_store(prefix))
    return "it starts with the file header of a serialized certificate store (.sst)";
  if (starts_pem(prefix)) return "it starts with a PEM certificate block";
  if (has_certificate_extension(name) && prefix.find("-----BEGIN ") != std::string_view::npos)
    return "a certificate file name holding PEM blocks";
  return "";
}

CertificateStats read_certificates(std::string_view bytes, std::string_view host,
                                   const RecordSink& sink) {
  CertificateStats stats;
  stats.bytes = bytes.size();
  ERR_clear_error();
  const bool store = starts_serialized_store(bytes);
  Contents contents = store               ? read_store(bytes)
                      : starts_der(bytes) ? read_der(bytes)
                                          : read_pem(bytes);
  stats.container = contents.container;
  stats.text = !store && !starts_der(bytes);
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
  // PKCS #7 and serialized stores are sets: their order means nothing. A damaged file's chain
  // is not judged: what is missing may be what could not be read.
  const bool set = contents.container == "PKCS #7" || store;
  if (contents.error.empty() && (count > 1 || set)) {
    add_chain_facts(contents.certificates, !set, records);
  }
  for (Record& record : records) {
    ++stats.certificates;
    sink(record);
  }
  return stats;
}

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
