#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tokenize/iis_w3c.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  return testing_support::feed_lines(
      text, [&](RecordSink sink) { return IisW3cTokenizer(std::move(sink)); });
}

constexpr std::string_view kHeader =
    "#Software: Microsoft Internet Information Services 10.0\n"
    "#Version: 1.0\n"
    "#Date: 2024-02-14 11:31:44\n"
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
    "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

struct Case {
  std::string_view data;  // after kHeader
  std::string_view expected;
};

TEST(IisW3cTokenizer, ReadsGoodLines) {
  const Case cases[] = {
      // The management point line from the reference notes: 403.7, client certificate required.
      {"2024-02-14 11:31:44 10.1.2.1 GET /SMS_MP/.sms_aut SITESIGNCERT 443 - 10.1.2.3 "
       "SMS+CCM+5.0 - 403 7 0 5573",
       R"(line=5 time=2024-02-14T11:31:44.000Z level=warning )"
       R"(msg="GET /SMS_MP/.sms_aut?SITESIGNCERT 443 - 10.1.2.3 403 7 0" data.date="2024-02-14" )"
       R"(data.time="11:31:44" data.s-ip="10.1.2.1" data.cs-method="GET" )"
       R"(data.cs-uri-stem="/SMS_MP/.sms_aut" data.cs-uri-query="SITESIGNCERT" data.s-port="443" )"
       R"(data.cs-username="-" data.c-ip="10.1.2.3" data.cs(User-Agent)="SMS+CCM+5.0" )"
       R"(data.cs(Referer)="-" data.sc-status="403" data.sc-substatus="7" )"
       R"(data.sc-win32-status="0" data.time-taken="5573")"},
      // No query: no '?'; 200 is info; a user name.
      {"2024-02-14 23:59:59 10.1.2.1 CCM_POST /ccm_system/request - 443 CONTOSO\\svc 10.1.2.4 "
       "ccmhttp - 200 0 0 15",
       R"(line=5 time=2024-02-14T23:59:59.000Z level=info )"
       R"(msg="CCM_POST /ccm_system/request 443 CONTOSO\\svc 10.1.2.4 200 0 0" )"
       R"(data.date="2024-02-14" data.time="23:59:59" data.s-ip="10.1.2.1" )"
       R"(data.cs-method="CCM_POST" data.cs-uri-stem="/ccm_system/request" )"
       R"(data.cs-uri-query="-" data.s-port="443" data.cs-username="CONTOSO\\svc" )"
       R"(data.c-ip="10.1.2.4" data.cs(User-Agent)="ccmhttp" data.cs(Referer)="-" )"
       R"(data.sc-status="200" data.sc-substatus="0" data.sc-win32-status="0" )"
       R"(data.time-taken="15")"},
      // 500 and up is an error; blanks around and between values are tolerated.
      {"  2024-02-14 00:00:00 10.1.2.1 GET /  -  443 - ::1 - - 503 0 64 1  ",
       R"(line=5 time=2024-02-14T00:00:00.000Z level=error msg="GET / 443 - ::1 503 0 64" )"
       R"(data.date="2024-02-14" data.time="00:00:00" data.s-ip="10.1.2.1" data.cs-method="GET" )"
       R"(data.cs-uri-stem="/" data.cs-uri-query="-" data.s-port="443" data.cs-username="-" )"
       R"(data.c-ip="::1" data.cs(User-Agent)="-" data.cs(Referer)="-" data.sc-status="503" )"
       R"(data.sc-substatus="0" data.sc-win32-status="64" data.time-taken="1")"},
      // Tabs and runs of blanks separate values too, wherever they fall in a long value.
      {"2024-02-14\t11:31:44 10.1.2.1\tGET\t/SMS_MP/.sms_aut\tSITESIGNCERT 443\t \t-  10.1.2.3 "
       "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+caf\xc3\xa9\t- 403 7 0\t5573",
       R"(line=5 time=2024-02-14T11:31:44.000Z level=warning )"
       R"(msg="GET /SMS_MP/.sms_aut?SITESIGNCERT 443 - 10.1.2.3 403 7 0" data.date="2024-02-14" )"
       R"(data.time="11:31:44" data.s-ip="10.1.2.1" data.cs-method="GET" )"
       R"(data.cs-uri-stem="/SMS_MP/.sms_aut" data.cs-uri-query="SITESIGNCERT" data.s-port="443" )"
       R"(data.cs-username="-" data.c-ip="10.1.2.3" )"
       "data.cs(User-Agent)=\"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+caf\xc3\xa9\" "
       R"(data.cs(Referer)="-" data.sc-status="403" data.sc-substatus="7" )"
       R"(data.sc-win32-status="0" data.time-taken="5573")"},
  };
  for (const Case& c : cases) {
    Output run = tokenize(std::string(kHeader) + std::string(c.data));
    EXPECT_EQ(run.records, (std::vector<std::string>{std::string(c.expected)})) << c.data;
    EXPECT_EQ(run.stats.lines_structure, 4u);  // the directives
    EXPECT_EQ(run.stats.lines_not_understood, 0u);
    EXPECT_EQ(run.stats.lines_in_records, 1u);
    EXPECT_EQ(run.stats.times_unparsed, 0u);
  }
}

// Values are split at runs of spaces and tabs wherever they fall: across the 16-byte blocks
// the splitter reads, at the line's start and end, at lengths up to and past a block.
TEST(IisW3cTokenizer, SplitsValuesAtRunsOfBlanksAnywhereInTheLine) {
  std::mt19937 random(7);
  const std::string blanks[] = {" ", "\t", "  ", " \t ", std::string(17, ' ')};
  for (int round = 0; round < 300; ++round) {
    const size_t columns = 1 + random() % 9;
    std::string fields = "#Fields:";
    std::string line = round % 3 == 0 ? blanks[random() % 5] : "";
    std::vector<std::string> values;
    for (size_t i = 0; i < columns; ++i) {
      fields += " x-c" + std::to_string(i);
      values.emplace_back(1 + random() % 40, static_cast<char>('a' + i));
      if (i > 0) line += blanks[random() % 5];
      line += values.back();
    }
    if (round % 4 == 0) line += blanks[random() % 5];
    std::vector<std::string> read;
    IisW3cTokenizer tokenizer([&](Record& record) {
      for_each_data(record,
                    [&](std::string_view, std::string_view value) { read.emplace_back(value); });
    });
    tokenizer.feed(fields, 1);
    tokenizer.feed(line, 2);
    tokenizer.finish();
    EXPECT_EQ(read, values) << "line: '" << line << "'";
  }
}

// A line's values are lent to the record, pointing into the line as it was read, not copied.
TEST(IisW3cTokenizer, LendsTheLinesValuesInsteadOfCopyingThem) {
  const std::string line = "2024-02-14 11:31:44 GET 403";
  std::vector<size_t> offsets;
  size_t records = 0;
  IisW3cTokenizer tokenizer([&](Record& record) {
    ++records;
    EXPECT_TRUE(record.data.empty());
    ASSERT_EQ(record.lent_names.size(), 4u);
    ASSERT_EQ(record.lent_values.size(), 4u);
    EXPECT_EQ(record.lent_names[3], "sc-status");
    for (std::string_view value : record.lent_values)
      offsets.push_back(static_cast<size_t>(value.data() - record.lent_values[0].data()));
  });
  tokenizer.feed("#Fields: date time cs-method sc-status", 1);
  tokenizer.feed(line, 2);
  tokenizer.finish();
  EXPECT_EQ(records, 1u);
  EXPECT_EQ(offsets, (std::vector<size_t>{0, 11, 20, 24}));
}

// A record kept past its sink owns its lent columns: they outlive the line they came from.
TEST(IisW3cTokenizer, AKeptRecordOwnsItsColumns) {
  std::vector<Record> kept;
  IisW3cTokenizer tokenizer([&](Record& record) {
    kept.push_back(record);
    own_lent_data(kept.back());
  });
  tokenizer.feed("#Fields: cs-method sc-status", 1);
  tokenizer.feed("GET 403", 2);
  tokenizer.feed("POST 200", 3);
  tokenizer.finish();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_TRUE(kept[0].lent_names.empty());
  EXPECT_EQ(debug_string(kept[0]),
            R"(line=2 level=warning msg="GET - - - - 403 - -" data.cs-method="GET" )"
            R"(data.sc-status="403")");
  EXPECT_EQ(debug_string(kept[1]),
            R"(line=3 level=info msg="POST - - - - 200 - -" data.cs-method="POST" )"
            R"(data.sc-status="200")");
}

TEST(IisW3cTokenizer, SwitchesColumnsAtANewFieldsDirective) {
  Output run = tokenize(std::string(kHeader) +
                        "2024-02-14 11:31:44 10.1.2.1 GET / - 443 - 10.1.2.3 - - 403 16 0 1\n"
                        "#Date: 2024-02-15 00:00:00\n"
                        "#Fields: time s-computername cs-method sc-status\n"
                        "01:02:03.5 MP01 POST 401\n");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=5 time=2024-02-14T11:31:44.000Z level=warning )"
          R"(msg="GET / 443 - 10.1.2.3 403 16 0" data.date="2024-02-14" data.time="11:31:44" )"
          R"(data.s-ip="10.1.2.1" data.cs-method="GET" data.cs-uri-stem="/" )"
          R"(data.cs-uri-query="-" data.s-port="443" data.cs-username="-" )"
          R"(data.c-ip="10.1.2.3" data.cs(User-Agent)="-" data.cs(Referer)="-" )"
          R"(data.sc-status="403" data.sc-substatus="16" data.sc-win32-status="0" )"
          R"(data.time-taken="1")",
          // No date column: the #Date directive's day; missing columns read "-".
          R"(line=8 time=2024-02-15T01:02:03.500Z level=warning host="MP01" )"
          R"(msg="POST - - - - 401 - -" data.time="01:02:03.5" data.s-computername="MP01" )"
          R"(data.cs-method="POST" data.sc-status="401")"}));
  EXPECT_EQ(run.stats.lines_structure, 6u);       // the directives
  EXPECT_EQ(run.stats.lines_not_understood, 1u);  // the last, empty line
}

TEST(IisW3cTokenizer, NamesValuesByTheLatestFieldsDirectiveOfTheSameWidth) {
  Output run = tokenize(
      "#Fields: time cs-method sc-status\n"
      "01:02:03 GET 200\n"
      "01:02:04 GET 403\n"
      "#Fields: time s-computername sc-substatus\n"
      "01:02:05 MP01 7\n");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=2 level=info msg="GET - - - - 200 - -" data.time="01:02:03" )"
                R"(data.cs-method="GET" data.sc-status="200")",
                R"(line=3 level=warning msg="GET - - - - 403 - -" data.time="01:02:04" )"
                R"(data.cs-method="GET" data.sc-status="403")",
                R"(line=5 level=unknown host="MP01" msg="- - - - - - 7 -" data.time="01:02:05" )"
                R"(data.s-computername="MP01" data.sc-substatus="7")"}));
}

TEST(IisW3cTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  IisW3cTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("#Fields: date time cs-uri-stem sc-status", 1);
  tokenizer.feed("2024-02-14 11:31:44 /a", 2);
  tokenizer.feed("bc 200", 2);
  tokenizer.feed("2024-02-14 11:31:45 /d 404", 3);
  tokenizer.finish();
  EXPECT_EQ(records, (std::vector<std::string>{
                         R"(line=2 time=2024-02-14T11:31:44.000Z level=info )"
                         R"(msg="- /abc - - - 200 - -" data.date="2024-02-14" )"
                         R"(data.time="11:31:44" data.cs-uri-stem="/abc" data.sc-status="200")",
                         R"(line=3 time=2024-02-14T11:31:45.000Z level=warning )"
                         R"(msg="- /d - - - 404 - -" data.date="2024-02-14" )"
                         R"(data.time="11:31:45" data.cs-uri-stem="/d" data.sc-status="404")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 2u);
  EXPECT_EQ(tokenizer.stats().lines_structure, 1u);
}

struct BadCase {
  std::string input;
  std::vector<std::string> expected;
  uint64_t not_understood;  // directives are structure, not counted here
  uint64_t times_unparsed;
};

TEST(IisW3cTokenizer, SurvivesBadLines) {
  constexpr std::string_view kShort = "#Fields: date time sc-status\n";
  const BadCase cases[] = {
      // Data before any #Fields has no names.
      {"2024-02-14 11:31:44 403", {}, 1, 0},
      {std::string(kShort) + "2024-02-14 11:31:44", {}, 1, 0},
      {std::string(kShort) + "2024-02-14 11:31:44 403 extra", {}, 1, 0},
      {std::string(kShort) + "", {}, 1, 0},
      {std::string(kShort) + std::string("\x00\x01\xff\xfe junk", 9), {}, 1, 0},
      {"#Remark: anything", {}, 0, 0},
      {"#Fields:\n2024-02-14", {}, 1, 0},
      // Month 13, hour 25, a status that is no number.
      {std::string(kShort) + "2024-13-14 11:31:44 403",
       {R"(line=2 level=warning msg="- - - - - 403 - -" data.date="2024-13-14" )"
        R"(data.time="11:31:44" data.sc-status="403")"},
       0,
       1},
      {std::string(kShort) + "2024-02-14 25:31:44 200",
       {R"(line=2 level=info msg="- - - - - 200 - -" data.date="2024-02-14" )"
        R"(data.time="25:31:44" data.sc-status="200")"},
       0,
       1},
      {std::string(kShort) + "2024-02-14 11:31:44 abc",
       {R"(line=2 time=2024-02-14T11:31:44.000Z level=unknown msg="- - - - - abc - -" )"
        R"(data.date="2024-02-14" data.time="11:31:44" data.sc-status="abc")"},
       0,
       0},
      // A time without a day (no date column, no #Date) does not make a time.
      {"#Fields: time sc-status\n11:31:44 200",
       {R"(line=2 level=info msg="- - - - - 200 - -" data.time="11:31:44" data.sc-status="200")"},
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
        run.lines)
        << c.input;
  }
}

TEST(IisW3cTokenizer, DetectsItsDirectives) {
  const std::pair<std::string_view, bool> cases[] = {
      {"#Software: Microsoft Internet Information Services 10.0", true},
      {"#Version: 1.0", true},
      {"#Date: 2024-02-14 11:31:44", true},
      {"#Fields: date time s-ip cs-method cs-uri-stem", true},
      {"#Fields: cs(User-Agent)", true},
      {"#Version: latest", false},
      {"#Date: yesterday", false},
      {"#Fields: one two", false},
      {"#Remark: x", false},
      {"2024-02-14 11:31:44 10.1.2.1 GET / - 443 - 10.1.2.3 - - 403 7 0 1", false},
      {"", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(is_iis_directive(line), expected) << line;
  }
  EXPECT_EQ(detect_format({"#Software: Microsoft Internet Information Services 10.0",
                           "#Version: 1.0", "#Date: 2024-02-14 11:31:44",
                           "#Fields: date time s-ip cs-method cs-uri-stem sc-status",
                           "2024-02-14 11:31:44 10.1.2.1 GET / 403"}),
            "iis-w3c");
}

}  // namespace
}  // namespace certdiag
