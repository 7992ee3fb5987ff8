#include "model/time_parse.h"

#include "model/text.h"
#include "model/thread_scratch.h"

// date.h hands a long double that a failed %S read left unset to a rounding before it checks the
// stream, so GCC warns in every function that instantiates the parser; the value is never used.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <date/date.h>
#pragma GCC diagnostic pop

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <istream>
#include <locale>
#include <streambuf>
#include <string>

namespace certdiag {
namespace {

using std::chrono::minutes;
using std::chrono::nanoseconds;

// An istream reading a string_view in place: date::from_stream wants a stream, and building an
// istringstream per timestamp would copy the text and allocate on a hot path.
class ViewStream {
 public:
  ViewStream() : stream_(&buffer_) { stream_.imbue(std::locale::classic()); }

  std::istream& open(std::string_view text) {
    buffer_.set(text);
    stream_.clear();
    return stream_;
  }
  size_t consumed() const { return buffer_.consumed(); }

 private:
  struct Buffer : std::streambuf {
    // The get area is only read: a streambuf writes to it solely on putback of a different
    // character, which the default pbackfail refuses.
    void set(std::string_view text) {
      char* begin = const_cast<char*>(text.data());
      setg(begin, begin, begin + text.size());
    }
    size_t consumed() const { return static_cast<size_t>(gptr() - eback()); }
  };

  Buffer buffer_;
  std::istream stream_;
};

// Parses all of `text` with a date::parse `format` into UTC, applying a parsed %z offset.
// The time of day is read at nanosecond precision (7-digit fractions are common) apart from the
// date, so that no year the format can hold overflows.
std::optional<Time> parse_utc(std::string_view text, const char* format) {
  // date.h reads %S into a long double it leaves unset when the field has no digit, then
  // converts it: text with a ':' not followed by a digit is no time, and is never handed on.
  for (size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    if (colon + 1 >= text.size() || !is_digit(text[colon + 1])) return std::nullopt;
  }
  thread_local ThreadScratch<ViewStream> kept_view;
  ViewStream& view = kept_view.get();
  std::istream& in = view.open(text);
  date::fields<nanoseconds> fields{};
  minutes offset{0};
  date::from_stream(in, format, fields, static_cast<std::string*>(nullptr), &offset);
  if (in.fail() || view.consumed() != text.size()) return std::nullopt;
  if (!fields.ymd.ok() || fields.ymd.year() < date::year{1}) return std::nullopt;
  if (!fields.has_tod || !fields.tod.in_conventional_range()) return std::nullopt;
  if (offset < -std::chrono::hours{24} || offset > std::chrono::hours{24}) return std::nullopt;
  return date::sys_days{fields.ymd} +
         std::chrono::floor<std::chrono::milliseconds>(fields.tod.to_duration()) - offset;
}

bool digits_at(std::string_view s, size_t pos, size_t count) {
  if (pos + count > s.size()) return false;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

bool alphas_at(std::string_view s, size_t pos, size_t count) {
  if (pos + count > s.size()) return false;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!is_letter(s[i])) return false;
  }
  return true;
}

bool char_at(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

// Length of an ISO 8601 timestamp starting at `pos` ("YYYY-MM-DD?HH:MM:SS", fraction, zone), or 0.
size_t iso_length_at(std::string_view s, size_t pos) {
  if (pos > 0 && is_digit(s[pos - 1])) return 0;
  if (!(digits_at(s, pos, 4) && char_at(s, pos + 4, '-') && digits_at(s, pos + 5, 2) &&
        char_at(s, pos + 7, '-') && digits_at(s, pos + 8, 2) &&
        (char_at(s, pos + 10, 'T') || char_at(s, pos + 10, ' ')) && digits_at(s, pos + 11, 2) &&
        char_at(s, pos + 13, ':') && digits_at(s, pos + 14, 2) && char_at(s, pos + 16, ':') &&
        digits_at(s, pos + 17, 2))) {
    return 0;
  }
  size_t end = pos + 19;
  if (char_at(s, end, '.') && digits_at(s, end + 1, 1)) {
    ++end;
    while (end < s.size() && is_digit(s[end])) ++end;
  }
  if (char_at(s, end, 'Z')) {
    ++end;
  } else if ((char_at(s, end, '+') || char_at(s, end, '-')) && digits_at(s, end + 1, 2)) {
    if (char_at(s, end + 3, ':') && digits_at(s, end + 4, 2)) {
      end += 6;
    } else if (digits_at(s, end + 3, 2)) {
      end += 5;
    } else {
      end += 3;
    }
  }
  return end - pos;
}

// Start of an RFC 1123 timestamp "Ddd, D[D] Mon YYYY HH:MM:SS" that ends where " GMT" begins.
std::optional<size_t> rfc1123_start_before(std::string_view s, size_t gmt) {
  // Fixed tail " Mon YYYY HH:MM:SS" is 18 characters; the day has one or two digits.
  if (gmt < 18 + 1 + 5) return std::nullopt;
  size_t time = gmt - 8;
  if (!(digits_at(s, time, 2) && char_at(s, time + 2, ':') && digits_at(s, time + 3, 2) &&
        char_at(s, time + 5, ':') && digits_at(s, time + 6, 2) && char_at(s, time - 1, ' ') &&
        digits_at(s, time - 5, 4) && char_at(s, time - 6, ' ') && alphas_at(s, time - 9, 3) &&
        char_at(s, time - 10, ' ') && digits_at(s, time - 11, 1))) {
    return std::nullopt;
  }
  size_t day = digits_at(s, time - 12, 1) ? time - 12 : time - 11;
  if (day < 5 || !char_at(s, day - 1, ' ') || !char_at(s, day - 2, ',') ||
      !alphas_at(s, day - 5, 3)) {
    return std::nullopt;
  }
  return day - 5;
}

// "H:M:S" (fields of one or two digits) with an optional fraction of 1-9 digits (truncated to
// milliseconds), as a time of day; nullopt when a field is missing or out of range.
std::optional<std::chrono::milliseconds> parse_clock(std::string_view clock) {
  size_t at = 0;
  const auto field = [&](int max, bool last) -> std::optional<int> {
    int value = 0;
    size_t digits = 0;
    while (at < clock.size() && is_digit(clock[at]) && digits < 2)
      value = value * 10 + (clock[at++] - '0'), ++digits;
    if (digits == 0 || value > max) return std::nullopt;
    if (!last && !char_at(clock, at++, ':')) return std::nullopt;
    return value;
  };
  const auto hours = field(23, false);
  const auto mins = hours ? field(59, false) : std::nullopt;
  const auto secs = mins ? field(60, true) : std::nullopt;
  if (!secs) return std::nullopt;
  int millis = 0;
  if (at < clock.size()) {
    if (clock[at] != '.' || clock.size() == at + 1 || clock.size() > at + 10) return std::nullopt;
    for (size_t i = at + 1; i < clock.size(); ++i) {
      if (!is_digit(clock[i])) return std::nullopt;
      if (i < at + 4) millis = millis * 10 + (clock[i] - '0');
    }
    for (size_t i = clock.size(); i < at + 4; ++i) millis *= 10;
  }
  return std::chrono::hours(*hours) + std::chrono::minutes(*mins) + std::chrono::seconds(*secs) +
         std::chrono::milliseconds(millis);
}

// The day a date text names (no time of day), read through date once per distinct text: logs
// repeat one date for thousands of lines, so only the clock is read per line.
std::optional<date::sys_days> day_of(std::string_view date_text, const char* format) {
  struct Cache {
    const char* format = nullptr;  // formats are literals: the pointer names one
    std::string text;
    std::optional<date::sys_days> day;
  };
  thread_local ThreadScratch<std::array<Cache, 4>> kept_caches;
  std::array<Cache, 4>& caches = kept_caches.get();
  thread_local size_t next_slot = 0;
  Cache* cache = nullptr;
  for (Cache& candidate : caches) {
    if (candidate.format == format) cache = &candidate;
  }
  if (cache == nullptr) {
    cache = &caches[next_slot++ % caches.size()];
    cache->format = format;
    cache->text.clear();
    cache->day = std::nullopt;
  }
  if (cache->text != date_text || cache->text.empty()) {
    cache->text.assign(date_text);
    const auto midnight = parse_utc(std::string(date_text) + " 00:00:00",
                                    (std::string(format) + " %H:%M:%S").c_str());
    cache->day = midnight ? std::optional(std::chrono::floor<date::days>(*midnight)) : std::nullopt;
  }
  return cache->day;
}

// A day plus a clock, or nullopt when either is missing or the sum leaves years 1-9999.
std::optional<Time> at_clock(std::optional<date::sys_days> day, std::string_view clock,
                             std::chrono::minutes offset = std::chrono::minutes(0)) {
  const auto clock_of_day = parse_clock(clock);
  if (!day || !clock_of_day) return std::nullopt;
  const Time time = Time(*day) + *clock_of_day + offset;
  static const Time kFirst = date::sys_days(date::year(1) / 1 / 1);
  static const Time kEnd = date::sys_days(date::year(10000) / 1 / 1);
  if (time < kFirst || time >= kEnd) return std::nullopt;
  return time;
}

}  // namespace

ClockAndBias split_bias(std::string_view time_with_bias) {
  const size_t colon = time_with_bias.find(':');
  if (colon == std::string_view::npos) return {time_with_bias, {}};
  // A plain loop: find_first_of("+-") runs memchr over the set for every character, once per
  // record of every CMTrace and SMS trace line.
  for (size_t sign = colon + 1; sign < time_with_bias.size(); ++sign) {
    if (time_with_bias[sign] == '+' || time_with_bias[sign] == '-') {
      return {time_with_bias.substr(0, sign), time_with_bias.substr(sign)};
    }
  }
  return {time_with_bias, {}};
}

void assign_local_time(std::string& out, std::string_view date_mdy,
                       std::string_view time_with_bias) {
  auto [clock, bias] = split_bias(time_with_bias);
  out.assign(date_mdy);
  for (std::string_view part : {clock, bias}) {
    if (part.empty()) continue;
    if (!out.empty()) out += ' ';
    out.append(part);
  }
}

std::optional<Time> parse_cmtrace_time(std::string_view date_mdy, std::string_view time_with_bias) {
  auto [clock, bias] = split_bias(time_with_bias);
  minutes bias_minutes{0};
  if (!bias.empty()) {
    // from_chars takes '-' but not '+'; the bias is an offset in minutes, not a calendar field.
    std::string_view digits = bias[0] == '+' ? bias.substr(1) : bias;
    int value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
        value < -24 * 60 || value > 24 * 60) {
      return std::nullopt;
    }
    bias_minutes = minutes{value};
  }
  return at_clock(day_of(date_mdy, "%m-%d-%Y"), clock, bias_minutes);
}

std::optional<Time> parse_rfc1123(std::string_view text) {
  // The common "Ddd, D Mon YYYY HH:MM:SS GMT": the date through the cache, the weekday checked.
  if ((text.ends_with(" GMT") || text.ends_with(" UTC")) && text.size() > 9 && text[3] == ',' &&
      text[4] == ' ') {
    const std::string_view rest = text.substr(5, text.size() - 9);
    const size_t clock_at = rest.rfind(' ');
    if (clock_at != std::string_view::npos) {
      const auto day = day_of(rest.substr(0, clock_at), "%d %b %Y");
      static constexpr std::string_view kDays = "SunMonTueWedThuFriSat";
      if (day &&
          iequals(text.substr(0, 3), kDays.substr(date::weekday(*day).c_encoding() * 3, 3))) {
        return at_clock(day, rest.substr(clock_at + 1));
      }
      if (day) return std::nullopt;  // the weekday does not agree with the date
    }
  }
  if (text.ends_with(" GMT") || text.ends_with(" UTC")) {
    return parse_utc(text.substr(0, text.size() - 4), "%a, %d %b %Y %H:%M:%S");
  }
  return parse_utc(text, "%a, %d %b %Y %H:%M:%S %z");
}

std::optional<Time> parse_iso8601(std::string_view text) {
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  // UTC or no zone, the common case: the date through the cache, the clock read directly.
  if (text.find_first_of("+-", 19) == std::string_view::npos) {
    const std::string_view clock = text.substr(11, text.size() - 11 - (text.back() == 'Z' ? 1 : 0));
    return at_clock(day_of(text.substr(0, 10), "%Y-%m-%d"), clock);
  }
  // By zone: none or "Z", "±HHMM" (%z), "±HH:MM" (%Ez).
  static constexpr const char* kFormats[2][3] = {
      {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S%Ez"},
      {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%Ez"},
  };
  int zone = 0;
  if (text.back() == 'Z') {
    text.remove_suffix(1);
  } else if (size_t sign = text.find_first_of("+-", 19); sign != std::string_view::npos) {
    // Only "±HH", "±HHMM" or "±HH:MM" reach date's %z, which misreads other offsets.
    const std::string_view offset = text.substr(sign + 1);
    const bool colon = offset.size() == 5 && offset[2] == ':';
    if (!(offset.size() == 2 || offset.size() == 4 || colon) || !digits_at(offset, 0, 2) ||
        (offset.size() > 2 && !digits_at(offset, offset.size() - 2, 2))) {
      return std::nullopt;
    }
    zone = colon ? 2 : 1;
  }
  return parse_utc(text, kFormats[text[10] == 'T'][zone]);
}

std::string_view find_timestamp(std::string_view text) {
  // ISO dates are found from their first '-', RFC 1123 ones from their zone name.
  for (size_t dash = text.find('-', 4); dash != std::string_view::npos;
       dash = text.find('-', dash + 1)) {
    if (size_t length = iso_length_at(text, dash - 4)) return text.substr(dash - 4, length);
  }
  for (size_t gmt = text.find(" GMT"); gmt != std::string_view::npos;
       gmt = text.find(" GMT", gmt + 1)) {
    if (auto start = rfc1123_start_before(text, gmt)) {
      return text.substr(*start, gmt + 4 - *start);
    }
  }
  return {};
}

std::optional<Time> parse_date_or_time(std::string_view text) {
  if (text.size() == 10) {
    const auto day = parse_utc(std::string(text) + " 00:00:00", "%Y-%m-%d %H:%M:%S");
    if (day) return day;
  }
  return parse_iso8601(text);
}

std::optional<Time> parse_loose_time(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.remove_suffix(1);
  if (auto time = parse_date_or_time(text)) return time;
  if (auto time = parse_rfc1123(text)) return time;
  static constexpr const char* kFormats[] = {"%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S",
                                             "%d.%m.%Y %H:%M:%S", "%m/%d/%Y %I:%M %p"};
  for (const char* format : kFormats) {
    if (auto time = parse_utc(text, format)) return time;
  }
  // A date alone stands for its midnight.
  for (const char* format : {"%m/%d/%Y", "%d.%m.%Y"}) {
    const auto time =
        parse_utc(std::string(text) + " 00:00:00", (std::string(format) + " %H:%M:%S").c_str());
    if (time) return time;
  }
  return std::nullopt;
}

std::optional<Time> parse_timestamp(std::string_view span) {
  if (span.empty()) return std::nullopt;
  return is_digit(span[0]) ? parse_iso8601(span) : parse_rfc1123(span);
}

std::optional<ExportTime> parse_export_time(std::string_view text) {
  // Copies the text without direction marks (some Windows cultures put them around date parts)
  // and outer blanks; longer text is not a time.
  char buffer[64];
  size_t size = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\xE2\x80\x8E" || text.substr(i, 3) == "\xE2\x80\x8F") {
      i += 2;
      continue;
    }
    if (size == sizeof buffer) return std::nullopt;
    buffer[size++] = text[i];
  }
  std::string_view clean(buffer, size);
  while (!clean.empty() && clean.front() == ' ') clean.remove_prefix(1);
  while (!clean.empty() && clean.back() == ' ') clean.remove_suffix(1);
  if (clean.size() < 8) return std::nullopt;

  if (clean.size() >= 19 && clean[4] == '-') {
    auto time = parse_iso8601(clean);
    if (!time) return std::nullopt;
    bool zoned = clean.back() == 'Z' || clean.find_first_of("+-", 19) != std::string_view::npos;
    return ExportTime{*time, zoned};
  }
  const bool twelve_hour = clean.back() == 'M' || clean.back() == 'm';
  const char* format = nullptr;
  if (clean.find('/') != std::string_view::npos) {
    if (digits_at(clean, 0, 4) && char_at(clean, 4, '/')) {
      format = "%Y/%m/%d %H:%M:%S";
    } else {
      format = twelve_hour ? "%m/%d/%Y %I:%M:%S %p" : "%m/%d/%Y %H:%M:%S";
    }
  } else if (clean.find('.') != std::string_view::npos) {
    format = "%d.%m.%Y %H:%M:%S";
  } else {
    return std::nullopt;
  }
  auto time = parse_utc(clean, format);
  if (!time) return std::nullopt;
  return ExportTime{*time, false};
}

std::string_view date_order_name(DateOrder order) {
  switch (order) {
    case DateOrder::dmy:
      return "dmy";
    case DateOrder::mdy:
      return "mdy";
    case DateOrder::ymd:
      return "ymd";
    case DateOrder::unknown:
      break;
  }
  return "";
}

std::optional<DateOrder> parse_date_order(std::string_view text) {
  for (DateOrder order : {DateOrder::dmy, DateOrder::mdy, DateOrder::ymd}) {
    if (text == date_order_name(order)) return order;
  }
  return std::nullopt;
}

namespace {

// The three numeric fields of a date at the start of `text` and the separator between them.
struct DateFields {
  std::string_view first, second, third;
  char separator = 0;
  size_t end = 0;  // where the date ends in the text
};

std::optional<DateFields> split_date(std::string_view text) {
  DateFields date;
  std::string_view* fields[] = {&date.first, &date.second, &date.third};
  size_t i = 0;
  for (size_t n = 0; n < 3; ++n) {
    const size_t begin = i;
    while (i < text.size() && is_digit(text[i]) && i - begin < 4) ++i;
    if (i == begin) return std::nullopt;
    *fields[n] = text.substr(begin, i - begin);
    if (n == 2) break;
    if (i == text.size() || (text[i] != '/' && text[i] != '.' && text[i] != '-')) {
      return std::nullopt;
    }
    if (date.separator == 0) date.separator = text[i];
    if (text[i] != date.separator) return std::nullopt;
    ++i;
  }
  if (i < text.size() && is_digit(text[i])) return std::nullopt;
  date.end = i;
  return date;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

DateOrder date_order_evidence(std::string_view date_time) {
  const auto date = split_date(date_time);
  if (!date) return DateOrder::unknown;
  if (date->first.size() == 4) return DateOrder::ymd;
  if (date->third.size() != 4 && date->third.size() != 2) return DateOrder::unknown;
  const int first = number(date->first);
  const int second = number(date->second);
  if (first > 12 && first <= 31 && second >= 1 && second <= 12) return DateOrder::dmy;
  if (second > 12 && second <= 31 && first >= 1 && first <= 12) return DateOrder::mdy;
  return DateOrder::unknown;
}

std::optional<Time> parse_local_date_time(std::string_view date_time, DateOrder order) {
  const auto date = split_date(date_time);
  if (!date) return std::nullopt;
  int year = 0;
  int month = 0;
  int day = 0;
  if (date->first.size() == 4) {
    year = number(date->first);
    month = number(date->second);
    day = number(date->third);
  } else {
    if (date->third.size() != 4) return std::nullopt;
    year = number(date->third);
    const bool day_first = date->separator == '.' || order == DateOrder::dmy;
    day = number(day_first ? date->first : date->second);
    month = number(day_first ? date->second : date->first);
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || year < 1) return std::nullopt;

  // The time: at least one blank, then H:MM:SS[.f|,f] and an optional AM/PM.
  std::string_view rest = date_time.substr(date->end);
  size_t blanks = 0;
  while (blanks < rest.size() && (rest[blanks] == ' ' || rest[blanks] == '\t')) ++blanks;
  if (blanks == 0) return std::nullopt;
  rest.remove_prefix(blanks);
  size_t i = 0;
  int parts[3] = {0, 0, 0};
  for (int n = 0; n < 3; ++n) {
    const size_t begin = i;
    while (i < rest.size() && is_digit(rest[i]) && i - begin < 2) ++i;
    if (i == begin || (n > 0 && i - begin != 2)) return std::nullopt;
    parts[n] = number(rest.substr(begin, i - begin));
    if (n < 2) {
      if (i == rest.size() || rest[i] != ':') return std::nullopt;
      ++i;
    }
  }
  std::chrono::milliseconds fraction{0};
  if (i < rest.size() && (rest[i] == '.' || rest[i] == ',') && i + 1 < rest.size() &&
      is_digit(rest[i + 1])) {
    ++i;
    int scale = 100;
    while (i < rest.size() && is_digit(rest[i])) {
      fraction += std::chrono::milliseconds{(rest[i] - '0') * scale};
      scale /= 10;
      ++i;
    }
  }
  std::string_view suffix = rest.substr(i);
  while (!suffix.empty() && suffix.front() == ' ') suffix.remove_prefix(1);
  while (!suffix.empty() && suffix.back() == ' ') suffix.remove_suffix(1);
  int hour = parts[0];
  if (iequals(suffix, "AM") || iequals(suffix, "PM")) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (iequals(suffix, "PM") ? 12 : 0);
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  if (hour > 23 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return date::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{parts[1]} +
         std::chrono::seconds{parts[2]} + fraction;
}

}  // namespace certdiag
