#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/wsus.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, std::string input_tz = "") {
  Output run = testing_support::feed_lines(text, [&](RecordSink sink) {
    return WsusTokenizer(std::move(sink), TokenizeOptions{input_tz, DateOrder::unknown});
  });
  EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
            run.lines)
      << text;
  return run;
}

TEST(WsusTokenizer, ReadsSoftwareDistributionLogInUtcWithItsLevels) {
  // On disk the columns are TAB-separated; the post this layout was read in had spaces.
  Output run = tokenize(
      "2019-07-11 04:34:31.281 UTC\tInfo\tWsusService.12\tContentSyncAgent.WakeUpWorkerThreadProc"
      "\tProcessing Item: 316170c4-97ec-4dbc-9364-17b6832294f3, State: 10\n"
      "2019-07-11 04:34:32.010 UTC      Error      WsusService.12      "
      "CabUtilities.CheckCertificateSignature      File cert verification failed for "
      "c:\\WSUS\\WsusContent\\89\\CBFC.psf with 2148204800");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 time=2019-07-11T04:34:31.281Z level=info )"
                R"(component="ContentSyncAgent.WakeUpWorkerThreadProc" thread="WsusService.12" )"
                R"(msg="Processing Item: 316170c4-97ec-4dbc-9364-17b6832294f3, State: 10")",
                R"(line=2 time=2019-07-11T04:34:32.010Z level=error )"
                R"(component="CabUtilities.CheckCertificateSignature" thread="WsusService.12" )"
                R"(msg="File cert verification failed for c:\\WSUS\\WsusContent\\89\\CBFC.psf )"
                R"(with 2148204800")"}));
}

TEST(WsusTokenizer, StackTraceLinesContinueTheirEntry) {
  Output run = tokenize(
      "2019-07-11 04:34:31.281 UTC\tError\tWsusService.12\tWebServiceCommunicationHelper."
      "ProcessWebServiceProxyException\tSystem.Net.WebException: The operation has timed out\n"
      "   at System.Web.Services.Protocols.WebClientProtocol.GetWebResponse(WebRequest request)\n"
      "\n"
      "2019-07-11 04:34:32.000 UTC\tInfo\tWsusService.12\tA.B\tnext");
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.records[0],
            R"(line=1 lines=2 time=2019-07-11T04:34:31.281Z level=error )"
            R"(component="WebServiceCommunicationHelper.ProcessWebServiceProxyException" )"
            R"(thread="WsusService.12" msg="System.Net.WebException: The operation has timed out\n)"
            R"(   at System.Web.Services.Protocols.WebClientProtocol.GetWebResponse(WebRequest )"
            R"x(request)")x");
  EXPECT_EQ(run.stats.lines_structure, 1u);
}

TEST(WsusTokenizer, ClassicWindowsUpdateLogTakesItsZoneFromTheBanner) {
  // "tz: -0500": local time is five hours behind UTC; the colon before the milliseconds is the
  // log's own.
  Output run = tokenize(
      "2022-11-06\t08:22:57:447\t6032\t13a4\tMisc\t===========  Logging initialized (build: "
      "7.6.7600.311, tz: -0500)  ===========\n"
      "2022-11-06\t08:22:58:001\t 996\tf48\tAgent\t  * WARNING: Exit code = 0x8024402C\n"
      "2022-11-06\t08:22:58:002\t 996\tf48\tAgent\tFATAL: Failed to synchronize, error = "
      "0x8024402C");
  ASSERT_EQ(run.records.size(), 3u);
  EXPECT_EQ(run.records[1],
            R"(line=2 time=2022-11-06T13:22:58.001Z local="2022-11-06 08:22:58:001" )"
            R"(level=warning component="Agent" thread="f48" )"
            R"(msg="* WARNING: Exit code = 0x8024402C" data.process="996")");
  EXPECT_NE(run.records[2].find("level=error"), std::string::npos) << run.records[2];
  EXPECT_EQ(run.records[0].find("time_assumed"), std::string::npos) << run.records[0];
}

TEST(WsusTokenizer, WindowsUpdateLogWithoutBannerIsReadInTheInputZone) {
  Output run = tokenize("2022-11-06\t08:22:58:001\t996\tf48\tAgent\tStarted", "+02:00");
  EXPECT_EQ(run.records, (std::vector<std::string>{
                             R"(line=1 time=2022-11-06T06:22:58.001Z time_assumed )"
                             R"(local="2022-11-06 08:22:58:001" level=unknown component="Agent" )"
                             R"(thread="f48" msg="Started" data.process="996")"}));
}

TEST(WsusTokenizer, ReadsGetWindowsUpdateLogOutput) {
  Output run = tokenize(
      "2019/06/05 11:07:49.5842262 21136 21548   Misc            Trusted Publisher: Yes |  ");
  EXPECT_EQ(run.records, (std::vector<std::string>{
                             R"(line=1 time=2019-06-05T11:07:49.584Z time_assumed )"
                             R"(local="2019/06/05 11:07:49.5842262" level=unknown )"
                             R"(component="Misc" thread="21548" msg="Trusted Publisher: Yes |" )"
                             R"(data.process="21136")"}));
}

TEST(WsusTokenizer, TrimmedLinesAreOneEntryEach) {
  // A post kept `Component message` only; the first line is cut mid-entry.
  Output run = tokenize(
      "ed with status 0x8\n"
      "Report REPORT EVENT: {EA54} 2011-05-13 07:47:07:169+0200 1 161 101 {4D50} 1 800b0109 "
      "AutomaticUpdatesWuApp Failure Content Download Error: Download failed.\n"
      "Service *********\n"
      "Warning WsusService.11 ContentSyncAgent.ProcessBITSNotificationQueue Invalid file deleted");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 level=unknown msg="ed with status 0x8")",
                R"(line=2 level=unknown component="Report" msg="REPORT EVENT: {EA54} 2011-05-13 )"
                R"(07:47:07:169+0200 1 161 101 {4D50} 1 800b0109 AutomaticUpdatesWuApp Failure )"
                R"(Content Download Error: Download failed.")",
                R"(line=3 level=unknown component="Service" msg="*********")",
                R"(line=4 level=warning component="ContentSyncAgent.ProcessBITSNotificationQueue" )"
                R"(thread="WsusService.11" msg="Invalid file deleted")"}));
}

TEST(WsusTokenizer, CountsTimesItCannotReadAndSurvivesBadLines) {
  // Month 13 and hour 25 are kept as written and counted; a banner whose offset is no offset
  // leaves the input zone in force; junk before any entry is an entry of its own.
  Output run = tokenize(
      std::string("\x01\xff junk\n", 8) +
      "2022-13-06\t08:22:57:447\t6032\t13a4\tMisc\tmonth 13\n"
      "2022-11-06 25:00:00.000 UTC\tInfo\tWsusService.1\tA.B\thour 25\n"
      "2022-11-06\t08:22:57:447\t6032\t13a4\tMisc\tLogging initialized (build: 1, tz: +05x0)\n"
      "\t\t\n");
  ASSERT_EQ(run.records.size(), 4u);
  EXPECT_EQ(run.records[1],
            R"(line=2 local="2022-13-06 08:22:57:447" level=unknown component="Misc" )"
            R"(thread="13a4" msg="month 13" )"
            R"(data.process="6032")");
  EXPECT_EQ(run.records[3].find("time=2022-11-06T08:22:57.447Z time_assumed"), 7u)
      << run.records[3];
  EXPECT_EQ(run.stats.times_unparsed, 2u);
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(WsusTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  WsusTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("2022-11-06\t08:22:57:447\t6032\t13a4\tAgent\tabc", 1);
  tokenizer.feed("def", 1);
  tokenizer.feed("2022-11-06\t08:22:57:448\t6032\t13a4\tAgent\tghi", 2);
  tokenizer.finish();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].find(R"(msg="abcdef")"), std::string::npos) << records[0];
  EXPECT_EQ(tokenizer.stats().lines_in_records, 2u);
}

TEST(WsusTokenizer, DetectionNeedsAMarkerNoOtherTextHas) {
  EXPECT_TRUE(is_wsus_line("2022-11-06\t08:22:57:447\t6032\t13a4\tMisc\tstarted"));
  // TABs pasted as spaces.
  EXPECT_TRUE(is_wsus_line("2011-05-13 07:47:07:169  996 f48 Report REPORT EVENT: {EA54}"));
  EXPECT_TRUE(is_wsus_line("AU Successfully wrote event for AU health state:0"));
  EXPECT_TRUE(is_wsus_line("WsusService.11 CabUtilities.CheckCertificateSignature File cert"));
  EXPECT_TRUE(
      is_wsus_line("2019-07-11 04:34:31.281 UTC\tInfo\tw3wp.8\tClientImplementation."
                   "SyncUpdates\tSyncUpdates started"));
  // Common words start lines of any text: not enough to tell a Windows Update log by.
  EXPECT_FALSE(is_wsus_line("Service restarted after the update"));
  EXPECT_FALSE(is_wsus_line("Agent Smith"));
  EXPECT_FALSE(is_wsus_line("2022-11-06 08:22:57.447 6032 13a4 Misc started"));
  EXPECT_EQ(detect_format({"AU ########### AU: Uninitializing Automatic Updates ###########"}),
            "wsus");
  EXPECT_EQ(detect_format_why({"2019/06/05 11:07:49.5842262 21136 21548   Misc   x"}).reason,
            "WindowsUpdate.log written by Get-WindowsUpdateLog: 1 of the first 1 lines show its "
            "layout, first line 1: 2019/06/05 11:07:49.5842262 21136 21548   Misc   x");
}

}  // namespace
}  // namespace certdiag
