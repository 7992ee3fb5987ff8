// Splits lines copied out of CMTrace, OneTrace or Support Center's log viewer into Records. A copy
// reads `message<TAB>component<TAB>date time<TAB>thread (0xHEX)`, the date and time in the copying
// machine's locale ("03.07.2019 14:17:54", "9/9/2022 5:36:06 AM"). Pastes in tickets and posts
// turn the TABs into runs of spaces, or into single spaces with the date before the component
// ("… 19/02/2019 13:49:35 ccmsetup 8548 (0x2164)"); all three are read. A message that spans lines
// ends on the line that carries the columns: the lines before it, back to the previous record,
// are its first lines. Lines left over at the end (a paste cut after a message's first lines)
// still make a record, without time. Does not interpret message text; see match/.
#pragma once

#include <string>
#include <string_view>

#include "tokenize/dated_records.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// The columns of one copied line.
struct CmtraceCopyLine {
  std::string_view message;
  std::string_view component;
  std::string_view date_time;  // as written, e.g. "11/19/2009 11:35:01 AM"
  std::string_view thread;     // the decimal thread id
};

// Reads the columns of a copied CMTrace line; false when the line does not end in them.
bool parse_cmtrace_copy_line(std::string_view line, CmtraceCopyLine& out);

class CmtraceCopyTokenizer final : public Tokenizer {
 public:
  explicit CmtraceCopyTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "cmtrace-copy"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  // Hands the lines gathered before a record's columns on as a record of their own.
  void flush_leading();

  DatedRecords dated_;
  std::string leading_;        // lines since the last record, the start of the next message
  uint64_t leading_from_ = 0;  // first of them; 0 when none
  uint64_t leading_to_ = 0;
  size_t blank_lines_ = 0;  // blank lines after the leading text, not yet placed
  uint64_t last_line_ = 0;
};

// Whether a line ends in the columns of a CMTrace copy.
bool is_cmtrace_copy_line(std::string_view line);

// The layout name --why gives a detected copy.
std::string_view cmtrace_copy_layout(std::string_view line);

}  // namespace certdiag
