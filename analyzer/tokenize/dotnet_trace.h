// Splits .NET TraceSource text (TextWriterTraceListener output, e.g. ConfigMgr AIUpdateSvc.log)
// into Records: a header `{source} {eventType}: {id} : message`, then continuation lines and the
// indented TraceOutputOptions footer (`DateTime=`, `ThreadId=`, ...). Reads the RFC 1123 date that
// the AI service writes at the start of its messages. Does not interpret message text.
#pragma once

#include <string_view>

#include "tokenize/tokenizer.h"

namespace certdiag {

class DotnetTraceTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "dotnet-trace"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void flush();
  // Applies a footer line (`    ThreadId=5`); false when the line is not one.
  bool read_footer(std::string_view line);

  Record record_;
  bool open_ = false;
  bool in_footer_ = false;    // footer lines seen: what follows belongs to them (a Callstack)
  bool time_failed_ = false;  // a time was present but did not parse
  uint64_t last_line_ = 0;    // last line fed into the open record
};

// Whether a line is a TraceListener header `{source} {eventType}: {id} : `.
bool is_dotnet_trace_header(std::string_view line);

}  // namespace certdiag
