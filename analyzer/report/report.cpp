#include "report/report.h"

#include "report/html.h"
#include "report/json.h"
#include "report/markdown.h"
#include "report/ndjson.h"
#include "report/text.h"

namespace certdiag {

void write_report(std::ostream& out, std::string_view format,
                  const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                  const ReportOptions& options) {
  if (format == "json") {
    write_json(out, diagnoses, summary);
  } else if (format == "ndjson") {
    write_ndjson(out, diagnoses, summary, options.signals);
  } else if (format == "markdown") {
    write_markdown(out, diagnoses, summary, options);
  } else if (format == "html") {
    write_html(out, diagnoses, summary, options);
  } else {
    write_text(out, diagnoses, summary, options);
  }
}

const std::vector<std::string_view>& report_formats() {
  static const std::vector<std::string_view> formats = {"text", "json", "ndjson", "markdown",
                                                        "html"};
  return formats;
}

}  // namespace certdiag
