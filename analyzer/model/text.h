// ASCII character tests, trimming and case folding for log and rule text (bytes >= 0x80 are never
// letters or digits, whatever the locale), and the edit distance behind every "did you mean".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace certdiag {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The text without the `blanks` it begins or ends with.
inline std::string_view trim_end(std::string_view text, std::string_view blanks = " \t") {
  const size_t last = text.find_last_not_of(blanks);
  return last == std::string_view::npos ? std::string_view{} : text.substr(0, last + 1);
}
inline std::string_view trim(std::string_view text, std::string_view blanks = " \t") {
  const size_t first = text.find_first_not_of(blanks);
  return first == std::string_view::npos ? std::string_view{}
                                         : trim_end(text.substr(first), blanks);
}

// The text with ASCII letters in lower case.
std::string lower(std::string_view text);

// Whether two texts are equal ignoring the case of ASCII letters.
bool iequals(std::string_view a, std::string_view b);

enum class Case { sensitive, ignored };

// Levenshtein distance between two strings.
size_t edit_distance(std::string_view a, std::string_view b, Case letter_case = Case::sensitive);

}  // namespace certdiag
