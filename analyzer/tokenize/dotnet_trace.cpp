#include "tokenize/dotnet_trace.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

struct Header {
  std::string_view source;
  Level level = Level::unknown;
  std::optional<uint32_t> id;
  std::string_view message;
};

struct EventType {
  std::string_view name;
  Level level;
};

// System.Diagnostics.TraceEventType names; the activity types carry no severity.
constexpr EventType kEventTypes[] = {
    {"Critical", Level::error},   {"Error", Level::error},     {"Warning", Level::warning},
    {"Information", Level::info}, {"Verbose", Level::verbose}, {"Start", Level::info},
    {"Stop", Level::info},        {"Suspend", Level::info},    {"Resume", Level::info},
    {"Transfer", Level::info},
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::optional<Level> level_of(std::string_view event_type) {
  for (const EventType& type : kEventTypes) {
    if (type.name == event_type) return type.level;
  }
  return std::nullopt;
}

// Reads `{source} {eventType}: {id} : message` (the space before the message is optional). The
// leftmost `: {id} :` that follows a known event type wins, as a lazy regex would.
bool parse_header(std::string_view line, Header& header) {
  if (line.empty() || is_blank(line[0])) return false;  // indented lines are footers or traces
  const size_t n = line.size();
  for (size_t colon = line.find(": "); colon != std::string_view::npos;
       colon = line.find(": ", colon + 1)) {
    size_t id_begin = colon + 2;
    size_t i = id_begin;
    if (i < n && line[i] == '-') ++i;
    size_t digits_begin = i;
    while (i < n && is_digit(line[i])) ++i;
    if (i == digits_begin || line.substr(i, 2) != " :") continue;
    size_t space = line.rfind(' ', colon);
    if (space == std::string_view::npos || space == 0) continue;
    auto level = level_of(line.substr(space + 1, colon - space - 1));
    if (!level) continue;
    header.source = line.substr(0, space);
    header.level = *level;
    // TraceEvent ids are Int32; a negative one keeps its bits, as Windows shows event ids.
    int64_t id = 0;
    auto [end, error] = std::from_chars(line.data() + id_begin, line.data() + i, id);
    header.id.reset();
    if (error == std::errc{} && id >= INT32_MIN && id <= INT32_MAX) {
      header.id = static_cast<uint32_t>(static_cast<int32_t>(id));
    }
    header.message = line.substr(i + 2);
    if (!header.message.empty() && header.message[0] == ' ') header.message.remove_prefix(1);
    return true;
  }
  return false;
}

// Length of the "Tue, 26 Apr 2011 04:51:58 GMT" that the AI service puts before a ':' at the
// start of its messages, or 0.
size_t leading_date_length(std::string_view message) {
  if (message.size() < 4 || message[3] != ',') return 0;
  size_t zone = message.substr(0, 40).find(" GMT");
  if (zone == std::string_view::npos) return 0;
  size_t end = zone + 4;
  if (end < message.size() && message[end] != ':') return 0;
  return end;
}

// Length of a local date and time ("6/8/2015 10:42:17 AM") before a ':' at the start of a
// message, or 0.
size_t leading_local_date_length(std::string_view message) {
  if (message.empty() || !is_digit(message[0])) return 0;
  const std::string_view head = message.substr(0, 32);
  for (size_t colon = head.find(':'); colon != std::string_view::npos;
       colon = head.find(':', colon + 1)) {
    const std::string_view prefix = message.substr(0, colon);
    if (parse_local_date_time(prefix, DateOrder::mdy) ||
        parse_local_date_time(prefix, DateOrder::dmy)) {
      return colon;
    }
  }
  return 0;
}

}  // namespace

DotnetTraceTokenizer::DotnetTraceTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)) {}

void DotnetTraceTokenizer::feed(std::string_view line, uint64_t line_no) {
  Header header;
  if (parse_header(line, header)) {
    flush();
    reset(record_, line_no);
    open_ = true;
    in_footer_ = false;
    time_failed_ = false;
    last_line_ = line_no;
    record_.component.assign(header.source);
    record_.level = header.level;
    record_.event_id = header.id;
    std::string_view message = header.message;
    local_date_.clear();
    if (size_t local_length = leading_local_date_length(message)) {
      local_date_.assign(message.substr(0, local_length));
      message.remove_prefix(std::min(local_length + 1, message.size()));
    } else if (size_t length = leading_date_length(message)) {
      record_.time = parse_rfc1123(message.substr(0, length));
      if (record_.time) {
        message.remove_prefix(std::min(length + 1, message.size()));
      } else {
        time_failed_ = true;  // the message stays whole: nothing is dropped that was not read
      }
    }
    record_.message.assign(message);
    return;
  }
  if (!open_) {
    dated_.push_not_understood(line_no);
    return;
  }
  bool piece = line_no == last_line_;  // of a split long line: it goes where its start went
  last_line_ = line_no;
  if (!piece && read_footer(line)) {
    in_footer_ = true;
    return;
  }
  if (in_footer_) return;
  if (!piece) append_message(record_.message, '\n');
  append_message(record_.message, line);
}

void DotnetTraceTokenizer::finish() {
  flush();
  dated_.finish();
  set_date_order(date_order_name(dated_.order()), dated_.assumed());
}

void DotnetTraceTokenizer::flush() {
  if (!open_) return;
  record_.line_count = static_cast<uint32_t>(last_line_ - record_.line + 1);
  if (time_failed_ && !record_.time) time_unparsed();
  open_ = false;
  // A DateTime footer (UTC) wins over the local date at the start of the message. The record is
  // reused for the next header (its strings keep their capacity).
  dated_.push_reused(record_, record_.time ? std::string_view() : std::string_view(local_date_));
}

bool DotnetTraceTokenizer::read_footer(std::string_view line) {
  if (line.empty() || !is_blank(line[0])) return false;
  size_t key_begin = line.find_first_not_of(" \t");
  size_t equals = line.find('=', key_begin);
  if (key_begin == std::string_view::npos || equals == std::string_view::npos) return false;
  std::string_view key = line.substr(key_begin, equals - key_begin);
  std::string_view value = line.substr(equals + 1);
  while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
  if (key == "DateTime") {
    // The message's own date, when it has one, is what the service meant to log.
    if (!record_.time) {
      record_.time = parse_iso8601(value);
      if (!record_.time) time_failed_ = true;
    }
  } else if (key == "ThreadId") {
    record_.thread.assign(value);
  } else if (key == "ProcessId") {
    record_.data.push_back({"ProcessId", std::string(value)});
  } else if (key != "Timestamp" && key != "Callstack" && key != "LogicalOperationStack") {
    return false;
  }
  return true;
}

bool is_dotnet_trace_header(std::string_view line) {
  Header header;
  return parse_header(line, header);
}

}  // namespace certdiag
