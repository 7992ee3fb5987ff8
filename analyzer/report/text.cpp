#include "report/text.h"

#include <fmt/format.h>

#include <map>

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

std::string plural(uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", with_commas(n), word, n == 1 ? "" : "s");
}

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

// "a.log:12-40, b.log:7" from the evidence.
std::string where(const Diagnosis& diagnosis) {
  std::map<std::string, std::pair<uint64_t, uint64_t>> ranges;
  std::vector<std::string> order;
  for (const auto& signal : diagnosis.evidence) {
    auto [it, inserted] = ranges.try_emplace(signal.source, signal.line, signal.line);
    if (inserted) order.push_back(signal.source);
    it->second.first = std::min(it->second.first, signal.line);
    it->second.second = std::max(it->second.second, signal.line);
  }
  std::string out;
  for (const auto& source : order) {
    const auto [first, last] = ranges[source];
    if (!out.empty()) out += ", ";
    out += make_visible(source) + ':' + std::to_string(first);
    if (last != first) out += '-' + std::to_string(last);
  }
  return out;
}

void write_summary(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                   const RunSummary& summary, const Style& style) {
  std::map<Severity, uint64_t> counts;
  for (const auto& diagnosis : diagnoses) ++counts[diagnosis.severity];
  out << style("1", "certdiag") << ": "
      << fmt::format("{}, {}, {} · {}, {}, {}", plural(counts[Severity::error], "error"),
                     plural(counts[Severity::warning], "warning"),
                     fmt::format("{} info", counts[Severity::info]),
                     plural(summary.sources.size(), "source"),
                     plural(summary.total(&SourceSummary::records), "record"),
                     plural(summary.total(&SourceSummary::lines), "line"))
      << fmt::format(" · {} not understood · {} unreadable",
                     with_commas(summary.total(&SourceSummary::lines_not_understood)),
                     summary.errors.size())
      << fmt::format(" · in {:.2f} s\n", summary.elapsed_s);
  const auto first = summary.first_time();
  const auto last = summary.last_time();
  if (first && last) out << fmt::format("time span: {} to {}\n", iso_time(*first), iso_time(*last));
}

void write_diagnosis(std::ostream& out, const Diagnosis& diagnosis, const Style& style,
                     const ReportOptions& options) {
  const size_t indent = 9;
  const std::string pad(indent, ' ');
  out << '\n'
      << style.severity(diagnosis.severity) << ' ' << style("1", diagnosis.id)
      << fmt::format("  (confidence {})", confidence_name(diagnosis.confidence));
  if (diagnosis.resolved_at) out << "  resolved at " << iso_time(*diagnosis.resolved_at);
  out << '\n' << "  " << wrap(diagnosis.title, options.width, 2) << '\n';
  std::string place;
  if (!diagnosis.host.empty()) place += make_visible(diagnosis.host) + " · ";
  place += where(diagnosis);
  place += fmt::format(" · {} to {} · {}", time_or_unknown(diagnosis.first_seen),
                       time_or_unknown(diagnosis.last_seen), plural(diagnosis.count, "signal"));
  out << "  where  " << wrap(place, options.width, indent) << '\n';
  bool first = true;
  size_t start = 0;
  while (start <= diagnosis.explanation.size() && !diagnosis.explanation.empty()) {
    size_t end = diagnosis.explanation.find('\n', start);
    if (end == std::string::npos) end = diagnosis.explanation.size();
    out << (first ? "  why    " : pad)
        << wrap(diagnosis.explanation.substr(start, end - start), options.width, indent) << '\n';
    first = false;
    start = end + 1;
  }
  for (size_t i = 0; i < diagnosis.remediation.size(); ++i) {
    const std::string number = fmt::format("{}. ", i + 1);
    out << (i == 0 ? "  fix    " : pad) << number
        << wrap(diagnosis.remediation[i], options.width, indent + number.size()) << '\n';
  }
  if (!diagnosis.references.empty()) {
    std::string refs;
    for (const auto& reference : diagnosis.references)
      refs += (refs.empty() ? "" : "; ") + reference;
    out << "  see    " << wrap(refs, options.width, indent) << '\n';
  }
  const size_t shown = std::min(diagnosis.evidence.size(), options.max_evidence);
  out << fmt::format("  evidence ({} of {})\n", shown, plural(diagnosis.count, "signal"));
  for (size_t i = 0; i < shown; ++i) {
    const auto& signal = diagnosis.evidence[i];
    std::string line = fmt::format("{}:{}  {}  ", make_visible(signal.source), signal.line,
                                   time_or_unknown(signal.time));
    std::string text = make_visible(signal.text);
    const size_t room = options.width > line.size() + 4 + 20 ? options.width - line.size() - 4 : 20;
    if (text.size() > room) {
      size_t cut = room - 1;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;  // UTF-8 boundary
      text = text.substr(0, cut) + "…";
    }
    out << "    " << style("2", line) << text << '\n';
  }
}

}  // namespace

void write_text(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary, const ReportOptions& options) {
  const Style style(options.color);
  write_summary(out, diagnoses, summary, style);
  if (diagnoses.empty()) {
    out << fmt::format("\nNo problems found in {} from {}.\n",
                       plural(summary.total(&SourceSummary::records), "record"),
                       plural(summary.sources.size(), "source"));
  }
  for (const auto& diagnosis : diagnoses) write_diagnosis(out, diagnosis, style, options);
  bool header = false;
  for (const auto& source : summary.sources) {
    if (source.lines_not_understood == 0 && source.lines_split == 0 && source.times_unparsed == 0)
      continue;
    if (!header) out << "\ninputs read only in part:\n";
    header = true;
    out << fmt::format("  {} ({}): {} not understood, {} split, {} with an unparsable time\n",
                       make_visible(source.name), source.format,
                       plural(source.lines_not_understood, "line"),
                       plural(source.lines_split, "line"), plural(source.times_unparsed, "record"));
  }
  if (!summary.skipped.empty()) {
    out << "\nnot read (not logs):";
    for (const auto& name : summary.skipped) out << ' ' << make_visible(name);
    out << '\n';
  }
  if (!summary.errors.empty()) out << "\nunreadable inputs:\n";
  for (const auto& error : summary.errors) {
    out << "  " << make_visible(error.source) << ": " << make_visible(error.message) << '\n';
  }
}

}  // namespace certdiag
