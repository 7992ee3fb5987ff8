#include "diagnose/text_template.h"

#include <optional>

namespace certdiag {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

const std::string* lookup(std::string_view name, const std::vector<const Signal*>& signals) {
  for (const Signal* signal : signals) {
    if (name == "host" && !signal->host.empty()) return &signal->host;
    if (const std::string* value = signal->capture(name)) return value;
  }
  return nullptr;
}

}  // namespace

std::string fill_template(std::string_view text, const std::vector<const Signal*>& signals) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t close = open + 1;
    while (close < text.size() && is_name_char(text[close])) ++close;
    out.append(text.substr(pos, open - pos));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    // `{name|words}`: the words stand in when no signal captured the name.
    std::optional<std::string_view> fallback;
    if (!name.empty() && close < text.size() && text[close] == '|') {
      const size_t end = text.find('}', close);
      if (end != std::string_view::npos) {
        fallback = text.substr(close + 1, end - close - 1);
        close = end;
      }
    }
    const std::string* value = close < text.size() && text[close] == '}' && !name.empty()
                                   ? lookup(name, signals)
                                   : nullptr;
    if (value) {
      out += *value;
      pos = close + 1;
    } else if (fallback) {
      out += *fallback;
      pos = close + 1;
    } else if (name == "host" && close < text.size() && text[close] == '}') {
      out += "a host the logs do not name";  // a placeholder shown raw would read as a bug
      pos = close + 1;
    } else {
      out += '{';
      pos = open + 1;
    }
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace certdiag
