#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/sms_trace.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  return testing_support::feed_lines(
      text, [](RecordSink sink) { return SmsTraceTokenizer(std::move(sink)); });
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(SmsTraceTokenizer, ReadsGoodLines) {
  const Case cases[] = {
      // Microsoft SupportArticles (SQL connectivity).
      {"*** Failed to connect to the SQL Server, connection type: SMS ACCESS.  $$<Configuration "
       "Manager Setup><08-22-2016 04:15:01.917+420><thread=2868 (0xB34)>",
       R"(line=1 time=2016-08-22T11:15:01.917Z local="08-22-2016 04:15:01.917 +420" level=unknown )"
       R"(component="Configuration Manager Setup" thread="2868" msg="*** Failed to connect to the )"
       R"(SQL Server, connection type: SMS ACCESS.")"},
      {"omGetServerRoleAvailabilityState could not read from the registry on <MACHINE_NAME>; error "
       "= 5: $$<SMS_SITE_SYSTEM_STATUS_SUMMARIZER><07-30-2018 00:00:00.620+420><thread=40800 "
       "(0x9F60)>",
       R"(line=1 time=2018-07-30T07:00:00.620Z local="07-30-2018 00:00:00.620 +420" level=unknown )"
       R"(component="SMS_SITE_SYSTEM_STATUS_SUMMARIZER" thread="40800" msg="omGetServerRoleAvailab)"
       R"(ilityState could not read from the registry on <MACHINE_NAME>; error = 5:")"},
      // `~~` is an embedded line break.
      {"System.Net.WebException: The remote server returned an error: (403) Forbidden.~~  at "
       "System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)  "
       "$$<SMS_CLOUD_PROXYCONNECTOR><01-15-2019 10:02:03.456-60><thread=5140 (0x1414)>",
       R"(line=1 time=2019-01-15T09:02:03.456Z local="01-15-2019 10:02:03.456 -60" level=unknown )"
       R"(component="SMS_CLOUD_PROXYCONNECTOR" thread="5140" msg="System.Net.WebException: The )"
       R"(remote server returned an error: (403) Forbidden.\n  at System.Net.HttpWebRequest.)"
       R"x(EndGetResponse(IAsyncResult asyncResult)")x"},
      // A "$$<" inside the message is not the trailer; an empty message is a record.
      {"cost $$<5 $$<SMS_X><1-2-2020 3:04:05.6+0><thread=1 (0x1)>",
       R"(line=1 time=2020-01-02T03:04:05.600Z local="1-2-2020 3:04:05.6 +0" level=unknown )"
       R"(component="SMS_X" thread="1" msg="cost $$<5")"},
      // Dollars before the trailer stay in the message: the trailer is the last "$$<".
      {"price $5 $$ $$$<SMS_X><1-2-2020 3:04:05.6+0><thread=1 (0x1)>",
       R"(line=1 time=2020-01-02T03:04:05.600Z local="1-2-2020 3:04:05.6 +0" level=unknown )"
       R"(component="SMS_X" thread="1" msg="price $5 $$ $")"},
      {"$$<SMS_X><01-02-2020 03:04:05.000><thread=1 (0x1)>",
       R"(line=1 time=2020-01-02T03:04:05.000Z local="01-02-2020 03:04:05.000" level=unknown )"
       R"(component="SMS_X" thread="1")"},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    ASSERT_EQ(run.records.size(), 1u) << c.input;
    EXPECT_EQ(run.records[0], c.expected);
    EXPECT_EQ(run.stats.lines_in_records, 1u);
    EXPECT_EQ(run.stats.times_unparsed, 0u);
  }
}

struct BadCase {
  std::string input;
  std::vector<std::string> expected;
  uint64_t not_understood;
  uint64_t times_unparsed;
};

TEST(SmsTraceTokenizer, SurvivesBadLines) {
  const BadCase cases[] = {
      // A line without a trailer is (the start of) a message whose trailer never came: a record
      // without time, nothing lost.
      {"no trailer at all", {R"(line=1 level=unknown msg="no trailer at all")"}, 0, 0},
      {"cut  $$<SMS_X><01-02-2020 03:04",
       {R"(line=1 level=unknown msg="cut  $$<SMS_X><01-02-2020 03:04")"},
       0,
       0},
      {"no thread  $$<SMS_X><01-02-2020 03:04:05.000><pid=1>",
       {R"(line=1 level=unknown msg="no thread  $$<SMS_X><01-02-2020 03:04:05.000><pid=1>")"},
       0,
       0},
      // The SMS 2.0 time names a zone, not an offset: kept as written, not guessed.
      {"Starting  $$<SMS_EXECUTIVE><Fri Mar 26 10:43:41.547 1999 Eastern Standard "
       "Time><thread=123 (0x7B)>",
       {R"(line=1 local="Fri Mar 26 10:43:41.547 1999 Eastern Standard Time" level=unknown )"
        R"(component="SMS_EXECUTIVE" thread="123" msg="Starting")"},
       0,
       1},
      {"month 13  $$<SMS_X><13-02-2020 03:04:05.000+0><thread=1 (0x1)>",
       {R"(line=1 local="13-02-2020 03:04:05.000 +0" level=unknown component="SMS_X" thread="1" )"
        R"(msg="month 13")"},
       0,
       1},
      {"empty time  $$<SMS_X><><thread=1>",
       {R"(line=1 level=unknown component="SMS_X" thread="1" msg="empty time")"},
       0,
       0},
      {"unclosed thread  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=77",
       {R"(line=1 time=2020-01-02T03:04:05.000Z local="01-02-2020 03:04:05.000 +0" level=unknown )"
        R"(component="SMS_X" thread="77" msg="unclosed thread")"},
       0,
       0},
  };
  Output blank = tokenize("");
  EXPECT_TRUE(blank.records.empty());
  EXPECT_EQ(blank.stats.lines_structure, 1u);
  Output binary = tokenize(std::string("\x00\xff$$<\x01", 6));
  EXPECT_EQ(binary.records.size(), 1u);
  EXPECT_EQ(binary.stats.lines_in_records, 1u);
  for (const BadCase& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.lines_not_understood, c.not_understood) << c.input;
    EXPECT_EQ(run.stats.times_unparsed, c.times_unparsed) << c.input;
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        1u);
  }
}

TEST(SmsTraceTokenizer, EndsAMultiLineMessageOnItsTrailerLine) {
  // The trailer stands on a message's last line: the lines before it, back to the previous
  // record, are its first lines (an AMT error and its causes are one record); blank lines between
  // records are layout, `~~` is a line break too.
  Output run = tokenize(
      "first  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=1 (0x1)>\n"
      "\n"
      "Error: Device internal error. This may be caused by:\n"
      "1. part one~~with a break\n"
      "2. part two  $$<SMS_AMT_OPERATION_MANAGER><01-02-2020 03:04:06.000+0><thread=2 (0x2)>\n"
      "Warning: left at the end\n");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=1 time=2020-01-02T03:04:05.000Z local="01-02-2020 03:04:05.000 +0" )"
          R"(level=unknown component="SMS_X" thread="1" msg="first")",
          R"(line=3 lines=3 time=2020-01-02T03:04:06.000Z local="01-02-2020 03:04:06.000 +0" )"
          R"(level=error component="SMS_AMT_OPERATION_MANAGER" thread="2" msg="Error: Device )"
          R"(internal error. This may be caused by:\n1. part one\nwith a break\n2. part two")",
          R"(line=6 level=warning msg="Warning: left at the end")"}));
  EXPECT_EQ(run.stats.lines_in_records, 5u);
  EXPECT_EQ(run.stats.lines_structure, 2u);  // line 2 and the empty last line
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(SmsTraceTokenizer, ReadsAPasteCutInsideAMessage) {
  // The paste begins at a multi-line message's second line: that tail is the first record, with
  // its trailer's time, and what follows is read whole.
  Output run = tokenize(
      "2. part two  $$<SMS_AMT_OPERATION_MANAGER><01-02-2020 03:04:06.000+0><thread=2 (0x2)>\n"
      "next  $$<SMS_X><01-02-2020 03:04:07.000+0><thread=1 (0x1)>");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 time=2020-01-02T03:04:06.000Z local="01-02-2020 03:04:06.000 +0" )"
                R"(level=unknown component="SMS_AMT_OPERATION_MANAGER" thread="2" )"
                R"(msg="2. part two")",
                R"(line=2 time=2020-01-02T03:04:07.000Z local="01-02-2020 03:04:07.000 +0" )"
                R"(level=unknown component="SMS_X" thread="1" msg="next")"}));
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(SmsTraceTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  SmsTraceTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("a long", 1);
  tokenizer.feed(" message  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=1 (0x1)>", 1);
  tokenizer.finish();
  EXPECT_EQ(records, (std::vector<std::string>{
                         R"(line=1 time=2020-01-02T03:04:05.000Z local="01-02-2020 )"
                         R"(03:04:05.000 +0" level=unknown component="SMS_X" thread="1" )"
                         R"(msg="a long message")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 1u);
}

}  // namespace
}  // namespace certdiag
