// Finds values in log text that identify people, machines and networks — IPv4 and IPv6
// addresses, domain SIDs, certificate thumbprints, UPNs, DOMAIN\user, labelled user, domain and
// machine fields, DC= components, FQDNs — each by an RE2 pattern (compiled once) and checks in
// code that keep error codes, versions, OIDs, paths and dotted .NET or rule names out. Stateless:
// what replaces them, and the names a run reveals, are report/redact.h's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace certdiag {

// In the order that breaks a tie between two identifiers of one span.
enum class IdentifierKind : uint8_t {
  sid,
  thumbprint,        // 40 or 64 hex digits
  thumbprint_bytes,  // 20 or 32 bytes as "A1 FC 63 …" or "a1:fc:63:…"
  ipv4,
  ipv6,
  upn,          // user@domain.tld
  field,        // "Account Name: jdoe", "TargetDomainName=CONTOSO", "MachineName : APP05"
  domain_user,  // DOMAIN\user
  dc,           // DC=contoso, DC=com
  fqdn,         // three labels or more, ending in a top-level domain
};
inline constexpr size_t kIdentifierKinds = 10;

// What a field's label says its value is.
enum class FieldKind : uint8_t { user, domain, host };

struct Identifier {
  size_t begin = 0;  // the span to replace (a field's value, not its label)
  size_t end = 0;
  IdentifierKind kind = IdentifierKind::fqdn;
  std::string_view a;  // upn: the user; domain_user: the domain; field, dc, fqdn: the span
  std::string_view b;  // upn: the domain; domain_user: the user
  FieldKind field = FieldKind::user;
};

// The first identifier of `kind` that starts at or after `from`; false when there is none.
bool find_identifier(IdentifierKind kind, std::string_view text, size_t from, Identifier& found);

// A dotted name of three labels or more whose last label is a top-level domain.
bool is_fqdn(std::string_view name);
// A vendor's or a standards body's name (crl.microsoft.com, www.iana.org), which names no
// customer.
bool is_public_domain(std::string_view name);
// A name distinctive enough to replace wherever it appears as a word: a letter and a digit,
// hyphen, dot or underscore ("svc-scom", "APP05"), not a plain word ("test", "admin").
bool machine_like(std::string_view name);
// A value that names nobody: an empty marker ("-", "N/A"), a built-in account, a number.
bool names_nobody(std::string_view value);
// "contoso.com" from "DC=contoso, DC=com".
std::string dc_domain(std::string_view components);

bool is_ascii_alnum(char c);
std::string ascii_lower(std::string_view text);

}  // namespace certdiag
