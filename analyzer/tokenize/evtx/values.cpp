#include "tokenize/evtx/values.h"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <iterator>
#include <vector>

#include "model/thread_scratch.h"
#include "tokenize/evtx/format.h"

namespace certdiag::evtx {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr int64_t kFileTimeUnixEpoch = 116444736000000000;  // 1970-01-01 in 100 ns since 1601
constexpr uint64_t kMaxFileTime = 2650467743999999999;      // 9999-12-31T23:59:59.9999999

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xc0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xe0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  }
}

template <typename... Args>
void append_format(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// Integers are most values: std::to_chars, not a format string.
template <typename T>
void append_number(std::string& out, T value) {
  char text[24];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out.append(text, end);
}

// `value` in decimal, zero-padded to `width` digits.
void append_padded(std::string& out, uint64_t value, int width) {
  char text[20];
  for (int i = width - 1; i >= 0; --i) {
    text[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(text, static_cast<size_t>(width));
}

// `value` in upper-case hex, zero-padded to `digits`.
void append_hex(std::string& out, uint64_t value, int digits) {
  char text[16];
  for (int i = digits - 1; i >= 0; --i) {
    text[i] = kHexUpper[value & 0xf];
    value >>= 4;
  }
  out.append(text, static_cast<size_t>(digits));
}

// YYYY-MM-DDTHH:MM:SS.
void append_date_time(std::string& out, unsigned year, unsigned month, unsigned day, unsigned hour,
                      unsigned minute, unsigned second) {
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, month, 2);
  out += '-';
  append_padded(out, day, 2);
  out += 'T';
  append_padded(out, hour, 2);
  out += ':';
  append_padded(out, minute, 2);
  out += ':';
  append_padded(out, second, 2);
}

void append_hex_bytes(std::string& out, const uint8_t* data, size_t size) {
  const size_t at = out.size();
  out.resize(at + 2 * size);
  for (size_t i = 0; i < size; ++i) {
    out[at + 2 * i] = kHexUpper[data[i] >> 4];
    out[at + 2 * i + 1] = kHexUpper[data[i] & 0xf];
  }
}

void append_guid(std::string& out, const uint8_t* p) {
  out += '{';
  append_hex(out, le32(p), 8);
  out += '-';
  append_hex(out, le16(p + 4), 4);
  out += '-';
  append_hex(out, le16(p + 6), 4);
  out += '-';
  append_hex_bytes(out, p + 8, 2);
  out += '-';
  append_hex_bytes(out, p + 10, 6);
  out += '}';
}

void append_filetime(std::string& out, uint64_t filetime) {
  if (filetime > kMaxFileTime) {
    append_format(out, "0x{:016x}", filetime);
    return;
  }
  const int64_t ticks = static_cast<int64_t>(filetime) - kFileTimeUnixEpoch;
  const auto time = date::sys_time<std::chrono::seconds>(
      std::chrono::seconds(ticks >= 0 ? ticks / 10000000 : (ticks - 9999999) / 10000000));
  const int64_t fraction = ((ticks % 10000000) + 10000000) % 10000000;
  const auto day = date::floor<date::days>(time);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss<std::chrono::seconds> hms(time - day);
  append_date_time(
      out, static_cast<unsigned>(static_cast<int>(ymd.year())), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<unsigned>(hms.hours().count()),
      static_cast<unsigned>(hms.minutes().count()), static_cast<unsigned>(hms.seconds().count()));
  out += '.';
  append_padded(out, static_cast<uint64_t>(fraction), 7);
  out += "00Z";
}

void append_systemtime(std::string& out, const uint8_t* p) {
  // Year, month, day of week, day, hour, minute, second, milliseconds.
  append_date_time(out, le16(p), le16(p + 2), le16(p + 6), le16(p + 8), le16(p + 10), le16(p + 12));
  out += '.';
  append_padded(out, le16(p + 14), 3);
  out += 'Z';
}

// S-1-5-21-…: revision, sub-authority count, a 48-bit big-endian authority, the sub-authorities.
bool append_sid(std::string& out, const uint8_t* p, size_t size) {
  if (size < 8) return false;
  const size_t count = p[1];
  if (size < 8 + 4 * count) return false;
  uint64_t authority = 0;
  for (size_t i = 2; i < 8; ++i) authority = (authority << 8) | p[i];
  append_format(out, "S-{}-{}", p[0], authority);
  for (size_t i = 0; i < count; ++i) append_format(out, "-{}", le32(p + 8 + 4 * i));
  return true;
}

// The size a value of a fixed-size type takes, or 0 for a type of variable size.
size_t fixed_size(uint8_t type) {
  switch (type) {
    case kInt8:
    case kUInt8:
      return 1;
    case kInt16:
    case kUInt16:
      return 2;
    case kInt32:
    case kUInt32:
    case kReal32:
    case kBool:
    case kHexInt32:
      return 4;
    case kInt64:
    case kUInt64:
    case kReal64:
    case kFileTime:
    case kHexInt64:
      return 8;
    case kGuid:
    case kSystemTime:
      return 16;
    default:
      return 0;
  }
}

bool append_scalar(std::string& out, uint8_t type, const uint8_t* p, size_t size) {
  const size_t need = fixed_size(type);
  if (need != 0 && size != need) return false;
  switch (type) {
    case kNull:
      return true;
    case kString:
      if (size % 2 != 0) return false;
      append_utf16(out, p, size / 2);
      return true;
    case kAnsiString:
      out.append(reinterpret_cast<const char*>(p), strnlen(reinterpret_cast<const char*>(p), size));
      return true;
    case kInt8:
      append_number(out, static_cast<int8_t>(p[0]));
      return true;
    case kUInt8:
      append_number(out, p[0]);
      return true;
    case kInt16:
      append_number(out, static_cast<int16_t>(le16(p)));
      return true;
    case kUInt16:
      append_number(out, le16(p));
      return true;
    case kInt32:
      append_number(out, static_cast<int32_t>(le32(p)));
      return true;
    case kUInt32:
      append_number(out, le32(p));
      return true;
    case kInt64:
      append_number(out, static_cast<int64_t>(le64(p)));
      return true;
    case kUInt64:
      append_number(out, le64(p));
      return true;
    case kReal32: {
      float v;
      std::memcpy(&v, p, 4);
      append_format(out, "{}", v);
      return true;
    }
    case kReal64: {
      double v;
      std::memcpy(&v, p, 8);
      append_format(out, "{}", v);
      return true;
    }
    case kBool:
      out += le32(p) != 0 ? "true" : "false";
      return true;
    case kBinary:
      append_hex_bytes(out, p, size);
      return true;
    case kGuid:
      append_guid(out, p);
      return true;
    case kSizeT:
      if (size == 4) {
        append_number(out, le32(p));
      } else if (size == 8) {
        append_number(out, le64(p));
      } else {
        return false;
      }
      return true;
    case kFileTime:
      append_filetime(out, le64(p));
      return true;
    case kSystemTime:
      append_systemtime(out, p);
      return true;
    case kSid:
      return append_sid(out, p, size);
    case kHexInt32:
      append_format(out, "0x{:08x}", le32(p));
      return true;
    case kHexInt64:
      append_format(out, "0x{:016x}", le64(p));
      return true;
    case kEvtXml:
      if (size % 2 != 0) return false;
      append_utf16(out, p, size / 2);
      return true;
    default:
      return false;
  }
}

}  // namespace

bool split_array(uint8_t type, const uint8_t* data, size_t size, std::vector<ArrayItem>& items) {
  items.clear();
  type = static_cast<uint8_t>(type & ~kArrayFlag);
  if (type == kString) {
    // NUL-terminated UTF-16 strings, one after the other.
    if (size % 2 != 0) return false;
    size_t at = 0;
    while (at < size) {
      size_t end = at;
      while (end < size && le16(data + end) != 0) end += 2;
      items.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(end - at)});
      at = end + 2;
    }
    return true;
  }
  const size_t item = type == kSizeT ? 8 : fixed_size(type);
  if (item == 0 || size % item != 0) return false;
  for (size_t at = 0; at < size; at += item) {
    items.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(item)});
  }
  return true;
}

namespace {

// Arrays outside an element of their own render their items separated by commas.
bool append_array(std::string& out, uint8_t type, const uint8_t* p, size_t size) {
  thread_local ThreadScratch<std::vector<ArrayItem>> kept_items;
  std::vector<ArrayItem>& items = kept_items.get();
  if (!split_array(type, p, size, items)) return false;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    if (!append_scalar(out, type, p + items[i].offset, items[i].size)) return false;
  }
  return true;
}

}  // namespace

void append_utf16(std::string& out, const uint8_t* data, size_t units) {
  // ASCII first, a run at a time: most text in event logs is.
  size_t ascii = 0;
  while (ascii < units && data[2 * ascii + 1] == 0 && data[2 * ascii] - 1u < 0x7fu) ++ascii;
  if (ascii > 0) {
    const size_t at = out.size();
    out.resize(at + ascii);
    for (size_t i = 0; i < ascii; ++i) out[at + i] = static_cast<char>(data[2 * i]);
  }
  for (size_t i = ascii; i < units; ++i) {
    uint32_t c = le16(data + 2 * i);
    if (c < 0x80) {
      if (c == 0) return;
      out += static_cast<char>(c);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < units) {
      const uint32_t low = le16(data + 2 * i + 2);
      if (low >= 0xdc00 && low < 0xe000) {
        append_utf8(out, 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00));
        ++i;
        continue;
      }
    }
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    append_utf8(out, c);
  }
}

bool append_value(std::string& out, uint8_t type, const uint8_t* data, size_t size) {
  if ((type & kArrayFlag) != 0) {
    return append_array(out, static_cast<uint8_t>(type & ~kArrayFlag), data, size);
  }
  return append_scalar(out, type, data, size);
}

}  // namespace certdiag::evtx
