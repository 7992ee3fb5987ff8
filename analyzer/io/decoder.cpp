#include "io/decoder.h"

#include <algorithm>
#include <cstring>

namespace certdiag {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// utf8_char_length() results besides a length.
constexpr size_t kInvalid = 0;
constexpr size_t kIncomplete = static_cast<size_t>(-1);

// Windows-1252 0x80-0x9F; the five undefined bytes keep their Latin-1 (C1 control) value, as
// browsers do, so no byte is ever lost.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

char* put_utf8(char* out, uint32_t code_point) {
  if (code_point < 0x80) {
    *out++ = static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    *out++ = static_cast<char>(0xC0 | (code_point >> 6));
    *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (code_point >> 12));
    *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (code_point >> 18));
    *out++ = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
  }
  return out;
}

// Returns the index of the first non-ASCII byte at or after `i`, or `size`.
size_t skip_ascii(const unsigned char* p, size_t i, size_t size) {
  // Eight bytes per step: log text is mostly long ASCII runs.
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  while (i < size && p[i] < 0x80) ++i;
  return i;
}

// Length of the well-formed UTF-8 character at `p` (no overlongs, surrogates or values past
// U+10FFFF), kInvalid if its first byte cannot start one, or kIncomplete if `size` cuts it.
size_t utf8_char_length(const unsigned char* p, size_t size) {
  const unsigned char lead = p[0];
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  size_t length;
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return kInvalid;
  if (lead < 0xE0) {
    length = 2;
  } else if (lead < 0xF0) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead < 0xF5) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return kInvalid;
  }
  for (size_t i = 1; i < length; ++i) {
    if (i >= size) return kIncomplete;
    if (p[i] < low || p[i] > high) return kInvalid;
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

bool is_valid_utf8(std::string_view text, bool complete) {
  const unsigned char* p = bytes_of(text);
  for (size_t i = 0; (i = skip_ascii(p, i, text.size())) < text.size();) {
    const size_t length = utf8_char_length(p + i, text.size() - i);
    if (length == kIncomplete) return !complete;
    if (length == kInvalid) return false;
    i += length;
  }
  return true;
}

size_t decode_utf8(std::string_view input, bool at_end, std::string& out, uint64_t& invalid_bytes) {
  const unsigned char* p = bytes_of(input);
  size_t run = 0;  // start of the valid bytes not yet appended, so they are copied in one go
  size_t i = 0;
  while ((i = skip_ascii(p, i, input.size())) < input.size()) {
    const size_t length = utf8_char_length(p + i, input.size() - i);
    if (length == kIncomplete && !at_end) {
      out.append(input.data() + run, i - run);
      return i;
    }
    if (length == kIncomplete || length == kInvalid) {
      out.append(input.data() + run, i - run);
      out.append(kReplacement);
      ++invalid_bytes;
      run = ++i;
      continue;
    }
    i += length;
  }
  out.append(input.data() + run, input.size() - run);
  return input.size();
}

template <bool kBigEndian>
size_t decode_utf16(std::string_view input, bool at_end, std::string& out,
                    uint64_t& invalid_bytes) {
  const unsigned char* p = bytes_of(input);
  const size_t size = input.size();
  const size_t old_size = out.size();
  // At most three bytes of UTF-8 per code unit, plus U+FFFD for an odd trailing byte.
  out.resize(old_size + size / 2 * 3 + kReplacement.size());
  char* o = out.data() + old_size;
  auto unit = [p](size_t i) -> uint32_t {
    return kBigEndian ? (p[i] << 8 | p[i + 1]) : (p[i] | p[i + 1] << 8);
  };
  size_t i = 0;
  while (i + 2 <= size) {
    const uint32_t u = unit(i);
    if (u < 0x80) {
      *o++ = static_cast<char>(u);
      i += 2;
      continue;
    }
    if (u < 0xD800 || u > 0xDFFF) {
      o = put_utf8(o, u);
      i += 2;
      continue;
    }
    if (u <= 0xDBFF) {
      if (i + 4 > size) {
        if (!at_end) break;  // the low surrogate comes with the next chunk
      } else if (const uint32_t low = unit(i + 2); low >= 0xDC00 && low <= 0xDFFF) {
        o = put_utf8(o, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 4;
        continue;
      }
    }
    o = std::copy(kReplacement.begin(), kReplacement.end(), o);  // unpaired surrogate
    invalid_bytes += 2;
    i += 2;
  }
  if (at_end && i + 1 == size) {
    o = std::copy(kReplacement.begin(), kReplacement.end(), o);
    ++invalid_bytes;
    ++i;
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return i;
}

size_t decode_windows1252(std::string_view input, std::string& out) {
  const size_t old_size = out.size();
  out.resize(old_size + input.size() * 3);
  char* o = out.data() + old_size;
  for (const unsigned char byte : input) {
    if (byte < 0x80) {
      *o++ = static_cast<char>(byte);
    } else {
      o = put_utf8(o, byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte);
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return input.size();
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf16le:
      return "utf-16le";
    case Encoding::utf16be:
      return "utf-16be";
    case Encoding::windows1252:
      return "windows-1252";
  }
  return "unknown";
}

SniffResult sniff_encoding(std::string_view head, bool complete) {
  if (head.starts_with("\xEF\xBB\xBF")) return {Encoding::utf8, 3};
  if (head.starts_with("\xFF\xFE")) return {Encoding::utf16le, 2};
  if (head.starts_with("\xFE\xFF")) return {Encoding::utf16be, 2};
  if (head.size() > kSniffBytes) {
    head = head.substr(0, kSniffBytes);
    complete = false;
  }
  // ASCII text in UTF-16 has a NUL in every other byte; a few stray NULs in UTF-8 text, or NULs
  // in both positions (binary data), do not tip it.
  size_t nuls[2] = {0, 0};  // at even and at odd offsets
  const size_t pairs = head.size() / 2;
  for (size_t i = 0; i < pairs * 2; ++i) {
    if (head[i] == '\0') ++nuls[i % 2];
  }
  if (nuls[1] * 2 > pairs && nuls[0] * 8 <= nuls[1]) return {Encoding::utf16le, 0};
  if (nuls[0] * 2 > pairs && nuls[1] * 8 <= nuls[0]) return {Encoding::utf16be, 0};
  return {is_valid_utf8(head, complete) ? Encoding::utf8 : Encoding::windows1252, 0};
}

size_t decode_to_utf8(Encoding encoding, std::string_view input, bool at_end, std::string& out,
                      uint64_t& invalid_bytes) {
  switch (encoding) {
    case Encoding::utf8:
      return decode_utf8(input, at_end, out, invalid_bytes);
    case Encoding::utf16le:
      return decode_utf16<false>(input, at_end, out, invalid_bytes);
    case Encoding::utf16be:
      return decode_utf16<true>(input, at_end, out, invalid_bytes);
    case Encoding::windows1252:
      return decode_windows1252(input, out);
  }
  return 0;
}

}  // namespace certdiag
