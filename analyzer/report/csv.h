// The CSV timeline: one row per evidence line of every diagnosis, oldest first, for a
// spreadsheet or a timeline tool, its times in the shown zone (--tz). Does not carry the why and
// fix texts; see the other reports.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnosis.h"
#include "report/shown_time.h"

namespace certdiag {

void write_csv(std::ostream& out, const std::vector<Diagnosis>& diagnoses, const ShownTime& times);

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; control characters
// made visible; text a spreadsheet would take for a formula (=, +, -, @) led by a quote.
std::string csv_field(std::string_view text);

}  // namespace certdiag
