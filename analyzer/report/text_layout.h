// Column arithmetic and styling for the terminal report: counting UTF-8 columns, wrapping
// prose, fitting or wrapping a line to a width, and ANSI styles that vanish without colour.
// Does not decide what a report says; see text.cpp.
#pragma once

#include <string>
#include <string_view>

#include "model/diagnosis.h"

namespace certdiag {

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  // The text in the SGR style `code` ("1;31"), or as is without colour.
  std::string operator()(std::string_view code, std::string_view text) const;
  // The severity word padded to 7 columns; red, yellow or cyan while open, dim once resolved.
  std::string severity(Severity severity, bool resolved = false) const;

 private:
  bool color_;
};

// Columns the UTF-8 text takes (one per character).
size_t columns(std::string_view text);

// The first (or, with from_end, last) `width` columns of UTF-8 text.
std::string_view take_columns(std::string_view text, size_t width, bool from_end);

// A paragraph wrapped to `width` columns at spaces, each line after the first indented by
// `indent`.
std::string wrap(std::string_view text, size_t width, size_t indent);

// The text in at most `room` columns: "…" replaces its end, or with from_end its start (so that
// a long path keeps its file name and line).
std::string fit(std::string_view text, size_t room, bool from_end = false);

// Text in pieces (each with a style code, empty for none) broken every `room` columns, each
// line after the first indented by `indent`: a long log line shown whole on a terminal.
struct Piece {
  std::string text;
  std::string_view style;
};
std::string break_pieces(const std::vector<Piece>& pieces, size_t room, size_t indent,
                         const Style& style);

}  // namespace certdiag
