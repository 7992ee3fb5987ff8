#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/cmtrace_copy.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text, DateOrder order = DateOrder::unknown) {
  Output run = testing_support::feed_lines(text, [&](RecordSink sink) {
    return CmtraceCopyTokenizer(std::move(sink), TokenizeOptions{"", order});
  });
  EXPECT_EQ(run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
            run.lines)
      << text;
  return run;
}

TEST(CmtraceCopyTokenizer, ReadsTabSeparatedCopies) {
  // MP_RegistrationManager.log copied on a German machine: dotted dates are day first.
  Output run = tokenize(
      "Begin validation of Certificate [Thumbprint 820B] issued to 'CL2'\t"
      "MP_RegistrationManager\t03.07.2019 14:17:54\t5780 (0x1694)\n"
      "Certificate [Thumbprint 820B] issued to 'CL2' has expired.\tMP_RegistrationManager\t"
      "03.07.2019 14:17:54\t5780 (0x1694)\n");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 time=2019-07-03T14:17:54.000Z time_assumed local="03.07.2019 14:17:54" )"
                R"(level=unknown component="MP_RegistrationManager" thread="5780" )"
                R"(msg="Begin validation of Certificate [Thumbprint 820B] issued to 'CL2'")",
                R"(line=2 time=2019-07-03T14:17:54.000Z time_assumed local="03.07.2019 14:17:54" )"
                R"(level=unknown component="MP_RegistrationManager" thread="5780" )"
                R"(msg="Certificate [Thumbprint 820B] issued to 'CL2' has expired.")"}));
  EXPECT_EQ(run.stats.times_unparsed, 0u);
}

TEST(CmtraceCopyTokenizer, ReadsCopiesWhoseTabsBecameSpaces) {
  // Runs of spaces (a blog post): a US date with AM/PM, and "Error:" giving the level.
  Output spaced = tokenize(
      "Error: The provisioning certificate will expire in 4 day(s). (CertID = 1)      "
      "SMS_AMT_OPERATION_MANAGER                11/19/2009 11:35:01 AM               "
      "2880 (0x0B40)\n");
  EXPECT_EQ(
      spaced.records,
      (std::vector<std::string>{
          R"(line=1 time=2009-11-19T11:35:01.000Z time_assumed local="11/19/2009 11:35:01 AM" )"
          R"(level=error component="SMS_AMT_OPERATION_MANAGER" thread="2880" msg="Error: The )"
          R"r(provisioning certificate will expire in 4 day(s). (CertID = 1)")r"}));
  // Single spaces with the date before the component (a support article), day first.
  Output single = tokenize(
      "GetDirectoryList failed with a non-recoverable failure, 0x87d00454 19/02/2019 13:49:35 "
      "ccmsetup 8548 (0x2164)\n");
  EXPECT_EQ(single.records,
            (std::vector<std::string>{
                R"(line=1 time=2019-02-19T13:49:35.000Z time_assumed local="19/02/2019 13:49:35" )"
                R"(level=unknown component="ccmsetup" thread="8548" msg="GetDirectoryList failed )"
                R"(with a non-recoverable failure, 0x87d00454")"}));
}

TEST(CmtraceCopyTokenizer, CountsADateTheSourcesOrderCannotRead) {
  // The first date decides month first; a later day-first date is present but not read.
  Output run = tokenize(
      "a\tc\t11/19/2009 11:35:01 AM\t1 (0x1)\n"
      "b\tc\t19/02/2019 13:49:35\t1 (0x1)\n");
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.stats.times_unparsed, 1u);
  EXPECT_EQ(run.records[1].find("time="), std::string::npos);
}

TEST(CmtraceCopyTokenizer, DecidesDayMonthOrderFromTheSourcesOwnDates) {
  // The first date is ambiguous; the second (day 23) decides for the whole source, so the first
  // is read day first too.
  const std::string text =
      "a\tTSMBootstrap\t05.08.2023 10:21:05\t1 (0x1)\n"
      "b\tTSMBootstrap\t08/05/2023 10:21:05\t1 (0x1)\n"
      "c\tTSMBootstrap\t23/08/2023 10:21:06\t1 (0x1)\n";
  Output run = tokenize(text);
  ASSERT_EQ(run.records.size(), 3u);
  EXPECT_NE(run.records[1].find("time=2023-05-08T10:21:05"), std::string::npos) << run.records[1];
  EXPECT_EQ(run.stats.date_order, "dmy");
  EXPECT_FALSE(run.stats.date_order_assumed);

  // Nothing decides: month first, assumed; --date-order decides instead, not assumed.
  Output assumed = tokenize("b\tTSMBootstrap\t08/05/2023 10:21:05\t1 (0x1)\n");
  EXPECT_NE(assumed.records[0].find("time=2023-08-05T10:21:05"), std::string::npos);
  EXPECT_EQ(assumed.stats.date_order, "mdy");
  EXPECT_TRUE(assumed.stats.date_order_assumed);
  Output preset = tokenize("b\tTSMBootstrap\t08/05/2023 10:21:05\t1 (0x1)\n", DateOrder::dmy);
  EXPECT_NE(preset.records[0].find("time=2023-05-08T10:21:05"), std::string::npos);
  EXPECT_EQ(preset.stats.date_order, "dmy");
  EXPECT_FALSE(preset.stats.date_order_assumed);
}

TEST(CmtraceCopyTokenizer, KeepsMultiLineMessagesAndFragments) {
  // A message over two lines ends on the line with the columns; blank lines between entries are
  // layout; text left at the end (a paste cut short) is still a record.
  Output run = tokenize(
      "\n"
      "[CCMHTTP] AsyncCallback():\n"
      "WINHTTP_CALLBACK_STATUS_SECURE_FAILURE Encountered\tCcmMessaging\t1/2/2020 1:02:03 PM\t"
      "5 (0x5)\n"
      "\n"
      "[CCMHTTP]  : WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID is set\n");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=2 lines=2 time=2020-01-02T13:02:03.000Z time_assumed )"
                R"(local="1/2/2020 1:02:03 PM" level=unknown component="CcmMessaging" thread="5" )"
                R"(msg="[CCMHTTP] AsyncCallback():\nWINHTTP_CALLBACK_STATUS_SECURE_FAILURE )"
                R"(Encountered")",
                R"(line=5 level=unknown msg="[CCMHTTP]  : )"
                R"(WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID is set")"}));
  EXPECT_EQ(run.stats.lines_structure, 3u);  // lines 1, 4 and the empty last line
}

TEST(CmtraceCopyTokenizer, ReadsAPasteCutInsideAMessage) {
  // The paste begins at a message's last lines: they and the line with the columns are one
  // record, and the entries after it are read whole.
  Output run = tokenize(
      "the second line of a message\n"
      "its end\tCcmMessaging\t1/2/2020 1:02:03 PM\t5 (0x5)\n"
      "next\tCcmMessaging\t1/2/2020 1:02:04 PM\t5 (0x5)");
  EXPECT_EQ(run.records,
            (std::vector<std::string>{
                R"(line=1 lines=2 time=2020-01-02T13:02:03.000Z time_assumed )"
                R"(local="1/2/2020 1:02:03 PM" level=unknown component="CcmMessaging" thread="5" )"
                R"(msg="the second line of a message\nits end")",
                R"(line=3 time=2020-01-02T13:02:04.000Z time_assumed local="1/2/2020 1:02:04 PM" )"
                R"(level=unknown component="CcmMessaging" thread="5" msg="next")"}));
  EXPECT_EQ(run.stats.lines_not_understood, 0u);
}

TEST(CmtraceCopyTokenizer, CountsDatesItCannotRead) {
  // A date that is a date in neither order (month 13 day 13) is no column; 31/02 is a date shape
  // but no day: present, not read.
  Output run = tokenize("x\tc\t31/02/2020 10:00:00\t1 (0x1)\n");
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.stats.times_unparsed, 0u);  // not taken for a date column at all
  EXPECT_EQ(run.records[0].find("time="), std::string::npos);
}

TEST(CmtraceCopyTokenizer, DetectsCopiedLines) {
  EXPECT_TRUE(is_cmtrace_copy_line("m\tcomp\t9/9/2022 5:36:06 AM\t180 (0x00B4)"));
  EXPECT_TRUE(is_cmtrace_copy_line("m  comp  03.07.2019 14:17:54  5780 (0x1694)"));
  EXPECT_TRUE(is_cmtrace_copy_line("m 19/02/2019 13:49:35 ccmsetup 8548 (0x2164)"));
  EXPECT_FALSE(is_cmtrace_copy_line("m\tcomp\tyesterday\t180 (0x00B4)"));
  EXPECT_FALSE(is_cmtrace_copy_line("m\tcomp\t9/9/2022 5:36:06 AM\t180"));
  EXPECT_FALSE(is_cmtrace_copy_line("Error 0x80090308 returned by InitializeSecurityContext"));
  EXPECT_EQ(detect_format({"a\tTSMBootstrap\t23.08.2023 10:21:06\t1380 (0x0564)"}), "cmtrace-copy");
  EXPECT_EQ(level_of_message_prefix("Error 0x80090308 returned"), Level::error);
  EXPECT_EQ(level_of_message_prefix("  Warning: low"), Level::warning);
  EXPECT_EQ(level_of_message_prefix("Errors were fixed"), Level::unknown);
}

}  // namespace
}  // namespace certdiag
