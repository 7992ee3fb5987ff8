#include "tokenize/iis_w3c.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Bit i set when byte `at + i` of `text` is a blank, for the 16 bytes from `at`; bytes past
// the end count as blanks.
uint32_t blank_bits(std::string_view text, size_t at) {
  char bytes[16];
  const char* p = text.data() + at;
  if (text.size() - at < 16) {
    std::memset(bytes, ' ', sizeof bytes);
    std::memcpy(bytes, p, text.size() - at);
    p = bytes;
  }
#if defined(__SSE2__)
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i blanks = _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(' ')),
                                      _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\t')));
  return static_cast<uint32_t>(_mm_movemask_epi8(blanks));
#else
  uint32_t bits = 0;
  for (uint32_t i = 0; i < 16; ++i) bits |= uint32_t{is_blank(p[i])} << i;
  return bits;
#endif
}

// Splits `text` at runs of blanks into `out` (cleared first); views point into `text`. Every
// data line is split: the blanks of 16 bytes are found at once, and only where a value starts
// or ends is looked at one by one.
void split_blanks(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  bool in_value = false;
  size_t begin = 0;
  for (size_t at = 0; at < text.size(); at += 16) {
    const uint32_t blanks = blank_bits(text, at);
    // Where a byte differs from the one before it (before the first: the state carried over).
    uint32_t edges = (blanks ^ ((blanks << 1) | (in_value ? 0u : 1u))) & 0xffff;
    for (; edges != 0; edges &= edges - 1) {
      const size_t i = at + static_cast<size_t>(std::countr_zero(edges));
      if (in_value) out.push_back(text.substr(begin, i - begin));
      begin = i;
      in_value = !in_value;
    }
  }
  if (in_value) out.push_back(text.substr(begin));
}

// The value of a directive `#Name: value` when the line is that directive, else nullopt.
std::optional<std::string_view> directive_value(std::string_view line, std::string_view name) {
  if (line.size() < name.size() + 2 || line[0] != '#' || line.substr(1, name.size()) != name ||
      line[name.size() + 1] != ':') {
    return std::nullopt;
  }
  std::string_view rest = line.substr(name.size() + 2);
  while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && is_blank(rest.back())) rest.remove_suffix(1);
  return rest;
}

bool is_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

// Whether a field name has the shape W3C gives them: "date", "time", or a c-/s-/cs-/sc-/
// r-/x- prefix ("c-ip", "cs(User-Agent)" after its prefix "cs").
bool is_w3c_field(std::string_view name) {
  if (name == "date" || name == "time" || name == "time-taken") return true;
  for (std::string_view prefix : {"c-", "s-", "cs-", "sc-", "sr-", "rs-", "x-", "cs(", "sc("}) {
    if (name.starts_with(prefix) && name.size() > prefix.size()) return true;
  }
  return false;
}

Level level_of_status(std::string_view status) {
  int code = 0;
  auto [end, error] = std::from_chars(status.data(), status.data() + status.size(), code);
  if (status.empty() || error != std::errc{} || end != status.data() + status.size()) {
    return Level::unknown;
  }
  if (code >= 500) return Level::error;
  if (code >= 400) return Level::warning;
  return Level::info;
}

}  // namespace

void IisW3cTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (has_pending_ && line_no == pending_no_) {
    pending_.append(line);
    return;
  }
  if (has_pending_) process(pending_, pending_no_);
  pending_.assign(line);
  pending_no_ = line_no;
  has_pending_ = true;
}

void IisW3cTokenizer::finish() {
  if (has_pending_) process(pending_, pending_no_);
  has_pending_ = false;
}

void IisW3cTokenizer::process(std::string_view line, uint64_t line_no) {
  if (!line.empty() && line[0] == '#') {
    read_directive(line);
    structure_line(line_no);  // directives describe the log; they are no events
    return;
  }
  read_data(line, line_no);
}

void IisW3cTokenizer::read_directive(std::string_view line) {
  if (auto fields = directive_value(line, "Fields")) {
    split_blanks(*fields, values_);
    names_.resize(values_.size());
    columns_ = Columns{};
    struct Slot {
      std::string_view name;
      size_t Columns::*column;
    };
    static constexpr Slot kSlots[] = {
        {"date", &Columns::date},
        {"time", &Columns::time},
        {"s-computername", &Columns::computer},
        {"cs-method", &Columns::method},
        {"cs-uri-stem", &Columns::stem},
        {"cs-uri-query", &Columns::query},
        {"s-port", &Columns::port},
        {"cs-username", &Columns::user},
        {"c-ip", &Columns::client},
        {"sc-status", &Columns::status},
        {"sc-substatus", &Columns::substatus},
        {"sc-win32-status", &Columns::win32},
    };
    for (size_t i = 0; i < values_.size(); ++i) {
      names_[i].assign(values_[i]);
      for (const Slot& slot : kSlots) {
        if (values_[i] == slot.name && columns_.*slot.column == kNone) columns_.*slot.column = i;
      }
    }
    return;
  }
  if (auto day = directive_value(line, "Date")) {
    if (is_day(*day)) {
      directive_day_.assign(day->substr(0, 10));
    } else {
      directive_day_.clear();
    }
  }
}

void IisW3cTokenizer::read_data(std::string_view line, uint64_t line_no) {
  split_blanks(line, values_);
  if (names_.empty() || values_.size() != names_.size()) {
    not_understood_line(line_no);
    return;
  }
  reset(record_, line_no);
  // The columns are lent, not copied: the sink runs before the line is let go.
  record_.lent_names = names_;
  record_.lent_values = values_;

  const std::string_view day = columns_.date != kNone ? value(columns_.date) : directive_day_;
  if (columns_.time != kNone || columns_.date != kNone) {
    stamp_.assign(day);
    stamp_ += ' ';
    stamp_.append(value(columns_.time));
    record_.time = parse_iso8601(stamp_);
    if (!record_.time) time_unparsed();
  }
  record_.level = level_of_status(value(columns_.status));
  if (columns_.computer != kNone) record_.host.assign(value(columns_.computer));
  compose_message();
  emit(record_);
}

void IisW3cTokenizer::compose_message() {
  // Runs per line: the pieces are sized first and copied into the message at once.
  const auto shown = [&](size_t column) {
    const std::string_view text = value(column);
    return text.empty() ? std::string_view("-") : text;
  };
  const std::string_view query = value(columns_.query);
  const bool has_query = !query.empty() && query != "-";
  const std::string_view pieces[] = {shown(columns_.method),    shown(columns_.stem),
                                     shown(columns_.port),      shown(columns_.user),
                                     shown(columns_.client),    shown(columns_.status),
                                     shown(columns_.substatus), shown(columns_.win32)};
  size_t size = std::size(pieces) - 1 + (has_query ? 1 + query.size() : 0);
  for (std::string_view piece : pieces) size += piece.size();
  std::string& message = record_.message;
  message.resize(size);
  char* out = message.data();
  const auto put = [&](std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    out += text.size();
  };
  for (size_t i = 0; i < std::size(pieces); ++i) {
    if (i > 0) *out++ = ' ';
    put(pieces[i]);
    if (i == 1 && has_query) {
      *out++ = '?';
      put(query);
    }
  }
}

std::string_view IisW3cTokenizer::value(size_t column) const {
  return column < values_.size() ? values_[column] : std::string_view();
}

bool is_iis_directive(std::string_view line) {
  if (line.empty() || line[0] != '#') return false;
  if (directive_value(line, "Software")) return true;
  if (auto version = directive_value(line, "Version")) {
    return version->size() >= 3 && is_digit((*version)[0]) && (*version)[1] == '.';
  }
  if (auto day = directive_value(line, "Date")) return is_day(*day);
  if (auto fields = directive_value(line, "Fields")) {
    size_t i = 0;
    while (i < fields->size()) {
      size_t end = fields->find(' ', i);
      if (end == std::string_view::npos) end = fields->size();
      if (is_w3c_field(fields->substr(i, end - i))) return true;
      i = end + 1;
    }
  }
  return false;
}

}  // namespace certdiag
