// Small text helpers every report shares: UTC time stamps and making log text safe to show.
// Does not decide layout; each report does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnosis.h"
#include "model/record.h"
#include "model/summary.h"

namespace certdiag {

class ShownTime;

// "2011-04-26T04:51:58Z", with ".123" when the milliseconds are not zero.
std::string iso_time(Time time);

// Log text made safe for a terminal: control characters (C0, DEL, C1) become visible escapes
// (\t kept as a tab only when keep_tab), so no escape sequence from a log reaches the terminal.
// Characters in `escape_also` get a backslash before them (for quoted formats such as YAML's).
std::string make_visible(std::string_view text, bool keep_tab = false,
                         std::string_view escape_also = {});

// An evidence line's time in the shown zone, and beside it the local time as the log wrote it,
// when it wrote one ("2024-09-23T23:03:23.167Z (log: 09-23-2024 18:03:23.167 +300)") with the
// zone it was read in when that zone was assumed ("(log: 5/16/2024 7:14:01 AM, read as UTC)"),
// and "[old, overwritten]" for an event read from an .evtx file's free space; `unknown` without
// a time.
std::string evidence_time(const Signal& signal, std::string_view unknown, const ShownTime& times);

// "Schannel 36882 error  ": an event's provider, event id and level (level left out when the
// log gives none) and the two spaces before the text, if any; empty for records that are not
// events.
std::string event_label(const Signal& signal);

// Inserts thousands separators: 1234567 → "1,234,567".
std::string with_commas(uint64_t value);

// "1 error", "2,048 signals".
std::string plural(uint64_t n, std::string_view word);

// What an input held that was not read as written, one phrase each ("3 of 340 records could not
// be read", "1,024 message bytes over the size limit were dropped", "2 invalid bytes were
// replaced"); empty when there is none.
std::vector<std::string> source_losses(const SourceSummary& source);

// The same over the whole run (copies of an earlier input counted once), with the inputs that
// could not be read at all ("1 input could not be read").
std::vector<std::string> run_losses(const RunSummary& summary);

// "a", "a and b", "a, b and c".
std::string join_phrases(const std::vector<std::string>& phrases);

// "No problems found in 2,611 records from 3 sources." — with ", but …" and the run's losses
// when some of the input was not read, so that a run that read nothing never sounds healthy.
std::string no_problems_found(const RunSummary& summary);

// The line range a diagnosis's evidence spans in each source, in the order the sources appear.
struct SourceLines {
  std::string source;
  uint64_t first = 0;
  uint64_t last = 0;
  std::string text() const;  // "a.log:12-40" (source made visible)
};
std::vector<SourceLines> evidence_lines(const Diagnosis& diagnosis);

// The explanation split into its paragraphs.
std::vector<std::string_view> paragraphs(std::string_view text);

// "reference time 2024-02-14T08:00:00Z (the newest record time in the input, when the logs
// were collected)", in the report's zone, and where today lies a day or more away, what that
// means today.
std::string reference_time_text(const RunSummary& summary, const ShownTime& times);
std::string_view as_of_basis_name(AsOfBasis basis);

// "Text" from "text".
std::string upper_first(std::string text);

// "om.auth.failed, if the management server's Operations Manager log says so".
std::string alternative_text(const Alternative& alternative);

// "error, warning".
std::string level_names(const std::vector<Level>& levels);

}  // namespace certdiag
