// The HTML report: one self-contained, well-formed file (no network, no external assets) with the
// summary, an inline-SVG timeline of each host's problems, and each diagnosis with its evidence.
// Every string that comes from a log is escaped.
#pragma once

#include <ostream>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"
#include "report/report.h"

namespace certdiag {

void write_html(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options);

// Text escaped for HTML content and attribute values; control characters made visible.
std::string html_escape(std::string_view text);

}  // namespace certdiag
