// Text helpers the reports share.
#include <date/date.h>
#include <gtest/gtest.h>

#include "report/shown_time.h"
#include "report/strings.h"

namespace certdiag {
namespace {

TEST(ReportStrings, EvidenceTimeShowsTheLocalTimeAsTheLogWroteIt) {
  Signal signal;
  signal.time = Time{} + std::chrono::hours(23);
  signal.local_time = "01-01-1970 18:00:00.000 +300";
  EXPECT_EQ(evidence_time(signal, "unknown", ShownTime()),
            "1970-01-01T23:00:00Z (log: 01-01-1970 18:00:00.000 +300)");
  signal.local_time.clear();
  EXPECT_EQ(evidence_time(signal, "unknown", ShownTime()), "1970-01-01T23:00:00Z");
  signal.time.reset();
  EXPECT_EQ(evidence_time(signal, "unknown", ShownTime()), "unknown");
}

TEST(ReportStrings, EvidenceTimeNamesTheZoneALocalTimeWasAssumedIn) {
  Signal signal;
  signal.time = Time{} + std::chrono::hours(23);
  signal.local_time = "1/1/1970 11:00:00 PM";
  signal.time_assumed = true;
  EXPECT_EQ(evidence_time(signal, "unknown", ShownTime()),
            "1970-01-01T23:00:00Z (log: 1/1/1970 11:00:00 PM, read as UTC)");
  std::string error;
  const ShownTime berlin = ShownTime::from_specs("Europe/Berlin", "+01:00", error);
  ASSERT_EQ(error, "");
  signal.local_time.clear();
  EXPECT_EQ(evidence_time(signal, "unknown", berlin), "1970-01-02T00:00:00+01:00 (read as +01:00)");
}

TEST(ReportStrings, ShownTimeGivesTheOffsetOfTheZoneAtThatInstant) {
  std::string error;
  const ShownTime berlin = ShownTime::from_specs("Europe/Berlin", "", error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(berlin.zone_name(), "Europe/Berlin");
  EXPECT_EQ(berlin.input_zone_name(), "UTC");
  const Time winter = date::sys_days{date::year{2024} / 1 / 15} + std::chrono::hours(12);
  const Time summer = date::sys_days{date::year{2024} / 7 / 15} + std::chrono::hours(12) +
                      std::chrono::milliseconds(5);
  EXPECT_EQ(berlin.stamp(winter), "2024-01-15T13:00:00+01:00");
  EXPECT_EQ(berlin.stamp(summer), "2024-07-15T14:00:00.005+02:00");
  const ShownTime india = ShownTime::from_specs("+05:30", "", error);
  EXPECT_EQ(india.stamp(winter), "2024-01-15T17:30:00+05:30");
  const ShownTime west = ShownTime::from_specs("-0330", "", error);
  EXPECT_EQ(west.stamp(winter), "2024-01-15T08:30:00-03:30");
  EXPECT_EQ(ShownTime().stamp(winter), "2024-01-15T12:00:00Z");
  EXPECT_EQ(ShownTime().stamp(std::nullopt, "-"), "-");
  ShownTime::from_specs("Mars/Olympus", "", error);
  EXPECT_NE(error, "");
}

TEST(ReportStrings, EventLabelNamesProviderIdAndLevelOfEventsOnly) {
  Signal signal;
  EXPECT_EQ(event_label(signal), "");
  signal.event_id = 36882;
  EXPECT_EQ(event_label(signal), "36882") << "an event without text: nothing after the label";
  signal.text = "The certificate received from the remote server has been revoked.";
  signal.provider = "Schannel";
  signal.event_id = 36882;
  EXPECT_EQ(event_label(signal), "Schannel 36882  ");
  signal.level = Level::error;
  EXPECT_EQ(event_label(signal), "Schannel 36882 error  ");
  signal.provider = "Bad\x1b[31m";
  EXPECT_EQ(event_label(signal), "Bad\\x1b[31m 36882 error  ");
}

}  // namespace
}  // namespace certdiag
