// Record: one log event, the unit that tokenizers produce and matchers read.
// A plain value type; it knows nothing about formats, rules or reports.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace certdiag {

using Time = std::chrono::sys_time<std::chrono::milliseconds>;

enum class Level { unknown, verbose, info, warning, error };

std::string_view level_name(Level level);

// A named field of an event: EventData by name ("TargetName"), by position ("0"), or an
// IIS W3C column ("sc-status").
struct Field {
  std::string name;
  std::string value;
};

struct Record {
  uint32_t source = 0;        // index into the run's source table
  uint64_t line = 0;          // first line of the event (1-based); record number for binary logs
  uint32_t line_count = 1;    // lines the event spans
  std::optional<Time> time;   // UTC; empty when absent or unparsable
  bool time_assumed = false;  // local time read in an assumed zone (--input-tz)
  std::string local_time;     // the time as written, when the log writes local time
  Level level = Level::unknown;
  std::string host;            // Computer, when the log names it
  std::string component;       // CMTrace component, trace source or event provider
  std::string provider_alias;  // EventSourceName, matched as provider too
  std::optional<uint32_t> event_id;
  std::string thread;
  std::string channel;
  std::string message;
  std::vector<Field> data;
  // Data fields lent by the tokenizer for as long as its sink runs, read after `data`: the
  // columns of an IIS W3C line (names from its #Fields directive, values pointing into the
  // line), so that no value is copied per line. A record kept past its sink owns them first
  // (own_lent_data).
  std::span<const std::string> lent_names;
  std::span<const std::string_view> lent_values;  // as many as lent_names
  bool recovered = false;  // .evtx: the remains of an overwritten event, read from free space
};

// What matching knows about the source a record came from.
struct SourceInfo {
  std::string name;    // display name
  std::string format;  // tokenizer name
};

// Calls `visit(name, value)` for each data field of a record: `data`, then the lent ones.
template <class Visit>
void for_each_data(const Record& record, Visit&& visit) {
  for (const Field& field : record.data)
    visit(std::string_view(field.name), std::string_view(field.value));
  for (size_t i = 0; i < record.lent_names.size(); ++i)
    visit(std::string_view(record.lent_names[i]), record.lent_values[i]);
}

// Copies the lent data fields into `data` and lets go of them: for a record kept past its sink.
void own_lent_data(Record& record);

// The text a record stands for in evidence and new signatures: its message, else (an event
// stored without one, .evtx) its provider, id and data, built in `buffer` until it holds at least
// `max_bytes` (the caller cuts).
std::string_view record_text(const Record& record, size_t max_bytes, std::string& buffer);

// Sets every field of a record reused for the next one back to its default; its strings and lists
// keep their capacity.
void reset_record(Record& record);

// Appends an event's data as "Name=value, Name=value" to `buffer`, until it holds at least
// `max_bytes` (the caller cuts).
void append_event_data(const Record& record, size_t max_bytes, std::string& buffer);

// Compact one-line rendering for tests and debugging.
std::string debug_string(const Record& record);

}  // namespace certdiag
