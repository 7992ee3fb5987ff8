#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tokenize/event_text.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, std::string input_tz = "") {
  return testing_support::feed_lines(text, [&](RecordSink sink) {
    return EventTextTokenizer(std::move(sink), TokenizeOptions{input_tz});
  });
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

// A Format-List record pasted through a forum that puts a blank line after every property (Q&A
// 379008 on learn.microsoft.com): one record, the continued message joined without the added
// blank line; the next record starts at a property the open one already has.
TEST(EventTextTokenizer, ReadsFormatListRecordsWithABlankLineAfterEveryProperty) {
  const auto run = tokenize(
      "TimeCreated  : 30/04/2021 10:43:17\n"
      "\n"
      "ProviderName : Schannel\n"
      "\n"
      "Id           : 36884\n"
      "\n"
      "Message      : The certificate received from the remote server does not contain the\n"
      "\n"
      "               expected name.\n"
      "\n"
      "TimeCreated  : 30/04/2021 10:44:00\n"
      "\n"
      "Id           : 36882\n");
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(
      run.records[0],
      R"(line=1 lines=9 time=2021-04-30T10:43:17.000Z time_assumed local="30/04/2021 10:43:17" )"
      R"(level=unknown component="Schannel" event_id=36884 msg="The certificate received )"
      R"(from the remote server does not contain the\nexpected name.")");
  EXPECT_EQ(run.records[1], R"(line=11 lines=3 time=2021-04-30T10:44:00.000Z time_assumed )"
                            R"(local="30/04/2021 10:44:00" level=unknown event_id=36882)");
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
      // Text before any record is the cut tail of a description (see ReadsAPasteCutInsideA…).
      {"plain garbage", {R"(line=1 level=unknown msg="plain garbage")"}, 0, 0},
      {"  Source: before any record",
       {R"(line=1 level=unknown msg="  Source: before any record")"},
       0,
       0},
      {"Event[x]:", {R"(line=1 level=unknown msg="Event[x]:")"}, 0, 0},
      {"Event[]", {R"(line=1 level=unknown msg="Event[]")"}, 0, 0},
      {std::string("\x00\x01\xff\xfe junk", 9),
       {"line=1 level=unknown msg=\"\\x00\\x01\xff\xfe junk\""},
       0,
       0},
      // Format-List always puts a space before the colon.
      {"Id:5", {R"(line=1 level=unknown msg="Id:5")"}, 0, 0},
      // Month 13, hour 25, words: kept as written, not read. A day over 12 decides day first.
      {"Event[0]:\n  Date: 2024-13-01T10:00:00.000\n",
       {R"(line=1 lines=2 local="2024-13-01T10:00:00.000" level=unknown)"},
       0,
       1},
      {"TimeCreated : 13/1/2024 10:00:00 AM",
       {R"(line=1 time=2024-01-13T10:00:00.000Z time_assumed local="13/1/2024 10:00:00 AM" )"
        R"(level=unknown)"},
       0,
       0},
      {"TimeCreated : 1/1/2024 25:00:00",
       {R"(line=1 local="1/1/2024 25:00:00" level=unknown)"},
       0,
       1},
      {"TimeCreated : 31/12/2024 10:00:00",
       {R"(line=1 time=2024-12-31T10:00:00.000Z time_assumed local="31/12/2024 10:00:00" )"
        R"(level=unknown)"},
       0,
       0},
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

TEST(EventTextTokenizer, ReadsAPasteCutInsideADescription) {
  // The paste begins in the middle of a description: its tail is a record, the blocks after it
  // are read whole, whether they start at their log label, at another field after a blank line,
  // or are Format-List records.
  const Case cases[] = {
      {"connection was closed.\n"
       "\n"
       "Log Name: Operations Manager\n"
       "Source: OpsMgr Connector\n"
       "Event ID: 20070\n"
       "Description:\n"
       "The OpsMgr Connector connected to MS01, but the connection was closed.",
       {R"(line=1 level=unknown msg="connection was closed.")",
        R"(line=3 lines=5 level=unknown component="OpsMgr Connector" event_id=20070 )"
        R"(channel="Operations Manager" msg="The OpsMgr Connector connected to MS01, but the )"
        R"(connection was closed.")"}},
      {"the second line of a description\n"
       "and its third\n"
       "\n"
       "Source: Schannel\n"
       "Event ID: 36874\n"
       "Description:\n"
       "An TLS 1.2 connection request was received.",
       {R"(line=1 lines=2 level=unknown msg="the second line of a description\nand its third")",
        R"(line=4 lines=4 level=unknown component="Schannel" event_id=36874 )"
        R"(msg="An TLS 1.2 connection request was received.")"}},
      {"the tail of a message\n"
       "\n"
       "Id           : 36874\n"
       "ProviderName : Schannel",
       {R"(line=1 level=unknown msg="the tail of a message")",
        R"(line=3 lines=2 level=unknown component="Schannel" event_id=36874)"}},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.lines_not_understood, 0u) << c.input;
    EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure, run.lines) << c.input;
  }
}

TEST(EventTextTokenizer, ReadsSlashDatesInTheOrderTheSourceProves) {
  // An en-GB paste: the second block's day over 12 decides day first for the first one too.
  Output run = tokenize(
      "Log Name: System\nSource: Schannel\nDate: 05/06/2014 22:13:39\nEvent ID: 36874\n"
      "Description:\nfirst\n\n"
      "Log Name: System\nSource: Schannel\nDate: 13/06/2014 22:13:40\nEvent ID: 36874\n"
      "Description:\nsecond");
  testing_support::expect_day_first_decided(run);
  // Nothing decides: month first, said to be assumed.
  Output ambiguous = tokenize("Log Name: System\nDate: 05/06/2014 22:13:39\nEvent ID: 1");
  EXPECT_NE(ambiguous.records[0].find("time=2014-05-06T22:13:39.000Z"), std::string::npos);
  EXPECT_EQ(ambiguous.stats.date_order, "mdy");
  EXPECT_TRUE(ambiguous.stats.date_order_assumed);
  // Year-first and dotted dates need no order.
  Output iso = tokenize("Log Name: System\nDate: 2020/07/05 15:29:16\nEvent ID: 1");
  EXPECT_EQ(iso.stats.date_order, "");
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

TEST(EventTextTokenizer, ReadsEventViewerCopies) {
  const Case cases[] = {
      // Two English blocks, padded values, a blank line between them (KB 10066).
      {"Log Name:      Operations Manager\n"
       "Source:        OpsMgr Connector\n"
       "Date:          6/13/2014 10:13:39 PM\n"
       "Event ID:      21016\n"
       "Task Category: None\n"
       "Level:         Error\n"
       "Keywords:      Classic\n"
       "User:          N/A\n"
       "Computer:      AGENT01\n"
       "Description:\n"
       "OpsMgr was unable to set up a communications channel to MS01.\n"
       "\n"
       "Log Name: Operations Manager\n"
       "Source: OpsMgr Connector\n"
       "Date: 6/13/2014 10:13:37 PM\n"
       "Event ID: 20070\n"
       "Level: Error\n"
       "Description:\n"
       "The OpsMgr Connector connected to MS01, but the connection was closed.\n",
       {R"(line=1 lines=11 time=2014-06-13T22:13:39.000Z time_assumed )"
        R"(local="6/13/2014 10:13:39 PM" level=error host="AGENT01" component="OpsMgr Connector" )"
        R"(event_id=21016 channel="Operations Manager" msg="OpsMgr was unable to set up a )"
        R"(communications channel to MS01.")",
        R"(line=13 lines=7 time=2014-06-13T22:13:37.000Z time_assumed )"
        R"(local="6/13/2014 10:13:37 PM" level=error component="OpsMgr Connector" )"
        R"(event_id=20070 channel="Operations Manager" msg="The OpsMgr Connector connected to )"
        R"(MS01, but the connection was closed.")"}},
      // German labels and level word, a label without a space before its value, day-first date.
      {"Protokollname: Application\n"
       "Quelle:        Microsoft-SharePoint Products-SharePoint Foundation\n"
       "Datum:         20.07.2010 00:00:01\n"
       "Ereignis-ID:   2137\n"
       "Aufgabenkategorie:Integrit\xC3\xA4t\n"
       "Ebene:         Fehler\n"
       "Beschreibung:\n"
       "SharePoint-Integrit\xC3\xA4tsanalyse: Fehler.\n",
       {R"(line=1 lines=8 time=2010-07-20T00:00:01.000Z time_assumed )"
        R"(local="20.07.2010 00:00:01" level=error )"
        R"(component="Microsoft-SharePoint Products-SharePoint Foundation" event_id=2137 )"
        R"(channel="Application" msg="SharePoint-Integrit)"
        "\xC3\xA4"
        R"(tsanalyse: Fehler.")"}},
      // French labels with a space before the colon; Spanish (Microsoft's translation).
      {"Nom du journal :System\n"
       "Source :        Schannel\n"
       "ID de l\xE2\x80\x99\xC3\xA9v\xC3\xA9nement : 36882\n"
       "Niveau :        Erreur\n"
       "Ordinateur :    SRV01\n"
       "Description :\n"
       "Le certificat re\xC3\xA7u.\n"
       "\n"
       "Nombre de registro: System\n"
       "Origen: Schannel\n"
       "ID. de evento: 36881\n"
       "Nivel: error\n"
       "Descripci\xC3\xB3n:\n"
       "El certificado.\n",
       {R"(line=1 lines=7 level=error host="SRV01" component="Schannel" event_id=36882 )"
        R"(channel="System" msg="Le certificat re)"
        "\xC3\xA7"
        R"(u.")",
        R"(line=9 lines=6 level=error component="Schannel" event_id=36881 channel="System" )"
        R"(msg="El certificado.")"}},
      // Japanese labels, the full-width colon, a year-first date.
      {"\xE3\x83\xAD\xE3\x82\xB0\xE3\x81\xAE\xE5\x90\x8D\xE5\x89\x8D: System\n"
       "\xE3\x82\xBD\xE3\x83\xBC\xE3\x82\xB9\xEF\xBC\x9A Schannel\n"
       "\xE6\x97\xA5\xE4\xBB\x98: 2020/07/05 15:29:16\n"
       "\xE3\x82\xA4\xE3\x83\x99\xE3\x83\xB3\xE3\x83\x88 ID: 36887\n"
       "\xE3\x83\xAC\xE3\x83\x99\xE3\x83\xAB: \xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC\n"
       "\xE8\xAA\xAC\xE6\x98\x8E:\n"
       "text\n",
       {R"(line=1 lines=7 time=2020-07-05T15:29:16.000Z time_assumed local="2020/07/05 15:29:16" )"
        R"(level=error component="Schannel" event_id=36887 channel="System" msg="text")"}},
      // The Event Xml part: its EventData becomes data, its UTC time wins over the local Date.
      {"Log Name: System\n"
       "Source: Schannel\n"
       "Date: 12/11/2024 6:37:43 PM\n"
       "Event ID: 36871\n"
       "Level: Error\n"
       "Description:\n"
       "Unable to resolve description, see XML for more details.\n"
       "Event Xml:\n"
       "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
       "  <System>\n"
       "    <Provider Name=\"Schannel\" />\n"
       "    <EventID>36871</EventID>\n"
       "    <TimeCreated SystemTime=\"2024-12-11T18:37:43.4833862Z\" />\n"
       "    <Computer>WEB01</Computer>\n"
       "  </System>\n"
       "  <EventData>\n"
       "    <Data Name=\"Type\">client</Data>\n"
       "    <Data Name=\"ErrorState\">10013</Data>\n"
       "  </EventData>\n"
       "</Event>\n",
       {R"(line=1 lines=20 time=2024-12-11T18:37:43.483Z level=error host="WEB01" )"
        R"(component="Schannel" event_id=36871 channel="System" msg="Unable to resolve )"
        R"(description, see XML for more details." data.Type="client" data.ErrorState="10013")"}},
      // A paste cut above its log line, the text on the Description line; short blocks with
      // no blank line between them: a field seen twice starts the next event.
      {"Source: OpsMgr Connector\n"
       "Event ID: 21006\n"
       "Description: The OpsMgr Connector could not connect to MS01:5723.\n"
       "Source: Microsoft-Windows-CertificateServicesClient-CertEnroll\n"
       "Event ID: 64\n"
       "Level: Information\n"
       "Description: Certificate enrollment for Local system successfully load policy\n",
       {R"(line=1 lines=3 level=unknown component="OpsMgr Connector" event_id=21006 )"
        R"(msg="The OpsMgr Connector could not connect to MS01:5723.")",
        R"(line=4 lines=4 level=info )"
        R"(component="Microsoft-Windows-CertificateServicesClient-CertEnroll" event_id=64 )"
        R"(msg="Certificate enrollment for Local system successfully load policy")"}},
      // Windows Server 2003 Event Viewer copy: blank lines between fields, the text unlabelled.
      {"Event Type:Error\n\nEvent Source:OpsMgr Connector\n\nEvent ID:21007\n\n\n"
       "The OpsMgr Connector cannot create a mutually authenticated connection.\n",
       {R"(line=1 lines=8 level=error component="OpsMgr Connector" event_id=21007 )"
        R"(msg="The OpsMgr Connector cannot create a mutually authenticated connection.")"}},
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

TEST(EventTextTokenizer, CountsEventViewerTimesItCannotRead) {
  // Placeholders and a 2003 Time without its Date are present but not read: each record once.
  Output run = tokenize(
      "Event Type:Error\nTime:11:01:57 AM\nEvent ID:3\n\n"
      "Log Name: System\nDate: YYYY/MM/DD HH:MM:SS\nEvent ID: 1\nDescription:\na\n\n"
      "Log Name: System\nDate: Time\nDate: Time\nEvent ID: 2\n\n"
      "Log Name: System\nDate:\nEvent ID: 4\n");
  ASSERT_EQ(run.records.size(), 5u);
  EXPECT_EQ(run.stats.times_unparsed, 4u);
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
      {"Log Name:      System", true},
      {"Ereignis-ID:   2137", true},
      {"Nom du journal :Application", true},
      {"Id. del evento: 36887", true},
      {"\xE3\x82\xA4\xE3\x83\x99\xE3\x83\xB3\xE3\x83\x88 ID: 36871", true},
      {"Event ID:21007", true},
      {"Source: Schannel", false},  // too common a word alone
      {"Date: 6/13/2014", false},
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
