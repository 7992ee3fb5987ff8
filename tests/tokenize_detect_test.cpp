#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "tokenize/tokenizer.h"

namespace certdiag {
namespace {

struct DetectCase {
  std::vector<std::string> lines;
  std::string_view expected;
};

TEST(DetectFormat, PicksTheFormatTheFirstLinesShow) {
  const DetectCase cases[] = {
      {{R"(<![LOG[Scan failed]LOG]!><time="08:51:08.954-570" date="08-01-2013" type="3">)"},
       "cmtrace"},
      {{"<![LOG[Raising event:", "instance of X", "{", "};", R"(]LOG]!><time="1:00:00.000+0">)"},
       "cmtrace"},
      {{"*** Failed to connect.  $$<Configuration Manager Setup><08-22-2016 "
        "04:15:01.917+420><thread=2868 (0xB34)>"},
       "sms-trace"},
      {{"Starting  $$<SMS_EXECUTIVE><Fri Mar 26 10:43:41.547 1999 Eastern Standard "
        "Time><thread=123 (0x7B)>"},
       "sms-trace"},
      {{"Asset Intelligence Catalog Sync Service Warning: 0 : Tue, 26 Apr 2011 04:51:58 GMT:x",
        "    DateTime=2011-04-26T04:51:58.1234567Z"},
       "dotnet-trace"},
      {{"2024-02-14T11:31:44Z plain text", "more text"}, "plain"},
      {{}, "plain"},
      {{"", "  ", std::string("\x00\xff", 2)}, "plain"},
      // A marker in prose is outvoted by the lines that show the real layout.
      {{"note: logs look like <![LOG[...]LOG]!>",
        "a  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=1 (0x1)>",
        "b  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=1 (0x1)>"},
       "sms-trace"},
      {{"Warning: 0 : no source", "S Debug: 0 : unknown type", "$$<a><b>"}, "plain"},
  };
  for (const DetectCase& c : cases) {
    EXPECT_EQ(detect_format(c.lines), c.expected) << (c.lines.empty() ? "" : c.lines[0]);
  }
}

TEST(DetectFormat, NamesEveryFormatItCanMake) {
  EXPECT_EQ(text_format_names().back(), "plain");
  for (std::string_view name : text_format_names()) {
    auto tokenizer = make_tokenizer(name, [](Record&) {});
    ASSERT_NE(tokenizer, nullptr) << name;
    EXPECT_EQ(tokenizer->name(), name);
  }
  EXPECT_EQ(make_tokenizer("evtx-typo", [](Record&) {}), nullptr);
}

TEST(DetectFormat, ReasonQuotesTheFirstLineCutOnACharacterBoundary) {
  // 59 ASCII bytes, then é at bytes 60 and 61: the 60-byte quote must end before it.
  const std::string line = "#Software: " + std::string(48, 'x') + "ééé";
  const Detection detection = detect_format_why({line, "#Fields: date time s-ip cs-method"});
  EXPECT_EQ(detection.format, "iis-w3c");
  EXPECT_EQ(detection.reason, "2 of the first 2 lines show its layout, first line 1: #Software: " +
                                  std::string(48, 'x'));
}

// Lines of every layout, whole and broken, and junk: any mix must keep the line accounting.
const std::vector<std::string>& line_pool() {
  static const std::vector<std::string> pool = {
      R"(<![LOG[Scan failed]LOG]!><time="08:51:08.954-570" date="08-01-2013" type="3" thread="1">)",
      "<![LOG[open without close",
      R"(]LOG]!><time="1:00:00.000+0" date="1-1-2024">)",
      "<![LOG[a]LOG]!><type=\"1\"><![LOG[b",
      "]LOG]!>",
      "<![LOG[",
      "msg  $$<SMS_X><01-02-2020 03:04:05.000+0><thread=1 (0x1)>",
      "msg~~more  $$<SMS_X><13-02-2020 03:04:05.000+0><thread=1 (0x1)>",
      "cut  $$<SMS_X><01-02-2020",
      "S Error: 0 : Tue, 26 Apr 2011 04:51:58 GMT:boom",
      "S Warning: 1 :Wed, 26 Apr 2011 04:51:58 GMT:bad weekday",
      "    DateTime=2011-04-26T04:51:58.1234567Z",
      "    ThreadId=5",
      "    Callstack=   at X()",
      "   at System.Net.HttpWebRequest.GetResponse()",
      "2024-02-14T11:31:44Z plain",
      "2024-13-14T11:31:44Z plain bad month",
      "",
      "   ",
      std::string("\x00\x01\xff\xfe", 4),
      std::string(5000, '<'),
      "random words : 1 : here",
      // Event Viewer CSV and PowerShell CSV
      "Level,Date and Time,Source,Event ID,Task Category",
      R"("LevelDisplayName";"TimeCreated";"ProviderName";"Id";"Message")",
      "#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord",
      "Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File "
      "System,\"x\"",
      "Error,13/7/2016 06:38:24 PM,S,1,T,\"opens a quote",
      "closes it\"",
      "\"",
      "\"Fehler\";\"16.05.2024 07:14:01\";\"Schannel\";\"36887\";\"m\"",
      std::string(3000, ','),
      std::string(3000, '"'),
      // wevtutil /f:text and Format-List
      "Event[0]:",
      "Event[1]",
      "  Log Name: Application",
      "  Date: 2020-13-14T17:09:08.940",
      "  Description:",
      "TimeCreated  : 4/8/2016 4:12:37 PM",
      "Id           : 1215",
      "Message      : Block copy completed",
      "               continued",
      "Event[" + std::string(3000, '9') + "]",
      // IIS W3C
      "#Software: Microsoft Internet Information Services 10.0",
      "#Date: 2024-02-14 11:31:44",
      "#Fields: date time cs-uri-stem sc-status",
      "#Fields: time sc-status",
      "2024-02-14 11:31:44 /a 403",
      "2024-13-14 11:31:44 /a 403",
      "11:31:44 500",
      std::string(3000, '#'),
      // event XML
      "<Events>",
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider "
      "Name='Schannel'/>",
      "<EventID>36887</EventID><TimeCreated "
      "SystemTime='2024-02-14T11:31:44.000Z'/></System></Event>",
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1",
      "</Events>",
  };
  return pool;
}

TEST(TokenizerAccounting, EveryLineIsInARecordOrNotUnderstood) {
  std::mt19937 random(20240214);
  const auto& pool = line_pool();
  for (std::string_view format : text_format_names()) {
    for (int round = 0; round < 400; ++round) {
      uint64_t records = 0;
      auto tokenizer = make_tokenizer(format, [&](Record& record) {
        ++records;
        EXPECT_GE(record.line_count, 1u);
      });
      std::set<uint64_t> fed;
      uint64_t line_no = 0;
      int lines = static_cast<int>(random() % 40);
      for (int i = 0; i < lines; ++i) {
        const std::string& line = pool[random() % pool.size()];
        ++line_no;
        // Now and then a line comes in pieces under one number, as a split long line does.
        size_t pieces = random() % 8 == 0 ? 1 + random() % 3 : 1;
        size_t step = line.size() / pieces + 1;
        for (size_t start = 0; start < line.size() || start == 0; start += step) {
          tokenizer->feed(std::string_view(line).substr(start, step), line_no);
          fed.insert(line_no);
          if (line.empty()) break;
        }
      }
      tokenizer->finish();
      const TokenizeStats& stats = tokenizer->stats();
      ASSERT_EQ(stats.lines_in_records + stats.lines_structure + stats.lines_not_understood,
                fed.size())
          << format << " round " << round;
      EXPECT_EQ(stats.records, records);
    }
  }
}

}  // namespace
}  // namespace certdiag
