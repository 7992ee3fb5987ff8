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

}  // namespace certdiag
