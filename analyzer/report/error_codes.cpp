#include "report/error_codes.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <unordered_map>

#include "model/text.h"

namespace certdiag {
namespace {

constexpr uint32_t kWin32Facility = 0x80070000;  // HRESULT_FROM_WIN32(x) = 0x80070000 | x

struct Table {
  std::vector<ErrorCode> entries;  // the rows, then the HRESULT forms of Win32 rows
  std::unordered_map<uint32_t, const ErrorCode*> by_value;
};

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

std::optional<uint32_t> parse_number(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ec != std::errc() || end != digits.data() + digits.size() || value > 0xFFFFFFFFu)
    return std::nullopt;
  return static_cast<uint32_t>(value);
}

// A table's code column: "0x80090308" or "12175".
std::optional<uint32_t> parse_code_column(std::string_view text) {
  if (text.starts_with("0x") || text.starts_with("0X")) return parse_number(text.substr(2), 16);
  return parse_number(text, 10);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t end = text.find(separator);
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) return out;
    text.remove_prefix(end + 1);
  }
}

Table load_table() {
  Table table;
  std::set<uint32_t> seen;
  for (const auto& file : builtin_error_code_tables()) {
    for (std::string_view line : split(file.text, '\n')) {
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.empty() || line.starts_with('#')) continue;
      const auto fields = split(line, '\t');
      if (fields.size() != 4) continue;  // the table test checks that every row parses
      const auto value = parse_code_column(fields[0]);
      if (!value || !seen.insert(*value).second) continue;
      table.entries.push_back({std::string(fields[0]), std::string(fields[1]),
                               std::string(fields[2]), std::string(fields[3]), *value});
    }
  }
  // A Win32 code in a log is as often written as its HRESULT (0x800706BA for 1722).
  const size_t rows = table.entries.size();
  for (size_t i = 0; i < rows; ++i) {
    const ErrorCode win32 = table.entries[i];
    if (win32.value >= 0x10000 || seen.count(kWin32Facility | win32.value)) continue;
    ErrorCode hresult = win32;
    hresult.value = kWin32Facility | win32.value;
    hresult.code = fmt::format("0x{:08X}", hresult.value);
    table.entries.push_back(std::move(hresult));
  }
  for (const auto& entry : table.entries) table.by_value.emplace(entry.value, &entry);
  return table;
}

const Table& table() {
  static const Table loaded = load_table();
  return loaded;
}

const ErrorCode* find_value(uint32_t value) {
  const auto& by_value = table().by_value;
  if (const auto it = by_value.find(value); it != by_value.end()) return it->second;
  // An HRESULT-only entry (E_OUTOFMEMORY) answers for its Win32 code too.
  if (value < 0x10000) {
    if (const auto it = by_value.find(kWin32Facility | value); it != by_value.end())
      return it->second;
  }
  return nullptr;
}

// Whether the text before `at` ends with "error", "code" or "err" (then optionally "is", and
// '=', ':', '#', '(' or spaces), so that a bare decimal there is an error code.
bool after_error_word(std::string_view text, size_t at) {
  const auto skip_separators = [&] {
    while (at > 0 && std::string_view(" \t=:#(").find(text[at - 1]) != std::string_view::npos) --at;
  };
  const auto word_before = [&] {
    const size_t end = at;
    while (at > 0 && ((text[at - 1] >= 'a' && text[at - 1] <= 'z') ||
                      (text[at - 1] >= 'A' && text[at - 1] <= 'Z'))) {
      --at;
    }
    std::string word(text.substr(at, end - at));
    std::transform(word.begin(), word.end(), word.begin(), to_lower);
    return word;
  };
  skip_separators();
  const size_t before_is = at;
  if (word_before() != "is") at = before_is;
  skip_separators();
  const std::string word = word_before();
  return word == "error" || word == "code" || word == "err" || word == "errorcode";
}

}  // namespace

const ErrorCode* lookup_error_code(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string code(text);
  std::transform(code.begin(), code.end(), code.begin(), to_lower);
  if (code.size() > 1 && code.back() == 'l') code.pop_back();  // 10060L, 0x80004005L
  std::optional<uint32_t> value;
  if (code.starts_with("0x")) {
    if (code.size() <= 10) value = parse_number(std::string_view(code).substr(2), 16);
  } else if (code.starts_with('-')) {
    const auto magnitude = parse_number(std::string_view(code).substr(1), 10);
    if (magnitude && *magnitude <= 0x80000000u) value = static_cast<uint32_t>(0u - *magnitude);
  } else if (code.size() == 8 && std::all_of(code.begin(), code.end(), is_hex)) {
    value = parse_number(code, 16);  // "80090308" is how logs write an HRESULT without 0x
  } else {
    value = parse_number(code, 10);
  }
  return value ? find_value(*value) : nullptr;
}

std::vector<const ErrorCode*> codes_in(std::string_view text) {
  std::vector<const ErrorCode*> out;
  const auto add = [&](std::optional<uint32_t> value) {
    const ErrorCode* code = value ? find_value(*value) : nullptr;
    if (code && std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  };
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9' || (i > 0 && is_alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_alnum(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    if (word.size() == 10 && (word[1] == 'x' || word[1] == 'X') && word[0] == '0') {
      const auto value = parse_number(word.substr(2), 16);
      if (value && *value >= 0x80000000u) add(value);  // failure HRESULTs only, not flags
    } else if (word.size() == 8 && word[0] == '8' &&
               std::all_of(word.begin(), word.end(), is_hex)) {
      add(parse_number(word, 16));
    } else {
      std::string_view digits = word;
      if (digits.ends_with('L') || digits.ends_with('l')) digits.remove_suffix(1);
      const auto value = digits.size() == 5 ? parse_number(digits, 10) : std::nullopt;
      if (value && *value >= 10000 && *value < 13000 && after_error_word(text, i)) add(value);
    }
    i = end;
  }
  return out;
}

std::vector<std::vector<const ErrorCode*>> new_codes_per_line(const std::vector<Signal>& evidence,
                                                              size_t shown) {
  std::vector<std::vector<const ErrorCode*>> out;
  std::set<const ErrorCode*> seen;
  for (size_t i = 0; i < std::min(shown, evidence.size()); ++i) {
    out.emplace_back();
    for (const ErrorCode* code : codes_in(evidence[i].text)) {
      if (seen.insert(code).second) out.back().push_back(code);
    }
  }
  return out;
}

}  // namespace certdiag
