#include "tokenize/cert_text.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "model/text.h"

namespace certdiag {
namespace {

const RE2& banner() {  // ================ Certificate 0 ================
  static const RE2 re(R"(^=+ Certificate \d+ =+\s*$)");
  return re;
}
const RE2& list_field() {  // "NotAfter     : 2/14/2024 11:31:44 AM"
  static const RE2 re(R"(^([A-Za-z][A-Za-z0-9]*)\s*: ?(.*?)\s*$)");
  return re;
}
const RE2& certutil_field() {  // "Serial Number: 61…", " NotAfter: 11/2/2025 9:14 AM"
  static const RE2 re(
      R"(^ ?(Serial Number|Issuer|Subject|NotBefore|NotAfter|Template|Cert Hash\(sha1\)):\s*(.*?)\s*$)");
  return re;
}

// The line without the white space (in the C locale's sense) around it.
std::string_view trim_space(std::string_view text) { return trim(text, " \t\n\v\f\r"); }

size_t indent(std::string_view line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

bool is_blank(std::string_view line) { return trim_space(line).empty(); }

// A hash as Windows' thumbprint: hex digits only, upper case ("32 c6 b7 …" → "32C6B7…").
std::string thumbprint(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// "{a, b}" of Format-List → "a, b".
std::string unbrace(std::string_view text) {
  if (text.starts_with('{') && text.ends_with('}')) text = text.substr(1, text.size() - 2);
  return std::string(trim_space(text));
}

// The lines under `i` indented deeper than it, joined with ", ": certutil -v writes a name's
// parts, an extension's values, one per line below its heading.
std::string block_below(const std::vector<std::string>& lines, size_t i, bool names_only) {
  std::string out;
  const size_t heading = indent(lines[i]);
  for (size_t j = i + 1; j < lines.size() && !is_blank(lines[j]) && indent(lines[j]) > heading;
       ++j) {
    const std::string_view value = trim_space(lines[j]);
    if (names_only && value.find('=') == std::string_view::npos) break;
    if (names_only && value.starts_with("Name Hash")) break;
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

void add(Record& record, std::string name, std::string value) {
  for (const auto& field : record.data) {
    if (field.name == name) return;  // the first one written wins
  }
  if (!value.empty()) record.data.push_back({std::move(name), std::move(value)});
}

const std::string* find(const Record& record, std::string_view name) {
  for (const auto& field : record.data) {
    if (field.name == name) return &field.value;
  }
  return nullptr;
}

void read_fields(const std::vector<std::string>& lines, Record& record) {
  static constexpr std::pair<std::string_view, std::string_view> kListNames[] = {
      {"Subject", "subject"},
      {"Issuer", "issuer"},
      {"Thumbprint", "thumbprint"},
      {"SerialNumber", "serial"},
      {"NotBefore", "not_before"},
      {"NotAfter", "not_after"},
      {"FriendlyName", "friendly_name"},
      {"EnhancedKeyUsageList", "eku"},
      {"DnsNameList", "san"},
      {"HasPrivateKey", "has_private_key"},
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::string key, value;
    if (RE2::FullMatch(line, certutil_field(), &key, &value)) {
      if (key == "Cert Hash(sha1)") {
        add(record, "thumbprint", thumbprint(value));
      } else if (key == "Serial Number") {
        add(record, "serial", thumbprint(value));
      } else if (key == "Subject" || key == "Issuer") {
        // certutil -v writes the name's parts on the lines below an empty "Subject:".
        add(record, key == "Subject" ? "subject" : "issuer",
            value.empty() ? block_below(lines, i, true) : value);
      } else {
        add(record,
            key == "NotBefore"  ? "not_before"
            : key == "NotAfter" ? "not_after"
                                : "template",
            value);
      }
    } else if (trim_space(line) == "Enhanced Key Usage" ||
               trim_space(line) == "Application Policies") {
      add(record, "eku", block_below(lines, i, false));
    } else if (trim_space(line) == "Subject Alternative Name") {
      add(record, "san", block_below(lines, i, false));
    } else if (trim_space(line) == "Certificate Template Information") {
      // "Template=Contoso Web Server(1.3.6.1.4.1.311.21.8.…)" on the line below, then its
      // version numbers.
      const std::string_view first = i + 1 < lines.size() ? trim_space(lines[i + 1]) : "";
      if (first.starts_with("Template=")) add(record, "template", std::string(first.substr(9)));
    } else if (trim_space(line).starts_with("Certificate Template Name")) {
      add(record, "template", block_below(lines, i, false));
    } else if (RE2::FullMatch(line, list_field(), &key, &value)) {
      for (const auto& [shown, name] : kListNames) {
        if (key == shown) {
          add(record, std::string(name), name == "thumbprint" ? thumbprint(value) : unbrace(value));
        }
      }
    }
  }
}

// What the listing shows of the certificate's usage, by the names the x509 records use, so the
// product requirements read both: server_auth and client_auth from a shown EKU, and ca where
// the extensions are listed (certutil -v, -dump; RFC 5280 4.2.1.9: a CA certificate carries
// Basic Constraints with cA set, which certutil shows as "Subject Type=CA"). A listing that
// shows no extensions (certutil -store without -v) says nothing of them: no field.
void read_usages(const std::vector<std::string>& lines, Record& record) {
  bool extensions_listed = false;
  bool ca = false;
  for (const auto& line : lines) {
    extensions_listed |= line.starts_with("Certificate Extensions:");
    ca |= trim(line) == "Subject Type=CA";
  }
  // A copy: adding fields below may move the record's data.
  const std::string* found = find(record, "eku");
  if (!found && !extensions_listed) return;
  const std::optional<std::string> eku = found ? std::optional<std::string>(*found) : std::nullopt;
  const auto has = [&](std::string_view oid) {
    return eku && eku->find(oid) != std::string::npos ? "yes" : "no";
  };
  add(record, "server_auth", has("1.3.6.1.5.5.7.3.1"));
  add(record, "client_auth", has("1.3.6.1.5.5.7.3.2"));
  if (extensions_listed) add(record, "ca", ca ? "yes" : "no");
}

std::string summary(const Record& record) {
  auto get = [&](std::string_view name) {
    const std::string* value = find(record, name);
    return value ? *value : std::string("?");
  };
  // Subject and dates first: reports shorten evidence lines.
  return fmt::format("Certificate {}, valid {} to {}, thumbprint {}, issued by {}", get("subject"),
                     get("not_before"), get("not_after"), get("thumbprint"), get("issuer"));
}

}  // namespace

bool is_cert_text_line(std::string_view line) {
  static const RE2 thumbprint_line(R"(^Thumbprint\s*: [0-9A-Fa-f]{40}\s*$)");
  return RE2::FullMatch(line, banner()) || trim_space(line) == "X509 Certificate:" ||
         line.starts_with("Cert Hash(sha1): ") || line.starts_with("CertUtil: -store command") ||
         line.starts_with("CertUtil: -dump command") || RE2::FullMatch(line, thumbprint_line);
}

void CertTextTokenizer::start(uint64_t line_no, bool list) {
  flush();
  open_ = true;
  list_ = list;
  first_line_ = last_line_ = line_no;
}

void CertTextTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (open_ && line_no == last_line_ && !lines_.empty()) {
    lines_.back().append(line);  // the next piece of a split long line
    return;
  }
  const bool blank = is_blank(line);
  if (RE2::FullMatch(line, banner())) {
    start(line_no, false);
  } else if (trim_space(line) == "X509 Certificate:") {
    // Inside a banner's block (certutil -store -v) it continues it; alone it opens a -dump.
    const bool continues = open_ && !list_ && lines_.size() == 1;
    if (!continues) start(line_no, false);
  } else if (line.starts_with("CertUtil: ")) {
    flush();
    structure_line(line_no);
    return;
  } else if (blank && (!open_ || list_)) {
    flush();
    structure_line(line_no);
    return;
  } else if (!open_) {
    std::string key, value;
    if (!RE2::FullMatch(line, list_field(), &key, &value)) {
      structure_line(line_no);  // the store's header, e.g. My "Personal"
      return;
    }
    start(line_no, true);
  }
  lines_.emplace_back(line);
  last_line_ = line_no;
}

void CertTextTokenizer::finish() { flush(); }

void CertTextTokenizer::flush() {
  if (!open_) return;
  open_ = false;
  // Blank lines at the end of a certutil block separate it from the next: layout.
  uint64_t trailing = 0;
  while (!lines_.empty() && is_blank(lines_.back())) {
    lines_.pop_back();
    ++trailing;
  }
  Record record;
  reset(record, first_line_);
  record.line_count = static_cast<uint32_t>(last_line_ - first_line_ + 1 - trailing);
  read_fields(lines_, record);
  read_usages(lines_, record);
  lines_.clear();
  if (find(record, "thumbprint") == nullptr && find(record, "not_after") == nullptr) {
    // A Format-List block of something else: not a certificate.
    for (uint64_t line = first_line_; line < first_line_ + record.line_count; ++line)
      not_understood_line(line);
  } else {
    record.level = Level::info;
    record.component = "cert-text";
    record.message = summary(record);
    emit(record);
  }
  for (uint64_t i = 0; i < trailing; ++i) structure_line(last_line_ - trailing + 1 + i);
}

}  // namespace certdiag
