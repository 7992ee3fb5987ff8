// The terminal report: a summary line, then one block per diagnosis (what, where, why, fix,
// evidence), then the inputs that could not be read. Log text is always made visible, never
// written raw; colour only when asked for.
#pragma once

#include <ostream>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"
#include "report/report.h"

namespace certdiag {

void write_text(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options);

}  // namespace certdiag
