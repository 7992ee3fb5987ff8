#include "tokenize/event_export.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <vector>

#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

constexpr std::chrono::minutes kMaxOffset{14 * 60};  // the widest offset any zone has used

// Reads "±H", "±HH", "±HHMM", "±H:MM" or "±HH:MM"; nullopt when the text does not have that
// shape or its minutes exceed 59.
std::optional<std::chrono::minutes> parse_offset(std::string_view text) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const std::string_view body = text.substr(1);
  std::string_view hours = body;
  std::string_view minutes;
  if (size_t colon = body.find(':'); colon != std::string_view::npos) {
    hours = body.substr(0, colon);
    minutes = body.substr(colon + 1);
    if (minutes.size() != 2) return std::nullopt;
  } else if (body.size() == 4) {
    hours = body.substr(0, 2);
    minutes = body.substr(2);
  }
  if (hours.empty() || hours.size() > 2) return std::nullopt;
  int h = 0;
  int m = 0;
  for (char c : hours) {
    if (!is_digit(c)) return std::nullopt;
    h = h * 10 + (c - '0');
  }
  for (char c : minutes) {
    if (!is_digit(c)) return std::nullopt;
    m = m * 10 + (c - '0');
  }
  if (m >= 60) return std::nullopt;
  return std::chrono::minutes{(text[0] == '-' ? -1 : 1) * (h * 60 + m)};
}

// The zone name closest to `name`, when one is close enough to be a likely misspelling.
std::string closest_zone_name(std::string_view name) {
  const date::tzdb& db = date::get_tzdb();
  std::string_view best;
  size_t best_distance = std::max<size_t>(2, name.size() / 4) + 1;
  auto consider = [&](std::string_view candidate) {
    const size_t distance = edit_distance(name, candidate, Case::ignored);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  };
  // Built on the system's zoneinfo, the database lists links (US/Eastern) as zones; built on the
  // IANA text files (the Windows build), it lists them apart.
  for (const date::time_zone& zone : db.zones) consider(zone.name());
#if !USE_OS_TZDB
  for (const date::time_zone_link& link : db.links) consider(link.name());
#endif
  return std::string(best);
}

// Resolves `spec` into a zone or an offset; returns the reason when it is neither.
std::string resolve(std::string_view spec, const date::time_zone*& zone,
                    std::chrono::minutes& offset) {
  zone = nullptr;
  offset = std::chrono::minutes{0};
  if (spec.empty()) return {};
  if (spec[0] == '+' || spec[0] == '-') {
    auto parsed = parse_offset(spec);
    if (!parsed) {
      return fmt::format("time zone offset '{}' is not ±HH:MM (e.g. +02:00, -0500)", spec);
    }
    if (*parsed < -kMaxOffset || *parsed > kMaxOffset) {
      return fmt::format("time zone offset '{}' is out of range (-14:00 to +14:00)", spec);
    }
    offset = *parsed;
    return {};
  }
  try {
    zone = date::locate_zone(spec);
    return {};
  } catch (const std::exception&) {
    // locate_zone says "not found" by throwing; it is also where a missing database shows.
  }
  std::string suggestion;
  try {
    suggestion = closest_zone_name(spec);
  } catch (const std::exception& error) {
    return fmt::format("unknown time zone '{}': time zone database not available ({})", spec,
                       error.what());
  }
  if (!suggestion.empty()) {
    return fmt::format("unknown time zone '{}' (did you mean '{}'?)", spec, suggestion);
  }
  return fmt::format(
      "unknown time zone '{}' (want an IANA name such as Europe/Berlin, or an "
      "offset such as +02:00)",
      spec);
}

}  // namespace

InputZone InputZone::from_spec(std::string_view spec, std::string& error) {
  InputZone result;
  error = resolve(spec, result.zone_, result.offset_);
  return result;
}

Time InputZone::to_utc(Time wall) const {
  if (zone_ == nullptr) return wall - offset_;
  const date::local_time<std::chrono::milliseconds> local{wall.time_since_epoch()};
  return zone_->to_sys(local, date::choose::earliest);
}

std::chrono::minutes InputZone::offset_at(Time utc) const {
  if (zone_ == nullptr) return offset_;
  return std::chrono::duration_cast<std::chrono::minutes>(
      zone_->get_info(std::chrono::floor<std::chrono::seconds>(utc)).offset);
}

std::string check_input_tz(std::string_view spec) {
  const date::time_zone* zone = nullptr;
  std::chrono::minutes offset{0};
  return resolve(spec, zone, offset);
}

bool read_export_time(std::string_view text, const InputZone& zone, Record& record) {
  text = trim(text);
  auto parsed = parse_export_time(text);
  if (parsed && parsed->zoned) {
    record.time = parsed->time;
    return true;
  }
  record.local_time.assign(text);
  if (!parsed) return false;
  record.time = zone.to_utc(parsed->time);
  record.time_assumed = true;
  return true;
}

Level level_of_word(std::string_view word) {
  word = trim(word);
  if (iequals(word, "Error") || iequals(word, "Critical")) return Level::error;
  if (iequals(word, "Warning")) return Level::warning;
  if (iequals(word, "Information")) return Level::info;
  if (iequals(word, "Verbose")) return Level::verbose;
  return Level::unknown;
}

std::optional<uint32_t> parse_event_id(std::string_view text) {
  text = trim(text);
  uint32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace certdiag
