// The zone a report shows its times in (--tz; UTC unless given), and the zone exports without
// a stated zone were read in (--input-tz), which evidence lines name beside such times.
// JSON and NDJSON do not use it: they stay in UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/record.h"
#include "tokenize/event_export.h"

namespace certdiag {

class ShownTime {
 public:
  ShownTime() = default;  // UTC, exports read as UTC

  // `zone`: a --tz value ("" for UTC); `input_zone`: the --input-tz value ("" for UTC). An
  // invalid zone sets `error` to a one-line reason and keeps UTC.
  static ShownTime from_specs(std::string_view zone, std::string_view input_zone,
                              std::string& error);

  // "2011-04-26T04:51:58Z" in UTC; "2011-04-26T06:51:58+02:00" in another zone (".123" when
  // the milliseconds are not zero).
  std::string stamp(Time time) const;
  std::string stamp(const std::optional<Time>& time, std::string_view unknown) const;

  // "UTC", or the zone as given ("Europe/Berlin", "+05:30").
  const std::string& zone_name() const { return zone_name_; }
  // The zone local times of exports were read in: "UTC" or the --input-tz value.
  const std::string& input_zone_name() const { return input_zone_name_; }

 private:
  InputZone zone_;
  bool utc_ = true;
  std::string zone_name_ = "UTC";
  std::string input_zone_name_ = "UTC";
};

}  // namespace certdiag
