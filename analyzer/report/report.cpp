#include "report/report.h"

#include "report/csv.h"
#include "report/html.h"
#include "report/json.h"
#include "report/markdown.h"
#include "report/ndjson.h"
#include "report/outline.h"
#include "report/text.h"

namespace certdiag {

void write_report(std::ostream& out, std::string_view format,
                  const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                  const ReportOptions& options) {
  if (format == "json" || format == "ndjson") {
    // The machine formats keep their contract: the first --max-evidence signals, not the more
    // that the reports for people collapse into distinct lines.
    std::vector<Diagnosis> capped = diagnoses;
    for (auto& diagnosis : capped) {
      if (diagnosis.evidence.size() > options.max_evidence)
        diagnosis.evidence.resize(options.max_evidence);
    }
    if (format == "json") {
      write_json(out, capped, summary);
    } else {
      write_ndjson(out, capped, summary, options.signals);
    }
  } else if (format == "csv") {
    write_csv(out, diagnoses, options.times);
  } else if (options.context > 0 && !options.evidence_context) {
    // The lines around the evidence the report will show, read once per file.
    std::map<std::string, std::vector<uint64_t>> wanted;
    for (const auto& diagnosis : diagnoses) {
      for (const auto& group : distinct_evidence(diagnosis.evidence, options.max_evidence))
        wanted[group.first->source].push_back(group.first->line);
    }
    const EvidenceContext context = EvidenceContext::read(summary.sources, wanted, options.context);
    ReportOptions with_context = options;
    with_context.evidence_context = &context;
    write_report(out, format, diagnoses, summary, with_context);
  } else if (format == "markdown") {
    write_markdown(out, diagnoses, summary, options);
  } else if (format == "html") {
    write_html(out, diagnoses, summary, options);
  } else {
    write_text(out, diagnoses, summary, options);
  }
}

const std::vector<std::string_view>& report_formats() {
  static const std::vector<std::string_view> formats = {"text",     "json", "ndjson",
                                                        "markdown", "html", "csv"};
  return formats;
}

}  // namespace certdiag
