// The report interface: renders diagnoses and the run summary in one output format. Reports
// never change what was found; they only choose how to show it.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"
#include "report/context.h"
#include "report/shown_time.h"

namespace certdiag {

struct ReportOptions {
  bool color = false;
  size_t width = 100;         // columns the text report's prose is wrapped to
  bool terminal = false;      // the text report goes to a terminal: long evidence lines wrap
  size_t evidence_width = 0;  // --evidence-width: evidence cut to this many columns; 0 whole
  size_t max_evidence = 10;   // distinct evidence lines shown per diagnosis
  bool show_info = false;     // --min-severity info: info diagnoses in full, not folded
  const std::vector<Signal>* signals = nullptr;  // NDJSON writes these too (--emit signals)
  bool why = false;                              // --why: say how each input was read
  ShownTime times;  // --tz, --input-tz: the zone times are shown in, the one exports were read in
  bool coverage_all = false;  // --coverage=all: every family, not only those the input concerns
  size_t context = 0;         // --context: source lines shown before and after each evidence line
  const EvidenceContext* evidence_context = nullptr;  // those lines; write_report reads them
};

// Writes the report in one of report_formats().
void write_report(std::ostream& out, std::string_view format,
                  const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                  const ReportOptions& options);

const std::vector<std::string_view>& report_formats();

}  // namespace certdiag
