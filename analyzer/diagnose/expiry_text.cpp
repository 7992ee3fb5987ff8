#include "diagnose/expiry_text.h"

#include <date/date.h>
#include <fmt/format.h>

#include <chrono>

#include "report/strings.h"

namespace certdiag {
namespace {

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;

int64_t whole_days(Time from, Time to) { return std::chrono::floor<Days>(to - from).count(); }

std::string day_of(Time time) {
  return date::format("%Y-%m-%d", std::chrono::floor<std::chrono::seconds>(time));
}

// "has been expired for 3 days" / "expires in 5 days", as seen at `when`.
std::string state_at(Time not_after, Time when, std::string_view expired_words) {
  if (not_after <= when) {
    const int64_t days = whole_days(not_after, when);
    if (days == 0) return "expired that day";
    return fmt::format("{} {}", expired_words, plural(static_cast<uint64_t>(days), "day"));
  }
  const int64_t days = whole_days(when, not_after);
  if (days == 0) return "expires within a day";
  return fmt::format("expires in {}", plural(static_cast<uint64_t>(days), "day"));
}

}  // namespace

std::string expiry_as_of_text(Time not_after, Time as_of) {
  return fmt::format("as of {} (the reference time) it {}", day_of(as_of),
                     state_at(not_after, as_of, "had been expired for"));
}

std::string expiry_today_text(Time not_after, Time as_of, std::optional<Time> now) {
  if (!now) return {};
  if (std::chrono::abs(*now - as_of) < Days(1)) return {};
  return fmt::format("Today ({}) it {}.", day_of(*now),
                     state_at(not_after, *now, "has been expired for"));
}

}  // namespace certdiag
