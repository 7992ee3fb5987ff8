#include "report/html.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "report/error_codes.h"
#include "report/html_timeline.h"
#include "report/outline.h"
#include "report/strings.h"

namespace certdiag {
namespace {

// Colours as variables, so that dark mode and print only swap them; evidence wraps instead of
// scrolling, so no text is hidden on screen or on paper.
constexpr const char* kStyle = R"(
:root{--fg:#1d232a;--muted:#5b6570;--bg:#fff;--panel:#f3f5f7;--code:#f6f8fa;--line:#d8dde3;
--error:#c62828;--warning:#a15c00;--info:#1565c0;--ok:#2e7d32;--mark:#ffe082;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ed;--muted:#a2acb7;--bg:#15191e;--panel:#20262d;
--code:#1b2026;--line:#38414b;--error:#ef5350;--warning:#ffa726;--info:#64b5f6;--ok:#66bb6a;
--mark:#6d5a00;--link:#8ab4f8}}
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;
color:var(--fg);background:var(--bg)}
a{color:var(--link)}h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid var(--line)}
h3{font-size:1.1em;margin-top:1.6em}h4{font-size:1em;margin:1.1em 0 .3em}
.summary{background:var(--panel);padding:.8em 1em;border-radius:6px}
.sev{display:inline-block;padding:0 .45em;border-radius:4px;color:#fff;font-size:.85em;text-transform:uppercase}
.error .sev{background:var(--error)}.warning .sev{background:var(--warning)}.info .sev{background:var(--info)}
.resolved .sev{background:var(--muted)}.status-resolved{color:var(--ok)}
table{border-collapse:collapse}td,th{padding:.2em .8em .2em 0;text-align:left;vertical-align:top}
.problems{width:100%}.problems th{border-bottom:1px solid var(--line)}.problems td{border-bottom:1px solid var(--line)}
.scroll{overflow-x:auto}
pre{background:var(--code);padding:.7em;font-size:.85em;white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit}.count,.context{color:var(--muted)}
p,li,pre,code,h1,h2,h3,.where,.label{overflow-wrap:anywhere}.sev,.t{white-space:nowrap}
.problems code{overflow-wrap:normal}.problems .title{display:block}
@media (max-width:44em){.problems,.problems tbody{display:block}.problems tr:first-child{display:none}.problems tr{display:block;padding:.4em 0;
border-bottom:1px solid var(--line)}.problems td{display:inline-block;border:0;padding:0 .5em 0 0}
.problems .title{display:inline}}
.timeline{margin:.6em 0 1em}.row{display:flex;flex-wrap:wrap;align-items:center;gap:0 .8em;margin:.15em 0}
.label{flex:0 1 18em;min-width:10em;font-size:.85em;overflow-wrap:anywhere}
.track{flex:1 1 14em;position:relative;height:14px;background:var(--panel);border-radius:3px}
.bar{position:absolute;top:2px;height:10px;border-radius:3px;min-width:3px}
.bar.error{background:var(--error)}.bar.warning{background:var(--warning)}.bar.info{background:var(--info)}
.bar.was{opacity:.45}.dot{position:absolute;top:5px;width:4px;height:4px;margin-left:-2px;border-radius:2px;background:var(--fg)}
.fixed{position:absolute;top:0;width:3px;height:14px;background:var(--ok)}
.axis{display:flex;justify-content:space-between;font-size:.8em;color:var(--muted);margin-left:auto}
nav ul{columns:16em}summary h4{display:inline}
@media print{body{max-width:none;margin:0;font-size:11pt}.host{break-before:page}
.host:first-of-type{break-before:auto}section.diagnosis{break-inside:avoid-page}
pre{white-space:pre-wrap;overflow:visible}details>summary{list-style:none}nav{display:none}a{color:inherit}}
)";

std::string time_text(const std::optional<Time>& time, const ShownTime& times) {
  return times.stamp(time, "unknown");
}

// Letters, digits, '.', '_' and '-' of the text; the rest become '-'.
std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool kept =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    out += kept ? c : '-';
  }
  return out;
}

std::string host_anchor(std::string_view host) {
  return "host-" + (host.empty() ? std::string("unnamed") : slug(host));
}

// "SITE01-cm.ai.cert-expired", numbered when a host has the same id twice.
std::string diagnosis_anchor(const Outline& outline, const Diagnosis& diagnosis) {
  size_t same = 0;
  for (const Diagnosis* other : outline.table) {
    if (other == &diagnosis) break;
    if (other->id == diagnosis.id && other->host == diagnosis.host) ++same;
  }
  std::string anchor = (diagnosis.host.empty() ? std::string("unnamed") : slug(diagnosis.host)) +
                       '-' + slug(diagnosis.id);
  return same == 0 ? anchor : fmt::format("{}-{}", anchor, same + 1);
}

// A reference as text, linked where it names a public page: a URL, or a Microsoft KB article.
std::string reference_html(std::string_view reference) {
  static const RE2 kUrl(R"((https://[^\s<>"]+))");
  static const RE2 kKb(R"(\bKB(\d{6,7})\b)");
  std::string url;
  std::string kb;
  if (RE2::PartialMatch(reference, kUrl, &url)) {
    const size_t at = reference.find(url);
    return html_escape(reference.substr(0, at)) +
           fmt::format("<a href=\"{0}\">{0}</a>", html_escape(url)) +
           html_escape(reference.substr(at + url.size()));
  }
  if (RE2::PartialMatch(reference, kKb, &kb)) {
    const std::string name = "KB" + kb;
    const size_t at = reference.find(name);
    return html_escape(reference.substr(0, at)) +
           fmt::format("<a href=\"https://support.microsoft.com/help/{}\">{}</a>", kb, name) +
           html_escape(reference.substr(at + name.size()));
  }
  return html_escape(reference);
}

void write_evidence_line(std::ostream& out, const Signal& signal, const ShownTime& times) {
  const std::string_view text = signal.text;
  const size_t begin = std::min<size_t>(signal.match_begin, text.size());
  const size_t end = std::clamp<size_t>(signal.match_end, begin, text.size());
  out << html_escape(fmt::format("{}:{}  {}  {}", signal.source, signal.line,
                                 evidence_time(signal, "unknown", times), event_label(signal)))
      << html_escape(text.substr(0, begin));
  if (end > begin) out << "<mark>" << html_escape(text.substr(begin, end - begin)) << "</mark>";
  out << html_escape(text.substr(end)) << '\n';
}

void write_evidence(std::ostream& out, const Diagnosis& diagnosis, const ReportOptions& options) {
  size_t distinct = 0;
  const auto groups = distinct_evidence(diagnosis.evidence, options.max_evidence, &distinct);
  out << fmt::format(
      "<details open=\"open\"><summary><h4>Evidence ({} of {} "
      "distinct, {})</h4></summary>\n<pre>",
      groups.size(), distinct, html_escape(plural(diagnosis.count, "signal")));
  std::vector<Signal> examples;
  std::set<std::string> noted;  // sources whose missing context was explained
  const auto context = [&](const Signal& signal, bool after) {
    if (!options.evidence_context) return;
    for (const auto& line : options.evidence_context->grep_lines(signal, after, noted))
      out << "<span class=\"context\">" << html_escape(line) << "</span>\n";
  };
  for (const auto& group : groups) {
    examples.push_back(*group.first);
    context(*group.first, false);
    write_evidence_line(out, *group.first, options.times);
    context(*group.first, true);
    if (group.count > 1) {
      out << "<span class=\"count\">"
          << html_escape(fmt::format("    ×{}, last {} at {}:{}", group.count,
                                     time_text(group.last->time, options.times), group.last->source,
                                     group.last->line))
          << "</span>\n";
    }
  }
  out << "</pre>\n</details>\n";
  bool header = false;
  for (const auto& codes : new_codes_per_line(examples, examples.size())) {
    for (const ErrorCode* code : codes) {
      if (!header) out << "<h4>Error codes</h4>\n<div class=\"scroll\"><table class=\"codes\">\n";
      header = true;
      out << fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>\n",
                         html_escape(code->code), html_escape(code->name),
                         html_escape(code->meaning));
    }
  }
  if (header) out << "</table></div>\n";
}

void write_diagnosis(std::ostream& out, const Outline& outline, const Diagnosis& diagnosis,
                     const ReportOptions& options) {
  const bool resolved = diagnosis.resolved_at.has_value();
  out << fmt::format(
      "<section class=\"diagnosis {}{}\" id=\"{}\">\n<h3><span class=\"sev\">{}</span> "
      "<code>{}</code> {}</h3>\n",
      severity_name(diagnosis.severity), resolved ? " resolved" : "",
      diagnosis_anchor(outline, diagnosis), severity_name(diagnosis.severity),
      html_escape(diagnosis.id), html_escape(diagnosis.title));
  std::string where;
  for (const auto& lines : evidence_lines(diagnosis))
    where += (where.empty() ? "" : ", ") + lines.text();
  out << "<table>\n";
  const auto row = [&](std::string_view name, std::string_view value, std::string_view cls = "") {
    out << fmt::format("<tr><th>{}</th><td{}>{}</td></tr>\n", name,
                       cls.empty() ? "" : fmt::format(" class=\"{}\"", cls), html_escape(value));
  };
  row("Status", resolved ? "resolved at " + options.times.stamp(*diagnosis.resolved_at) : "open",
      resolved ? "status-resolved" : "");
  row("Confidence", confidence_name(diagnosis.confidence));
  row("Host", host_label(diagnosis.host));
  row("Where", where, "where");
  row("First seen", time_text(diagnosis.first_seen, options.times));
  row("Last seen", time_text(diagnosis.last_seen, options.times));
  row("Signals", with_commas(diagnosis.count));
  out << "</table>\n";
  const SharedText shared = shared_text(outline, diagnosis);
  if (shared.earlier) {
    out << fmt::format("<h4>Why and fix</h4>\n<p>{} on <a href=\"#{}\">{}</a> above.{}</p>\n",
                       shared.all_of_it ? "As" : "In general as",
                       diagnosis_anchor(outline, *shared.earlier),
                       html_escape(host_label(shared.earlier->host)),
                       shared.own_paragraphs.empty() ? "" : " On this host:");
    for (const auto paragraph : shared.own_paragraphs)
      out << "<p>" << html_escape(paragraph) << "</p>\n";
  } else {
    out << "<h4>Why</h4>\n";
    for (const auto paragraph : paragraphs(diagnosis.explanation))
      out << "<p>" << html_escape(paragraph) << "</p>\n";
    if (!diagnosis.alternatives.empty()) out << "<h4>Or</h4>\n<ul>\n";
    for (const auto& alternative : diagnosis.alternatives)
      out << "<li>" << html_escape(alternative_text(alternative)) << "</li>\n";
    if (!diagnosis.alternatives.empty()) out << "</ul>\n";
    if (!diagnosis.remediation.empty()) out << "<h4>Fix</h4>\n<ol>\n";
    for (const auto& step : diagnosis.remediation) out << "<li>" << html_escape(step) << "</li>\n";
    if (!diagnosis.remediation.empty()) out << "</ol>\n";
    if (!diagnosis.references.empty()) out << "<h4>See</h4>\n<ul>\n";
    for (const auto& reference : diagnosis.references)
      out << "<li>" << reference_html(reference) << "</li>\n";
    if (!diagnosis.references.empty()) out << "</ul>\n";
    if (const auto hosts = other_hosts(outline, diagnosis); !hosts.empty()) {
      out << "<p>Also on " << html_escape(fmt::format("{}", fmt::join(hosts, ", ")))
          << " (below).</p>\n";
    }
  }
  write_evidence(out, diagnosis, options);
  out << "</section>\n";
}

// The problems, one row each, open ones first, each linked to its section.
void write_table(std::ostream& out, const Outline& outline, const ShownTime& times) {
  if (outline.table.empty()) return;
  out << "<div class=\"scroll\"><table class=\"problems\">\n<tr><th>Status</th><th>Severity</th>"
         "<th>Diagnosis</th><th>Host</th><th>Signals</th><th>First seen</th><th>Last seen</th>"
         "</tr>\n";
  for (const Diagnosis* diagnosis : outline.table) {
    const bool resolved = diagnosis->resolved_at.has_value();
    out << fmt::format(
        "<tr class=\"{}{}\"><td{}>{}</td><td><span class=\"sev\">{}</span></td><td><a "
        "href=\"#{}\"><code>{}</code></a> <span class=\"title\">{}</span></td><td><a "
        "href=\"#{}\">{}</a></td><td>{}</td>"
        "<td class=\"t\">{}</td><td class=\"t\">{}</td></tr>\n",
        severity_name(diagnosis->severity), resolved ? " resolved" : "",
        resolved ? " class=\"status-resolved\"" : "", status_name(*diagnosis),
        severity_name(diagnosis->severity), diagnosis_anchor(outline, *diagnosis),
        html_escape(diagnosis->id), html_escape(diagnosis->title), host_anchor(diagnosis->host),
        html_escape(host_label(diagnosis->host)), with_commas(diagnosis->count),
        html_escape(time_text(diagnosis->first_seen, times)),
        html_escape(time_text(diagnosis->last_seen, times)));
  }
  out << "</table></div>\n";
}

// --why and --coverage: how each input was read, what nearly fired, which logs are missing.
void write_why_and_coverage(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                            const RunSummary& summary, const ReportOptions& options) {
  if (options.why) {
    out << "<h2>How each input was read</h2>\n<ul>\n";
    for (const auto& source : summary.sources) {
      const auto notes = read_notes(source);
      out << "<li>" << html_escape(notes.front());
      for (size_t i = 1; i < notes.size(); ++i) out << "<br/>" << html_escape(notes[i]);
      out << "</li>\n";
    }
    out << "</ul>\n<h2>Diagnoses that did not fire although some of their signals did</h2>\n";
    if (summary.near_misses.empty()) out << "<p>None: none of them saw any of its signals.</p>\n";
    if (!summary.near_misses.empty()) out << "<ul>\n";
    for (const auto& miss : summary.near_misses)
      out << "<li>" << html_escape(near_miss_text(miss)) << "</li>\n";
    if (!summary.near_misses.empty()) out << "</ul>\n";
  }
  const auto entries = relevant_coverage(summary, diagnoses, options.coverage_all);
  if (entries.empty()) return;
  out << "<h2>Coverage ("
      << html_escape(coverage_heading(summary, entries.size(), options.coverage_all))
      << ")</h2>\n"
         "<div class=\"scroll\"><table class=\"problems\">\n<tr><th>Host</th><th>Family</th>"
         "<th>Log</th><th>Held in</th></tr>\n";
  for (const CoverageEntry* entry : entries) {
    out << fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        html_escape(host_label(entry->host)), html_escape(entry->family), html_escape(entry->log),
        entry->sources.empty() ? std::string("<strong>missing</strong>")
                               : html_escape(fmt::format("{}", fmt::join(entry->sources, ", "))));
  }
  out << "</table></div>\n";
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
  out << "<div class=\"scroll\"><table "
         "class=\"signatures\">\n<tr><th>Records</th><th>Levels</th><th>Template</th>"
         "<th>First at</th></tr>\n";
  for (const auto& cluster : clusters) {
    const std::string levels = level_names(cluster.levels);
    out << fmt::format(
        "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
        with_commas(cluster.count), levels, html_escape(cluster.template_text),
        html_escape(fmt::format("{}:{}", cluster.example.source, cluster.example.line)));
  }
  out << "</table></div>\n";
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
  const Outline outline = make_outline(diagnoses, options.show_info);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<meta name=\"color-scheme\" content=\"light dark\"/>\n"
         "<title>certdiag report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<h1>certdiag report</h1>\n";
  out << "<p class=\"summary\"><strong>" << html_escape(outcome_counts(outline)) << "</strong> · "
      << html_escape(fmt::format("{} · {} · {} · {} not understood · {} unreadable",
                                 plural(summary.sources.size(), "source"),
                                 plural(summary.total(&SourceSummary::records), "record"),
                                 plural(summary.total(&SourceSummary::lines), "line"),
                                 with_commas(summary.total(&SourceSummary::lines_not_understood)),
                                 summary.errors.size()));
  out << "<br/>" << html_escape(made_by_text(summary) + " · " + inputs_text(summary, diagnoses));
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last) {
    out << "<br/>Time span: " << options.times.stamp(*first) << " to " << options.times.stamp(*last)
        << " (times in " << html_escape(options.times.zone_name()) << ")";
  }
  out << "<br/>" << html_escape(upper_first(reference_time_text(summary, options.times)));
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "<br/>Read in part: " << html_escape(join_phrases(lost));
  out << "</p>\n";
  if (outline.table.empty()) out << "<p>" << html_escape(no_problems_found(summary)) << "</p>\n";
  write_table(out, outline, options.times);
  if (!outline.healthy.empty())
    out << "<p>Healthy signs: " << html_escape(healthy_signs_text(outline)) << "</p>\n";
  if (outline.hosts.size() > 1) {
    out << "<nav><h2>Hosts</h2>\n<ul>\n";
    for (const auto& host : outline.hosts) {
      out << fmt::format("<li><a href=\"#{}\">{}</a> ({})</li>\n", host_anchor(host.host),
                         html_escape(host_label(host.host)),
                         host.diagnoses.size() == 1
                             ? std::string("1 diagnosis")
                             : fmt::format("{} diagnoses", host.diagnoses.size()));
    }
    out << "</ul></nav>\n";
  }
  for (const auto& host : outline.hosts) {
    out << fmt::format("<div class=\"host\" id=\"{}\">\n<h2>{}</h2>\n", host_anchor(host.host),
                       html_escape(host_label(host.host)));
    write_html_timeline(out, host, diagnosis_anchor, outline, options.times);
    for (const Diagnosis* diagnosis : host.diagnoses)
      write_diagnosis(out, outline, *diagnosis, options);
    out << "</div>\n";
  }
  write_new_signatures(out, summary);
  write_why_and_coverage(out, diagnoses, summary, options);
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
