// Parses the timestamps that logs write (CMTrace/SMS trace local time with a bias, RFC 1123,
// ISO 8601) into UTC Time, through Howard Hinnant's date library. Does not guess: text that does
// not parse, or holds an out-of-range field (month 13, hour 25, year 0), gives nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/record.h"

namespace certdiag {

// A CMTrace time attribute "HH:MM:SS.fff+420" cut at the sign of its bias.
struct ClockAndBias {
  std::string_view clock;  // "HH:MM:SS.fff"
  std::string_view bias;   // "+420", or empty when the time has no bias
};

// Splits a CMTrace/SMS trace time into clock and bias; a sign before the first ':' is not a bias.
ClockAndBias split_bias(std::string_view time_with_bias);

// Sets `out` to a CMTrace/SMS trace local time as written, shaped "MM-DD-YYYY HH:MM:SS.fff +BIAS"
// whatever parts are present; its capacity is reused.
void assign_local_time(std::string& out, std::string_view date_mdy,
                       std::string_view time_with_bias);

// Reads a CMTrace/SMS trace date "MM-DD-YYYY" (unpadded fields allowed) and time
// "HH:MM:SS[.f]" (1-9 fractional digits) with an optional bias in minutes, UTC = local + bias.
std::optional<Time> parse_cmtrace_time(std::string_view date_mdy, std::string_view time_with_bias);

// Reads "Tue, 26 Apr 2011 04:51:58 GMT" (also "UTC" or a numeric zone "+0000"); the weekday must
// agree with the date.
std::optional<Time> parse_rfc1123(std::string_view text);

// Reads "YYYY-MM-DD[T ]HH:MM:SS[.f]" with up to 9 fractional digits and "Z", "±HH:MM", "±HHMM"
// or no zone (read as UTC).
std::optional<Time> parse_iso8601(std::string_view text);

// The first ISO 8601 or RFC 1123 (GMT) timestamp inside free text, or an empty view when none.
std::string_view find_timestamp(std::string_view text);

// Reads "YYYY-MM-DD" (its midnight, UTC) or an ISO 8601 time, as given on a command line or in a
// rule pack.
std::optional<Time> parse_date_or_time(std::string_view text);

// Reads a date as logs and exports write it, read as UTC: ISO 8601, RFC 1123,
// "2/14/2024 11:31:44 AM", "2/14/2024 11:31:44", "16.05.2024 07:14:01", or a date alone.
std::optional<Time> parse_loose_time(std::string_view text);

// Parses a span returned by find_timestamp, whichever of the two layouts it has.
std::optional<Time> parse_timestamp(std::string_view span);

// A time as a Windows event export writes it: UTC when `zoned`, else the wall-clock reading of
// the exporting machine, held as if it were UTC (see tokenize/event_export.h for the zone).
struct ExportTime {
  Time time;
  bool zoned = false;
};

// Reads the times that Event Viewer CSV, wevtutil /f:text and Format-List write: ISO 8601
// ("2022-11-16T14:54:13.2270000Z" or "+02:00" is zoned, "2020-12-14T17:09:08.940" is not),
// "10/7/2016 06:38:24 PM", "2/14/2024 13:31:44", "2024/02/14 13:31:44", "16.05.2024 07:14:01".
// Slash dates are month first (en-US) unless the year leads; dotted dates are day first. Unicode
// direction marks (U+200E, U+200F) are skipped. nullopt when no layout fits, or a field is out
// of range.
std::optional<ExportTime> parse_export_time(std::string_view text);

// The order of day, month and year in numeric dates that depend on the writer's locale
// ("03.07.2019", "9/9/2022", "19/02/2019").
enum class DateOrder { unknown, dmy, mdy, ymd };

std::string_view date_order_name(DateOrder order);  // "dmy", "mdy", "ymd"; "" when unknown

// Reads a --date-order value ("dmy", "mdy", "ymd"); nullopt for anything else.
std::optional<DateOrder> parse_date_order(std::string_view text);

// The order a numeric date proves by itself: a four-digit first field is ymd, a first field over
// 12 is dmy, a second field over 12 is mdy; unknown when both could be a month, or the text does
// not start with a numeric date.
DateOrder date_order_evidence(std::string_view date_time);

// Reads a local date and time as copied logs write it: a numeric date in `order` (separators
// '/', '.' or '-'; fields unpadded or padded; a dotted date is day first whatever `order` says,
// no locale writes month.day.year) and a time "H:MM:SS" with an optional fraction (',' or '.')
// and AM/PM. The reading is returned as if it were UTC. nullopt when the text has another shape
// or a field is out of range; `order` unknown reads slashes and dashes month first.
std::optional<Time> parse_local_date_time(std::string_view date_time, DateOrder order);

}  // namespace certdiag
