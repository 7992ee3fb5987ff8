#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/event_list.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  Output run = testing_support::feed_lines(
      text, [](RecordSink sink) { return EventListTokenizer(std::move(sink)); });
  EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
            run.lines)
      << text;
  return run;
}

TEST(EventListTokenizer, ReadsFlattenedRowsAndTheDetailLinesUnderThem) {
  // As KB4560600 shows them: the list's tabs flattened to spaces, a time placeholder, and the
  // Details tab's friendly view pasted under the second row.
  const Output run = tokenize(
      "Error <DateTime> CAPI2 11 Build Chain\n"
      "Error <DateTime> CAPI2 30 Verify Chain Policy\n"
      "\n"
      "Result A certificate chain processed, but terminated in a root certificate which is not "
      "trusted by the trust provider.\n"
      "[value] 800b0109");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 level=error component="CAPI2" event_id=11 msg="Build Chain")",
                R"(line=2 lines=4 level=error component="CAPI2" event_id=30 msg="Verify Chain )"
                R"(Policy\nResult A certificate chain processed, but terminated in a root )"
                R"(certificate which is not trusted by the trust provider.\n[value] 800b0109")",
            }));
  EXPECT_EQ(run.stats.times_unparsed, 0u);  // a placeholder is no time
}

// Events pasted as a Markdown table (the "Confirming Certificate Installation" table of
// "Authentication and Data Encryption in Operations Manager"): the header names the columns, the
// rule under it is structure, a line that is no row ends the table.
TEST(EventListTokenizer, ReadsAMarkdownTableByItsHeader) {
  const Output run = tokenize(
      "Type | Source | Event ID | General |\n"
      "----------|----------|----------|----------|\n"
      "Information | OpsMgr Connector | 20053 | The OpsMgr Connector has loaded the specified "
      "authentication certificate successfully.|\n"
      "| Date and Time | Event ID | Source | Log Name | Message |\n"
      "|:---|---:|---|---|---|\n"
      "| 10/13/2020 3:03:31 PM | 36882 | Schannel | System | issued by an untrusted CA |\n"
      "not a row");
  EXPECT_EQ(
      run.records,
      (std::vector<std::string>{
          R"(line=3 level=info component="OpsMgr Connector" event_id=20053 msg="The )"
          R"(OpsMgr Connector has loaded the specified authentication certificate )"
          R"(successfully.")",
          R"(line=6 time=2020-10-13T15:03:31.000Z time_assumed local="10/13/2020 3:03:31 PM" )"
          R"(level=unknown component="Schannel" event_id=36882 channel="System" )"
          R"(msg="issued by an untrusted CA")",
      }));
  EXPECT_EQ(run.stats.lines_not_understood, 1u);
  EXPECT_TRUE(is_event_list_line("Type | Source | Event ID | General |"));
  EXPECT_FALSE(
      is_event_list_line("27-3-2018 23:10:08 | xxx$ | INFORMATION... | Product installed"));
}

TEST(EventListTokenizer, ReadsTabRowsWithTheirTimeAndMessage) {
  const Output run = tokenize(
      "Warning\t4/14/2020 3:12:09 PM\tService Control Manager\t7000\tNone\tThe service did not "
      "start\n"
      "Fehler\t14.04.2020 15:12:10\tSchannel\t36887\tKeine\tEs wurde eine schwerwiegende "
      "Warnung empfangen: 46.");
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.records[0],
            R"(line=1 time=2020-04-14T15:12:09.000Z time_assumed local="4/14/2020 3:12:09 PM" )"
            R"(level=warning component="Service Control Manager" event_id=7000 )"
            R"(msg="The service did not start")");
  EXPECT_EQ(run.records[1],
            R"(line=2 time=2020-04-14T15:12:10.000Z time_assumed local="14.04.2020 15:12:10" )"
            R"(level=error component="Schannel" event_id=36887 )"
            R"(msg="Es wurde eine schwerwiegende Warnung empfangen: 46.")");
}

TEST(EventListTokenizer, LinesBeforeTheFirstRowAreNotUnderstood) {
  const Output run = tokenize("some words\nInformation 2020-04-14 15:12:09 CertEnroll 65 None");
  EXPECT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.stats.lines_not_understood, 1u);
}

TEST(EventListTokenizer, RowNeedsALevelATimeASourceAndAnEventId) {
  EXPECT_TRUE(is_event_list_row("Error <DateTime> CAPI2 11 Build Chain"));
  EXPECT_TRUE(is_event_list_row("エラー\t2020/04/14 15:12:09\tSchannel\t36874\tなし"));
  EXPECT_FALSE(is_event_list_row("Error 11 CAPI2 Build Chain"));              // no time
  EXPECT_FALSE(is_event_list_row("Error <DateTime> CAPI2 Build Chain"));      // no event id
  EXPECT_FALSE(is_event_list_row("Errors <DateTime> CAPI2 11 Build"));        // no level word
  EXPECT_FALSE(is_event_list_row(" Error <DateTime> CAPI2 11 Build Chain"));  // indented
}

}  // namespace
}  // namespace certdiag
