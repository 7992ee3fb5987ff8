// Matching the records of one source: the host its path names, what its summary notes, and which
// records that raise no signal become new signatures.
#include <gtest/gtest.h>

#include "match/source_matcher.h"

namespace certdiag {
namespace {

RuleSet expiry_rules() {
  RuleSet out;
  SignalRule rule;
  rule.id = "test.expired";
  rule.tests.push_back({"message", "certificate has expired", {}});
  out.signals.push_back(std::move(rule));
  return out;
}

SourceSummary summary_of(std::string name) {
  SourceSummary out;
  out.name = std::move(name);
  out.format = "plain";
  return out;
}

Record record(std::string message, Level level, std::string host = "") {
  Record out;
  out.message = std::move(message);
  out.level = level;
  out.host = std::move(host);
  return out;
}

TEST(SourceMatcher, GivesARecordWithoutAHostTheOneItsPathNames) {
  const RuleSet rules = expiry_rules();
  const Matcher matcher(rules);
  SourceSummary summary = summary_of("WEB01/ccmexec.log");
  TemplateMiner signatures;
  SourceMatcher match(matcher, summary, signatures, "WEB01");
  Record unnamed = record("The certificate has expired", Level::error);
  Record named = record("The certificate has expired", Level::error, "APP05");
  const auto first = match(unnamed);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].host, "WEB01");
  EXPECT_EQ(match(named).at(0).host, "APP05");
  EXPECT_EQ(summary.hosts, (std::vector<std::string>{"WEB01", "APP05"}));
  EXPECT_EQ(signatures.size(), 0u);
}

TEST(SourceMatcher, KeepsErrorsAndWarningsThatRaiseNoSignalAsNewSignatures) {
  const RuleSet rules = expiry_rules();
  const Matcher matcher(rules);
  SourceSummary summary = summary_of("a.log");
  TemplateMiner signatures;
  SourceMatcher match(matcher, summary, signatures, "");
  Record unknown = record("Scan failed with error 0x80072f8f", Level::error);
  Record routine = record("Scan finished", Level::info);
  EXPECT_TRUE(match(unknown).empty());
  EXPECT_TRUE(match(routine).empty());
  ASSERT_EQ(signatures.size(), 1u);
  EXPECT_EQ(signatures.top(1).at(0).example.source, "a.log");
}

}  // namespace
}  // namespace certdiag
