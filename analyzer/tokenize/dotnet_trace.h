// Splits .NET TraceSource text (TextWriterTraceListener output, e.g. ConfigMgr AIUpdateSvc.log)
// into Records: a header `{source} {eventType}: {id} : message`, then continuation lines and the
// indented TraceOutputOptions footer (`DateTime=`, `ThreadId=`, ...). Reads the date that
// services write at the start of their messages: RFC 1123 (the AI service: "Tue, 26 Apr 2011
// 04:51:58 GMT:"), or a local date in the writer's locale ("6/8/2015 10:42:17 AM:"), whose
// day/month order is decided per source (tokenize/dated_records.h). Does not interpret message
// text.
#pragma once

#include <string_view>

#include "tokenize/dated_records.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

class DotnetTraceTokenizer final : public Tokenizer {
 public:
  explicit DotnetTraceTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "dotnet-trace"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void flush();
  // Applies a footer line (`    ThreadId=5`); false when the line is not one.
  bool read_footer(std::string_view line);

  DatedRecords dated_;
  Record record_;
  std::string local_date_;  // the open record's local message date, read when it is handed on
  bool open_ = false;
  bool in_footer_ = false;    // footer lines seen: what follows belongs to them (a Callstack)
  bool time_failed_ = false;  // a time was present but did not parse
  uint64_t last_line_ = 0;    // last line fed into the open record
};

// Whether a line is a TraceListener header `{source} {eventType}: {id} : `.
bool is_dotnet_trace_header(std::string_view line);

}  // namespace certdiag
