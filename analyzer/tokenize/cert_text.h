// Certificate listings as text: `certutil -store [-v] STORE`, `certutil -dump FILE` and
// `Get-ChildItem Cert:\…\STORE | Format-List [*]`. One record per certificate, its fields as
// record data by the names the x509 records use (subject, issuer, serial, thumbprint,
// not_before, not_after, and eku, san, template when the listing shows them; server_auth,
// client_auth and ca from the extensions it shows), dates as written (local time). The store's
// header, blank separators and certutil's closing line are layout.
#pragma once

#include <string>
#include <vector>

#include "tokenize/tokenizer.h"

namespace certdiag {

class CertTextTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "cert-text"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void start(uint64_t line_no, bool list);
  void flush();

  std::vector<std::string> lines_;  // the lines of the open certificate
  uint64_t first_line_ = 0;
  uint64_t last_line_ = 0;
  bool open_ = false;
  bool list_ = false;  // a Format-List block, which a blank line ends
};

// Whether a line shows this layout: certutil's certificate banner, "X509 Certificate:", its hash
// line or closing line, or a Format-List Thumbprint of 40 hex digits.
bool is_cert_text_line(std::string_view line);

}  // namespace certdiag
