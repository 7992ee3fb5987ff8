#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/cmtrace.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  return testing_support::feed_lines(
      text, [](RecordSink sink) { return CmtraceTokenizer(std::move(sink)); });
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(CmtraceTokenizer, ReadsGoodLines) {
  const Case cases[] = {
      // Microsoft docs (peer cache article); the bias is added: UTC = local + bias.
      {R"(<![LOG[Downloaded file from http:// <SourceServerName\>:8003/SCCM_BranchCache$/SS10000C/sccm?/install.wim to C:\_SMSTaskSequence\Packages\SS10000C\install.wim ]LOG]!><time="14:24:33.329+420" date="06-26-2015" component="ApplyOperatingSystem" context="" type="1" thread="1256" file="downloadcontent.cpp:1626">)",
       R"(line=1 time=2015-06-26T21:24:33.329Z local="06-26-2015 14:24:33.329 +420" level=info component="ApplyOperatingSystem" thread="1256" msg="Downloaded file from http:// <SourceServerName\\>:8003/SCCM_BranchCache$/SS10000C/sccm?/install.wim to C:\\_SMSTaskSequence\\Packages\\SS10000C\\install.wim " data.file="downloadcontent.cpp:1626")"},
      // A negative bias subtracts: -570 is UTC+9:30.
      {R"(<![LOG[Scan failed with error = 0x80244021.]LOG]!><time="08:51:08.954-570" date="08-01-2013" component="WUAHandler" context="" type="3" thread="2308" file="cwuahandler.cpp:3520">)",
       R"(line=1 time=2013-07-31T23:21:08.954Z local="08-01-2013 08:51:08.954 -570" level=error component="WUAHandler" thread="2308" msg="Scan failed with error = 0x80244021." data.file="cwuahandler.cpp:3520")"},
      // Upper-case names in another order, an unpadded date, 7 fractional digits, no file.
      {R"(<![LOG[Policy applied]LOG]!><TYPE="2" DATE="9-3-2026" TIME="10:00:00.1234567+480" COMPONENT="IntuneManagementExtension" THREAD="7">)",
       R"(line=1 time=2026-09-03T18:00:00.123Z local="9-3-2026 10:00:00.1234567 +480" level=warning component="IntuneManagementExtension" thread="7" msg="Policy applied")"},
      // No bias: the time is read as UTC, and shown as written.
      {R"(<![LOG[No bias]LOG]!><time="10:00:00.5" date="01-02-2020" component="Script" type="1" thread="1">)",
       R"(line=1 time=2020-01-02T10:00:00.500Z local="01-02-2020 10:00:00.5" level=info component="Script" thread="1" msg="No bias")"},
      // A non-empty context is kept with the file.
      {R"(<![LOG[Ctx]LOG]!><time="00:00:01.000+0" date="12-31-1999" component="C" context="SYSTEM" type="1" thread="2" file="a.cpp:1">)",
       R"(line=1 time=1999-12-31T00:00:01.000Z local="12-31-1999 00:00:01.000 +0" level=info component="C" thread="2" msg="Ctx" data.file="a.cpp:1" data.context="SYSTEM")"},
      // Types other than 1-3 carry no level; single quotes and an empty message are tolerated.
      {R"(<![LOG[]LOG]!><time='23:59:59.999+0' date='02-29-2024' component='X' type='0' thread='9'>)",
       R"(line=1 time=2024-02-29T23:59:59.999Z local="02-29-2024 23:59:59.999 +0" level=unknown component="X" thread="9")"},
      // Unknown attributes are skipped; text after the tag carries nothing.
      {R"(<![LOG[Extra]LOG]!><time="01:02:03.004+0" date="03-04-2021" severity="high" type="2" thread="5"> trailing)",
       R"(line=1 time=2021-03-04T01:02:03.004Z local="03-04-2021 01:02:03.004 +0" level=warning thread="5" msg="Extra")"},
      // UTF-8 and tabs in the message pass through.
      {"<![LOG[Zertifikat \xE2\x80\x93 ung\xC3\xBCltig\tx]LOG]!><time=\"01:00:00.000+0\" "
       "date=\"01-01-2024\" type=\"3\">",
       "line=1 time=2024-01-01T01:00:00.000Z local=\"01-01-2024 01:00:00.000 +0\" level=error "
       "msg=\"Zertifikat \xE2\x80\x93 ung\xC3\xBCltig\\tx\""},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    ASSERT_EQ(run.records.size(), 1u) << c.input;
    EXPECT_EQ(run.records[0], c.expected);
    EXPECT_EQ(run.stats.lines_in_records, 1u);
    EXPECT_EQ(run.stats.lines_not_understood, 0u);
    EXPECT_EQ(run.stats.times_unparsed, 0u);
  }
}

struct BadCase {
  std::string input;
  std::vector<std::string> expected;
  uint64_t not_understood;
  uint64_t times_unparsed;
};

TEST(CmtraceTokenizer, SurvivesBadLines) {
  const std::string long_message(200000, 'x');
  const BadCase cases[] = {
      // Text before any record is the cut tail of one (see ReadsAPasteCutInsideAMessage).
      {"plain garbage", {R"(line=1 level=unknown msg="plain garbage")"}, 0, 0},
      {"]LOG]!><time=\"01:00:00.000+0\" date=\"01-01-2024\">",
       {R"(line=1 time=2024-01-01T01:00:00.000Z local="01-01-2024 01:00:00.000 +0" level=unknown)"},
       0,
       0},
      {"<![LOG[truncated with no close",
       {R"(line=1 level=unknown msg="truncated with no close")"},
       0,
       0},
      {"<![LOG[no attributes]LOG]!>", {R"(line=1 level=unknown msg="no attributes")"}, 0, 0},
      {R"(<![LOG[month 13]LOG]!><time="01:00:00.000+0" date="13-01-2024" type="1">)",
       {R"(line=1 local="13-01-2024 01:00:00.000 +0" level=info msg="month 13")"},
       0,
       1},
      {R"(<![LOG[hour 25]LOG]!><time="25:00:00.000+0" date="12-01-2024" type="1">)",
       {R"(line=1 local="12-01-2024 25:00:00.000 +0" level=info msg="hour 25")"},
       0,
       1},
      {R"(<![LOG[year 0]LOG]!><time="01:00:00.000" date="12-01-0000" type="1">)",
       {R"(line=1 local="12-01-0000 01:00:00.000" level=info msg="year 0")"},
       0,
       1},
      {R"(<![LOG[bad bias]LOG]!><time="01:00:00.000+abc" date="12-01-2024">)",
       {R"(line=1 local="12-01-2024 01:00:00.000 +abc" level=unknown msg="bad bias")"},
       0,
       1},
      {R"(<![LOG[time only]LOG]!><time="01:00:00.000+0" type="2">)",
       {R"(line=1 local="01:00:00.000 +0" level=warning msg="time only")"},
       0,
       1},
      {R"(<![LOG[tag cut]LOG]!><time="01:00:00.000+0" date="12-0)",
       {R"(line=1 local="12-0 01:00:00.000 +0" level=unknown msg="tag cut")"},
       0,
       1},
      {R"(<![LOG[odd tag]LOG]!>< = ="x" type type="3" ==">)",
       {R"(line=1 level=error msg="odd tag")"},
       0,
       0},
      {std::string("\x00\x01\xff\xfe junk", 9),
       {"line=1 level=unknown msg=\"\\x00\\x01\xff\xfe junk\""},
       0,
       0},
      {"<![LOG[" + long_message + "]LOG]!><type=\"1\">",
       {"line=1 level=info msg=\"" + long_message + "\""},
       0,
       0},
  };
  for (const BadCase& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input.substr(0, 80);
    EXPECT_EQ(run.stats.lines_not_understood, c.not_understood) << c.input.substr(0, 80);
    EXPECT_EQ(run.stats.times_unparsed, c.times_unparsed) << c.input.substr(0, 80);
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        1u);
  }
}

TEST(CmtraceTokenizer, JoinsMessageSpanningLines) {
  Output run = tokenize(
      "<![LOG[Raising event:\n"
      "instance of CCM_ServiceHost_CertRetrieval_Status\n"
      "{\n"
      "\tHRESULT = \"0x87d00215\";\n"
      "};\n"
      "]LOG]!><time=\"11:31:44.123+000\" date=\"02-14-2024\" component=\"CcmExec\" context=\"\" "
      "type=\"1\" thread=\"4412\" file=\"event.cpp:729\">");
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0],
            R"(line=1 lines=6 time=2024-02-14T11:31:44.123Z local="02-14-2024 11:31:44.123 +000" )"
            R"(level=info component="CcmExec" thread="4412" msg="Raising event:\ninstance of )"
            R"(CCM_ServiceHost_CertRetrieval_Status\n{\n\tHRESULT = \"0x87d00215\";\n};\n" )"
            R"(data.file="event.cpp:729")");
  EXPECT_EQ(run.stats.lines_in_records, 6u);
}

TEST(CmtraceTokenizer, EmitsUnclosedRecordWhenNextStarts) {
  Output run = tokenize(
      "<![LOG[first, never closed\n"
      "its second line\n"
      "<![LOG[next]LOG]!><type=\"2\">");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 lines=2 level=unknown msg="first, never closed\nits second line")",
                R"(line=3 level=warning msg="next")"}));
  EXPECT_EQ(run.stats.lines_in_records, 3u);
}

TEST(CmtraceTokenizer, SplitsRecordsSharingALine) {
  Output run = tokenize(
      "<![LOG[a]LOG]!><type=\"1\"><![LOG[b]LOG]!><type=\"3\"> <![LOG[c, cut mid-line <![LOG[d\n"
      "d continues]LOG]!><type=\"2\">");
  EXPECT_EQ(run.records, (std::vector<std::string>{
                             R"(line=1 level=info msg="a")", R"(line=1 level=error msg="b")",
                             R"(line=1 level=unknown msg="c, cut mid-line ")",
                             R"(line=1 lines=2 level=warning msg="d\nd continues")"}));
  EXPECT_EQ(run.stats.records, 4u);
  EXPECT_EQ(run.stats.lines_in_records, 2u);
}

TEST(CmtraceTokenizer, CountsLinesOutsideRecords) {
  Output run = tokenize(
      "\n"
      "<![LOG[one]LOG]!><type=\"1\">\n"
      "\n"
      "stray line\n"
      "<![LOG[two]LOG]!><type=\"1\">");
  EXPECT_EQ(run.stats.records, 2u);
  EXPECT_EQ(run.stats.lines_in_records, 2u);
  EXPECT_EQ(run.stats.lines_not_understood, 3u);
}

TEST(CmtraceTokenizer, ReadsAPasteCutInsideAMessage) {
  // The paste begins in the middle of a multi-line message: its tail keeps the closing tag's
  // time and component, and the records after it are read whole.
  Output run = tokenize(
      "\tHRESULT = \"0x87d00215\";\n"
      "};\n"
      "]LOG]!><time=\"11:31:44.123+000\" date=\"02-14-2024\" component=\"CcmExec\" type=\"3\" "
      "thread=\"4412\">\n"
      "<![LOG[next]LOG]!><type=\"2\">");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=1 lines=3 time=2024-02-14T11:31:44.123Z local="02-14-2024 11:31:44.123 +000" )"
          R"(level=error component="CcmExec" thread="4412" msg="\tHRESULT = \"0x87d00215\";\n};\n")",
          R"(line=4 level=warning msg="next")"}));
  EXPECT_EQ(run.stats.lines_in_records, 4u);
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
  // Cut without its closing tag: the tail is a record until the next one starts.
  Output unclosed = tokenize("only the tail\n<![LOG[next]LOG]!><type=\"2\">");
  EXPECT_EQ(unclosed.records,
            (std::vector<std::string>{R"(line=1 level=unknown msg="only the tail")",
                                      R"(line=2 level=warning msg="next")"}));
}

TEST(CmtraceTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  CmtraceTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("<![LOG[abc", 1);
  tokenizer.feed("def]LOG]!><type=\"1\"><![LOG[ghi", 1);
  tokenizer.feed("<![LOG[jkl]LOG]!><type=\"2\">", 1);
  tokenizer.feed("<![LOG[mno]LOG]!><type=\"3\">", 2);
  tokenizer.finish();
  EXPECT_EQ(records, (std::vector<std::string>{
                         R"(line=1 level=info msg="abcdef")", R"(line=1 level=unknown msg="ghi")",
                         R"(line=1 level=warning msg="jkl")", R"(line=2 level=error msg="mno")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 2u);
  EXPECT_EQ(tokenizer.stats().lines_not_understood, 0u);
}

}  // namespace
}  // namespace certdiag
