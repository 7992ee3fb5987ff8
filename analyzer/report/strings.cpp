#include "report/strings.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "report/shown_time.h"

namespace certdiag {

std::string iso_time(Time time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto millis = (time - seconds).count();
  std::string text = date::format("%Y-%m-%dT%H:%M:%S", seconds);
  if (millis != 0) text += fmt::format(".{:03}", millis);
  return text + 'Z';
}

std::string make_visible(std::string_view text, bool keep_tab, std::string_view escape_also) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (escape_also.find(static_cast<char>(c)) != std::string_view::npos) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t' && keep_tab) {
      out += '\t';
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // C1 controls (U+0080–U+009F) include the 8-bit CSI that terminals obey.
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string evidence_time(const Signal& signal, std::string_view unknown, const ShownTime& times) {
  std::string out = times.stamp(signal.time, unknown);
  const std::string assumed =
      signal.time_assumed ? "read as " + make_visible(times.input_zone_name()) : "";
  if (!signal.local_time.empty()) {
    out +=
        " (log: " + make_visible(signal.local_time) + (assumed.empty() ? "" : ", ") + assumed + ")";
  } else if (!assumed.empty()) {
    out += " (" + assumed + ")";
  }
  if (signal.recovered) out += " [old, overwritten]";  // from a chunk's free space
  return out;
}

std::string event_label(const Signal& signal) {
  if (!signal.event_id) return {};
  std::string out = make_visible(signal.provider);
  if (!out.empty()) out += ' ';
  out += std::to_string(*signal.event_id);
  if (signal.level != Level::unknown) out += fmt::format(" {}", level_name(signal.level));
  return signal.text.empty() ? out : out + "  ";
}

std::string with_commas(uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string plural(uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", with_commas(n), word, n == 1 ? "" : "s");
}

namespace {

// The loss phrases for the counts of one input, or of a run's totals (records_total 0: the
// records a run's inputs held are not one number worth quoting).
std::vector<std::string> losses(uint64_t records_skipped, uint64_t records_total,
                                uint64_t bytes_dropped, uint64_t invalid_bytes) {
  std::vector<std::string> out;
  if (records_skipped > 0 && records_total > 0) {
    out.push_back(fmt::format("{} of {} could not be read", with_commas(records_skipped),
                              plural(records_total, "record")));
  } else if (records_skipped > 0) {
    out.push_back(fmt::format("{} could not be read", plural(records_skipped, "record")));
  }
  if (bytes_dropped > 0) {
    out.push_back(fmt::format("{} over the size limit {} dropped",
                              plural(bytes_dropped, "message byte"),
                              bytes_dropped == 1 ? "was" : "were"));
  }
  if (invalid_bytes > 0) {
    out.push_back(fmt::format("{} {} replaced", plural(invalid_bytes, "invalid byte"),
                              invalid_bytes == 1 ? "was" : "were"));
  }
  return out;
}

}  // namespace

std::vector<std::string> source_losses(const SourceSummary& source) {
  return losses(source.records_skipped, source.records_total, source.message_bytes_dropped,
                source.invalid_bytes);
}

std::vector<std::string> run_losses(const RunSummary& summary) {
  std::vector<std::string> out;
  if (!summary.errors.empty()) {
    out.push_back(fmt::format("{} could not be read", plural(summary.errors.size(), "input")));
  }
  for (auto& phrase : losses(summary.total(&SourceSummary::records_skipped), 0,
                             summary.total(&SourceSummary::message_bytes_dropped),
                             summary.total(&SourceSummary::invalid_bytes))) {
    out.push_back(std::move(phrase));
  }
  return out;
}

std::string join_phrases(const std::vector<std::string>& phrases) {
  std::string out;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += i + 1 == phrases.size() ? " and " : ", ";
    out += phrases[i];
  }
  return out;
}

std::string no_problems_found(const RunSummary& summary) {
  const std::vector<std::string> lost = run_losses(summary);
  return fmt::format("No problems found in {} from {}{}.",
                     plural(summary.total(&SourceSummary::records), "record"),
                     plural(summary.sources.size(), "source"),
                     lost.empty() ? "" : ", but " + join_phrases(lost));
}

std::string SourceLines::text() const {
  std::string out = fmt::format("{}:{}", make_visible(source), first);
  if (last != first) out += fmt::format("-{}", last);
  return out;
}

std::vector<SourceLines> evidence_lines(const Diagnosis& diagnosis) {
  std::vector<SourceLines> out;
  for (const auto& signal : diagnosis.evidence) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const SourceLines& s) { return s.source == signal.source; });
    if (it == out.end()) {
      out.push_back({signal.source, signal.line, signal.line});
    } else {
      it->first = std::min(it->first, signal.line);
      it->last = std::max(it->last, signal.line);
    }
  }
  return out;
}

std::string level_names(const std::vector<Level>& levels) {
  std::string out;
  for (Level level : levels) {
    if (!out.empty()) out += ", ";
    out += level_name(level);
  }
  return out;
}

std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string upper_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string alternative_text(const Alternative& alternative) {
  return fmt::format("{} — decided by {}", alternative.id, alternative.decided_by);
}

std::string_view as_of_basis_name(AsOfBasis basis) {
  switch (basis) {
    case AsOfBasis::given:
      return "given";
    case AsOfBasis::newest_record:
      return "newest_record";
    case AsOfBasis::now:
      return "now";
  }
  return "given";
}

std::string reference_time_text(const RunSummary& summary, const ShownTime& times) {
  static constexpr std::string_view kBasis[] = {
      "given with --as-of", "the newest record time in the input, when the logs were collected",
      "now: no record has a time"};
  std::string out = fmt::format("reference time for expiry {} ({})", times.stamp(summary.as_of),
                                kBasis[static_cast<size_t>(summary.as_of_basis)]);
  using days = std::chrono::duration<int64_t, std::ratio<86400>>;
  const auto apart = std::chrono::floor<days>(summary.now - summary.as_of).count();
  if (summary.as_of_basis != AsOfBasis::now && (apart >= 1 || apart <= -1)) {
    out += fmt::format("; today ({}) is {} {}: {}", times.stamp(summary.now).substr(0, 10),
                       plural(static_cast<uint64_t>(apart < 0 ? -apart : apart), "day"),
                       apart > 0 ? "later" : "earlier",
                       apart > 0 ? "a certificate valid or expiring then may have expired since"
                                 : "a certificate expiring then may not have expired yet");
  }
  return out;
}

}  // namespace certdiag
