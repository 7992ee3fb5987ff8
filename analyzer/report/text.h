// The terminal report: the answer first (a summary line, what was read, a table of the problems),
// then the details host by host (what, where, why, fix, evidence), then the inputs that could
// not be read in full. Log text is always made visible, never written raw; colour only when
// asked for.
#pragma once

#include <ostream>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"
#include "report/report.h"

namespace certdiag {

void write_text(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options);

// The report's first line without colour ("certdiag: 2 errors, 0 warnings · 1 resolved · 9
// sources, …"), for stderr when the report goes to a file.
std::string text_summary_line(const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                              const ReportOptions& options);

}  // namespace certdiag
