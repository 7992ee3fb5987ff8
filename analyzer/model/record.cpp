#include "model/record.h"

#include <date/date.h>
#include <fmt/format.h>

namespace certdiag {
namespace {

// Appends `text` in double quotes with quotes, backslashes and control characters escaped, so a
// multi-line message stays on one line and shows where its breaks are. UTF-8 passes unchanged.
void append_quoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += ' ';
  out += name;
  out += '=';
  append_quoted(out, value);
}

}  // namespace

std::string_view level_name(Level level) {
  switch (level) {
    case Level::verbose:
      return "verbose";
    case Level::info:
      return "info";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
    case Level::unknown:
      break;
  }
  return "unknown";
}

void reset_record(Record& record) {
  record.source = 0;
  record.line = 0;
  record.line_count = 1;
  record.time.reset();
  record.time_assumed = false;
  record.local_time.clear();
  record.level = Level::unknown;
  record.host.clear();
  record.component.clear();
  record.provider_alias.clear();
  record.event_id.reset();
  record.thread.clear();
  record.channel.clear();
  record.message.clear();
  record.data.clear();
  record.lent_names = {};
  record.lent_values = {};
  record.recovered = false;
}

void own_lent_data(Record& record) {
  for (size_t i = 0; i < record.lent_names.size(); ++i) {
    record.data.push_back({record.lent_names[i], std::string(record.lent_values[i])});
  }
  record.lent_names = {};
  record.lent_values = {};
}

std::string debug_string(const Record& record) {
  std::string out = "line=" + std::to_string(record.line);
  if (record.line_count != 1) out += " lines=" + std::to_string(record.line_count);
  if (record.source != 0) out += " source=" + std::to_string(record.source);
  if (record.time) out += " time=" + date::format("%FT%TZ", *record.time);
  if (record.time_assumed) out += " time_assumed";
  append_field(out, "local", record.local_time);
  out += " level=";
  out += level_name(record.level);
  append_field(out, "host", record.host);
  append_field(out, "component", record.component);
  append_field(out, "provider_alias", record.provider_alias);
  if (record.event_id) out += " event_id=" + std::to_string(*record.event_id);
  append_field(out, "thread", record.thread);
  append_field(out, "channel", record.channel);
  append_field(out, "msg", record.message);
  for_each_data(record, [&](std::string_view name, std::string_view value) {
    out += " data.";
    out += name;
    out += '=';
    append_quoted(out, value);
  });
  return out;
}

void append_event_data(const Record& record, size_t max_bytes, std::string& buffer) {
  const char* separator = "";
  for_each_data(record, [&](std::string_view name, std::string_view value) {
    if (buffer.size() >= max_bytes) return;
    buffer += fmt::format("{}{}={}", separator, name, value);
    separator = ", ";
  });
}

std::string_view record_text(const Record& record, size_t max_bytes, std::string& buffer) {
  if (!record.message.empty()) return record.message;
  buffer = record.component;
  if (record.event_id) buffer += fmt::format(" {}", *record.event_id);
  if (!record.data.empty() || !record.lent_names.empty()) buffer += ": ";
  append_event_data(record, max_bytes, buffer);
  return buffer;
}

}  // namespace certdiag
