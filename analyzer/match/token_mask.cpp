#include "match/token_mask.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/text.h"
#include "model/utf8.h"

namespace certdiag {
namespace {

// Reads a token left to right; each method consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }
  bool take_any(std::string_view chars) {
    if (pos_ >= text_.size() || chars.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  // Between `min` and `max` decimal digits; their value in `value` when given.
  bool digits(size_t min, size_t max, unsigned* value = nullptr) {
    size_t n = 0;
    unsigned v = 0;
    while (n < max && pos_ + n < text_.size() && is_digit(text_[pos_ + n])) {
      v = v * 10 + static_cast<unsigned>(text_[pos_ + n] - '0');
      ++n;
    }
    if (n < min) return false;
    pos_ += n;
    if (value) *value = v;
    return true;
  }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

// "04:51:58", "4:51", "04:51:58.123", "04:51:58.123+420" (a CMTrace bias), "04:51:58Z".
bool take_clock(Cursor& c) {
  if (!c.digits(1, 2) || !c.take(':') || !c.digits(2, 2)) return false;
  if (c.take(':')) {
    if (!c.digits(2, 2)) return false;
    if (c.take_any(".,") && !c.digits(1, 9)) return false;
  }
  if (c.take('Z')) return true;
  if (c.take_any("+-")) {
    if (!c.digits(1, 4)) return false;
    if (c.take(':') && !c.digits(2, 2)) return false;
  }
  return true;
}

bool is_time(std::string_view s) {
  const auto whole = [&](auto&& parse) {
    Cursor c(s);
    return parse(c) && c.done();
  };
  return whole([](Cursor& c) { return take_clock(c); }) ||
         // 2011-04-26, 2011-04-26T04:51:58Z, 2011/04/26
         whole([](Cursor& c) {
           if (!c.digits(4, 4) || !c.take_any("-/") || !c.digits(1, 2) || !c.take_any("-/") ||
               !c.digits(1, 2))
             return false;
           return !c.take('T') || take_clock(c);
         }) ||
         // 4/26/2011, 04-26-2011 (CMTrace), 26.04.2011
         whole([](Cursor& c) {
           return c.digits(1, 2) && c.take_any("/-.") && c.digits(1, 2) && c.take_any("/-.") &&
                  c.digits(4, 4);
         });
}

bool is_ipv4(std::string_view s) {
  Cursor c(s);
  for (int part = 0; part < 4; ++part) {
    unsigned octet = 0;
    if ((part > 0 && !c.take('.')) || !c.digits(1, 3, &octet) || octet > 255) return false;
  }
  if (c.take(':') && !c.digits(1, 5)) return false;  // port
  if (c.take('/') && !c.digits(1, 2)) return false;  // prefix length
  return c.done();
}

bool is_ipv6(std::string_view s) {
  size_t colons = 0;
  size_t group = 0;
  bool any_hex = false;
  for (char ch : s) {
    if (ch == ':') {
      ++colons;
      group = 0;
    } else if (is_hex(ch) && ++group <= 4) {
      any_hex = true;
    } else {
      return false;
    }
  }
  return any_hex && colons >= 2 && colons <= 7 &&
         (colons == 7 || s.find("::") != std::string_view::npos);
}

// 0x80244021, or a bare run of at least 8 hex digits with a digit and a letter (80072EE2, a
// thumbprint); all digits is a number.
bool is_hex_value(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    return std::all_of(s.begin() + 2, s.end(), is_hex);
  }
  if (s.size() < 8 || !std::all_of(s.begin(), s.end(), is_hex)) return false;
  return std::any_of(s.begin(), s.end(), is_digit) && !std::all_of(s.begin(), s.end(), is_digit);
}

// 443, -2147012889, 1,234, 3.5, 99%
bool is_number(std::string_view s) {
  Cursor c(s);
  c.take_any("+-");
  if (!c.digits(1, s.size())) return false;
  while (!c.done()) {
    const size_t at = c.pos();
    if (!c.take_any(".,") || !c.digits(1, s.size())) {
      c.reset(at);
      break;
    }
  }
  c.take('%');
  return c.done();
}

// C:\Windows\..., \\server\share, DOMAIN\user, /ccm_system/request, https://host/path
bool is_path(std::string_view s) {
  if (s.find('\\') != std::string_view::npos) return true;
  if (s.size() > 1 && s[0] == '/') return true;
  if (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':' && s[2] == '/')
    return true;
  const size_t scheme = s.find("://");
  return scheme != std::string_view::npos && scheme > 0 && scheme + 3 < s.size() &&
         std::all_of(s.begin(), s.begin() + static_cast<ptrdiff_t>(scheme),
                     [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
}

// The mask of a token stripped of punctuation, or "" when it is a word.
std::string_view classify(std::string_view core) {
  const bool hopeful = std::any_of(core.begin(), core.end(),
                                   [](char ch) { return is_digit(ch) || ch == '/' || ch == '\\'; });
  if (!hopeful) return {};
  if (is_guid(core)) return "<GUID>";
  if (is_time(core)) return "<TIME>";
  if (is_ipv4(core) || is_ipv6(core)) return "<IP>";
  if (is_hex_value(core)) return "<HEX>";
  if (is_number(core)) return "<NUM>";
  if (is_path(core)) return "<PATH>";
  return {};
}

constexpr std::string_view kLeading = "([{<'\"#";
constexpr std::string_view kTrailing = ")]}>'\",.;:!?";

// Appends the masked form of one token to `out`.
void mask_token(std::string_view token, size_t max_token_bytes, std::string& out) {
  size_t begin = 0;
  size_t end = token.size();
  while (begin < end && kLeading.find(token[begin]) != std::string_view::npos) ++begin;
  while (end > begin && kTrailing.find(token[end - 1]) != std::string_view::npos) --end;
  const std::string_view core = token.substr(begin, end - begin);
  std::string_view mask = classify(core);
  size_t mask_from = begin;  // where the masked part starts
  if (mask.empty()) {
    // key=value masks the value (error=0x80244021, URL=https://host/path?a=1); port:443 stays a
    // word.
    const size_t equals = core.find('=');
    if (equals != std::string_view::npos && equals + 1 < core.size()) {
      size_t value = equals + 1;
      while (value < core.size() && kLeading.find(core[value]) != std::string_view::npos) ++value;
      mask = classify(core.substr(value));
      mask_from = begin + value;
    }
  }
  if (mask.empty()) {
    if (token.size() > max_token_bytes) {
      out += kWildcard;
    } else {
      out += token;
    }
    return;
  }
  out += token.substr(0, mask_from);
  out += mask;
  out += token.substr(end);
}

}  // namespace

bool is_mask_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

void mask_tokens_into(std::string_view text, const MaskLimits& limits,
                      std::vector<std::string>& tokens) {
  text = utf8_prefix(text, limits.max_text_bytes);
  size_t count = 0;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_mask_space(text[pos])) ++pos;
    if (pos == text.size()) break;
    size_t end = pos;
    while (end < text.size() && !is_mask_space(text[end])) ++end;
    if (count == limits.max_tokens) {
      if (tokens.size() <= count) tokens.emplace_back();
      tokens[count++] = kEllipsis;
      break;
    }
    if (tokens.size() <= count) tokens.emplace_back();
    tokens[count].clear();
    mask_token(text.substr(pos, end - pos), limits.max_token_bytes, tokens[count]);
    ++count;
    pos = end;
  }
  tokens.resize(count);
}

std::string mask_text(std::string_view text) {
  std::string out;
  std::vector<std::string> tokens;
  mask_tokens_into(text, MaskLimits{}, tokens);
  for (const auto& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string regex_escape(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\.+*?()|[]{}^$";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string template_regex(std::string_view template_text, size_t max_tokens) {
  static constexpr std::pair<std::string_view, std::string_view> kMasks[] = {
      {"<*>", R"(\S+)"},
      {"<NUM>", R"([-+]?\d+(?:[.,]\d+)*%?)"},
      {"<HEX>", R"((?:0[xX])?[0-9A-Fa-f]+)"},
      {"<GUID>", R"([0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})"},
      {"<IP>", R"([0-9A-Fa-f.:]+(?:/\d+)?)"},
      {"<PATH>", R"(\S+)"},
      {"<TIME>", R"(\d[\dTZ:./,+-]*)"},
  };
  std::string out;
  size_t tokens = 0;
  size_t pos = 0;
  while (tokens < max_tokens) {
    while (pos < template_text.size() && is_mask_space(template_text[pos])) ++pos;
    if (pos == template_text.size()) break;
    size_t end = pos;
    while (end < template_text.size() && !is_mask_space(template_text[end])) ++end;
    const std::string_view token = template_text.substr(pos, end - pos);
    pos = end;
    if (token == kEllipsis) break;
    if (tokens++ > 0) out += R"(\s+)";
    // Literal text between the masks of a token, escaped.
    size_t from = 0;
    while (from < token.size()) {
      size_t at = std::string_view::npos;
      std::string_view regex;
      std::string_view mask;
      for (const auto& [name, pattern] : kMasks) {
        const size_t found = token.find(name, from);
        if (found < at) {
          at = found;
          mask = name;
          regex = pattern;
        }
      }
      const std::string_view literal = token.substr(from, at - from);
      out += regex_escape(literal);
      if (at == std::string_view::npos) break;
      out += regex;
      from = at + mask.size();
    }
  }
  return out;
}

}  // namespace certdiag
