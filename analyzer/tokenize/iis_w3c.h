// Splits IIS W3C extended logs (u_exYYMMDD.log) into Records: one per data line, its values
// named by the latest `#Fields:` directive and kept in `data` ("sc-status", "cs-uri-stem", …).
// Directive lines (`#Software:`, `#Fields:`, …) are no events and count as not understood.
// Does not read status codes beyond the level; see match/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/tokenizer.h"

namespace certdiag {

// Record made of a data line:
// - time: `date` + `time` columns (or the `#Date:` directive's day when there is no `date`
//   column), UTC as IIS writes it, so not time_assumed;
// - level: sc-status 500 and up error, 400 and up warning, else info (unknown without one);
// - host: s-computername;
// - message: "METHOD STEM?QUERY PORT USER CLIENT-IP STATUS SUBSTATUS WIN32", e.g.
//   "GET /SMS_MP/.sms_aut?SITESIGNCERT 443 - 10.1.2.3 403 7 0", a missing column written "-"
//   and "?QUERY" left out when the query is "-", so evidence reads like the log;
// - data: every column by its name as written, value as written, lent (Record::lent_names)
//   for as long as the sink runs.
// A line whose value count differs from the #Fields count, or that comes before any #Fields,
// is not understood.
class IisW3cTokenizer final : public Tokenizer {
 public:
  using Tokenizer::Tokenizer;

  std::string_view name() const override { return "iis-w3c"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Column positions of the fields the record reads apart from `data`.
  struct Columns {
    size_t date = kNone, time = kNone, computer = kNone, method = kNone, stem = kNone,
           query = kNone, port = kNone, user = kNone, client = kNone, status = kNone,
           substatus = kNone, win32 = kNone;
  };

  void process(std::string_view line, uint64_t line_no);
  void read_directive(std::string_view line);
  void read_data(std::string_view line, uint64_t line_no);
  void compose_message();
  std::string_view value(size_t column) const;

  // A line is handled once all its pieces are in: a split long line arrives in several feeds.
  std::string pending_;
  uint64_t pending_no_ = 0;
  bool has_pending_ = false;

  std::vector<std::string> names_;  // the #Fields columns, in order
  Columns columns_;
  std::string directive_day_;             // "YYYY-MM-DD" of the last #Date directive
  std::vector<std::string_view> values_;  // the current data line, split
  std::string stamp_;                     // "date time" of the current data line
  Record record_;
};

// Whether a line is a W3C directive as IIS writes them: `#Software:`, `#Version: 1.0`,
// `#Date: YYYY-MM-DD …`, or `#Fields:` naming W3C fields.
bool is_iis_directive(std::string_view line);

}  // namespace certdiag
