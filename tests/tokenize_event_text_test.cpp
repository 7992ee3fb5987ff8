#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tokenize/event_text.h"

namespace certdiag {
namespace {

struct Output {
  std::vector<std::string> records;
  TokenizeStats stats;
  uint64_t lines = 0;
};

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, std::string input_tz = "") {
  Output run;
  EventTextTokenizer tokenizer([&](Record& record) { run.records.push_back(debug_string(record)); },
                               TokenizeOptions{std::move(input_tz)});
  for (size_t start = 0;;) {
    size_t end = text.find('\n', start);
    tokenizer.feed(text.substr(start, end - start), ++run.lines);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  tokenizer.finish();
  run.stats = tokenizer.stats();
  return run;
}

struct Case {
  std::string_view input;
  std::vector<std::string> expected;
};

TEST(EventTextTokenizer, ReadsWevtutilRecords) {
  const Case cases[] = {
      // The layout from the reference notes; the message runs to the next Event[.
      {"Event[0]:\n"
       "  Log Name: Application\n"
       "  Source: WLMS\n"
       "  Date: 2020-12-14T17:09:08.940\n"
       "  Event ID: 100\n"
       "  Task: None\n"
       "  Level: Information\n"
       "  Opcode: Info\n"
       "  Keyword: Classic\n"
       "  User: N/A\n"
       "  User Name: N/A\n"
       "  Computer: WIN-1O0UJBNP9G7\n"
       "  Description: \n"
       "Starting the WLMS service.\n"
       "Event[1]\n"
       "  Log Name: System\n"
       "  Source: Schannel\n"
       "  Date: 2022-11-16T14:54:13.2270000Z\n"
       "  Event ID: 36882\n"
       "  Level: Error\n"
       "  Computer: SRV01\n"
       "  Description:\n"
       "The certificate received from the remote server was issued by an untrusted CA.\n"
       "\n"
       "  Details: indented text stays as written\n"
       "\n",
       {R"(line=1 lines=14 time=2020-12-14T17:09:08.940Z time_assumed )"
        R"(local="2020-12-14T17:09:08.940" level=info host="WIN-1O0UJBNP9G7" component="WLMS" )"
        R"(event_id=100 channel="Application" msg="Starting the WLMS service.")",
        R"(line=15 lines=11 time=2022-11-16T14:54:13.227Z level=error host="SRV01" )"
        R"(component="Schannel" event_id=36882 channel="System" msg="The certificate received )"
        R"(from the remote server was issued by an untrusted CA.\n\n  Details: indented text )"
        R"(stays as written")"}},
      // Localized level and keyword words: labels stay English, the level is unknown.
      {"Event[0]:\n"
       "  Log Name: Application\n"
       "  Source: Microsoft-Windows-CertificateServicesClient-AutoEnrollment\n"
       "  Date: 2024-02-14T11:31:44.123\n"
       "  Event ID: 6\n"
       "  Level: \xE4\xBF\xA1\xE6\x81\xAF\n"
       "  Keyword: \xD0\x9A\xD0\xBB\xD0\xB0\xD1\x81\xD1\x81\xD0\xB8\xD1\x87\n"
       "  Description:\n"
       "Automatic certificate enrollment for local system failed (0x800706ba).",
       {R"(line=1 lines=9 time=2024-02-14T11:31:44.123Z time_assumed )"
        R"(local="2024-02-14T11:31:44.123" level=unknown )"
        R"(component="Microsoft-Windows-CertificateServicesClient-AutoEnrollment" event_id=6 )"
        R"(channel="Application" msg="Automatic certificate enrollment for local system )"
        R"(failed (0x800706ba).")"}},
      // A record without a description, and one whose text begins without the label.
      {"Event[7]:\n  Source: A\n  Level: Warning\nEvent[8]:\n  Source: B\nfree text\n",
       {R"(line=1 lines=3 level=warning component="A")",
        R"(line=4 lines=3 level=unknown component="B" msg="free text")"}},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.times_unparsed, 0u) << c.input;
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        run.lines);
  }
}

TEST(EventTextTokenizer, ReadsFormatListRecords) {
  const Case cases[] = {
      // The default view; a blank line inside the message stays, continuation lines lose the
      // indentation of the value column.
      {"\n"
       "\n"
       "TimeCreated  : 4/8/2016 4:12:37 PM\n"
       "ProviderName : Microsoft-Windows-StorageReplica\n"
       "Id           : 1215\n"
       "Message      : Block copy completed for replica.\n"
       "\n"
       "               ReplicationGroupName: rg02\n"
       "                 indented deeper\n"
       "\n"
       "TimeCreated  : 16.05.2024 07:14:01\n"
       "ProviderName : Schannel\n"
       "Id           : 36887\n"
       "Message      : Schwerwiegende Warnung 42.\n"
       "\n"
       "\n",
       {R"(line=3 lines=7 time=2016-04-08T16:12:37.000Z time_assumed local="4/8/2016 4:12:37 PM" )"
        R"(level=unknown component="Microsoft-Windows-StorageReplica" event_id=1215 )"
        R"(msg="Block copy completed for replica.\n\nReplicationGroupName: rg02\n  indented )"
        R"(deeper")",
        R"(line=11 lines=4 time=2024-05-16T07:14:01.000Z time_assumed )"
        R"(local="16.05.2024 07:14:01" level=unknown component="Schannel" event_id=36887 )"
        R"(msg="Schwerwiegende Warnung 42.")"}},
      // Format-List *: LevelDisplayName, MachineName, LogName; a numeric Level wins over a
      // localized word; other properties are not kept.
      {"Message              : Die Zertifikatkette wurde nicht vertrauensw\xC3\xBCrdig.\n"
       "Id                   : 36882\n"
       "Level                : 2\n"
       "Task                 : 0\n"
       "LogName              : System\n"
       "MachineName          : srv01.contoso.com\n"
       "ProviderName         : Schannel\n"
       "TimeCreated          : 2/14/2024 13:31:44\n"
       "LevelDisplayName     : Fehler\n"
       "KeywordsDisplayNames : {}\n",
       {R"(line=1 lines=10 time=2024-02-14T13:31:44.000Z time_assumed local="2/14/2024 13:31:44" )"
        R"(level=error host="srv01.contoso.com" component="Schannel" event_id=36882 )"
        "channel=\"System\" msg=\"Die Zertifikatkette wurde nicht vertrauensw\xC3\xBCrdig.\""}},
      // Level words; a record's first property seen again starts the next one even without a
      // blank line between them.
      {"ProviderName     : A\nLevelDisplayName : Warning\n"
       "ProviderName     : B\nLevelDisplayName : Critical\n"
       "ProviderName     : C\nLevelDisplayName : verbose\n"
       "ProviderName     : D\nLevel            : 0\n",
       {R"(line=1 lines=2 level=warning component="A")",
        R"(line=3 lines=2 level=error component="B")",
        R"(line=5 lines=2 level=verbose component="C")",
        R"(line=7 lines=2 level=info component="D")"}},
      // An empty value, and continuation lines of a value that is not kept.
      {"Id           : 5\nMessage      :\nProperties   : {a,\n                b}\n",
       {R"(line=1 lines=4 level=unknown event_id=5)"}},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.times_unparsed, 0u) << c.input;
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        run.lines);
  }
}

TEST(EventTextTokenizer, CountsBlankSeparatorsAsStructure) {
  Output run = tokenize(
      "\n"
      "Event[0]:\n"
      "  Source: A\n"
      "  Description:\n"
      "one\n"
      "\n"
      "\n"
      "Event[1]:\n"
      "  Source: B\n"
      "\n");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{R"(line=2 lines=4 level=unknown component="A" msg="one")",
                                      R"(line=8 lines=2 level=unknown component="B")"}));
  EXPECT_EQ(run.stats.lines_in_records, 6u);
  EXPECT_EQ(run.stats.lines_structure, 5u);  // lines 1, 6, 7, 10, 11
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(EventTextTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  EventTextTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("Event[0]:", 1);
  tokenizer.feed("  Description:", 2);
  tokenizer.feed("abc", 3);
  tokenizer.feed("def", 3);
  tokenizer.feed("ghi", 4);
  tokenizer.feed("Message : x", 5);  // a column-0 line inside a description is text
  tokenizer.finish();
  EXPECT_EQ(
      records,
      (std::vector<std::string>{R"(line=1 lines=5 level=unknown msg="abcdef\nghi\nMessage : x")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 5u);
  EXPECT_EQ(tokenizer.stats().lines_not_understood, 0u);
}

struct BadCase {
  std::string input;
  std::vector<std::string> expected;
  uint64_t not_understood;
  uint64_t times_unparsed;
};

TEST(EventTextTokenizer, SurvivesBadLines) {
  const BadCase cases[] = {
      {"plain garbage", {}, 1, 0},
      {"  Source: before any record", {}, 1, 0},
      {"Event[x]:", {}, 1, 0},
      {"Event[]", {}, 1, 0},
      {std::string("\x00\x01\xff\xfe junk", 9), {}, 1, 0},
      {"Id:5", {}, 1, 0},  // Format-List always puts a space before the colon
      // Month 13, hour 25, D/M/Y read as M/D/Y, words: kept as written, not read.
      {"Event[0]:\n  Date: 2024-13-01T10:00:00.000\n",
       {R"(line=1 lines=2 local="2024-13-01T10:00:00.000" level=unknown)"},
       0,
       1},
      {"TimeCreated : 13/1/2024 10:00:00 AM",
       {R"(line=1 local="13/1/2024 10:00:00 AM" level=unknown)"},
       0,
       1},
      {"TimeCreated : 1/1/2024 25:00:00",
       {R"(line=1 local="1/1/2024 25:00:00" level=unknown)"},
       0,
       1},
      {"TimeCreated : 31/12/2024 10:00:00",
       {R"(line=1 local="31/12/2024 10:00:00" level=unknown)"},
       0,
       1},
      {"TimeCreated : gestern", {R"(line=1 local="gestern" level=unknown)"}, 0, 1},
      // Text at column 0 inside a Format-List record ends it and belongs to none.
      {"Id           : 5\nstray text\n  indented stray",
       {R"(line=1 level=unknown event_id=5)"},
       2,
       0},
      {"Event[0]:\n  Event ID: 99999999999\n", {R"(line=1 lines=2 level=unknown)"}, 0, 0},
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

TEST(EventTextTokenizer, ReadsLocalTimesInTheInputZone) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Europe/Berlin", "2024-01-15T09:00:00.000Z"},
      {"+05:30", "2024-01-15T04:30:00.000Z"},
      {"", "2024-01-15T10:00:00.000Z"},
  };
  for (const auto& [zone, utc] : cases) {
    Output run = tokenize("Event[0]:\n  Date: 2024-01-15T10:00:00.000", std::string(zone));
    EXPECT_EQ(
        run.records,
        (std::vector<std::string>{"line=1 lines=2 time=" + std::string(utc) +
                                  " time_assumed local=\"2024-01-15T10:00:00.000\" level=unknown"}))
        << zone;
    run = tokenize("TimeCreated : 7/15/2024 10:00:00 AM", std::string(zone));
    ASSERT_EQ(run.records.size(), 1u);
  }
  Output run = tokenize("TimeCreated : 7/15/2024 10:00:00 AM", "Europe/Berlin");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{R"(line=1 time=2024-07-15T08:00:00.000Z time_assumed )"
                                      R"(local="7/15/2024 10:00:00 AM" level=unknown)"}));
  // A time with Z is UTC whatever the zone.
  run = tokenize("Event[0]:\n  Date: 2022-11-16T14:54:13.2270000Z", "Europe/Berlin");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{R"(line=1 lines=2 time=2022-11-16T14:54:13.227Z level=unknown)"}));
}

TEST(EventTextTokenizer, DetectsItsLayouts) {
  const std::pair<std::string_view, bool> cases[] = {
      {"Event[0]:", true},
      {"Event[12]", true},
      {"  Log Name: Application", true},
      {"  Event ID: 100", true},
      {"TimeCreated  : 4/8/2016 4:12:37 PM", true},
      {"ProviderName : Microsoft-Windows-StorageReplica", true},
      {"LevelDisplayName     : Error", true},
      {"  Source: WLMS", false},  // too common a word alone
      {"Id           : 1215", false},
      {"Event[0]: text", false},
      {"TimeCreated: x", false},
      {"", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(is_event_text_line(line), expected) << line;
  }
  EXPECT_EQ(detect_format({"Event[0]:", "  Log Name: Application", "  Source: WLMS",
                           "  Date: 2020-12-14T17:09:08.940", "  Event ID: 100"}),
            "event-text");
  EXPECT_EQ(detect_format({"", "", "TimeCreated  : 4/8/2016 4:12:37 PM",
                           "ProviderName : Microsoft-Windows-StorageReplica", "Id           : 1215",
                           "Message      : Block copy completed for replica."}),
            "event-text");
}

}  // namespace
}  // namespace certdiag
