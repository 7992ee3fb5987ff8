#include "report/markdown.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/error_codes.h"
#include "report/strings.h"

namespace certdiag {
namespace {

std::string time_text(const std::optional<Time>& time) {
  return time ? iso_time(*time) : "unknown";
}

// A code fence longer than any run of backticks in the text, so the text cannot close it.
std::string fence_for(std::string_view text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

void write_diagnosis(std::ostream& out, const Diagnosis& diagnosis, const ReportOptions& options) {
  out << fmt::format("\n## {} `{}` — {}\n\n", severity_name(diagnosis.severity), diagnosis.id,
                     markdown_inline(diagnosis.title));
  std::string where;
  for (const auto& lines : evidence_lines(diagnosis)) {
    where += (where.empty() ? "" : ", ") + markdown_inline(lines.text());
  }
  out << "| | |\n|---|---|\n";
  out << fmt::format("| Confidence | {} |\n", confidence_name(diagnosis.confidence));
  out << fmt::format("| Host | {} |\n", diagnosis.host.empty() ? "(not named in the logs)"
                                                               : markdown_inline(diagnosis.host));
  out << fmt::format("| Where | {} |\n", where);
  out << fmt::format("| First seen | {} |\n| Last seen | {} |\n", time_text(diagnosis.first_seen),
                     time_text(diagnosis.last_seen));
  out << fmt::format("| Signals | {} |\n", with_commas(diagnosis.count));
  if (diagnosis.resolved_at)
    out << fmt::format("| Resolved at | {} |\n", iso_time(*diagnosis.resolved_at));
  out << "\n### Why\n\n";
  for (const auto paragraph : paragraphs(diagnosis.explanation))
    out << markdown_inline(paragraph) << "\n\n";
  if (!diagnosis.alternatives.empty()) out << "### Or\n\n";
  for (const auto& alternative : diagnosis.alternatives)
    out << "- " << markdown_inline(alternative_text(alternative)) << '\n';
  if (!diagnosis.alternatives.empty()) out << '\n';
  if (!diagnosis.remediation.empty()) out << "### Fix\n\n";
  for (size_t i = 0; i < diagnosis.remediation.size(); ++i) {
    out << fmt::format("{}. {}\n", i + 1, markdown_inline(diagnosis.remediation[i]));
  }
  if (!diagnosis.references.empty()) out << "\n### See\n\n";
  for (const auto& reference : diagnosis.references)
    out << "- " << markdown_inline(reference) << '\n';
  const size_t shown = std::min(diagnosis.evidence.size(), options.max_evidence);
  std::string block;
  for (size_t i = 0; i < shown; ++i) {
    const auto& signal = diagnosis.evidence[i];
    block += fmt::format("{}:{}  {}  {}{}\n", make_visible(signal.source), signal.line,
                         time_text(signal.time), recovered_mark(signal), make_visible(signal.text));
  }
  out << fmt::format("\n### Evidence ({} of {})\n\n", shown, plural(diagnosis.count, "signal"));
  const std::string fence = fence_for(block);
  out << fence << "text\n" << block << fence << '\n';
  bool header = false;
  for (const auto& codes : new_codes_per_line(diagnosis.evidence, shown)) {
    for (const ErrorCode* code : codes) {
      if (!header) out << "\n### Error codes\n\n";
      header = true;
      out << fmt::format("- {} {}{}{}\n", markdown_inline(code->code), markdown_inline(code->name),
                         code->meaning.empty() ? "" : ": ", markdown_inline(code->meaning));
    }
  }
}

// Templates of the error and warning records no rule matched, as a table.
void write_new_signatures(std::ostream& out, const RunSummary& summary) {
  const auto& clusters = summary.new_signatures;
  if (clusters.empty()) return;
  out << "\n## New signatures (error and warning records no rule matched)\n\n";
  if (summary.new_signature_templates > clusters.size()) {
    out << fmt::format("The {} largest of {} templates.\n\n", clusters.size(),
                       summary.new_signature_templates);
  }
  out << "| Records | Levels | Template | First at |\n|---:|---|---|---|\n";
  for (const auto& cluster : clusters) {
    const std::string levels = level_names(cluster.levels);
    out << fmt::format("| {} | {} | {} | {}:{} |\n", with_commas(cluster.count), levels,
                       markdown_inline(cluster.template_text),
                       markdown_inline(cluster.example.source), cluster.example.line);
  }
}

}  // namespace

std::string markdown_inline(std::string_view text) {
  // Inline markup everywhere; block markup (headings, lists, quotes) only where a line starts.
  static constexpr std::string_view kInline = "\\`*_[]<>|~";
  static constexpr std::string_view kLineStart = "#-+=>";
  std::string out;
  for (char c : make_visible(text)) {
    if (kInline.find(c) != std::string_view::npos ||
        (out.empty() && kLineStart.find(c) != std::string_view::npos)) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

void write_markdown(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                    const RunSummary& summary, const ReportOptions& options) {
  std::map<Severity, uint64_t> counts;
  for (const auto& diagnosis : diagnoses) ++counts[diagnosis.severity];
  out << "# certdiag report\n\n";
  out << fmt::format(
      "**{}, {}, {} info** · {} · {} · {} · {} not understood · {} unreadable\n",
      plural(counts[Severity::error], "error"), plural(counts[Severity::warning], "warning"),
      counts[Severity::info], plural(summary.sources.size(), "source"),
      plural(summary.total(&SourceSummary::records), "record"),
      plural(summary.total(&SourceSummary::lines), "line"),
      with_commas(summary.total(&SourceSummary::lines_not_understood)), summary.errors.size());
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last)
    out << fmt::format("\nTime span: {} to {}\n", iso_time(*first), iso_time(*last));
  out << '\n' << markdown_inline(upper_first(reference_time_text(summary))) << '\n';
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "\nRead in part: " << markdown_inline(join_phrases(lost)) << '\n';
  if (diagnoses.empty()) out << '\n' << markdown_inline(no_problems_found(summary)) << '\n';
  for (const auto& diagnosis : diagnoses) write_diagnosis(out, diagnosis, options);
  write_new_signatures(out, summary);
  if (!summary.duplicates.empty()) out << "\n## Read once (same content as an earlier input)\n\n";
  for (const auto& duplicate : summary.duplicates) {
    out << fmt::format("- {}: same as {}\n", markdown_inline(duplicate.source),
                       markdown_inline(duplicate.same_as));
  }
  bool header = false;
  for (const auto& source : summary.sources) {
    const auto lost = source_losses(source);
    if (lost.empty() || !source.duplicate_of.empty()) continue;
    if (!header) out << "\n## Inputs read only in part\n\n";
    header = true;
    out << fmt::format("- {} ({}): {}\n", markdown_inline(source.name), source.format,
                       markdown_inline(join_phrases(lost)));
    for (const auto& problem : source.problems) out << "  - " << markdown_inline(problem) << '\n';
  }
  if (!summary.errors.empty()) out << "\n## Unreadable inputs\n\n";
  for (const auto& error : summary.errors) {
    out << fmt::format("- {}: {}\n", markdown_inline(error.source), markdown_inline(error.message));
  }
}

}  // namespace certdiag
