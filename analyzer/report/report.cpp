#include "report/report.h"

#include "report/json.h"
#include "report/text.h"

namespace certdiag {

void write_report(std::ostream& out, std::string_view format,
                  const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                  const ReportOptions& options) {
  if (format == "json") {
    write_json(out, diagnoses, summary);
  } else {
    write_text(out, diagnoses, summary, options);
  }
}

const std::vector<std::string_view>& report_formats() {
  static const std::vector<std::string_view> formats = {"text", "json"};
  return formats;
}

}  // namespace certdiag
