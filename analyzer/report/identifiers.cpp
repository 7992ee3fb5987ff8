#include "report/identifiers.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>

#include "model/text.h"

namespace certdiag {
namespace {

bool is_alnum(char c) { return is_digit(c) || is_letter(c); }

// The character before `at` (a space at the start), and at `at` (a space at the end).
char before(std::string_view text, size_t at) { return at > 0 ? text[at - 1] : ' '; }
char at_or_space(std::string_view text, size_t at) { return at < text.size() ? text[at] : ' '; }

// The regex of the identifier kind numbered `index`, compiled once.
const RE2& regex(size_t index) {
  static const std::array<std::unique_ptr<RE2>, kIdentifierKinds> regexes = [] {
    std::array<std::unique_ptr<RE2>, kIdentifierKinds> out;
    const std::array<const char*, kIdentifierKinds> patterns = {
        // sid: domain accounts (S-1-5-21-…) and Entra ID ones (S-1-12-1-…); well-known SIDs
        // such as S-1-5-18 identify nobody.
        R"(S-1-(?:5-21|12-1)(?:-[0-9]+){1,8})",
        // thumbprint: SHA-1 or SHA-256 in hex
        R"([0-9A-Fa-f]{40,})",
        // thumbprint_bytes: the same, as bytes separated by spaces or colons
        R"([0-9A-Fa-f]{2}(?: [0-9A-Fa-f]{2}){19,}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){19,})",
        // ipv4
        R"([0-9]{1,3}(?:\.[0-9]{1,3}){3})",
        // ipv6 (checked in code)
        R"([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})",
        // upn: user@domain.tld
        R"(([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+))",
        // field: a log's label for a user, domain or machine, and its value
        R"((?i)((?:(?:target|subject|client|logon|runas)[ \t]*)?(?:user|account|domain)[ \t]*)"
        R"((?:name|domain)?|(?:computer|machine|workstation|host|target)[ \t]*name|computer|)"
        R"(machine|workstation|hostname)[ \t]*[:=][ \t]*([^\s,;'"<>()\[\]]+))",
        // domain_user: DOMAIN\user (NetBIOS domains are written in capitals)
        R"(([A-Z][A-Z0-9-]{1,14})\\([A-Za-z0-9][A-Za-z0-9._$-]*))",
        // dc: the domain components of a distinguished name
        R"((?i)DC=[A-Za-z0-9-]+(?:[ \t]*,[ \t]*DC=[A-Za-z0-9-]+)+)",
        // fqdn: three labels or more (checked in code)
        R"([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?){2,})",
    };
    for (size_t i = 0; i < kIdentifierKinds; ++i) {
      RE2::Options options;
      options.set_log_errors(false);
      out[i] = std::make_unique<RE2>(patterns[i], options);
    }
    return out;
  }();
  return *regexes[index];
}

// Whether a name's last label is a top-level domain as hosts are named: a common generic or
// internal one, or a two-letter country code in lower case — not a file extension, and not the
// last part of a dotted .NET or rule name such as System.Net.Http or om.cert.expired.
bool tld_like(std::string_view label) {
  static const std::set<std::string, std::less<>> generic = {
      "com",   "net",  "org",         "edu",     "gov",  "mil",      "int",
      "info",  "biz",  "local",       "lan",     "corp", "internal", "intranet",
      "intra", "home", "localdomain", "private", "priv", "cloud",    "online"};
  static const std::set<std::string, std::less<>> not_country = {
      "cs", "js", "py", "db", "gz", "xz", "sh", "ps", "md", "rb", "go", "pl", "cc", "hh",
      "el", "ml", "so", "ts", "rs", "vb", "mo", "po", "bz", "lz", "cf", "ok", "no", "id"};
  if (label.size() < 2 || !std::all_of(label.begin(), label.end(), is_letter)) return false;
  const bool all_lower = std::none_of(label.begin(), label.end(), [](char c) { return c < 'a'; });
  const bool all_upper = std::none_of(label.begin(), label.end(), [](char c) { return c >= 'a'; });
  if (!all_lower && !all_upper) return false;
  const std::string name = lower(label);
  if (generic.contains(name)) return true;
  return label.size() == 2 && all_lower && !not_country.contains(name);
}

// NetBIOS "domains" of built-in accounts and registry hives, which name nobody.
bool is_builtin_domain(std::string_view domain) {
  static const std::set<std::string, std::less<>> names = {
      "AUTHORITY", "BUILTIN", "SERVICE", "APPPOOL", "WORKGROUP", "NT",  "HKLM",
      "HKCU",      "HKCR",    "HKU",     "HKCC",    "WINDOWS",   "FONT"};
  return names.contains(domain);
}

bool valid_ipv4(std::string_view text, size_t begin, size_t end) {
  const char prev = before(text, begin);
  const char next = at_or_space(text, end);
  if (is_alnum(prev) || prev == '.' || is_alnum(next) ||
      (next == '.' && is_digit(at_or_space(text, end + 1))))
    return false;
  // Assembly and file versions ("Version=10.0.0.0") look like addresses.
  const std::string lead =
      lower(text.substr(begin >= 12 ? begin - 12 : 0, std::min<size_t>(begin, 12)));
  if (lead.find("version") != std::string::npos) return false;
  std::array<unsigned, 4> octets{};
  size_t i = 0;
  for (size_t at = begin; at < end; ++at) {
    if (text[at] == '.') {
      ++i;
    } else {
      octets[i] = octets[i] * 10 + static_cast<unsigned>(text[at] - '0');
    }
  }
  if (std::any_of(octets.begin(), octets.end(), [](unsigned octet) { return octet > 255; }))
    return false;
  // The unspecified, broadcast and loopback addresses identify nothing.
  const bool all_zero = octets == std::array<unsigned, 4>{0, 0, 0, 0};
  const bool broadcast = octets == std::array<unsigned, 4>{255, 255, 255, 255};
  return !all_zero && !broadcast && octets[0] != 127;
}

bool valid_ipv6(std::string_view text, size_t begin, size_t end) {
  const char prev = before(text, begin);
  const char next = at_or_space(text, end);
  if (is_alnum(prev) || prev == ':' || prev == '.' || is_alnum(next) || next == ':' || next == '.')
    return false;
  const std::string_view address = text.substr(begin, end - begin);
  const size_t gap = address.find("::");
  if (gap != std::string_view::npos && address.find("::", gap + 1) != std::string_view::npos)
    return false;
  size_t groups = 0;
  size_t at = 0;
  while (at <= address.size()) {
    size_t colon = address.find(':', at);
    if (colon == std::string_view::npos) colon = address.size();
    if (colon > at) ++groups;
    at = colon + 1;
  }
  if (!std::any_of(address.begin(), address.end(), is_digit)) return false;
  // Clock times ("12:34:56") and C++ scopes ("Face::Add") are not addresses; neither is ::1.
  return gap == std::string_view::npos
             ? groups == 8 && address.front() != ':' && address.back() != ':'
             : groups >= 3 && groups <= 7;
}

}  // namespace

bool is_ascii_alnum(char c) { return is_alnum(c); }

std::string ascii_lower(std::string_view text) { return lower(text); }

bool is_public_domain(std::string_view name) {
  // Vendors' CRL, OCSP and update hosts, and standards bodies, each between spaces.
  static constexpr std::string_view kPublic =
      " microsoft.com windowsupdate.com microsoftonline.com windows.com msftncsi.com live.com "
      "digicert.com verisign.com globalsign.com entrust.net sectigo.com letsencrypt.org iana.org "
      "w3.org xmlsoap.org ietf.org ";
  const std::string text = lower(name);
  // The name itself, then each name it is under: a.b.c, b.c, c.
  std::string_view rest = text;
  while (!rest.empty()) {
    for (size_t at = kPublic.find(rest); at != std::string_view::npos;
         at = kPublic.find(rest, at + 1)) {
      if (kPublic[at - 1] == ' ' && kPublic[at + rest.size()] == ' ') return true;
    }
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return false;
}

bool is_fqdn(std::string_view name) {
  size_t labels = 1;
  for (char c : name) labels += c == '.';
  const size_t dot = name.rfind('.');
  return labels >= 3 && dot != std::string_view::npos && tld_like(name.substr(dot + 1));
}

bool machine_like(std::string_view name) {
  return name.size() >= 3 && std::any_of(name.begin(), name.end(), is_letter) &&
         std::any_of(name.begin(), name.end(),
                     [](char c) { return is_digit(c) || c == '-' || c == '.' || c == '_'; });
}

bool names_nobody(std::string_view value) {
  static const std::set<std::string, std::less<>> words = {
      "-",        "n/a",   "na",      "none",      "null",        "(null)",    "unknown",
      "system",   "local", "network", "anonymous", "localsystem", "localhost", "nt",
      "everyone", "yes",   "no",      "true",      "false",       "builtin",   "workgroup"};
  if (words.contains(lower(value))) return true;
  if (std::all_of(value.begin(), value.end(), is_digit)) return true;
  if (value.starts_with("0x") || value.starts_with("0X") || value.starts_with("%") ||
      value.starts_with("S-1-") || value.starts_with("["))
    return true;
  return false;
}

std::string dc_domain(std::string_view components) {
  const std::string text = lower(components);
  std::string domain;
  for (size_t at = 0; (at = text.find("dc=", at)) != std::string::npos; at += 3) {
    size_t end = at + 3;
    while (end < text.size() && (is_alnum(text[end]) || text[end] == '-')) ++end;
    if (!domain.empty()) domain += '.';
    domain += text.substr(at + 3, end - at - 3);
  }
  return domain;
}

bool find_identifier(IdentifierKind kind, std::string_view text, size_t from, Identifier& found) {
  const RE2& re = regex(static_cast<size_t>(kind));
  const re2::StringPiece input(text.data(), text.size());
  std::array<re2::StringPiece, 3> groups;
  const int count = std::min(re.NumberOfCapturingGroups() + 1, 3);
  size_t at = from;
  while (at <= text.size() &&
         re.Match(input, at, text.size(), RE2::UNANCHORED, groups.data(), count)) {
    const size_t begin = static_cast<size_t>(groups[0].data() - text.data());
    size_t end = begin + groups[0].size();
    at = std::max(end, begin + 1);
    const char prev = before(text, begin);
    const auto part = [&](size_t i) {
      return std::string_view(groups[i].data(), groups[i].size());
    };
    found = Identifier{begin, end, kind, {}, {}, FieldKind::user};
    switch (kind) {
      case IdentifierKind::sid:
        if (is_alnum(prev) || prev == '-' || is_alnum(at_or_space(text, end))) continue;
        return true;
      case IdentifierKind::thumbprint:
        if (is_alnum(prev) || is_alnum(at_or_space(text, end)) ||
            (end - begin != 40 && end - begin != 64))
          continue;
        return true;
      case IdentifierKind::thumbprint_bytes: {
        // A word after the last byte ("… 10 A0 added") is not a byte.
        if (is_alnum(at_or_space(text, end))) end -= 3;
        const size_t bytes = (end - begin + 1) / 3;
        if (is_alnum(prev) || (bytes != 20 && bytes != 32)) continue;
        found.end = end;
        return true;
      }
      case IdentifierKind::ipv4:
        if (!valid_ipv4(text, begin, end)) continue;
        return true;
      case IdentifierKind::ipv6:
        if (!valid_ipv6(text, begin, end)) continue;
        return true;
      case IdentifierKind::upn: {
        const std::string_view domain = part(2);
        if (is_alnum(prev) || prev == '.' || prev == '@' || is_alnum(at_or_space(text, end)) ||
            !tld_like(domain.substr(domain.rfind('.') + 1)))
          continue;
        found.a = part(1);
        found.b = domain;
        return true;
      }
      case IdentifierKind::field: {
        const std::string_view label = part(1);
        std::string_view value = part(2);
        // Log fields are labelled with a capital ("Account Name:", "TargetUserName="); prose
        // ("a trusted domain: it …") is not a field.
        const size_t label_at = static_cast<size_t>(label.data() - text.data());
        if (is_alnum(before(text, label_at)) || label.empty() ||
            !(label[0] >= 'A' && label[0] <= 'Z'))
          continue;
        while (!value.empty() && (value.back() == '.' || value.back() == ':'))
          value.remove_suffix(1);
        if (value.empty()) continue;
        const std::string name = lower(label);
        found.field =
            name.find("domain") != std::string::npos ? FieldKind::domain
            : name.find("user") != std::string::npos || name.find("account") != std::string::npos
                ? FieldKind::user
                : FieldKind::host;
        found.begin = static_cast<size_t>(value.data() - text.data());
        found.end = found.begin + value.size();
        found.a = value;
        return true;
      }
      case IdentifierKind::domain_user: {
        std::string_view user = part(2);
        // A path ("HKLM\SOFTWARE\Microsoft", "C:\Temp\x") is not an account.
        if (is_alnum(prev) || std::string_view("\\/:_.-$").find(prev) != std::string_view::npos ||
            is_builtin_domain(part(1)) || at_or_space(text, end) == '\\' ||
            at_or_space(text, end) == '/')
          continue;
        while (!user.empty() && (user.back() == '.' || user.back() == '-')) user.remove_suffix(1);
        if (user.empty()) continue;
        found.a = part(1);
        found.b = user;
        found.end = static_cast<size_t>(user.data() - text.data()) + user.size();
        return true;
      }
      case IdentifierKind::dc:
        if (is_alnum(prev)) continue;
        found.a = part(0);
        return true;
      case IdentifierKind::fqdn: {
        const std::string_view name = part(0);
        if (is_alnum(prev) || std::string_view(".-_@").find(prev) != std::string_view::npos ||
            at_or_space(text, end) == '_' || !is_fqdn(name) || is_public_domain(name))
          continue;
        found.a = name;
        return true;
      }
    }
  }
  return false;
}

}  // namespace certdiag
