// A certificate's fields as the text Windows shows (names most specific first, SHA-1
// thumbprint, upper-case serial, usage names with their OIDs), read through OpenSSL for the
// records of tokenize/x509.h. Text from a certificate is attacker-controlled: every string
// returned here has its control characters replaced.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace certdiag {

template <auto Free>
struct OpenSslFree {
  template <class T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;

// "CN=web01.contoso.com, OU=IT, O=Contoso": most specific first, ", " between parts.
std::string name_text(const X509_NAME* name);
// The values of one attribute of a name (NID_commonName, NID_organizationalUnitName), joined
// with ", "; "" when it has none.
std::string name_attribute(const X509_NAME* name, int nid);
std::string time_text(const ASN1_TIME* time);  // "2027-06-01T00:00:00Z"
std::string serial_text(const X509* certificate);
std::string thumbprint(const X509* certificate);

// Subject alternative names as "DNS:web01.contoso.com, IP:10.0.0.5"; the DNS names also apart.
std::string alternative_names(const X509* certificate, std::vector<std::string>& dns_names);

struct Usages {
  std::string names;  // "Server Authentication (1.3.6.1.5.5.7.3.1), …"
  std::string oids;   // "1.3.6.1.5.5.7.3.1, …"
  bool server_auth = false;
  bool client_auth = false;
};
Usages extended_key_usages(const X509* certificate);
std::string key_usage_text(X509* certificate);
std::string key_algorithm(const EVP_PKEY* key);  // RSA, ECC, DSA, …

// The Windows certificate template a CA issued the certificate from: the name of the
// Certificate Template Name extension (1.3.6.1.4.1.311.20.2, version 1 templates), or the OID
// and version of the Certificate Template Information extension (1.3.6.1.4.1.311.21.7,
// [MS-WCCE] 2.2.2.7.7.2), which names no template offline.
struct CertificateTemplate {
  std::string name;     // "WebServer", or "" when the certificate has no 20.2 extension
  std::string oid;      // "1.3.6.1.4.1.311.21.8.…", or ""
  std::string version;  // "100.5" (major.minor), or ""
};
CertificateTemplate certificate_template(const X509* certificate);

}  // namespace certdiag
