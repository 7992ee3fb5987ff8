#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/dotnet_trace.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  return testing_support::feed_lines(
      text, [](RecordSink sink) { return DotnetTraceTokenizer(std::move(sink)); });
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(DotnetTraceTokenizer, ReadsGoodLines) {
  const Case cases[] = {
      // AIUpdateSvc.log: the service's RFC 1123 date and its colon leave the message.
      {"Asset Intelligence Catalog Sync Service Warning: 0 : Tue, 26 Apr 2011 04:51:58 "
       "GMT:WebException trying to enroll: Status = ProtocolError",
       R"(line=1 time=2011-04-26T04:51:58.000Z level=warning component="Asset Intelligence )"
       R"(Catalog Sync Service" event_id=0 msg="WebException trying to enroll: Status = )"
       R"(ProtocolError")"},
      // No space after the id's colon; the en dash stays as written.
      {"Asset Intelligence Catalog Sync Service Error: 0 :Tue, 26 Apr 2011 04:52:03 "
       "GMT:Exception attempting sync \xE2\x80\x93 The request failed with HTTP status 403: "
       "Forbidden.",
       "line=1 time=2011-04-26T04:52:03.000Z level=error component=\"Asset Intelligence Catalog "
       "Sync Service\" event_id=0 msg=\"Exception attempting sync \xE2\x80\x93 The request failed "
       "with HTTP status 403: Forbidden.\""},
      {"MySource Information: 3 : started without a date",
       R"(line=1 level=info component="MySource" event_id=3 msg="started without a date")"},
      {"MySource Critical: -5 : boom",
       R"(line=1 level=error component="MySource" event_id=4294967291 msg="boom")"},
      {"MySource Verbose: 7 : ", R"(line=1 level=verbose component="MySource" event_id=7)"},
      {"MySource Transfer: 0 : Tue, 26 Apr 2011 04:51:58 GMT",
       R"(line=1 time=2011-04-26T04:51:58.000Z level=info component="MySource" event_id=0)"},
      // The leftmost `Type: id :` wins, so a source may hold colons and event type names.
      {"Contoso.Sync: Error Warning: 12 : Error: 4 : x",
       R"(line=1 level=warning component="Contoso.Sync: Error" event_id=12 msg="Error: 4 : x")"},
      // An id too large for Int32 leaves the id empty but the header stands.
      {"S Stop: 99999999999 : done", R"(line=1 level=info component="S" msg="done")"},
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

TEST(DotnetTraceTokenizer, ReadsALocalDateAtTheStartOfTheMessage) {
  // The date leaves the message; its day/month order comes from the source's own dates: the
  // second line's day 13 makes the first line's 6/8 June 8.
  Output run = tokenize(
      "Svc Error: 0 :6/8/2015 10:42:17 AM:Exception attempting sync\n"
      "Svc Information: 0 :6/13/2015 1:00:00 PM:ok");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 time=2015-06-08T10:42:17.000Z time_assumed local="6/8/2015 10:42:17 AM" )"
                R"(level=error component="Svc" event_id=0 msg="Exception attempting sync")",
                R"(line=2 time=2015-06-13T13:00:00.000Z time_assumed local="6/13/2015 1:00:00 PM" )"
                R"(level=info component="Svc" event_id=0 msg="ok")"}));
  EXPECT_EQ(run.stats.times_unparsed, 0u);
  EXPECT_EQ(run.stats.date_order, "mdy");
  EXPECT_FALSE(run.stats.date_order_assumed);
}

TEST(DotnetTraceTokenizer, SurvivesBadLines) {
  const BadCase cases[] = {
      {"no header here", {}, 1, 0},
      {"MySource Debug: 0 : not a TraceEventType", {}, 1, 0},
      {"MySource Error: : no id", {}, 1, 0},
      {"MySource Error: 0 missing colon", {}, 1, 0},
      {"Error: 0 : no source", {}, 1, 0},
      {"    DateTime=2011-04-26T04:51:58.1234567Z", {}, 1, 0},
      {std::string("\x00\x80 Error: 1", 10), {}, 1, 0},
      // A date that does not parse stays in the message and is counted.
      {"S Error: 0 : Tue, 31 Apr 2011 04:51:58 GMT:day 31 of April",
       {R"(line=1 level=error component="S" event_id=0 msg="Tue, 31 Apr 2011 04:51:58 GMT:day 31 )"
        R"(of April")"},
       0,
       1},
      {"S Error: 0 : Wed, 26 Apr 2011 04:51:58 GMT:wrong weekday",
       {R"(line=1 level=error component="S" event_id=0 msg="Wed, 26 Apr 2011 04:51:58 GMT:wrong )"
        R"(weekday")"},
       0,
       1},
  };
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

TEST(DotnetTraceTokenizer, ReadsFooterLines) {
  Output run = tokenize(
      "MySource Information: 1 : hello\n"
      "    ProcessId=1234\n"
      "    LogicalOperationStack=\n"
      "    ThreadId=5\n"
      "    DateTime=2011-04-26T04:51:58.1234567Z\n"
      "    Timestamp=1234567890\n"
      "    Callstack=   at System.Environment.GetStackTrace(Exception e, Boolean needFileInfo)\n"
      "   at System.Environment.get_StackTrace()\n"
      "MySource Warning: 2 : Tue, 26 Apr 2011 04:51:58 GMT:own date wins\n"
      "    DateTime=2011-04-26T05:00:00.0000000Z\n"
      "    DateTime=not a time");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=1 lines=8 time=2011-04-26T04:51:58.123Z level=info component="MySource" )"
          R"(event_id=1 thread="5" msg="hello" data.ProcessId="1234")",
          R"(line=9 lines=3 time=2011-04-26T04:51:58.000Z level=warning component="MySource" )"
          R"(event_id=2 msg="own date wins")"}));
  EXPECT_EQ(run.stats.lines_in_records, 11u);
  EXPECT_EQ(run.stats.times_unparsed, 0u);
}

// The tokenizer reuses one record: nothing of a record handed on (or held back until its date's
// order is known, or emptied by the sink) carries into the next.
TEST(DotnetTraceTokenizer, ARecordCarriesNothingOfThePreviousOne) {
  std::vector<std::string> records;
  DotnetTraceTokenizer tokenizer([&](Record& record) {
    records.push_back(debug_string(record));
    Record taken = std::move(record);  // a sink may take the record's strings
  });
  const std::string_view lines[] = {
      "Svc Error: 7 :6/8/2015 10:42:17 AM:waits for the order",
      "    ProcessId=1234",
      "    ThreadId=5",
      "Svc Information: 0 :6/9/2015 1:00:00 PM:waits too",
      "Other Warning: 3 : no date",
      "    ThreadId=6",
      "Svc Information: 0 :6/13/2015 1:00:00 PM:decides",
      "Last Verbose: 4 : after",
  };
  uint64_t line_no = 0;
  for (const auto line : lines) tokenizer.feed(line, ++line_no);
  tokenizer.finish();
  EXPECT_EQ(records,
            (std::vector<std::string>{
                R"(line=1 lines=3 time=2015-06-08T10:42:17.000Z time_assumed )"
                R"(local="6/8/2015 10:42:17 AM" level=error component="Svc" event_id=7 thread="5" )"
                R"(msg="waits for the order" data.ProcessId="1234")",
                R"(line=4 time=2015-06-09T13:00:00.000Z time_assumed local="6/9/2015 1:00:00 PM" )"
                R"(level=info component="Svc" event_id=0 msg="waits too")",
                R"(line=5 lines=2 level=warning component="Other" event_id=3 thread="6" )"
                R"(msg="no date")",
                R"(line=7 time=2015-06-13T13:00:00.000Z time_assumed local="6/13/2015 1:00:00 PM" )"
                R"(level=info component="Svc" event_id=0 msg="decides")",
                R"(line=8 level=verbose component="Last" event_id=4 msg="after")"}));
}

TEST(DotnetTraceTokenizer, CountsAFooterTimeThatDoesNotParse) {
  Output run = tokenize(
      "MySource Information: 1 : hello\n"
      "    DateTime=2011-13-26T04:51:58Z");
  EXPECT_EQ(run.records, (std::vector<std::string>{
                             R"(line=1 lines=2 level=info component="MySource" event_id=1 )"
                             R"(msg="hello")"}));
  EXPECT_EQ(run.stats.times_unparsed, 1u);
}

TEST(DotnetTraceTokenizer, AppendsContinuationLines) {
  Output run = tokenize(
      "preamble\n"
      "AI Sync Error: 0 :Tue, 26 Apr 2011 04:52:03 GMT:Exception attempting sync\n"
      "System.Net.WebException: The request failed with HTTP status 403: Forbidden.\n"
      "   at System.Web.Services.Protocols.SoapHttpClientProtocol.ReadResponse()\n"
      "\n"
      "AI Sync Information: 0 : next");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=2 lines=4 time=2011-04-26T04:52:03.000Z level=error component="AI Sync" )"
          R"(event_id=0 msg="Exception attempting sync\nSystem.Net.WebException: The request )"
          R"(failed with HTTP status 403: Forbidden.\n   at System.Web.Services.Protocols.)"
          R"(SoapHttpClientProtocol.ReadResponse()\n")",
          R"(line=6 level=info component="AI Sync" event_id=0 msg="next")"}));
  EXPECT_EQ(run.stats.lines_in_records, 5u);
  EXPECT_EQ(run.stats.lines_not_understood, 1u);
}

TEST(DotnetTraceTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  DotnetTraceTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("S Error: 1 : first", 1);
  tokenizer.feed(" piece", 1);
  tokenizer.feed("    ThreadId=3", 1);
  tokenizer.finish();
  EXPECT_EQ(records,
            (std::vector<std::string>{
                R"(line=1 level=error component="S" event_id=1 msg="first piece    ThreadId=3")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 1u);
}

}  // namespace
}  // namespace certdiag
