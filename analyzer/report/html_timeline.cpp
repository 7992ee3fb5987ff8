#include "report/html_timeline.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html.h"
#include "report/shown_time.h"
#include "report/strings.h"

namespace certdiag {
namespace {

// "2011-04-26 04:51Z" ("2011-04-26 06:51+02:00" in another zone), or only the date when the
// axis spans more than a few days.
std::string axis_label(Time time, bool date_only, const ShownTime& times) {
  const std::string stamp = times.stamp(time);
  if (date_only) return stamp.substr(0, 10);
  // The zone's suffix follows the seconds and any milliseconds: "Z" or "+02:00".
  const size_t zone = stamp.find_first_of("Z+-", 19);
  return stamp.substr(0, 10) + ' ' + stamp.substr(11, 5) + stamp.substr(zone);
}

}  // namespace

void write_html_timeline(std::ostream& out, const HostDetails& host,
                         std::string (*anchor)(const Outline&, const Diagnosis&),
                         const Outline& outline, const ShownTime& times) {
  std::vector<const Diagnosis*> rows;
  for (const Diagnosis* diagnosis : host.diagnoses) {
    if (diagnosis->first_seen) rows.push_back(diagnosis);
  }
  if (rows.empty()) return;
  Time start = *rows.front()->first_seen;
  Time end = start;
  for (const Diagnosis* row : rows) {
    start = std::min(start, *row->first_seen);
    end = std::max({end, *row->last_seen, row->resolved_at.value_or(*row->last_seen)});
  }
  const double span = std::max<double>(1.0, static_cast<double>((end - start).count()));
  const auto percent = [&](Time time) {
    return 100.0 * static_cast<double>((time - start).count()) / span;
  };
  const bool date_only = end - start > std::chrono::hours(24 * 3);
  out << "<div class=\"timeline\" role=\"img\" aria-label=\"timeline of "
      << html_escape(host_label(host.host)) << "\">\n";
  for (const Diagnosis* row : rows) {
    const double left = percent(*row->first_seen);
    const double width = std::max(0.6, percent(*row->last_seen) - left);
    out << fmt::format(
        "<div class=\"row\"><a class=\"label\" href=\"#{}\">{}</a><div class=\"track\">"
        "<span class=\"bar {}{}\" style=\"left:{:.1f}%;width:{:.1f}%\" title=\"{} to {}\"></span>",
        anchor(outline, *row), html_escape(row->id), severity_name(row->severity),
        row->resolved_at ? " was" : "", std::min(left, 99.4), std::min(width, 100.0 - left),
        html_escape(times.stamp(*row->first_seen)), html_escape(times.stamp(*row->last_seen)));
    for (const auto& signal : row->evidence) {
      if (signal.time)
        out << fmt::format("<span class=\"dot\" style=\"left:{:.1f}%\"></span>",
                           std::min(percent(*signal.time), 99.4));
    }
    if (row->resolved_at) {
      out << fmt::format(
          "<span class=\"fixed\" style=\"left:{:.1f}%\" title=\"resolved {}\"></span>",
          std::min(percent(*row->resolved_at), 99.4), html_escape(times.stamp(*row->resolved_at)));
    }
    out << "</div></div>\n";
  }
  out << fmt::format("<div class=\"axis\"><span>{}</span><span>{}</span></div>\n</div>\n",
                     html_escape(axis_label(start, date_only, times)),
                     html_escape(axis_label(end, date_only, times)));
}

}  // namespace certdiag
