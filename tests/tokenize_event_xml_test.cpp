#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tokenize/event_xml.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, size_t max_event_bytes = EventXmlTokenizer::kMaxEventBytes) {
  return testing_support::feed_lines(
      text, [&](RecordSink sink) { return EventXmlTokenizer(std::move(sink), max_event_bytes); });
}

void expect_identity(const Output& run, std::string_view input) {
  EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
            run.lines)
      << input;
  EXPECT_EQ(run.stats.records, run.records.size()) << input;
}

constexpr std::string_view kNs = R"(xmlns="http://schemas.microsoft.com/win/2004/08/events/event")";

// Real events as libevtx renders them, joined to one line as wevtutil writes them: here and in
// ReadsGoodEvents, records 35, 46 and 545 of tests/data/evtx/system.evtx and record 6 of
// Microsoft-Windows-CAPI2-Operational.evtx (shortened).
constexpr std::string_view kScm7000 =
    R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager" Guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}" EventSourceName="Service Control Manager"/><EventID Qualifiers="49152">7000</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime="2017-07-12T17:16:28.214161600Z"/><EventRecordID>35</EventRecordID><Correlation/><Execution ProcessID="620" ThreadID="1132"/><Channel>System</Channel><Computer>WIN-P4SIAA0SQCO</Computer><Security/></System><EventData><Data Name="param1">CldFlt</Data><Data Name="param2">%%50</Data><Binary>43006C00640046006C0074000000</Binary></EventData></Event>)";
constexpr std::string_view kScm7000Record =
    R"(line=1 time=2017-07-12T17:16:28.214Z level=error host="WIN-P4SIAA0SQCO" component="Service Control Manager" provider_alias="Service Control Manager" event_id=7000 thread="1132" channel="System" data.param1="CldFlt" data.param2="%%50" data.Binary="43006C00640046006C0074000000")";

TEST(EventXmlTokenizer, ReadsGoodEvents) {
  struct Case {
    std::string_view input;
    std::string_view expected;
  };
  const Case cases[] = {
      {kScm7000, kScm7000Record},
      // UserData: elements with text become fields by name; the wrapper's xmlns is left out.
      {R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-DriverFrameworks-UserMode" Guid="{2E35AAEB-857F-4BEB-A418-2E6C0E54D988}"/><EventID>10114</EventID><Version>1</Version><Level>4</Level><Task>101</Task><Opcode>0</Opcode><Keywords>0x2000000000000000</Keywords><TimeCreated SystemTime="2017-07-12T17:16:29.690341400Z"/><EventRecordID>46</EventRecordID><Correlation/><Execution ProcessID="4" ThreadID="104"/><Channel>System</Channel><Computer>WIN-P4SIAA0SQCO</Computer><Security UserID="S-1-5-18"/></System><UserData><UMDFReflectorDependencyMissing xmlns="http://www.microsoft.com/DriverFrameworks/UserMode/Event"><Dependency>WUDFPf</Dependency></UMDFReflectorDependencyMissing></UserData></Event>)",
       R"(line=1 time=2017-07-12T17:16:29.690Z level=info host="WIN-P4SIAA0SQCO" component="Microsoft-Windows-DriverFrameworks-UserMode" event_id=10114 thread="104" channel="System" data.Dependency="WUDFPf")"},
      // A classic source: an empty unnamed Data keeps its position; no Execution, no thread.
      {R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="BTHUSB"/><EventID Qualifiers="49157">17</EventID><Level>2</Level><Task>0</Task><Keywords>0x0080000000000000</Keywords><TimeCreated SystemTime="2017-07-23T07:17:19.588220900Z"/><EventRecordID>545</EventRecordID><Channel>System</Channel><Computer>DESKTOP-2KGM189</Computer><Security/></System><EventData><Data/><Binary>000000000100000000000000110005C0000000000000000000000000000000000000000000000000</Binary></EventData></Event>)",
       R"(line=1 time=2017-07-23T07:17:19.588Z level=error host="DESKTOP-2KGM189" component="BTHUSB" event_id=17 channel="System" data.0="" data.Binary="000000000100000000000000110005C0000000000000000000000000000000000000000000000000")"},
      // CAPI2 keeps its facts in attributes: Element.attribute, in document order.
      {R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" Guid="{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}"/><EventID>41</EventID><Version>0</Version><Level>4</Level><Task>41</Task><Opcode>2</Opcode><Keywords>0x4000000000000005</Keywords><TimeCreated SystemTime="2017-05-19T02:02:36.000000000Z"/><EventRecordID>6</EventRecordID><Correlation/><Execution ProcessID="1396" ThreadID="2132"/><Channel>Microsoft-Windows-CAPI2/Operational</Channel><Computer>WIN-M5327EF98B9</Computer><Security UserID="S-1-5-21-1223297778-3299746493-1462173606-500"/></System><UserData><CertVerifyRevocation><Certificate fileRef="9617094A1CFB59AE7C1F7DFDB6739E4E7C40508F.cer" subjectName="Microsoft Corporation"/><Flags value="4" CERT_VERIFY_REV_ACCUMULATIVE_TIMEOUT_FLAG="true"/><RevocationStatus index="0" error="0" reason="0" actualFreshnessTime="P1760DT4H55M37S"/><EventAuxInfo ProcessName="Setup.exe"/><Result value="0"/></CertVerifyRevocation></UserData></Event>)",
       R"(line=1 time=2017-05-19T02:02:36.000Z level=info host="WIN-M5327EF98B9" component="Microsoft-Windows-CAPI2" event_id=41 thread="2132" channel="Microsoft-Windows-CAPI2/Operational" data.Certificate.fileRef="9617094A1CFB59AE7C1F7DFDB6739E4E7C40508F.cer" data.Certificate.subjectName="Microsoft Corporation" data.Flags.value="4" data.Flags.CERT_VERIFY_REV_ACCUMULATIVE_TIMEOUT_FLAG="true" data.RevocationStatus.index="0" data.RevocationStatus.error="0" data.RevocationStatus.reason="0" data.RevocationStatus.actualFreshnessTime="P1760DT4H55M37S" data.EventAuxInfo.ProcessName="Setup.exe" data.Result.value="0")"},
      // The SCOM sample of messages.md 7.3: positional Data from 0, Qualifiers dropped, entities
      // decoded, the Event Viewer's rendered message kept.
      {R"(<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name="HealthService" /><EventID Qualifiers="49152">2010</EventID><Level>2</Level><Task>1</Task><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime="2015-02-21T21:06:04.000000000Z" /><EventRecordID>84143</EventRecordID><Channel>Operations Manager</Channel><Computer>agent01.contoso.com</Computer><Security /></System><EventData><Data>Unspecified error</Data><Data>0x80004005</Data><Data>a &amp; b &lt;c&gt;</Data></EventData><RenderingInfo Culture="en-US"><Message>Failed: &quot;Unspecified error&quot;</Message><Level>Error</Level></RenderingInfo></Event>)",
       R"(line=1 time=2015-02-21T21:06:04.000Z level=error host="agent01.contoso.com" component="HealthService" event_id=2010 channel="Operations Manager" msg="Failed: \"Unspecified error\"" data.0="Unspecified error" data.1="0x80004005" data.2="a & b <c>")"},
      // The full 32-bit id some tools write keeps its low 16 bits: 0xC0001B58 -> 7000.
      {R"(<Event><System><Provider Name="P"/><EventID>3221232472</EventID><Level>1</Level></System></Event>)",
       R"(line=1 level=error component="P" event_id=7000)"},
      {R"(<Event><System><Provider Name="P"/><EventID>1</EventID><Level>0</Level></System></Event>)",
       R"(line=1 level=info component="P" event_id=1)"},
      {R"(<Event><System><Provider Name="P"/><EventID>1</EventID><Level>3</Level></System></Event>)",
       R"(line=1 level=warning component="P" event_id=1)"},
      {R"(<Event><System><Provider Name="P"/><EventID> 1 </EventID><Level>5</Level></System></Event>)",
       R"(line=1 level=verbose component="P" event_id=1)"},
      // A custom level, and a missing one, say nothing.
      {R"(<Event><System><Provider Name="P"/><EventID>1</EventID><Level>16</Level></System></Event>)",
       R"(line=1 level=unknown component="P" event_id=1)"},
      // A missing or non-numeric EventID leaves the id absent; the event is still read.
      {R"(<Event><System><Provider Name="P"/></System></Event>)",
       R"(line=1 level=unknown component="P")"},
      {R"(<Event><System><Provider Name="P"/><EventID>12a</EventID></System></Event>)",
       R"(line=1 level=unknown component="P")"},
      // A namespace prefix on the names is ignored; a zone offset is applied.
      {R"(<Event xmlns:e="urn:x"><e:System><e:Provider Name="P"/><e:EventID>5</e:EventID><e:TimeCreated SystemTime="2024-02-14T11:31:44+01:00"/></e:System></Event>)",
       R"(line=1 time=2024-02-14T10:31:44.000Z level=unknown component="P" event_id=5)"},
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

TEST(EventXmlTokenizer, ReadsAnEventViewerExportPrettyPrinted) {
  const std::string input = std::string(R"(<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Events>
<Event )") + std::string(kNs) +
                            R"(>
  <System>
    <Provider Name="Microsoft-Windows-DNS-Client" Guid="{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}"/>
    <EventID>1014</EventID>
    <Level>3</Level>
    <TimeCreated SystemTime="2017-07-12T07:18:27.597430700Z"/>
    <Execution ProcessID="1380" ThreadID="1656"/>
    <Channel>System</Channel>
    <Computer>DESKTOP-2KGM189</Computer>
  </System>
  <EventData>
    <Data Name="QueryName">_ldap._tcp.dc._msdcs.WORKGROUP</Data>
    <Data Name="AddressLength">128</Data>
  </EventData>
  <RenderingInfo Culture="en-US">
    <Message>Name resolution for the name _ldap._tcp.dc._msdcs.WORKGROUP timed out
after none of the configured DNS servers responded.</Message>
  </RenderingInfo>
</Event>

</Events>)";
  Output run = tokenize(input);
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(
      run.records[0],
      R"(line=3 lines=19 time=2017-07-12T07:18:27.597Z level=warning host="DESKTOP-2KGM189" component="Microsoft-Windows-DNS-Client" event_id=1014 thread="1656" channel="System" msg="Name resolution for the name _ldap._tcp.dc._msdcs.WORKGROUP timed out\nafter none of the configured DNS servers responded." data.QueryName="_ldap._tcp.dc._msdcs.WORKGROUP" data.AddressLength="128")");
  // The declaration, <Events>, the blank line and </Events> wrap the events.
  EXPECT_EQ(run.stats.lines_in_records, 19u);
  EXPECT_EQ(run.stats.lines_structure, 4u);
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
  expect_identity(run, input);
}

TEST(EventXmlTokenizer, ReadsSeveralEventsOnOneLine) {
  // wevtutil qe /f:xml /e:root: a root around events that share a line.
  const std::string input = "<Events>" + std::string(kScm7000) + std::string(kScm7000) +
                            "</Events>\n" + std::string(kScm7000);
  Output run = tokenize(input);
  ASSERT_EQ(run.records.size(), 3u);
  EXPECT_EQ(run.records[0], kScm7000Record);
  EXPECT_EQ(run.records[1], kScm7000Record);
  EXPECT_EQ(run.records[2], "line=2" + std::string(kScm7000Record.substr(6)));
  EXPECT_EQ(run.stats.lines_in_records, 2u);
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(EventXmlTokenizer, JoinsTheSplitPiecesOfALongLine) {
  // A line past the reader's limit comes in pieces with one number, cut anywhere, even inside
  // the <Event and </Event> tags: every cut gives the same records.
  const std::string line = "<Events>" + std::string(kScm7000) + std::string(kScm7000) + "</Events>";
  for (size_t cut = 1; cut < line.size(); ++cut) {
    std::vector<std::string> records;
    EventXmlTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
    tokenizer.feed(std::string_view(line).substr(0, cut), 1);
    tokenizer.feed(std::string_view(line).substr(cut), 1);
    tokenizer.finish();
    ASSERT_EQ(records.size(), 2u) << cut;
    EXPECT_EQ(records[0], kScm7000Record) << cut;
    EXPECT_EQ(records[1], kScm7000Record) << cut;
    EXPECT_EQ(tokenizer.stats().lines_in_records, 1u);
  }
}

TEST(EventXmlTokenizer, CountsABadTimeAndKeepsTheEvent) {
  Output run = tokenize(
      R"(<Event><System><Provider Name="P"/><EventID>1</EventID><TimeCreated SystemTime="2024-13-01T00:00:00Z"/></System></Event>)");
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0], R"(line=1 level=unknown component="P" event_id=1)");
  EXPECT_EQ(run.stats.times_unparsed, 1u);
}

TEST(EventXmlTokenizer, SkipsBrokenEventsAndResynchronises) {
  struct BadCase {
    std::string input;
    std::vector<std::string> expected;
    uint64_t not_understood;
  };
  const std::string good = std::string(kScm7000);
  const std::string good_at_3 = "line=3" + std::string(kScm7000Record.substr(6));
  const BadCase cases[] = {
      // Cut short inside System, yet closed: not well-formed.
      {"<Event " + std::string(kNs) + "><System><Provider Name=\"P\"/>\n</Event>\n" + good,
       {good_at_3},
       2},
      // Cut short and never closed: the next <Event ends it.
      {"<Event " + std::string(kNs) + "><System><Provider Name=\"P\"/>\n  <EventID>1</EventID>\n" +
           good,
       {good_at_3},
       2},
      // Cut short on the line where the next event starts: that line is the good event's.
      {"<Event><System>\n<Provider Name=\"P\"/>" + good + "\nafter",
       {"line=2" + std::string(kScm7000Record.substr(6))},
       2},
      // Garbage between events and around them.
      {"garbage\n" + good + " trailing text\n<<>> </Event> <Events\n" + good,
       {"line=2" + std::string(kScm7000Record.substr(6)),
        "line=4" + std::string(kScm7000Record.substr(6))},
       2},
      // No System element: not an event.
      {"<Event " + std::string(kNs) + "><EventData/></Event>\n" + good,
       {"line=2" + std::string(kScm7000Record.substr(6))},
       1},
      // Only the end of an event: nothing to read.
      {"<Data>x</Data></EventData></Event>\n</Events>", {}, 1},
      // Cut short at the end of the input.
      {good + "\n<Event " + std::string(kNs) + ">\n<System>", {std::string(kScm7000Record)}, 2},
      // Elements whose names start like Event are not events.
      {"<EventData><Data>x</Data></EventData>\n<Events>\n<EventXML/>", {}, 2},
      // A broken event's blank line is the event's, not wrapping.
      {"<Event><System>\n\n</Event>", {}, 3},
      // Wrapping alone.
      {"", {}, 0},
      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Events xmlns:x=\"urn:x\">\n  </Events>  ",
       {},
       0},
  };
  for (const BadCase& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input;
    EXPECT_EQ(run.stats.lines_not_understood, c.not_understood) << c.input;
    expect_identity(run, c.input);
  }
}

TEST(EventXmlTokenizer, APasteCutInsideAnEventLosesNothingAfterIt) {
  // The tail of an event has no System part: it is no event and is counted as not understood;
  // the events after it are read whole.
  const std::string input =
      "    <Data Name=\"ErrorState\">10013</Data>\n  </EventData>\n</Event>\n" +
      std::string(kScm7000) + "\n" + std::string(kScm7000);
  Output run = tokenize(input);
  EXPECT_EQ(run.records,
            (std::vector<std::string>{"line=4" + std::string(kScm7000Record.substr(6)),
                                      "line=5" + std::string(kScm7000Record.substr(6))}));
  EXPECT_EQ(run.stats.lines_not_understood, 3u);
  expect_identity(run, input);
}

TEST(EventXmlTokenizer, SkipsAnEventTooLongToKeep) {
  // Over the limit: the long event's lines are not understood, the next event is read.
  const size_t limit = kScm7000.size() + 10;
  const std::string long_event = "<Event " + std::string(kNs) +
                                 "><System><Provider Name=\"P\"/></System>\n<EventData><Data>" +
                                 std::string(2 * limit, 'x') + "</Data>\n\n</EventData></Event>";
  Output run = tokenize(long_event + "\n" + std::string(kScm7000), limit);
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0], "line=5" + std::string(kScm7000Record.substr(6)));
  EXPECT_EQ(run.stats.lines_not_understood, 4u);  // the blank line in it too
  expect_identity(run, "long");

  // The same closed on the line it starts on, after a good event.
  const std::string one_line = std::string(kScm7000) + "<Event><System><Provider Name=\"" +
                               std::string(2 * limit, 'x') + "\"/></System></Event>";
  run = tokenize(one_line + "\n" + std::string(kScm7000), limit);
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.records[1], "line=2" + std::string(kScm7000Record.substr(6)));
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
  expect_identity(run, "one line");

  // An event left open over many blank lines is dropped when they make it too long.
  run = tokenize("<Event>" + std::string(1000, '\n') + std::string(kScm7000), limit);
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0], "line=1001" + std::string(kScm7000Record.substr(6)));
  EXPECT_EQ(run.stats.lines_not_understood, 1000u);
  expect_identity(run, "blank lines");
}

TEST(EventXmlTokenizer, SkipsAnEventPastTheDefaultLimit) {
  const std::string huge = "<Event " + std::string(kNs) + "><System><Provider Name=\"P\"/>" +
                           "</System><EventData><Data>" +
                           std::string(EventXmlTokenizer::kMaxEventBytes, 'x') +
                           "</Data></EventData></Event>";
  Output run = tokenize(huge + "\n" + std::string(kScm7000));
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0], "line=2" + std::string(kScm7000Record.substr(6)));
  EXPECT_EQ(run.stats.lines_not_understood, 1u);
}

TEST(EventXmlTokenizer, KeepsTheLineAccountingForAnyMix) {
  const std::vector<std::string> pool = {
      std::string(kScm7000),
      "<Event " + std::string(kNs) + ">",
      "  <System>",
      "    <Provider Name=\"P\"/><EventID>4</EventID>",
      "  </System>",
      "</Event>",
      "</Event><Event>",
      "<Events>",
      "</Events>",
      "",
      "<?xml version=\"1.0\"?>",
      "<Data Name=\"x\">&amp;</Data>",
      "<Event",
      "junk <Event/> junk",
      std::string(kScm7000) + std::string(kScm7000).substr(0, 100),
  };
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string input;
    const int lines = 1 + static_cast<int>(random() % 30);
    for (int i = 0; i < lines; ++i) {
      if (i > 0) input += '\n';
      input += pool[random() % pool.size()];
    }
    expect_identity(tokenize(input, 1 + random() % 2000), input);
  }
}

TEST(EventXmlDetection, ShowsEventXmlLines) {
  EXPECT_TRUE(is_event_xml_line(kScm7000));
  EXPECT_TRUE(is_event_xml_line("<Events>"));
  EXPECT_TRUE(
      is_event_xml_line("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"));
  EXPECT_FALSE(is_event_xml_line("<Event>"));
  EXPECT_FALSE(is_event_xml_line("<EventData>"));
  EXPECT_FALSE(is_event_xml_line("Event 7000 from Service Control Manager"));
  EXPECT_FALSE(is_event_xml_line(""));

  EXPECT_EQ(detect_format({R"(<?xml version="1.0" encoding="UTF-8"?>)", "<Events>",
                           "<Event " + std::string(kNs) + ">", "  <System>"}),
            "event-xml");
  EXPECT_EQ(detect_format({std::string(kScm7000), std::string(kScm7000)}), "event-xml");
}

TEST(ParseEventXml, RejectsWhatIsNoEvent) {
  Record record;
  EXPECT_FALSE(parse_event_xml("", record));
  EXPECT_FALSE(parse_event_xml("<Event><System>", record));
  EXPECT_FALSE(parse_event_xml("<Events><Event><System/></Event></Events>", record));
  EXPECT_FALSE(parse_event_xml("<Event><EventData/></Event>", record));
  EXPECT_TRUE(parse_event_xml("<Event><System/></Event>", record));
  bool time_unparsed = false;
  EXPECT_TRUE(parse_event_xml(
      R"(<Event><System><TimeCreated SystemTime="2024-02-30T00:00:00Z"/></System></Event>)", record,
      &time_unparsed));
  EXPECT_TRUE(time_unparsed);
  EXPECT_FALSE(record.time);
}

}  // namespace
}  // namespace certdiag
