#include "report/text.h"

#include <fmt/format.h>

#include <map>

#include "report/error_codes.h"
#include "report/json.h"
#include "report/outline.h"
#include "report/strings.h"
#include "report/text_layout.h"

namespace certdiag {
namespace {

// "2011-04-26 04:51Z" (or "2011-04-26 06:51+02:00" in another zone): a table cell.
std::string minute_or_dash(const std::optional<Time>& time, const ShownTime& times) {
  if (!time) return "-";
  const std::string stamp = times.stamp(*time);
  const std::string zone = stamp.ends_with('Z') ? "Z" : stamp.substr(stamp.size() - 6);
  return stamp.substr(0, 10) + ' ' + stamp.substr(11, 5) + zone;
}

// The evidence text: whole, broken to the width on a terminal, or cut to --evidence-width
// around the matched part (highlighted) with "…" where text was left out.
std::string evidence_text(const Signal& signal, size_t indent, const Style& style,
                          const ReportOptions& options) {
  const std::string_view text = signal.text;
  const size_t begin = std::min<size_t>(signal.match_begin, text.size());
  const size_t end = std::clamp<size_t>(signal.match_end, begin, text.size());
  const std::string before = make_visible(text.substr(0, begin));
  const std::string match = make_visible(text.substr(begin, end - begin));
  const std::string after = make_visible(text.substr(end));
  const size_t room = options.evidence_width;
  if (room == 0 || columns(before) + columns(match) + columns(after) <= room) {
    if (!options.terminal) return before + style("1;4", match) + after;
    const size_t width = options.width > indent + 20 ? options.width - indent : 20;
    return break_pieces({{before, ""}, {match, "1;4"}, {after, ""}}, width, indent, style);
  }
  if (columns(match) + 2 > room)
    return style("1;4", std::string(take_columns(match, room - 1, false))) + "…";
  const size_t left = room - std::min(room, columns(match) + 2);
  const size_t keep_before = std::min(columns(before), left / 3);
  std::string out;
  if (keep_before < columns(before)) out += "…";
  out += take_columns(before, keep_before, true);
  out += style("1;4", match);
  const size_t keep_after = left - keep_before;
  out += take_columns(after, keep_after, false);
  if (keep_after < columns(after)) out += "…";
  return out;
}

// "a.log:12-40, b.log:7" from the evidence.
std::string where(const Diagnosis& diagnosis) {
  std::string out;
  for (const auto& lines : evidence_lines(diagnosis))
    out += (out.empty() ? "" : ", ") + lines.text();
  return out;
}

// The counts (open problems only), what the run read, and where it took its time.
std::string summary_line(const Outline& outline, const RunSummary& summary, const Style& style,
                         size_t width) {
  const std::vector<std::string> parts = {
      outcome_counts(outline),
      fmt::format("{}, {}, {}", plural(summary.sources.size(), "source"),
                  plural(summary.total(&SourceSummary::records), "record"),
                  plural(summary.total(&SourceSummary::lines), "line")),
      fmt::format("{} not understood",
                  with_commas(summary.total(&SourceSummary::lines_not_understood))),
      fmt::format("{} unreadable", summary.errors.size()),
      fmt::format("in {:.2f} s", summary.elapsed_s)};
  // One line when it fits the width, else broken before a "·", under the first count.
  const size_t indent = columns("certdiag: ");
  std::string out = style("1", "certdiag") + ": " + parts[0];
  size_t column = indent + columns(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (column + 3 + columns(parts[i]) > width) {
      out += '\n' + std::string(indent, ' ') + "· " + parts[i];
      column = indent + 2 + columns(parts[i]);
    } else {
      out += " · " + parts[i];
      column += 3 + columns(parts[i]);
    }
  }
  return out;
}

void write_header(std::ostream& out, const Outline& outline,
                  const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                  const Style& style, size_t width, const ShownTime& times) {
  out << summary_line(outline, summary, style, width) << '\n';
  out << wrap(made_by_text(summary) + " · " + inputs_text(summary, diagnoses), width, 2) << '\n';
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last) {
    out << fmt::format("time span: {} to {} (times in {})\n", times.stamp(*first),
                       times.stamp(*last), make_visible(times.zone_name()));
  }
  out << wrap(reference_time_text(summary, times), width, 2) << '\n';
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "read in part: " << join_phrases(lost) << '\n';
}

// One row per problem: status, severity, id, host, signals and time span, the title under it.
void write_table(std::ostream& out, const Outline& outline, const Style& style, size_t width,
                 const ShownTime& times) {
  if (outline.table.empty()) return;
  size_t id_width = 2;
  size_t host_width = 4;
  for (const Diagnosis* diagnosis : outline.table) {
    id_width = std::max(id_width, columns(diagnosis->id));
    host_width = std::max(host_width, columns(host_label(diagnosis->host)));
  }
  const auto pad = [](std::string text, size_t to) {
    const size_t n = columns(text);
    return n < to ? text + std::string(to - n, ' ') : text;
  };
  out << '\n'
      << style("1",
               fmt::format("{:<9}{:<9}{}  {}  {:>7}  {}", "status", "severity", pad("id", id_width),
                           pad("host", host_width), "signals", "first seen → last seen"))
      << '\n';
  for (const Diagnosis* diagnosis : outline.table) {
    const bool resolved = diagnosis->resolved_at.has_value();
    out << (resolved ? style("32", "resolved ") : std::string("open     "))
        << style.severity(diagnosis->severity, resolved) << "  " << pad(diagnosis->id, id_width)
        << "  " << pad(host_label(diagnosis->host), host_width) << "  "
        << fmt::format("{:>7}", with_commas(diagnosis->count)) << "  "
        << minute_or_dash(diagnosis->first_seen, times) << " → "
        << minute_or_dash(diagnosis->last_seen, times) << '\n'
        << "         " << fit(make_visible(diagnosis->title), width > 29 ? width - 9 : 20) << '\n';
  }
}

// --context: the source lines before or after an evidence line, "    309- text" (as grep -C).
void write_context(std::ostream& out, const Signal& signal, bool after, const Style& style,
                   const ReportOptions& options) {
  if (!options.evidence_context) return;
  for (const ContextLine* line :
       options.evidence_context->around(signal.source, signal.line, after)) {
    std::string text = make_visible(line->text);
    if (options.evidence_width > 0) text = fit(text, options.evidence_width);
    out << "    " << style("2", fmt::format("{:>7}-", line->number)) << "  " << text << '\n';
  }
}

void write_evidence(std::ostream& out, const Diagnosis& diagnosis, const Style& style,
                    const ReportOptions& options) {
  size_t distinct = 0;
  const auto groups = distinct_evidence(diagnosis.evidence, options.max_evidence, &distinct);
  out << fmt::format("  evidence ({} of {} distinct, {})\n", groups.size(), distinct,
                     plural(diagnosis.count, "signal"));
  std::vector<Signal> examples;
  for (const auto& group : groups) examples.push_back(*group.first);
  const auto codes = new_codes_per_line(examples, examples.size());
  const std::string* source = nullptr;
  for (size_t i = 0; i < groups.size(); ++i) {
    const Signal& signal = *groups[i].first;
    // The source heads its run of lines, so each line keeps the width for the log text.
    if (!source || *source != signal.source) {
      out << "    " << style("2", make_visible(signal.source)) << '\n';
      if (options.evidence_context) {
        if (const auto why = options.evidence_context->unavailable(signal.source); !why.empty())
          out << "    " << style("2", "(" + why + ")") << '\n';
      }
    }
    source = &signal.source;
    // With context, the evidence line's number ends in ':' and the lines around it in '-'.
    const bool context =
        options.evidence_context && options.evidence_context->unavailable(signal.source).empty();
    write_context(out, signal, false, style, options);
    const std::string line =
        fmt::format("{:>7}{} {}  {}", signal.line, context ? ":" : " ",
                    evidence_time(signal, "time unknown", options.times), event_label(signal));
    out << "    " << style("2", line) << evidence_text(signal, 4 + columns(line), style, options)
        << '\n';
    write_context(out, signal, true, style, options);
    if (groups[i].count > 1) {
      const Signal& last = *groups[i].last;
      const std::string place = last.source == signal.source
                                    ? std::to_string(last.line)
                                    : fmt::format("{}:{}", make_visible(last.source), last.line);
      out << std::string(13, ' ')
          << style("2", fmt::format("×{}, last {} at {}", groups[i].count,
                                    options.times.stamp(last.time, "time unknown"), place))
          << '\n';
    }
    // Under the line, what the error codes in it mean (each code once per diagnosis).
    for (const ErrorCode* code : codes[i]) {
      const std::string decoded = fmt::format("{} {}{}{}", code->code, code->name,
                                              code->meaning.empty() ? "" : ": ", code->meaning);
      out << std::string(12, ' ') << style("2", wrap(make_visible(decoded), options.width, 12))
          << '\n';
    }
  }
}

void write_diagnosis(std::ostream& out, const Outline& outline, const Diagnosis& diagnosis,
                     const Style& style, const ReportOptions& options) {
  const size_t indent = 9;
  const std::string pad(indent, ' ');
  const bool resolved = diagnosis.resolved_at.has_value();
  out << '\n'
      << style.severity(diagnosis.severity, resolved) << ' ' << style("1", diagnosis.id) << "  "
      << (resolved ? style("32", "resolved at " + options.times.stamp(*diagnosis.resolved_at))
                   : "open")
      << fmt::format(" · confidence {}", confidence_name(diagnosis.confidence)) << '\n'
      << "  " << wrap(make_visible(diagnosis.title), options.width, 2) << '\n';
  std::string place = where(diagnosis);
  // Records without a time (certificates read from files) say nothing of time, not "unknown".
  if (diagnosis.first_seen || diagnosis.last_seen) {
    place += fmt::format(" · {} to {}", options.times.stamp(diagnosis.first_seen, "time unknown"),
                         options.times.stamp(diagnosis.last_seen, "time unknown"));
  }
  place += fmt::format(" · {}", plural(diagnosis.count, "signal"));
  out << "  where  " << wrap(place, options.width, indent) << '\n';
  const SharedText shared = shared_text(outline, diagnosis);
  if (shared.earlier) {
    const std::string host = host_label(shared.earlier->host);
    out << "  why    "
        << fmt::format("{} on {} above", shared.all_of_it ? "as" : "in general as", host)
        << (shared.own_paragraphs.empty() ? "" : "; on this host:") << '\n';
    for (const auto paragraph : shared.own_paragraphs)
      out << pad << wrap(make_visible(paragraph), options.width, indent) << '\n';
    out << "  fix    " << fmt::format("as on {} above", host) << '\n';
  } else {
    bool first = true;
    for (const auto paragraph : paragraphs(diagnosis.explanation)) {
      out << (first ? "  why    " : pad) << wrap(make_visible(paragraph), options.width, indent)
          << '\n';
      first = false;
    }
    for (const auto& alternative : diagnosis.alternatives) {
      out << "  or     " << wrap(make_visible(alternative_text(alternative)), options.width, indent)
          << '\n';
    }
    for (size_t i = 0; i < diagnosis.remediation.size(); ++i) {
      const std::string number = fmt::format("{}. ", i + 1);
      out << (i == 0 ? "  fix    " : pad) << number
          << wrap(make_visible(diagnosis.remediation[i]), options.width, indent + number.size())
          << '\n';
    }
    if (!diagnosis.references.empty()) {
      std::string refs;
      for (const auto& reference : diagnosis.references)
        refs += (refs.empty() ? "" : "; ") + reference;
      out << "  see    " << wrap(make_visible(refs), options.width, indent) << '\n';
    }
    if (const auto hosts = other_hosts(outline, diagnosis); !hosts.empty()) {
      out << "  also   "
          << wrap(fmt::format("{} (below)", fmt::join(hosts, ", ")), options.width, indent) << '\n';
    }
  }
  write_evidence(out, diagnosis, style, options);
}

// Templates of the error and warning records no rule matched: count, template, then the
// levels and where the first record is.
void write_new_signatures(std::ostream& out, const RunSummary& summary, const Style& style,
                          const ReportOptions& options) {
  const auto& clusters = summary.new_signatures;
  if (clusters.empty()) return;
  out << "\nNew signatures (error and warning records no rule matched)";
  if (summary.new_signature_templates > clusters.size()) {
    out << fmt::format(", {} of {} templates", clusters.size(), summary.new_signature_templates);
  }
  out << ":\n";
  const size_t indent = 11;
  const size_t room = options.width > indent + 20 ? options.width - indent : 20;
  for (const auto& cluster : clusters) {
    const std::string levels = level_names(cluster.levels);
    const std::string place =
        fmt::format("{}:{}", make_visible(cluster.example.source), cluster.example.line);
    const size_t place_room = room > levels.size() + 3 + 10 ? room - levels.size() - 3 : 10;
    out << fmt::format("  {:>7}  {}\n", with_commas(cluster.count),
                       fit(make_visible(cluster.template_text), room))
        << std::string(indent, ' ')
        << style("2", fmt::format("{} · {}", levels, fit(place, place_room, true))) << '\n';
  }
}

// --why: how each input was read, and the diagnoses that almost fired.
void write_why(std::ostream& out, const RunSummary& summary) {
  out << "\nhow each input was read:\n";
  for (const auto& source : summary.sources) {
    const auto notes = read_notes(source);
    for (size_t i = 0; i < notes.size(); ++i) out << (i == 0 ? "  " : "    ") << notes[i] << '\n';
  }
  if (summary.near_misses.empty()) {
    out << "\ndiagnoses that did not fire: none of them saw any of its signals\n";
    return;
  }
  out << "\ndiagnoses that did not fire although some of their signals did:\n";
  for (const auto& miss : summary.near_misses) out << "  " << near_miss_text(miss) << '\n';
}

// --coverage: per host, which needed logs the input holds.
void write_coverage(std::ostream& out, const RunSummary& summary,
                    const std::vector<Diagnosis>& diagnoses, const Style& style,
                    const ReportOptions& options) {
  const auto entries = relevant_coverage(summary, diagnoses, options.coverage_all);
  if (entries.empty()) return;
  out << '\n'
      << wrap("coverage (" + coverage_heading(summary, entries.size(), options.coverage_all) + "):",
              options.width, 2)
      << '\n';
  const std::string* host = nullptr;
  for (const CoverageEntry* entry_pointer : entries) {
    const CoverageEntry& entry = *entry_pointer;
    if (!host || *host != entry.host) {
      out << "  "
          << (entry.host.empty() ? std::string("(inputs that name no host)")
                                 : make_visible(entry.host))
          << '\n';
      host = &entry.host;
    }
    const bool present = !entry.sources.empty();
    out << "    " << (present ? style("32", "present") : style("1;33", "missing")) << "  "
        << fmt::format("{:<12} {}", entry.family, make_visible(entry.log));
    if (present)
      out << " (" << make_visible(entry.sources.front()) << (entry.sources.size() > 1 ? ", …" : "")
          << ")";
    out << '\n';
  }
}

}  // namespace

std::string text_summary_line(const std::vector<Diagnosis>& diagnoses, const RunSummary& summary,
                              const ReportOptions& options) {
  return summary_line(make_outline(diagnoses, options.show_info), summary, Style(false),
                      std::string::npos);
}

void write_text(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options) {
  const Style style(options.color);
  const Outline outline = make_outline(diagnoses, options.show_info);
  write_header(out, outline, diagnoses, summary, style, options.width, options.times);
  if (outline.table.empty()) out << '\n' << no_problems_found(summary) << '\n';
  write_table(out, outline, style, options.width, options.times);
  if (!outline.healthy.empty())
    out << '\n' << wrap("healthy signs: " + healthy_signs_text(outline), options.width, 2) << '\n';
  for (const auto& host : outline.hosts) {
    // "── SITE01 ─────…" across the width: a bundle is read host by host.
    std::string rule = "── " + host_label(host.host) + " ";
    for (size_t n = columns(rule); n < std::min<size_t>(options.width, 100); ++n) rule += "─";
    out << '\n' << style("1", rule) << '\n';
    for (const Diagnosis* diagnosis : host.diagnoses)
      write_diagnosis(out, outline, *diagnosis, style, options);
  }
  write_new_signatures(out, summary, style, options);
  if (options.why) write_why(out, summary);
  write_coverage(out, summary, diagnoses, style, options);
  bool header = false;
  for (const auto& source : summary.sources) {
    const auto lost = source_losses(source);
    if (source.lines_not_understood == 0 && source.lines_split == 0 && source.times_unparsed == 0 &&
        lost.empty())
      continue;
    if (!source.duplicate_of.empty()) continue;  // listed once, under its first copy
    if (!header) out << "\ninputs read only in part:\n";
    header = true;
    std::vector<std::string> counts;
    if (source.lines_not_understood > 0)
      counts.push_back(plural(source.lines_not_understood, "line") + " not understood");
    if (source.lines_split > 0) counts.push_back(plural(source.lines_split, "line") + " split");
    if (source.times_unparsed > 0)
      counts.push_back(plural(source.times_unparsed, "record") + " with an unparsable time");
    out << fmt::format("  {} ({}){}{}\n", make_visible(source.name), source.format,
                       counts.empty() ? "" : ": ", join_phrases(counts));
    if (!lost.empty()) out << "    " << join_phrases(lost) << '\n';
    for (const auto& problem : source.problems) out << "      " << make_visible(problem) << '\n';
  }
  if (!summary.skipped.empty()) {
    // Capped: a folder of thousands of documents would make it one line of many kilobytes.
    constexpr size_t kMaxColumns = 200;
    std::string names;
    for (const auto& name : summary.skipped) names += ' ' + make_visible(name);
    out << "\nnot read (not logs):" << fit(names, kMaxColumns);
    if (columns(names) > kMaxColumns) out << fmt::format(" ({} files)", summary.skipped.size());
    out << '\n';
  }
  if (!summary.duplicates.empty()) out << "\nread once (same content as an earlier input):\n";
  for (const auto& duplicate : summary.duplicates) {
    out << "  " << make_visible(duplicate.source) << ": same as " << make_visible(duplicate.same_as)
        << '\n';
  }
  if (!summary.errors.empty()) out << "\nunreadable inputs:\n";
  for (const auto& error : summary.errors) {
    out << "  " << make_visible(error.source) << ": " << make_visible(error.message) << '\n';
  }
}

}  // namespace certdiag
