#include "tokenize/tokenizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "model/utf8.h"
#include "tokenize/cert_text.h"
#include "tokenize/cmtrace.h"
#include "tokenize/cmtrace_copy.h"
#include "tokenize/dotnet_trace.h"
#include "tokenize/event_csv.h"
#include "tokenize/event_list.h"
#include "tokenize/event_text.h"
#include "tokenize/event_xml.h"
#include "tokenize/iis_w3c.h"
#include "tokenize/plain.h"
#include "tokenize/sms_trace.h"
#include "tokenize/wsus.h"

namespace certdiag {

void Tokenizer::emit(Record& record) {
  if (record.line_count == 0) record.line_count = 1;
  uint64_t last = record.line + record.line_count - 1;
  uint64_t first = std::max(record.line, counted_through_ + 1);
  if (last >= first) stats_.lines_in_records += last - first + 1;
  counted_through_ = std::max(counted_through_, last);
  ++stats_.records;
  sink_(record);
}

void Tokenizer::not_understood_line(uint64_t line_no) {
  if (line_no <= counted_through_) return;
  counted_through_ = line_no;
  ++stats_.lines_not_understood;
}

void Tokenizer::append_message(std::string& message, std::string_view text) {
  const size_t room = kMaxMessageBytes - std::min(message.size(), kMaxMessageBytes);
  if (text.size() > room) {
    const std::string_view kept = utf8_prefix(text, room);
    stats_.message_bytes_dropped += text.size() - kept.size();
    text = kept;
  }
  message.append(text);
}

DatedRecords Tokenizer::dated_records(const TokenizeOptions& options) {
  std::string error;  // the caller checks --input-tz; a bad one reads as UTC
  return DatedRecords(
      options.date_order, InputZone::from_spec(options.input_tz, error),
      DatedRecords::Sinks{[this](Record& record) { emit(record); },
                          [this](uint64_t line_no) { not_understood_line(line_no); },
                          [this](uint64_t line_no) { structure_line(line_no); },
                          [this] { time_unparsed(); }});
}

void Tokenizer::structure_line(uint64_t line_no) {
  if (line_no <= counted_through_) return;
  counted_through_ = line_no;
  ++stats_.lines_structure;
}

void Tokenizer::reset(Record& record, uint64_t line_no) {
  reset_record(record);
  record.line = line_no;
}

Level level_of_message_prefix(std::string_view message) {
  while (!message.empty() && (message.front() == ' ' || message.front() == '\t')) {
    message.remove_prefix(1);
  }
  auto starts_with_word = [&](std::string_view word) {
    if (message.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      const char c = message[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != word[i]) return false;
    }
    return true;
  };
  if (starts_with_word("error:") || starts_with_word("error 0x")) return Level::error;
  if (starts_with_word("warning:")) return Level::warning;
  return Level::unknown;
}

const std::vector<std::string_view>& text_format_names() {
  static const std::vector<std::string_view> names = {
      "cmtrace",   "sms-trace", "dotnet-trace", "event-csv",    "event-text", "iis-w3c",
      "event-xml", "wsus",      "cert-text",    "cmtrace-copy", "event-list", "plain"};
  return names;
}

std::unique_ptr<Tokenizer> make_tokenizer(std::string_view format, RecordSink sink,
                                          const TokenizeOptions& options) {
  if (format == "cmtrace") return std::make_unique<CmtraceTokenizer>(std::move(sink));
  if (format == "sms-trace") return std::make_unique<SmsTraceTokenizer>(std::move(sink));
  if (format == "dotnet-trace") {
    return std::make_unique<DotnetTraceTokenizer>(std::move(sink), options);
  }
  if (format == "event-csv") return std::make_unique<EventCsvTokenizer>(std::move(sink), options);
  if (format == "event-text") {
    return std::make_unique<EventTextTokenizer>(std::move(sink), options);
  }
  if (format == "iis-w3c") return std::make_unique<IisW3cTokenizer>(std::move(sink));
  if (format == "event-xml") return std::make_unique<EventXmlTokenizer>(std::move(sink));
  if (format == "cmtrace-copy") {
    return std::make_unique<CmtraceCopyTokenizer>(std::move(sink), options);
  }
  if (format == "wsus") return std::make_unique<WsusTokenizer>(std::move(sink), options);
  if (format == "event-list") {
    return std::make_unique<EventListTokenizer>(std::move(sink), options);
  }
  if (format == "cert-text") return std::make_unique<CertTextTokenizer>(std::move(sink));
  if (format == "plain") return std::make_unique<PlainTokenizer>(std::move(sink));
  return nullptr;
}

Detection detect_format_why(const std::vector<std::string>& first_lines) {
  // Each format scores the lines that show its layout; the highest score wins, ties going to the
  // earlier format. A lone marker is enough: real logs open with headers or banners.
  struct Candidate {
    std::string_view name;
    bool (*shows)(std::string_view line);
    // The layout within the format that a line shows, when the format has several (for --why).
    std::string_view (*layout)(std::string_view line) = nullptr;
    int score = 0;
    size_t first = 0;  // index of the first line that shows it
  };
  std::array<Candidate, 11> candidates = {{
      {"cmtrace", &is_cmtrace_line},
      {"sms-trace", &is_sms_trace_line},
      {"dotnet-trace", &is_dotnet_trace_header},
      {"event-csv", &is_event_csv_header},
      {"event-text", &is_event_text_line, &event_text_layout},
      {"iis-w3c", &is_iis_directive},
      {"event-xml", &is_event_xml_line},
      {"wsus", &is_wsus_line, &wsus_layout},
      {"cmtrace-copy", &is_cmtrace_copy_line, &cmtrace_copy_layout},
      {"cert-text", &is_cert_text_line},
      {"event-list", &is_event_list_line, &event_list_layout},
  }};
  for (size_t i = 0; i < first_lines.size(); ++i) {
    for (Candidate& candidate : candidates) {
      if (candidate.shows(first_lines[i]) && candidate.score++ == 0) candidate.first = i;
    }
  }
  const Candidate* best = nullptr;
  for (const Candidate& candidate : candidates) {
    if (candidate.score > 0 && (best == nullptr || candidate.score > best->score)) {
      best = &candidate;
    }
  }
  if (best == nullptr) {
    return {"plain",
            fmt::format("none of the first {} lines shows a known layout", first_lines.size())};
  }
  const std::string_view example = utf8_prefix(first_lines[best->first], 60);
  const std::string layout =
      best->layout ? fmt::format("{}: ", best->layout(first_lines[best->first])) : "";
  return {std::string(best->name),
          fmt::format("{}{} of the first {} lines show its layout, first line {}: {}", layout,
                      best->score, first_lines.size(), best->first + 1, example)};
}

std::string_view detect_format(const std::vector<std::string>& first_lines) {
  static const std::vector<std::string_view>& names = text_format_names();
  const std::string name = detect_format_why(first_lines).format;
  return *std::find(names.begin(), names.end(), name);
}

}  // namespace certdiag
