#include "tokenize/x509_fields.h"

#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <ctime>

namespace certdiag {
namespace {

// Text from a certificate is attacker-controlled: control characters never reach a report.
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

std::string hex_upper(const unsigned char* bytes, size_t size) {
  std::string out;
  for (size_t i = 0; i < size; ++i) out += fmt::format("{:02X}", bytes[i]);
  return out;
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

// The UTF-8 text of a string value; "" for other types.
std::string string_value(const ASN1_TYPE& value) {
  if (value.type != V_ASN1_BMPSTRING && value.type != V_ASN1_UTF8STRING &&
      value.type != V_ASN1_PRINTABLESTRING && value.type != V_ASN1_IA5STRING)
    return "";
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, value.value.asn1_string);
  if (size < 0) return "";
  std::string text(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return printable(std::move(text));
}

// The DER value of the certificate's extension of this OID, or null.
const ASN1_OCTET_STRING* extension_value(const X509* certificate, const char* oid) {
  ASN1_OBJECT* object = OBJ_txt2obj(oid, 1);
  const int index = object ? X509_get_ext_by_OBJ(certificate, object, -1) : -1;
  ASN1_OBJECT_free(object);
  return index < 0 ? nullptr : X509_EXTENSION_get_data(X509_get_ext(certificate, index));
}

}  // namespace

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

std::string name_attribute(const X509_NAME* name, int nid) {
  std::string text;
  for (int index = X509_NAME_get_index_by_NID(name, nid, -1); index >= 0;
       index = X509_NAME_get_index_by_NID(name, nid, index)) {
    unsigned char* utf8 = nullptr;
    const int size =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (size < 0) continue;
    if (!text.empty()) text += ", ";
    text.append(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
    OPENSSL_free(utf8);
  }
  return printable(std::move(text));
}

std::string time_text(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return "";
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string serial_text(const X509* certificate) {
  BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
  if (!number) return "";
  char* hex = BN_bn2hex(number.get());
  std::string text = hex ? hex : "";
  OPENSSL_free(hex);
  // An even number of digits, as Windows shows serials.
  if (text.size() % 2 == 1) text.insert(text.begin(), '0');
  return text;
}

// The SHA-1 hash of the certificate in upper-case hex: Windows' thumbprint.
std::string thumbprint(const X509* certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha1(), digest.data(), &size) != 1) return "";
  return hex_upper(digest.data(), size);
}

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

CertificateTemplate certificate_template(const X509* certificate) {
  CertificateTemplate out;
  if (const ASN1_OCTET_STRING* name = extension_value(certificate, "1.3.6.1.4.1.311.20.2")) {
    const unsigned char* cursor = ASN1_STRING_get0_data(name);
    if (ASN1_TYPE* value = d2i_ASN1_TYPE(nullptr, &cursor, ASN1_STRING_length(name))) {
      out.name = string_value(*value);
      ASN1_TYPE_free(value);
    }
  }
  // CertificateTemplateOID ::= SEQUENCE { templateID OBJECT IDENTIFIER,
  //   templateMajorVersion INTEGER OPTIONAL, templateMinorVersion INTEGER OPTIONAL }
  if (const ASN1_OCTET_STRING* info = extension_value(certificate, "1.3.6.1.4.1.311.21.7")) {
    const unsigned char* cursor = ASN1_STRING_get0_data(info);
    STACK_OF(ASN1_TYPE)* items = d2i_ASN1_SEQUENCE_ANY(nullptr, &cursor, ASN1_STRING_length(info));
    const auto item = [&](int i, int type) {
      const ASN1_TYPE* value = i < sk_ASN1_TYPE_num(items) ? sk_ASN1_TYPE_value(items, i) : nullptr;
      return value && value->type == type ? value : nullptr;
    };
    if (const ASN1_TYPE* id = item(0, V_ASN1_OBJECT)) {
      std::array<char, 256> buffer{};
      if (OBJ_obj2txt(buffer.data(), static_cast<int>(buffer.size()), id->value.object, 1) > 0)
        out.oid = buffer.data();
    }
    const ASN1_TYPE* major = item(1, V_ASN1_INTEGER);
    const ASN1_TYPE* minor = item(2, V_ASN1_INTEGER);
    if (major && minor) {
      out.version = fmt::format("{}.{}", ASN1_INTEGER_get(major->value.integer),
                                ASN1_INTEGER_get(minor->value.integer));
    } else if (major) {
      out.version = std::to_string(ASN1_INTEGER_get(major->value.integer));
    }
    sk_ASN1_TYPE_pop_free(items, ASN1_TYPE_free);
  }
  ERR_clear_error();
  return out;
}

}  // namespace certdiag
