#include "report/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "report/outline.h"
#include "report/strings.h"

namespace certdiag {

std::string csv_field(std::string_view text) {
  std::string value = make_visible(text);
  if (!value.empty() && std::string_view("=+-@").find(value.front()) != std::string_view::npos)
    value.insert(value.begin(), '\'');
  if (value.find_first_of(",\"") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

void write_csv(std::ostream& out, const std::vector<Diagnosis>& diagnoses, const ShownTime& times) {
  struct Row {
    const Signal* signal;
    const Diagnosis* diagnosis;
  };
  std::vector<Row> rows;
  for (const auto& diagnosis : diagnoses) {
    for (const auto& signal : diagnosis.evidence) rows.push_back({&signal, &diagnosis});
  }
  // Oldest first; lines without a time after those with one, in source order.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::make_tuple(!a.signal->time, a.signal->time.value_or(Time{}),
                           std::string_view(a.signal->source), a.signal->line) <
           std::make_tuple(!b.signal->time, b.signal->time.value_or(Time{}),
                           std::string_view(b.signal->source), b.signal->line);
  });
  out << "time,local_time,zone_assumed,host,source,line,diagnosis,severity,status,signal,provider,"
         "event_id,level,text\r\n";
  for (const auto& [signal, diagnosis] : rows) {
    out << fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", times.stamp(signal->time, ""),
        csv_field(signal->local_time),
        signal->time_assumed ? csv_field(times.input_zone_name()) : "", csv_field(diagnosis->host),
        csv_field(signal->source), signal->line, csv_field(diagnosis->id),
        severity_name(diagnosis->severity), status_name(*diagnosis), csv_field(signal->rule),
        csv_field(signal->provider), signal->event_id ? std::to_string(*signal->event_id) : "",
        signal->level == Level::unknown ? "" : level_name(signal->level), csv_field(signal->text));
  }
}

}  // namespace certdiag
