#include <gtest/gtest.h>

#include "diagnose/text_template.h"

namespace certdiag {
namespace {

Signal signal_with(std::vector<Capture> captures, std::string host = "WEB01") {
  Signal signal;
  signal.host = std::move(host);
  signal.captures = std::move(captures);
  return signal;
}

TEST(FillTemplate, ReplacesCapturesAndHost) {
  const Signal signal = signal_with({{"subject", "CN=web01"}});
  EXPECT_EQ(fill_template("{subject} on {host}", {&signal}), "CN=web01 on WEB01");
}

TEST(FillTemplate, LeavesUnknownPlaceholdersAsWritten) {
  const Signal signal = signal_with({});
  EXPECT_EQ(fill_template("{subject} and {", {&signal}), "{subject} and {");
}

TEST(FillTemplate, FallbackWordsStandInForAMissingCapture) {
  const Signal with = signal_with({{"process", "lsass.exe"}});
  const Signal without = signal_with({});
  EXPECT_EQ(fill_template("{process|A program} checked it", {&with}), "lsass.exe checked it");
  EXPECT_EQ(fill_template("{process|A program} checked it", {&without}), "A program checked it");
  EXPECT_EQ(fill_template("{process|}x", {&without}), "x");
}

TEST(FillTemplate, UnclosedFallbackIsLeftAsWritten) {
  const Signal signal = signal_with({});
  EXPECT_EQ(fill_template("{process|A program", {&signal}), "{process|A program");
}

}  // namespace
}  // namespace certdiag
