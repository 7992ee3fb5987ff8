#include "report/markdown.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "report/error_codes.h"
#include "report/outline.h"
#include "report/strings.h"

namespace certdiag {
namespace {

std::string time_text(const std::optional<Time>& time, const ShownTime& times) {
  return times.stamp(time, "unknown");
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

// The problems, one row each, open ones first.
void write_table(std::ostream& out, const Outline& outline, const ShownTime& times) {
  if (outline.table.empty()) return;
  out << "\n| Status | Severity | Diagnosis | Host | Signals | First seen | Last seen |\n"
         "|---|---|---|---|---:|---|---|\n";
  for (const Diagnosis* diagnosis : outline.table) {
    out << fmt::format(
        "| {} | {} | `{}` {} | {} | {} | {} | {} |\n", status_name(*diagnosis),
        severity_name(diagnosis->severity), diagnosis->id, markdown_inline(diagnosis->title),
        markdown_inline(host_label(diagnosis->host)), with_commas(diagnosis->count),
        time_text(diagnosis->first_seen, times), time_text(diagnosis->last_seen, times));
  }
}

// The evidence: distinct lines, each with how often it came and when it came last.
void write_evidence(std::ostream& out, const Diagnosis& diagnosis, const ReportOptions& options) {
  size_t distinct = 0;
  const auto groups = distinct_evidence(diagnosis.evidence, options.max_evidence, &distinct);
  std::string block;
  std::vector<Signal> examples;
  std::set<std::string> noted;  // sources whose missing context was explained
  const auto context = [&](const Signal& signal, bool after) {
    if (!options.evidence_context) return;
    for (const auto& line : options.evidence_context->grep_lines(signal, after, noted))
      block += line + '\n';
  };
  for (const auto& group : groups) {
    const Signal& signal = *group.first;
    examples.push_back(signal);
    context(signal, false);
    block += fmt::format("{}:{}  {}  {}{}\n", make_visible(signal.source), signal.line,
                         evidence_time(signal, "unknown", options.times), event_label(signal),
                         make_visible(signal.text));
    context(signal, true);
    if (group.count > 1) {
      block += fmt::format("    ×{}, last {} at {}:{}\n", group.count,
                           time_text(group.last->time, options.times),
                           make_visible(group.last->source), group.last->line);
    }
  }
  out << fmt::format("\n#### Evidence ({} of {} distinct, {})\n\n", groups.size(), distinct,
                     plural(diagnosis.count, "signal"));
  const std::string fence = fence_for(block);
  out << fence << "text\n" << block << fence << '\n';
  bool header = false;
  for (const auto& codes : new_codes_per_line(examples, examples.size())) {
    for (const ErrorCode* code : codes) {
      if (!header) out << "\n#### Error codes\n\n";
      header = true;
      out << fmt::format("- {} {}{}{}\n", markdown_inline(code->code), markdown_inline(code->name),
                         code->meaning.empty() ? "" : ": ", markdown_inline(code->meaning));
    }
  }
}

void write_diagnosis(std::ostream& out, const Outline& outline, const Diagnosis& diagnosis,
                     const ReportOptions& options) {
  out << fmt::format("\n### {} `{}` — {}\n\n", severity_name(diagnosis.severity), diagnosis.id,
                     markdown_inline(diagnosis.title));
  std::string where;
  for (const auto& lines : evidence_lines(diagnosis)) {
    where += (where.empty() ? "" : ", ") + markdown_inline(lines.text());
  }
  out << "| | |\n|---|---|\n";
  out << fmt::format("| Status | {} |\n",
                     diagnosis.resolved_at
                         ? "resolved at " + options.times.stamp(*diagnosis.resolved_at)
                         : std::string("open"));
  out << fmt::format("| Confidence | {} |\n", confidence_name(diagnosis.confidence));
  out << fmt::format("| Host | {} |\n", markdown_inline(host_label(diagnosis.host)));
  out << fmt::format("| Where | {} |\n", where);
  out << fmt::format("| First seen | {} |\n| Last seen | {} |\n",
                     time_text(diagnosis.first_seen, options.times),
                     time_text(diagnosis.last_seen, options.times));
  out << fmt::format("| Signals | {} |\n", with_commas(diagnosis.count));
  const SharedText shared = shared_text(outline, diagnosis);
  if (shared.earlier) {
    out << fmt::format("\n#### Why and fix\n\n{} on {} above.{}\n\n",
                       shared.all_of_it ? "As" : "In general as",
                       markdown_inline(host_label(shared.earlier->host)),
                       shared.own_paragraphs.empty() ? "" : " On this host:");
    for (const auto paragraph : shared.own_paragraphs) out << markdown_inline(paragraph) << "\n\n";
  } else {
    out << "\n#### Why\n\n";
    for (const auto paragraph : paragraphs(diagnosis.explanation))
      out << markdown_inline(paragraph) << "\n\n";
    if (!diagnosis.alternatives.empty()) out << "#### Or\n\n";
    for (const auto& alternative : diagnosis.alternatives)
      out << "- " << markdown_inline(alternative_text(alternative)) << '\n';
    if (!diagnosis.alternatives.empty()) out << '\n';
    if (!diagnosis.remediation.empty()) out << "#### Fix\n\n";
    for (size_t i = 0; i < diagnosis.remediation.size(); ++i) {
      out << fmt::format("{}. {}\n", i + 1, markdown_inline(diagnosis.remediation[i]));
    }
    if (!diagnosis.references.empty()) out << "\n#### See\n\n";
    for (const auto& reference : diagnosis.references)
      out << "- " << markdown_inline(reference) << '\n';
    if (const auto hosts = other_hosts(outline, diagnosis); !hosts.empty()) {
      out << fmt::format("\nAlso on {} (below).\n",
                         markdown_inline(fmt::format("{}", fmt::join(hosts, ", "))));
    }
  }
  write_evidence(out, diagnosis, options);
}

// --why and --coverage: how each input was read, what nearly fired, which logs are missing.
void write_why_and_coverage(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                            const RunSummary& summary, const ReportOptions& options) {
  if (options.why) {
    out << "\n## How each input was read\n\n";
    for (const auto& source : summary.sources) {
      const auto notes = read_notes(source);
      for (size_t i = 0; i < notes.size(); ++i)
        out << (i == 0 ? "- " : "  - ") << markdown_inline(notes[i]) << '\n';
    }
    out << "\n## Diagnoses that did not fire although some of their signals did\n\n";
    if (summary.near_misses.empty()) out << "None: none of them saw any of its signals.\n";
    for (const auto& miss : summary.near_misses)
      out << "- " << markdown_inline(near_miss_text(miss)) << '\n';
  }
  const auto entries = relevant_coverage(summary, diagnoses, options.coverage_all);
  if (entries.empty()) return;
  out << "\n## Coverage ("
      << markdown_inline(coverage_heading(summary, entries.size(), options.coverage_all))
      << ")\n\n"
         "| Host | Family | Log | Held in |\n|---|---|---|---|\n";
  for (const CoverageEntry* entry : entries) {
    out << fmt::format("| {} | {} | {} | {} |\n", markdown_inline(host_label(entry->host)),
                       markdown_inline(entry->family), markdown_inline(entry->log),
                       entry->sources.empty()
                           ? "**missing**"
                           : markdown_inline(fmt::format("{}", fmt::join(entry->sources, ", "))));
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
  // Only what CommonMark (with GFM tables and strikethrough) would read as markup: escapes, code
  // spans, emphasis, links, table cells and strikethrough everywhere; an underscore only at a
  // word's edge (E_ACCESSDENIED is no emphasis), '<' only where it could open a tag or autolink;
  // block markup (headings, lists, quotes) only where a line starts.
  static constexpr std::string_view kInline = "\\`*[|~";
  static constexpr std::string_view kLineStart = "#-+=>";
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const std::string visible = make_visible(text);
  std::string out;
  for (size_t i = 0; i < visible.size(); ++i) {
    const char c = visible[i];
    const char before = i > 0 ? visible[i - 1] : ' ';
    const char after = i + 1 < visible.size() ? visible[i + 1] : ' ';
    const bool markup = kInline.find(c) != std::string_view::npos ||
                        (c == '_' && !(word(before) && word(after))) ||
                        (c == '<' && (std::isalpha(static_cast<unsigned char>(after)) ||
                                      after == '/' || after == '!' || after == '?')) ||
                        (i == 0 && kLineStart.find(c) != std::string_view::npos);
    if (markup) out += '\\';
    out += c;
  }
  return out;
}

void write_markdown(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                    const RunSummary& summary, const ReportOptions& options) {
  const Outline outline = make_outline(diagnoses, options.show_info);
  out << "# certdiag report\n\n";
  out << fmt::format("**{}** · {} · {} · {} · {} not understood · {} unreadable\n",
                     outcome_counts(outline), plural(summary.sources.size(), "source"),
                     plural(summary.total(&SourceSummary::records), "record"),
                     plural(summary.total(&SourceSummary::lines), "line"),
                     with_commas(summary.total(&SourceSummary::lines_not_understood)),
                     summary.errors.size());
  out << '\n'
      << markdown_inline(made_by_text(summary) + " · " + inputs_text(summary, diagnoses)) << '\n';
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last)
    out << fmt::format("\nTime span: {} to {} (times in {})\n", options.times.stamp(*first),
                       options.times.stamp(*last), markdown_inline(options.times.zone_name()));
  out << '\n' << markdown_inline(upper_first(reference_time_text(summary, options.times))) << '\n';
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "\nRead in part: " << markdown_inline(join_phrases(lost)) << '\n';
  if (outline.table.empty()) out << '\n' << markdown_inline(no_problems_found(summary)) << '\n';
  write_table(out, outline, options.times);
  if (!outline.healthy.empty())
    out << "\nHealthy signs: " << markdown_inline(healthy_signs_text(outline)) << '\n';
  for (const auto& host : outline.hosts) {
    out << "\n## " << markdown_inline(host_label(host.host)) << '\n';
    for (const Diagnosis* diagnosis : host.diagnoses)
      write_diagnosis(out, outline, *diagnosis, options);
  }
  write_new_signatures(out, summary);
  write_why_and_coverage(out, diagnoses, summary, options);
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
