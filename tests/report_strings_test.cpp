// Text helpers the reports share.
#include <gtest/gtest.h>

#include "report/strings.h"

namespace certdiag {
namespace {

TEST(ReportStrings, EvidenceTimeShowsTheLocalTimeAsTheLogWroteIt) {
  Signal signal;
  signal.time = Time{} + std::chrono::hours(23);
  signal.local_time = "01-01-1970 18:00:00.000 +300";
  EXPECT_EQ(evidence_time(signal, "unknown"),
            "1970-01-01T23:00:00Z (log: 01-01-1970 18:00:00.000 +300)");
  signal.local_time.clear();
  EXPECT_EQ(evidence_time(signal, "unknown"), "1970-01-01T23:00:00Z");
  signal.time.reset();
  EXPECT_EQ(evidence_time(signal, "unknown"), "unknown");
}

}  // namespace
}  // namespace certdiag
