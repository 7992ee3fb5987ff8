// Certificate files as records: .cer/.crt/.der/.pem, PKCS #7 chains (.p7b, DER or PEM),
// serialized certificate stores (.sst, see serialized_store.h) and PKCS #12 files (.pfx/.p12,
// listed, never opened: they need a password), read through OpenSSL's libcrypto. Each
// certificate becomes one record of format "x509" whose data holds its fields by name (subject,
// san, issuer, thumbprint, not_after, eku, key_bits, …), so rule packs judge certificates as they
// judge log lines. A file holding several certificates has its chain checked: each issuer
// present, the root self-signed, each certificate followed by its issuer. Nothing is fetched: no
// network access, ever.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/input.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// Why a source whose first bytes are `prefix` and whose name is `name` is a certificate file
// (for --why); empty when it is not one.
std::string certificate_file_reason(std::string_view prefix, std::string_view name);

struct CertificateStats {
  uint64_t bytes = 0;
  uint64_t certificates = 0;  // records emitted (a PKCS #12 file counts as one)
  uint64_t unreadable = 0;    // certificate blocks found that did not decode
  std::string container;      // "PEM", "DER", "PKCS #7", "serialized store" or "PKCS #12"
  bool text = false;          // PEM text rather than binary DER
  std::string error;          // one line: what could not be read; empty when all was
  InputErrorKind error_kind = InputErrorKind::unreadable;  // what kind of problem `error` is
};

// Reads a certificate file. `host` is the machine the file's path names ("" when none): the
// subject and SAN names are compared with it.
CertificateStats read_certificates(ByteStream& stream, std::string_view host,
                                   const RecordSink& sink);

// The same, on bytes in memory (tests, fuzzing).
CertificateStats read_certificates(std::string_view bytes, std::string_view host,
                                   const RecordSink& sink);

}  // namespace certdiag
