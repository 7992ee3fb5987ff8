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
  write_csv(out, {diagnosis}, ShownTime());
  EXPECT_EQ(
      out.str(),
      "time,local_time,zone_assumed,host,source,line,diagnosis,severity,status,signal,provider,"
      "event_id,level,text\r\n"
      "1970-01-01T01:00:00Z,,,APP01,a.log,9,x.err,error,open,x.sig,,,,\"early, with a comma\"\r\n"
      "1970-01-01T02:00:00Z,,,APP01,a.log,2,x.err,error,open,x.sig,,,,late\r\n"
      ",,,APP01,a.log,3,x.err,error,open,x.sig,,,,untimed\r\n");
}

TEST(CsvReport, EventRowsCarryProviderIdLevelAndTheAssumedZoneInTheShownZone) {
  Diagnosis diagnosis;
  diagnosis.id = "tls.cert-revoked";
  Signal signal;
  signal.rule = "tls.schannel-revoked";
  signal.source = "System.csv";
  signal.line = 4;
  signal.time = Time{} + std::chrono::hours(2);
  signal.local_time = "1/1/1970 2:00:00 AM";
  signal.time_assumed = true;
  signal.provider = "Schannel";
  signal.event_id = 36882;
  signal.level = Level::error;
  signal.text = "revoked";
  diagnosis.evidence = {signal};
  std::string error;
  std::ostringstream out;
  write_csv(out, {diagnosis}, ShownTime::from_specs("+01:00", "Europe/Paris", error));
  const std::string text = out.str();
  EXPECT_EQ(text.substr(text.find("\r\n") + 2),
            "1970-01-01T03:00:00+01:00,1/1/1970 2:00:00 AM,Europe/Paris,,System.csv,4,"
            "tls.cert-revoked,error,open,tls.schannel-revoked,Schannel,36882,error,revoked\r\n");
}

}  // namespace
}  // namespace certdiag
