// Words for a certificate's expiry date judged as of the reference time (when the logs were
// collected) and as of today, for the {not_after_as_of} and {not_after_today} placeholders of a
// diagnosis's texts.
#pragma once

#include <optional>
#include <string>

#include "model/signal.h"

namespace certdiag {

// "as of 2026-01-01 (the reference time) it had been expired for 60 days", "… it expires in 19
// days".
std::string expiry_as_of_text(Time not_after, Time as_of);

// "Today (2026-03-02) it has been expired for 40 days." — empty when today is within a day of
// the reference time, or unknown: the as-of words then say it all.
std::string expiry_today_text(Time not_after, Time as_of, std::optional<Time> now);

}  // namespace certdiag
