#include "report/shown_time.h"

#include <fmt/format.h>

#include "report/strings.h"

namespace certdiag {

ShownTime ShownTime::from_specs(std::string_view zone, std::string_view input_zone,
                                std::string& error) {
  ShownTime shown;
  if (!input_zone.empty()) shown.input_zone_name_ = std::string(input_zone);
  if (zone.empty()) return shown;
  shown.zone_ = InputZone::from_spec(zone, error);
  if (!error.empty()) return shown;
  shown.utc_ = false;
  shown.zone_name_ = std::string(zone);
  return shown;
}

std::string ShownTime::stamp(Time time) const {
  if (utc_) return iso_time(time);
  const auto offset = zone_.offset_at(time);
  std::string text = iso_time(time + offset);
  text.pop_back();  // the 'Z'
  const auto minutes = offset.count() < 0 ? -offset.count() : offset.count();
  return text +
         fmt::format("{}{:02}:{:02}", offset.count() < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

std::string ShownTime::stamp(const std::optional<Time>& time, std::string_view unknown) const {
  return time ? stamp(*time) : std::string(unknown);
}

}  // namespace certdiag
