// The CSV timeline: one row per evidence line, oldest first, fields a spreadsheet reads as text.
#include <gtest/gtest.h>

#include <sstream>

#include "report/csv.h"

namespace certdiag {
namespace {

TEST(CsvReport, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines\x1b"), "two\\nlines\\x1b");
}

TEST(CsvReport, TextThatLooksLikeAFormulaIsKeptAsText) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@SUM"), "'@SUM");
}

TEST(CsvReport, RowsAreOrderedByTimeWithUntimedLinesLast) {
  Diagnosis diagnosis;
  diagnosis.id = "x.err";
  diagnosis.host = "APP01";
  Signal late;
  late.rule = "x.sig";
  late.source = "a.log";
  late.line = 2;
  late.time = Time{} + std::chrono::hours(2);
  late.text = "late";
  Signal untimed = late;
  untimed.line = 3;
  untimed.time.reset();
  untimed.text = "untimed";
  Signal early = late;
  early.line = 9;
  early.time = Time{} + std::chrono::hours(1);
  early.text = "early, with a comma";
  diagnosis.evidence = {late, untimed, early};
  std::ostringstream out;
  write_csv(out, {diagnosis});
  EXPECT_EQ(out.str(),
            "time,local_time,host,source,line,diagnosis,severity,status,signal,text\r\n"
            "1970-01-01T01:00:00Z,,APP01,a.log,9,x.err,error,open,x.sig,\"early, with a comma\"\r\n"
            "1970-01-01T02:00:00Z,,APP01,a.log,2,x.err,error,open,x.sig,late\r\n"
            ",,APP01,a.log,3,x.err,error,open,x.sig,untimed\r\n");
}

}  // namespace
}  // namespace certdiag
