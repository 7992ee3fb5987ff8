// What the tokenizers of Windows event exports (Event Viewer CSV, wevtutil /f:text, Format-List)
// share: the --input-tz zone their local times are read in, level words and event ids.
// Does not split any layout; see tokenize/event_csv.h and tokenize/event_text.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/record.h"
#include "model/text.h"

namespace date {
class time_zone;
}

namespace certdiag {

// The zone that exports without a stated zone were written in: UTC, a fixed offset, or an IANA
// zone with its daylight saving rules.
class InputZone {
 public:
  InputZone() = default;  // UTC

  // Reads an --input-tz value: "" (UTC), an IANA name ("Europe/Berlin") or an offset ("+02:00",
  // "-0500", "+05"). An invalid value sets `error` to a one-line reason and gives UTC.
  static InputZone from_spec(std::string_view spec, std::string& error);

  // The UTC time of a wall-clock reading in this zone (the reading held as if it were UTC). A
  // reading that a clock change repeats takes its earlier instant; one that it skips takes the
  // instant of the change.
  Time to_utc(Time wall) const;

  // How far this zone's clocks are ahead of UTC at the UTC instant `utc`.
  std::chrono::minutes offset_at(Time utc) const;

 private:
  const date::time_zone* zone_ = nullptr;
  std::chrono::minutes offset_{0};
};

// "" when `spec` is a valid --input-tz value, else a one-line reason (with a "did you mean" for a
// misspelt zone name).
std::string check_input_tz(std::string_view spec);

// Sets record.time from an export's time text. A time without a zone is read in `zone`, marked
// time_assumed and kept as written in local_time; a zoned ISO time is taken as stated. Returns
// false when the text is not a time: time stays empty and local_time keeps the text.
bool read_export_time(std::string_view text, const InputZone& zone, Record& record);

// The level an English level word names: Critical and Error are errors, then Warning,
// Information, Verbose; any other word (a localized one) is unknown. Case does not matter.
Level level_of_word(std::string_view word);

// An event id written in decimal, or nullopt when the text is not one that fits 32 bits.
std::optional<uint32_t> parse_event_id(std::string_view text);

}  // namespace certdiag
