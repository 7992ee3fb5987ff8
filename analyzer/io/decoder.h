// Guesses the text encoding of a stream from its first bytes, and converts chunks of UTF-8,
// UTF-16LE/BE or Windows-1252 to valid UTF-8. Stateless: a character cut at a chunk end is left to
// the caller to hand in again. Does not read streams or split lines; see io/line_reader.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/line_reader.h"

namespace certdiag {

// The longest character in any supported encoding, in bytes: the most a decode leaves unconsumed.
inline constexpr size_t kMaxCharBytes = 4;

// How much of the head sniff_encoding() looks at.
inline constexpr size_t kSniffBytes = 4096;

struct SniffResult {
  Encoding encoding = Encoding::utf8;
  size_t bom_size = 0;  // bytes of byte-order mark to skip
};

// Guesses the encoding from the head of a stream; `complete` says the head is the whole stream,
// so a character cut at its end is invalid rather than continued.
SniffResult sniff_encoding(std::string_view head, bool complete);

// Appends the UTF-8 for `input` to `out` and returns the bytes consumed. An incomplete character
// at the end is left unconsumed unless `at_end`; bytes that cannot be decoded become U+FFFD and
// are added to `invalid_bytes`.
size_t decode_to_utf8(Encoding encoding, std::string_view input, bool at_end, std::string& out,
                      uint64_t& invalid_bytes);

}  // namespace certdiag
