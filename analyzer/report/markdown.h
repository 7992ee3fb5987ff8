// The Markdown report, for pasting into a ticket: the summary, then each diagnosis with its
// fix as numbered steps and its evidence in code blocks. Log text is escaped so that it cannot
// break the markup.
#pragma once

#include <ostream>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"
#include "report/report.h"

namespace certdiag {

void write_markdown(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                    const RunSummary& summary, const ReportOptions& options);

// Log text as inline Markdown: control characters made visible, markup characters escaped.
std::string markdown_inline(std::string_view text);

}  // namespace certdiag
