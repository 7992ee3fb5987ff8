#include "report/text_layout.h"

#include <fmt/format.h>

#include <vector>

namespace certdiag {
namespace {

bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::string Style::operator()(std::string_view code, std::string_view text) const {
  return color_ && !code.empty() ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

std::string Style::severity(Severity severity, bool resolved) const {
  const std::string label = fmt::format("{:<7}", fmt::format("{}", severity_name(severity)));
  if (resolved) return (*this)("2", label);
  switch (severity) {
    case Severity::error:
      return (*this)("1;31", label);
    case Severity::warning:
      return (*this)("1;33", label);
    case Severity::info:
      return (*this)("1;36", label);
  }
  return label;
}

size_t columns(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += starts_character(c);
  return n;
}

std::string_view take_columns(std::string_view text, size_t width, bool from_end) {
  size_t seen = 0;
  if (!from_end) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (starts_character(text[i]) && seen++ == width) return text.substr(0, i);
    }
    return text;
  }
  for (size_t i = text.size(); i-- > 0;) {
    if (starts_character(text[i]) && ++seen == width) return text.substr(i);
  }
  return text;
}

std::string wrap(std::string_view text, size_t width, size_t indent) {
  std::string out;
  size_t column = indent;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    if (column > indent && column + 1 + columns(word) > width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += columns(word);
    pos = end + 1;
  }
  return out;
}

std::string fit(std::string_view text, size_t room, bool from_end) {
  if (columns(text) <= room) return std::string(text);
  const std::string_view kept = take_columns(text, room > 0 ? room - 1 : 0, from_end);
  return from_end ? fmt::format("…{}", kept) : fmt::format("{}…", kept);
}

std::string break_pieces(const std::vector<Piece>& pieces, size_t room, size_t indent,
                         const Style& style) {
  room = std::max<size_t>(room, 10);
  std::string out;
  size_t column = 0;
  for (const auto& piece : pieces) {
    std::string_view rest = piece.text;
    while (!rest.empty()) {
      if (column == room) {
        out += '\n' + std::string(indent, ' ');
        column = 0;
      }
      const std::string_view chunk = take_columns(rest, room - column, false);
      out += style(piece.style, chunk);
      column += columns(chunk);
      rest.remove_prefix(chunk.size());
    }
  }
  return out;
}

}  // namespace certdiag
