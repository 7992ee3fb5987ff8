// Cutting UTF-8 text by bytes without splitting a character, for every limit on text size
// (evidence, messages, examples, titles). Does not validate or decode; see io/decoder.h.
#pragma once

#include <cstddef>
#include <string_view>

namespace certdiag {

// Whether `byte` continues a UTF-8 sequence (10xxxxxx) rather than starting a character.
inline bool is_utf8_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The longest prefix of `text` of at most `size` bytes that does not cut a UTF-8 sequence.
inline std::string_view utf8_prefix(std::string_view text, size_t size) {
  if (text.size() <= size) return text;
  while (size > 0 && is_utf8_continuation(text[size])) --size;
  return text.substr(0, size);
}

}  // namespace certdiag
