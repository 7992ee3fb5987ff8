// The HTML report's timeline: per host, one row per problem with a bar from first to last seen,
// a dot per evidence line and a mark where it was resolved, on an axis scaled to that host's
// evidence. Plain HTML and CSS sized in percent, so it fills the page at any width; no script.
#pragma once

#include <ostream>

#include "report/outline.h"

namespace certdiag {

class ShownTime;

// `anchor` gives each diagnosis's section id, for the row's link; times are shown in `times`' zone.
void write_html_timeline(std::ostream& out, const HostDetails& host,
                         std::string (*anchor)(const Outline&, const Diagnosis&),
                         const Outline& outline, const ShownTime& times);

}  // namespace certdiag
