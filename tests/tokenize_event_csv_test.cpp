#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "tokenize/event_csv.h"
#include "tokenize/event_export.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, std::string input_tz = "",
                size_t max_row_bytes = EventCsvTokenizer::kMaxRowBytes) {
  return testing_support::feed_lines(text, [&](RecordSink sink) {
    return EventCsvTokenizer(std::move(sink), TokenizeOptions{input_tz}, max_row_bytes);
  });
}

constexpr std::string_view kViewerHeader = "Level,Date and Time,Source,Event ID,Task Category\n";

struct Case {
  std::string input;
  std::vector<std::string> expected;
};

TEST(EventCsvTokenizer, ReadsGoodRecords) {
  const Case cases[] = {
      // Event Viewer "Save All Events As… CSV": the message is the unnamed sixth field.
      {std::string(kViewerHeader) +
           "Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File "
           "System,\"The handle to an object was closed.\"",
       {R"(line=2 time=2016-10-07T18:38:24.000Z time_assumed local="10/7/2016 06:38:24 PM" )"
        R"(level=info component="Microsoft-Windows-Security-Auditing" event_id=4658 )"
        R"(msg="The handle to an object was closed.")"}},
      // Commas and doubled quotes inside the quoted message; AM; Error.
      {std::string(kViewerHeader) +
           "Error,2/14/2024 11:31:44 AM,Schannel,36882,None,\"The certificate received from the "
           "remote server was issued by an untrusted certificate authority, \"\"CN=x\"\".\"",
       {R"(line=2 time=2024-02-14T11:31:44.000Z time_assumed local="2/14/2024 11:31:44 AM" )"
        R"(level=error component="Schannel" event_id=36882 msg="The certificate received from )"
        R"(the remote server was issued by an untrusted certificate authority, \"CN=x\".")"}},
      // 12 AM is midnight; Critical is an error, Warning and Verbose map by name.
      {std::string(kViewerHeader) + "Critical,1/2/2020 12:05:00 AM,A,1,T,m1\n" +
           "Warning,1/2/2020 12:05:00 PM,B,2,T,m2\n" + "Verbose,1/2/2020 13:05:00,C,3,T,m3",
       {R"(line=2 time=2020-01-02T00:05:00.000Z time_assumed local="1/2/2020 12:05:00 AM" )"
        R"(level=error component="A" event_id=1 msg="m1")",
        R"(line=3 time=2020-01-02T12:05:00.000Z time_assumed local="1/2/2020 12:05:00 PM" )"
        R"(level=warning component="B" event_id=2 msg="m2")",
        R"(line=4 time=2020-01-02T13:05:00.000Z time_assumed local="1/2/2020 13:05:00" )"
        R"(level=verbose component="C" event_id=3 msg="m3")"}},
      // PowerShell ConvertTo-Csv: #TYPE line, quoted header and fields, named Message column,
      // 24-hour time, MachineName and LogName.
      {"#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord\n"
       R"("LevelDisplayName","TimeCreated","ProviderName","Id","TaskDisplayName","Message","MachineName","LogName")"
       "\n"
       R"("Warning","2/14/2024 13:31:44","Microsoft-Windows-CertificateServicesClient-AutoEnrollment","64",,"Certificate for local system with Thumbprint 0a 1b is about to expire or already expired.","SRV01.contoso.com","Application")",
       {R"(line=3 time=2024-02-14T13:31:44.000Z time_assumed local="2/14/2024 13:31:44" )"
        R"(level=warning host="SRV01.contoso.com" )"
        R"(component="Microsoft-Windows-CertificateServicesClient-AutoEnrollment" event_id=64 )"
        R"(channel="Application" msg="Certificate for local system with Thumbprint 0a 1b is )"
        R"(about to expire or already expired.")"}},
      // German Export-Csv -UseCulture: ';', day-first dotted date, localized level word.
      {"\"LevelDisplayName\";\"TimeCreated\";\"ProviderName\";\"Id\";\"Message\"\n"
       "\"Fehler\";\"16.05.2024 07:14:01\";\"Schannel\";\"36887\";\"Schwerwiegende "
       "Warnung; 42\"",
       {R"(line=2 time=2024-05-16T07:14:01.000Z time_assumed local="16.05.2024 07:14:01" )"
        R"(level=unknown component="Schannel" event_id=36887 msg="Schwerwiegende Warnung; 42")"}},
      // Columns by name in any order and case; Computer is the host; a tab delimiter.
      {"event id\tsource\tdate and time\tcomputer\tlevel\n"
       "4625\tMicrosoft-Windows-Security-Auditing\t3/1/2024 8:00:00 AM\tDC1\tInformation",
       {R"(line=2 time=2024-03-01T08:00:00.000Z time_assumed local="3/1/2024 8:00:00 AM" )"
        R"(level=info host="DC1" component="Microsoft-Windows-Security-Auditing" )"
        R"(event_id=4625)"}},
      // An ISO time with Z states its zone: not assumed, nothing kept as local.
      {std::string(kViewerHeader) + "Information,2022-11-16T14:54:13.2270000Z,S,7,T,m",
       {R"(line=2 time=2022-11-16T14:54:13.227Z level=info component="S" event_id=7 msg="m")"}},
      // A header that ends in a delimiter names the message column with nothing.
      {"Level,Date and Time,Source,Event ID,Task Category,\nWarning,1/1/2024 1:00:00 AM,S,9,,m",
       {R"(line=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
        R"(level=warning component="S" event_id=9 msg="m")"}},
      // A row without the trailing message; an empty time and an event id that is no number.
      {std::string(kViewerHeader) + "Information,,S,n/a,T", {R"(line=2 level=info component="S")"}},
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

TEST(EventCsvTokenizer, JoinsMessageSpanningLines) {
  Output run = tokenize(std::string(kViewerHeader) +
                        "Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,"
                        "4658,File System,\"The handle to an object was closed.\n"
                        "\n"
                        "Subject :\n"
                        "\tSecurity ID:\t\tS-1-5-18\n"
                        "\tAccount Name:\t\t\"\"WIN-1$\"\", ok\"\n"
                        "Error,10/7/2016 06:38:25 PM,Schannel,36888,None,\"next\"");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=2 lines=5 time=2016-10-07T18:38:24.000Z time_assumed )"
                R"(local="10/7/2016 06:38:24 PM" level=info )"
                R"(component="Microsoft-Windows-Security-Auditing" event_id=4658 )"
                R"(msg="The handle to an object was closed.\n\nSubject :\n\tSecurity ID:\t\t)"
                R"(S-1-5-18\n\tAccount Name:\t\t\"WIN-1$\", ok")",
                R"(line=7 time=2016-10-07T18:38:25.000Z time_assumed )"
                R"(local="10/7/2016 06:38:25 PM" level=error component="Schannel" )"
                R"(event_id=36888 msg="next")"}));
  EXPECT_EQ(run.stats.lines_in_records, 6u);
  EXPECT_EQ(run.stats.lines_structure, 1u);  // the header
}

TEST(EventCsvTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  EventCsvTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("Level,Date and Time,Source,Event ID,Task Category", 1);
  tokenizer.feed("Error,1/1/2024 1:00:00 AM,S,1,T,\"ab", 2);
  tokenizer.feed("c\"", 2);
  tokenizer.feed("\",d\"", 2);
  tokenizer.feed("Error,1/1/2024 1:00:00 AM,S,2,T,\"x\"", 3);
  tokenizer.finish();
  EXPECT_EQ(records,
            (std::vector<std::string>{
                R"(line=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
                R"(level=error component="S" event_id=1 msg="abc\",d")",
                R"(line=3 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
                R"(level=error component="S" event_id=2 msg="x")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 2u);
  EXPECT_EQ(tokenizer.stats().lines_structure, 1u);
}

TEST(EventCsvTokenizer, SwitchesColumnsAtASecondHeader) {
  Output run =
      tokenize(std::string(kViewerHeader) + "Warning,1/1/2024 1:00:00 AM,S,1,T,m\n" +
               "\"Id\",\"TimeCreated\",\"Message\"\n" + "\"7\",\"1/1/2024 2:00:00 AM\",\"n\"");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
                R"(level=warning component="S" event_id=1 msg="m")",
                R"(line=4 time=2024-01-01T02:00:00.000Z time_assumed local="1/1/2024 2:00:00 AM" )"
                R"(level=unknown event_id=7 msg="n")"}));
  EXPECT_EQ(run.stats.lines_structure, 2u);  // the two headers
}

struct BadCase {
  std::string input;  // after the Event Viewer header
  std::vector<std::string> expected;
  uint64_t not_understood;  // besides the header
  uint64_t times_unparsed;
};

TEST(EventCsvTokenizer, SurvivesBadRows) {
  const BadCase cases[] = {
      // A quote left open at the end of the input ends its field there.
      {"Error,1/1/2024 1:00:00 AM,S,1,T,\"cut short\nsecond line",
       {R"(line=2 lines=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
        R"(level=error component="S" event_id=1 msg="cut short\nsecond line")"},
       0,
       0},
      // Too few and too many fields.
      {"Error,1/1/2024 1:00:00 AM,S,1", {}, 1, 0},
      {"Error,1/1/2024 1:00:00 AM,S,1,T,m,extra", {}, 1, 0},
      // A multi-line row with the wrong field count is skipped whole.
      {"Error,1/1/2024 1:00:00 AM,S,\"1\n2\"", {}, 2, 0},
      {"plain garbage", {}, 1, 0},
      {std::string("\x00\x01\xff\xfe junk", 9), {}, 1, 0},
      {"\n\n", {}, 0, 0},  // blank rows are structure
      // Hour 25, words: kept as written, not read. A day over 12 decides day first.
      {"Error,13/1/2024 1:00:00 AM,S,1,T,m",
       {R"(line=2 time=2024-01-13T01:00:00.000Z time_assumed local="13/1/2024 1:00:00 AM" )"
        R"(level=error component="S" event_id=1 msg="m")"},
       0,
       0},
      {"Error,1/1/2024 25:00:00,S,1,T,m",
       {R"(line=2 local="1/1/2024 25:00:00" level=error component="S" event_id=1 msg="m")"},
       0,
       1},
      {"Error,31/12/2024 10:00:00,S,1,T,m",
       {R"(line=2 time=2024-12-31T10:00:00.000Z time_assumed local="31/12/2024 10:00:00" )"
        R"(level=error component="S" event_id=1 msg="m")"},
       0,
       0},
      {"Error,yesterday,S,1,T,m",
       {R"(line=2 local="yesterday" level=error component="S" event_id=1 msg="m")"},
       0,
       1},
      {"Error,32.01.2024 10:00:00,S,1,T,m",
       {R"(line=2 local="32.01.2024 10:00:00" level=error component="S" event_id=1 msg="m")"},
       0,
       1},
      // Text after a closing quote joins the field, as spreadsheet programs read it.
      {"Error,1/1/2024 1:00:00 AM,S,1,T,\"a\"b",
       {R"(line=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
        R"(level=error component="S" event_id=1 msg="ab")"},
       0,
       0},
  };
  for (const BadCase& c : cases) {
    Output run = tokenize(std::string(kViewerHeader) + c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.lines_not_understood, c.not_understood) << c.input;
    EXPECT_EQ(run.stats.times_unparsed, c.times_unparsed) << c.input;
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        run.lines)
        << c.input;
  }
}

TEST(EventCsvTokenizer, CountsLinesBeforeTheHeader) {
  Output run = tokenize("Error,1/1/2024 1:00:00 AM,S,1,T,m\n#TYPE x\n" +
                        std::string(kViewerHeader) + "Error,1/1/2024 1:00:00 AM,S,1,T,m");
  EXPECT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.stats.lines_not_understood, 2u);
  EXPECT_EQ(run.stats.lines_structure, 1u);  // the header
  EXPECT_EQ(run.stats.lines_in_records, 1u);
}

TEST(EventCsvTokenizer, DropsARowLongerThanTheLimit) {
  const std::string runaway = "Error,1/1/2024 1:00:00 AM,S,1,T,\"" + std::string(100, 'x');
  Output run = tokenize(std::string(kViewerHeader) + "Warning,1/1/2024 1:00:00 AM,S,1,T,m\n" +
                            runaway + "\nmore of it\nWarning,1/1/2024 1:00:00 AM,S,2,T,n",
                        "", 64);
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=2 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
                R"(level=warning component="S" event_id=1 msg="m")",
                R"(line=5 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
                R"(level=warning component="S" event_id=2 msg="n")"}));
  // The runaway line and the line after it, which starts a row of one field; and the header.
  EXPECT_EQ(run.stats.lines_not_understood, 2u);
  EXPECT_EQ(run.stats.lines_structure, 1u);
  EXPECT_EQ(run.stats.lines_in_records, 2u);
}

TEST(EventCsvTokenizer, BoundsAnUnclosedQuoteAtFourMebibytes) {
  std::string text(kViewerHeader);
  text += "Error,1/1/2024 1:00:00 AM,S,1,T,\"never closed";
  const std::string line(1000, 'y');
  for (int i = 0; i < 5000; ++i) text += "\n" + line;
  text += "\nWarning,1/1/2024 1:00:00 AM,S,2,T,n";
  Output run = tokenize(text);
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0],
            R"(line=5003 time=2024-01-01T01:00:00.000Z time_assumed local="1/1/2024 1:00:00 AM" )"
            R"(level=warning component="S" event_id=2 msg="n")");
  EXPECT_EQ(run.stats.lines_not_understood, run.lines - 2);
  EXPECT_EQ(run.stats.lines_structure, 1u);
}

struct ZoneCase {
  std::string_view zone;
  std::string_view local;
  std::string_view utc;
};

TEST(EventCsvTokenizer, ReadsSlashDatesInTheOrderTheSourceProves) {
  // Saved on an en-GB machine: the second row's day over 12 decides day first for the first.
  Output run = tokenize(std::string(kViewerHeader) +
                        "Error,05/06/2014 22:13:39,Schannel,36874,None,first\n"
                        "Error,13/06/2014 22:13:40,Schannel,36874,None,second\n");
  testing_support::expect_day_first_decided(run);
  EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure, run.lines);
  // ISO times need no order and hold nothing back.
  Output iso = tokenize(std::string(kViewerHeader) +
                        "Error,2014-06-13T22:13:40.000Z,Schannel,36874,None,x\n");
  EXPECT_EQ(iso.stats.date_order, "");
  EXPECT_FALSE(iso.stats.date_order_assumed);
}

TEST(EventCsvTokenizer, ReadsLocalTimesInTheInputZone) {
  const ZoneCase cases[] = {
      {"Europe/Berlin", "1/15/2024 10:00:00 AM", "2024-01-15T09:00:00.000Z"},  // CET
      {"Europe/Berlin", "7/15/2024 10:00:00 AM", "2024-07-15T08:00:00.000Z"},  // CEST
      {"Europe/Berlin", "15.07.2024 10:00:00", "2024-07-15T08:00:00.000Z"},
      // A reading the spring change skips takes the instant of the change; one the autumn
      // change repeats takes the earlier (summer time) instant.
      {"Europe/Berlin", "3/31/2024 2:30:00 AM", "2024-03-31T01:00:00.000Z"},
      {"Europe/Berlin", "10/27/2024 2:30:00 AM", "2024-10-27T00:30:00.000Z"},
      {"America/New_York", "2/14/2024 11:31:44 AM", "2024-02-14T16:31:44.000Z"},
      {"+05:30", "1/15/2024 10:00:00 AM", "2024-01-15T04:30:00.000Z"},
      {"-0500", "1/15/2024 10:00:00 AM", "2024-01-15T15:00:00.000Z"},
      {"+02", "1/15/2024 10:00:00 AM", "2024-01-15T08:00:00.000Z"},
      {"", "1/15/2024 10:00:00 AM", "2024-01-15T10:00:00.000Z"},
      {"UTC", "1/15/2024 10:00:00 AM", "2024-01-15T10:00:00.000Z"},
  };
  for (const ZoneCase& c : cases) {
    Output run =
        tokenize(std::string(kViewerHeader) + "Information," + std::string(c.local) + ",S,1,T,m",
                 std::string(c.zone));
    ASSERT_EQ(run.records.size(), 1u);
    EXPECT_EQ(run.records[0], "line=2 time=" + std::string(c.utc) + " time_assumed local=\"" +
                                  std::string(c.local) +
                                  "\" level=info component=\"S\" event_id=1 msg=\"m\"")
        << c.zone;
  }
  // A stated zone is not moved.
  Output run =
      tokenize(std::string(kViewerHeader) + "Information,2024-01-15T10:00:00+01:00,S,1,T,m",
               "Europe/Berlin");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=2 time=2024-01-15T09:00:00.000Z level=info component="S" event_id=1 msg="m")"}));
}

TEST(InputTz, ChecksZoneNamesAndOffsets) {
  for (std::string_view good :
       {"", "Europe/Berlin", "America/New_York", "UTC", "+05:30", "-0500", "+02", "-9", "+14:00"}) {
    EXPECT_EQ(check_input_tz(good), "") << good;
  }
  EXPECT_EQ(check_input_tz("Europe/Berln"),
            "unknown time zone 'Europe/Berln' (did you mean "
            "'Europe/Berlin'?)");
  EXPECT_EQ(check_input_tz("europe/berlin"),
            "unknown time zone 'europe/berlin' (did you mean "
            "'Europe/Berlin'?)");
  EXPECT_EQ(check_input_tz("+25:00"),
            "time zone offset '+25:00' is out of range (-14:00 to +14:00)");
  EXPECT_EQ(check_input_tz("+02:75"),
            "time zone offset '+02:75' is not ±HH:MM (e.g. +02:00, -0500)");
  EXPECT_EQ(check_input_tz("+2:0"), "time zone offset '+2:0' is not ±HH:MM (e.g. +02:00, -0500)");
  EXPECT_EQ(check_input_tz("Qqqqqqqqqqqqqqqqqqqqqqqq"),
            "unknown time zone 'Qqqqqqqqqqqqqqqqqqqqqqqq' (want an IANA name such as "
            "Europe/Berlin, or an offset such as +02:00)");
}

TEST(InputTz, ReadsAsUtcWhenTheZoneIsInvalid) {
  std::string error;
  InputZone zone = InputZone::from_spec("Nowhere/Land", error);
  EXPECT_FALSE(error.empty());
  const Time wall = Time{std::chrono::hours{24}};
  EXPECT_EQ(zone.to_utc(wall), wall);
}

TEST(EventCsvTokenizer, DetectsItsHeader) {
  const std::pair<std::string_view, bool> cases[] = {
      {"Level,Date and Time,Source,Event ID,Task Category", true},
      {"Level,Date and Time,Source,Event ID,Task Category,", true},
      {R"("LevelDisplayName","TimeCreated","ProviderName","Id","TaskDisplayName","Message")", true},
      {R"("TimeCreated";"Id";"Message")", true},
      {"Date and Time\tSource", true},
      {"#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord", false},
      {"Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File System",
       false},
      {"Level,Source,Event ID", false},  // no time column
      {"TimeCreated,Message", false},    // nothing but a time says it is an event
      {"", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(is_event_csv_header(line), expected) << line;
  }
  EXPECT_EQ(detect_format({"#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord",
                           R"("LevelDisplayName","TimeCreated","ProviderName","Id","Message")",
                           R"("Error","2/14/2024 13:31:44","Schannel","36882","The  : 1 : x")"}),
            "event-csv");
  EXPECT_EQ(detect_format({"Level,Date and Time,Source,Event ID,Task Category",
                           "Information,10/7/2016 06:38:24 PM,S,4658,File System,\"Event[0]:",
                           "  Event ID: 1\""}),
            "event-csv");
}

}  // namespace
}  // namespace certdiag
