#include "report/text.h"

#include <fmt/format.h>

#include <map>

#include "report/error_codes.h"
#include "report/json.h"
#include "report/strings.h"

namespace certdiag {
namespace {

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
  std::string severity(Severity severity) const {
    const std::string label = fmt::format("{:<7}", fmt::format("{}", severity_name(severity)));
    switch (severity) {
      case Severity::error:
        return (*this)("1;31", label);
      case Severity::warning:
        return (*this)("1;33", label);
      case Severity::info:
        return (*this)("1;36", label);
    }
    return label;
  }

 private:
  bool color_;
};

// Wraps a paragraph to `width` columns, each line after the first indented by `indent`.
std::string wrap(std::string_view text, size_t width, size_t indent) {
  std::string out;
  size_t column = indent;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    if (column > indent && column + 1 + word.size() > width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    pos = end + 1;
  }
  return out;
}

std::string time_or_unknown(const std::optional<Time>& time) {
  return time ? iso_time(*time) : "time unknown";
}

size_t columns(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The first (or, with from_end, last) `width` columns of UTF-8 text.
std::string_view take_columns(std::string_view text, size_t width, bool from_end) {
  size_t seen = 0;
  if (!from_end) {
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == width)
        return text.substr(0, i);
    }
    return text;
  }
  for (size_t i = text.size(); i-- > 0;) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++seen == width)
      return text.substr(i);
  }
  return text;
}

// The evidence text in at most `room` columns, the matched part highlighted and kept in view.
std::string snippet(const Signal& signal, size_t room, const Style& style) {
  const std::string_view text = signal.text;
  const size_t begin = std::min<size_t>(signal.match_begin, text.size());
  const size_t end = std::clamp<size_t>(signal.match_end, begin, text.size());
  const std::string before = make_visible(text.substr(0, begin));
  std::string match = make_visible(text.substr(begin, end - begin));
  const std::string after = make_visible(text.substr(end));
  if (columns(before) + columns(match) + columns(after) <= room)
    return before + style("1;4", match) + after;
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

void write_summary(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                   const RunSummary& summary, const Style& style, size_t width) {
  std::map<Severity, uint64_t> counts;
  for (const auto& diagnosis : diagnoses) ++counts[diagnosis.severity];
  const std::vector<std::string> parts = {
      fmt::format("{}, {}, {} info", plural(counts[Severity::error], "error"),
                  plural(counts[Severity::warning], "warning"), counts[Severity::info]),
      fmt::format("{}, {}, {}", plural(summary.sources.size(), "source"),
                  plural(summary.total(&SourceSummary::records), "record"),
                  plural(summary.total(&SourceSummary::lines), "line")),
      fmt::format("{} not understood",
                  with_commas(summary.total(&SourceSummary::lines_not_understood))),
      fmt::format("{} unreadable", summary.errors.size()),
      fmt::format("in {:.2f} s", summary.elapsed_s)};
  // One line when it fits the width, else broken before a "·", under the first count.
  const size_t indent = columns("certdiag: ");
  out << style("1", "certdiag") << ": " << parts[0];
  size_t column = indent + columns(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (column + 3 + columns(parts[i]) > width) {
      out << '\n' << std::string(indent, ' ') << "· " << parts[i];
      column = indent + 2 + columns(parts[i]);
    } else {
      out << " · " << parts[i];
      column += 3 + columns(parts[i]);
    }
  }
  out << '\n';
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last) out << fmt::format("time span: {} to {}\n", iso_time(*first), iso_time(*last));
  out << reference_time_text(summary) << '\n';
  if (const auto lost = run_losses(summary); !lost.empty())
    out << "read in part: " << join_phrases(lost) << '\n';
}

void write_diagnosis(std::ostream& out, const Diagnosis& diagnosis, const Style& style,
                     const ReportOptions& options) {
  const size_t indent = 9;
  const std::string pad(indent, ' ');
  out << '\n'
      << style.severity(diagnosis.severity) << ' ' << style("1", diagnosis.id)
      << fmt::format("  (confidence {})", confidence_name(diagnosis.confidence));
  if (diagnosis.resolved_at) out << "  resolved at " << iso_time(*diagnosis.resolved_at);
  out << '\n' << "  " << wrap(make_visible(diagnosis.title), options.width, 2) << '\n';
  std::string place;
  if (!diagnosis.host.empty()) place += make_visible(diagnosis.host) + " · ";
  place += where(diagnosis);
  // Records without a time (certificates read from files) say nothing of time, not "unknown".
  if (diagnosis.first_seen || diagnosis.last_seen) {
    place += fmt::format(" · {} to {}", time_or_unknown(diagnosis.first_seen),
                         time_or_unknown(diagnosis.last_seen));
  }
  place += fmt::format(" · {}", plural(diagnosis.count, "signal"));
  out << "  where  " << wrap(place, options.width, indent) << '\n';
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
  const size_t shown = std::min(diagnosis.evidence.size(), options.max_evidence);
  out << fmt::format("  evidence ({} of {})\n", shown, plural(diagnosis.count, "signal"));
  const std::string* source = nullptr;
  const auto codes = new_codes_per_line(diagnosis.evidence, shown);
  for (size_t i = 0; i < shown; ++i) {
    const auto& signal = diagnosis.evidence[i];
    // The source heads its run of lines, so each line keeps the width for the log text.
    if (!source || *source != signal.source)
      out << "    " << style("2", make_visible(signal.source)) << '\n';
    source = &signal.source;
    const std::string line =
        (signal.time ? fmt::format("{:>7}  {}  ", signal.line, iso_time(*signal.time))
                     : fmt::format("{:>7}  ", signal.line)) +
        std::string(recovered_mark(signal));
    const size_t room = options.width > line.size() + 4 + 20 ? options.width - line.size() - 4 : 20;
    out << "    " << style("2", line) << snippet(signal, room, style) << '\n';
    // Under the line, what the error codes in it mean (each code once per diagnosis).
    for (const ErrorCode* code : codes[i]) {
      const std::string decoded = fmt::format("{} {}{}{}", code->code, code->name,
                                              code->meaning.empty() ? "" : ": ", code->meaning);
      out << std::string(12, ' ') << style("2", wrap(make_visible(decoded), options.width, 12))
          << '\n';
    }
  }
}

// The text in at most `room` columns: "…" replaces its end, or with from_end its start (so that
// a long path keeps its file name and line).
std::string fit(std::string_view text, size_t room, bool from_end = false) {
  if (columns(text) <= room) return std::string(text);
  const std::string_view kept = take_columns(text, room > 0 ? room - 1 : 0, from_end);
  return from_end ? fmt::format("…{}", kept) : fmt::format("{}…", kept);
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
    out << fmt::format("  {}: {} ({}), {}\n", make_visible(source.name), source.format,
                       source.encoding, make_visible(source.format_reason));
    if (source.records_recovered > 0) {
      out << fmt::format(
          "    {} recovered from free space: older events the log had overwritten, matched like "
          "the others; their evidence is marked [old, overwritten]\n",
          plural(source.records_recovered, "record"));
    }
    if (source.date_order_assumed) {
      out << fmt::format(
          "    dates read {}: none of its dates decides day/month order; --date-order "
          "sets it\n",
          source.date_order == "dmy" ? "day first" : "month first");
    } else if (!source.date_order.empty()) {
      out << fmt::format("    dates read {}\n", source.date_order == "dmy"   ? "day first"
                                                : source.date_order == "ymd" ? "year first"
                                                                             : "month first");
    }
  }
  if (summary.near_misses.empty()) {
    out << "\ndiagnoses that did not fire: none of them saw any of its signals\n";
    return;
  }
  out << "\ndiagnoses that did not fire although some of their signals did:\n";
  for (const auto& miss : summary.near_misses) {
    std::string seen;
    for (const auto& [id, count] : miss.present)
      seen += fmt::format("{}{} ×{}", seen.empty() ? "" : ", ", id, count);
    std::string missing;
    for (const auto& id : miss.missing) missing += (missing.empty() ? "" : ", ") + id;
    out << fmt::format("  {}{}: ", miss.id,
                       miss.host.empty() ? "" : " on " + make_visible(miss.host));
    if (!seen.empty()) out << "saw " << seen << "; ";
    out << (miss.note.empty() ? "missing " + missing : miss.note) << '\n';
  }
}

// --coverage: per host, which needed logs the input holds.
void write_coverage(std::ostream& out, const RunSummary& summary, const Style& style) {
  if (summary.coverage.empty()) return;
  out << "\ncoverage (the logs each family of diagnoses needs):\n";
  const std::string* host = nullptr;
  for (const auto& entry : summary.coverage) {
    if (!host || *host != entry.host) {
      out << "  "
          << (entry.host.empty() ? std::string("(inputs that name no host)")
                                 : make_visible(entry.host))
          << '\n';
      host = &entry.host;
    }
    const bool present = !entry.sources.empty();
    out << "    " << (present ? style("32", "present") : style("1;33", "MISSING")) << "  "
        << fmt::format("{:<12} {}", entry.family, make_visible(entry.log));
    if (present)
      out << " (" << make_visible(entry.sources.front()) << (entry.sources.size() > 1 ? ", …" : "")
          << ")";
    out << '\n';
  }
}

}  // namespace

void write_text(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options) {
  const Style style(options.color);
  write_summary(out, diagnoses, summary, style, options.width);
  if (diagnoses.empty()) out << '\n' << no_problems_found(summary) << '\n';
  for (const auto& diagnosis : diagnoses) write_diagnosis(out, diagnosis, style, options);
  write_new_signatures(out, summary, style, options);
  if (options.why) write_why(out, summary);
  write_coverage(out, summary, style);
  bool header = false;
  for (const auto& source : summary.sources) {
    const auto lost = source_losses(source);
    if (source.lines_not_understood == 0 && source.lines_split == 0 && source.times_unparsed == 0 &&
        lost.empty())
      continue;
    if (!source.duplicate_of.empty()) continue;  // listed once, under its first copy
    if (!header) out << "\ninputs read only in part:\n";
    header = true;
    out << fmt::format("  {} ({}): {} not understood, {} split, {} with an unparsable time\n",
                       make_visible(source.name), source.format,
                       plural(source.lines_not_understood, "line"),
                       plural(source.lines_split, "line"), plural(source.times_unparsed, "record"));
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
