#include "report/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/error_codes.h"
#include "report/strings.h"

namespace certdiag {
namespace {

constexpr const char* kStyle = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d232a}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}h3{font-size:1em;margin:1.2em 0 .3em}
.summary{background:#f3f5f7;padding:.8em 1em;border-radius:6px}
.sev{display:inline-block;padding:0 .45em;border-radius:4px;color:#fff;font-size:.85em;text-transform:uppercase}
.error .sev,.bar.error{background:#c62828;fill:#c62828}.warning .sev,.bar.warning{background:#b26a00;fill:#b26a00}
.info .sev,.bar.info{background:#1565c0;fill:#1565c0}
table{border-collapse:collapse}td,th{padding:.15em .8em .15em 0;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:.7em;overflow-x:auto;font-size:.85em}mark{background:#ffe082}
svg text{font:11px system-ui,sans-serif;fill:#333}.axis{stroke:#999}.dot{fill:#222}.resolved{fill:#2e7d32}
)";

std::string time_text(const std::optional<Time>& time) {
  return time ? iso_time(*time) : "unknown";
}

std::string severity_counts(const std::vector<Diagnosis>& diagnoses) {
  std::map<Severity, uint64_t> counts;
  for (const auto& diagnosis : diagnoses) ++counts[diagnosis.severity];
  return fmt::format("{}, {}, {} info", plural(counts[Severity::error], "error"),
                     plural(counts[Severity::warning], "warning"), counts[Severity::info]);
}

// One row per diagnosis with a known time: a bar from first to last seen, a dot per evidence
// signal, a green mark where it was resolved. Grouped by host.
void write_timeline(std::ostream& out, const std::vector<Diagnosis>& diagnoses) {
  std::vector<const Diagnosis*> rows;
  for (const auto& diagnosis : diagnoses) {
    if (diagnosis.first_seen) rows.push_back(&diagnosis);
  }
  if (rows.empty()) return;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Diagnosis* a, const Diagnosis* b) { return a->host < b->host; });
  Time start = *rows.front()->first_seen;
  Time end = start;
  for (const Diagnosis* row : rows) {
    start = std::min(start, *row->first_seen);
    end = std::max({end, *row->last_seen, row->resolved_at.value_or(*row->last_seen)});
  }
  const double span = std::max<double>(1.0, static_cast<double>((end - start).count()));
  const int label_width = 330;
  const int plot_width = 560;
  const int row_height = 22;
  const int height = 40 + row_height * static_cast<int>(rows.size());
  const auto x = [&](Time time) {
    return label_width +
           static_cast<int>(plot_width * static_cast<double>((time - start).count()) / span);
  };
  out << "<h2>Timeline</h2>\n";
  out << fmt::format(
             R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="timeline">)",
             label_width + plot_width + 20, height)
      << '\n';
  for (int tick = 0; tick <= 4; ++tick) {
    const Time at = start + std::chrono::milliseconds(static_cast<int64_t>(span * tick / 4));
    const int tx = x(at);
    out << fmt::format(
               R"(<line class="axis" x1="{0}" y1="14" x2="{0}" y2="{1}"/><text x="{0}" y="10" text-anchor="middle">{2}</text>)",
               tx, height - 4, html_escape(iso_time(std::chrono::floor<std::chrono::minutes>(at))))
        << '\n';
  }
  int y = 30;
  for (const Diagnosis* row : rows) {
    const std::string label = (row->host.empty() ? "" : row->host + " · ") + row->id;
    out << fmt::format(R"(<text x="0" y="{}">{}</text>)", y + 4, html_escape(label)) << '\n';
    const int x1 = x(*row->first_seen);
    const int x2 = std::max(x(*row->last_seen), x1 + 3);
    out << fmt::format(
               R"(<rect class="bar {}" x="{}" y="{}" width="{}" height="10" rx="3"><title>{} to {}</title></rect>)",
               severity_name(row->severity), x1, y - 5, x2 - x1,
               html_escape(time_text(row->first_seen)), html_escape(time_text(row->last_seen)))
        << '\n';
    for (const auto& signal : row->evidence) {
      if (signal.time)
        out << fmt::format(R"(<circle class="dot" cx="{}" cy="{}" r="2"/>)", x(*signal.time), y)
            << '\n';
    }
    if (row->resolved_at) {
      out << fmt::format(
                 R"(<rect class="resolved" x="{}" y="{}" width="3" height="14"><title>resolved {}</title></rect>)",
                 x(*row->resolved_at), y - 7, html_escape(iso_time(*row->resolved_at)))
          << '\n';
    }
    y += row_height;
  }
  out << "</svg>\n";
}

void write_evidence_line(std::ostream& out, const Signal& signal) {
  const std::string_view text = signal.text;
  const size_t begin = std::min<size_t>(signal.match_begin, text.size());
  const size_t end = std::clamp<size_t>(signal.match_end, begin, text.size());
  out << html_escape(fmt::format("{}:{}  {}  {}", signal.source, signal.line,
                                 time_text(signal.time), recovered_mark(signal)))
      << html_escape(text.substr(0, begin));
  if (end > begin) out << "<mark>" << html_escape(text.substr(begin, end - begin)) << "</mark>";
  out << html_escape(text.substr(end)) << '\n';
}

void write_diagnosis(std::ostream& out, const Diagnosis& diagnosis, const ReportOptions& options) {
  out << fmt::format(
      "<section class=\"diagnosis {}\">\n<h2><span class=\"sev\">{}</span> <code>{}</code> "
      "{}</h2>\n",
      severity_name(diagnosis.severity), severity_name(diagnosis.severity),
      html_escape(diagnosis.id), html_escape(diagnosis.title));
  std::string where;
  for (const auto& lines : evidence_lines(diagnosis))
    where += (where.empty() ? "" : ", ") + lines.text();
  out << "<table>\n";
  const auto row = [&](std::string_view name, std::string_view value) {
    out << fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", name, html_escape(value));
  };
  row("Confidence", confidence_name(diagnosis.confidence));
  row("Host", diagnosis.host.empty() ? "(not named in the logs)" : diagnosis.host);
  row("Where", where);
  row("First seen", time_text(diagnosis.first_seen));
  row("Last seen", time_text(diagnosis.last_seen));
  row("Signals", with_commas(diagnosis.count));
  if (diagnosis.resolved_at) row("Resolved at", iso_time(*diagnosis.resolved_at));
  out << "</table>\n<h3>Why</h3>\n";
  for (const auto paragraph : paragraphs(diagnosis.explanation))
    out << "<p>" << html_escape(paragraph) << "</p>\n";
  if (!diagnosis.alternatives.empty()) out << "<h3>Or</h3>\n<ul>\n";
  for (const auto& alternative : diagnosis.alternatives)
    out << "<li>" << html_escape(alternative_text(alternative)) << "</li>\n";
  if (!diagnosis.alternatives.empty()) out << "</ul>\n";
  if (!diagnosis.remediation.empty()) out << "<h3>Fix</h3>\n<ol>\n";
  for (const auto& step : diagnosis.remediation) out << "<li>" << html_escape(step) << "</li>\n";
  if (!diagnosis.remediation.empty()) out << "</ol>\n";
  if (!diagnosis.references.empty()) out << "<h3>See</h3>\n<ul>\n";
  for (const auto& reference : diagnosis.references)
    out << "<li>" << html_escape(reference) << "</li>\n";
  if (!diagnosis.references.empty()) out << "</ul>\n";
  const size_t shown = std::min(diagnosis.evidence.size(), options.max_evidence);
  out << fmt::format("<h3>Evidence ({} of {})</h3>\n<pre>", shown,
                     html_escape(plural(diagnosis.count, "signal")));
  for (size_t i = 0; i < shown; ++i) write_evidence_line(out, diagnosis.evidence[i]);
  out << "</pre>\n";
  bool header = false;
  for (const auto& codes : new_codes_per_line(diagnosis.evidence, shown)) {
    for (const ErrorCode* code : codes) {
      if (!header) out << "<h3>Error codes</h3>\n<table class=\"codes\">\n";
      header = true;
      out << fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>\n",
                         html_escape(code->code), html_escape(code->name),
                         html_escape(code->meaning));
    }
  }
  if (header) out << "</table>\n";
  out << "</section>\n";
}

// Templates of the error and warning records no rule matched, as a table.
void write_new_signatures(std::ostream& out, const RunSummary& summary) {
  const auto& clusters = summary.new_signatures;
  if (clusters.empty()) return;
  out << "<h2>New signatures (error and warning records no rule matched)</h2>\n";
  if (summary.new_signature_templates > clusters.size()) {
    out << fmt::format("<p>The {} largest of {} templates.</p>\n", clusters.size(),
                       summary.new_signature_templates);
  }
  out << "<table class=\"signatures\">\n<tr><th>Records</th><th>Levels</th><th>Template</th>"
         "<th>First at</th></tr>\n";
  for (const auto& cluster : clusters) {
    const std::string levels = level_names(cluster.levels);
    out << fmt::format(
        "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
        with_commas(cluster.count), levels, html_escape(cluster.template_text),
        html_escape(fmt::format("{}:{}", cluster.example.source, cluster.example.line)));
  }
  out << "</table>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : make_visible(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_html(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<title>certdiag report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<h1>certdiag report</h1>\n";
  out << "<p class=\"summary\"><strong>" << severity_counts(diagnoses) << "</strong> · "
      << html_escape(fmt::format("{} · {} · {} · {} not understood · {} unreadable",
                                 plural(summary.sources.size(), "source"),
                                 plural(summary.total(&SourceSummary::records), "record"),
                                 plural(summary.total(&SourceSummary::lines), "line"),
                                 with_commas(summary.total(&SourceSummary::lines_not_understood)),
                                 summary.errors.size()));
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last) out << "<br/>Time span: " << iso_time(*first) << " to " << iso_time(*last);
  out << "<br/>" << html_escape(upper_first(reference_time_text(summary)));
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "<br/>Read in part: " << html_escape(join_phrases(lost));
  out << "</p>\n";
  if (diagnoses.empty()) out << "<p>" << html_escape(no_problems_found(summary)) << "</p>\n";
  write_timeline(out, diagnoses);
  for (const auto& diagnosis : diagnoses) write_diagnosis(out, diagnosis, options);
  write_new_signatures(out, summary);
  if (!summary.duplicates.empty())
    out << "<h2>Read once (same content as an earlier input)</h2>\n<ul>\n";
  for (const auto& duplicate : summary.duplicates) {
    out << "<li>" << html_escape(duplicate.source) << ": same as " << html_escape(duplicate.same_as)
        << "</li>\n";
  }
  if (!summary.duplicates.empty()) out << "</ul>\n";
  bool header = false;
  for (const auto& source : summary.sources) {
    const auto lost = source_losses(source);
    if (lost.empty() || !source.duplicate_of.empty()) continue;
    if (!header) out << "<h2>Inputs read only in part</h2>\n<ul>\n";
    header = true;
    out << "<li>"
        << html_escape(fmt::format("{} ({}): {}", source.name, source.format, join_phrases(lost)));
    if (!source.problems.empty()) out << "\n<ul>\n";
    for (const auto& problem : source.problems) out << "<li>" << html_escape(problem) << "</li>\n";
    if (!source.problems.empty()) out << "</ul>\n";
    out << "</li>\n";
  }
  if (header) out << "</ul>\n";
  if (!summary.errors.empty()) out << "<h2>Unreadable inputs</h2>\n<ul>\n";
  for (const auto& error : summary.errors) {
    out << "<li>" << html_escape(error.source) << ": " << html_escape(error.message) << "</li>\n";
  }
  if (!summary.errors.empty()) out << "</ul>\n";
  out << "</body>\n</html>\n";
}

}  // namespace certdiag
