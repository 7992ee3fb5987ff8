// What a run keeps: signals inside --since/--until, diagnoses at --min-severity on --host, and
// one analysis of each content however often it was read.
#include <gtest/gtest.h>

#include "diagnose/filters.h"
#include "model/duplicates.h"

namespace certdiag {
namespace {

Signal signal_at(std::optional<Time> time, std::string rule = "r") {
  Signal signal;
  signal.rule = std::move(rule);
  signal.time = time;
  return signal;
}

TEST(SignalsBetween, KeepsSignalsInsideTheBoundsAndDropsThoseWithoutATime) {
  const Time day{std::chrono::hours(24 * 20000)};
  SignalStore store;
  store.add(signal_at(day - std::chrono::hours(1), "before"));
  store.add(signal_at(day, "first"));
  store.add(signal_at(day + std::chrono::hours(1), "last"));
  store.add(signal_at(day + std::chrono::hours(2), "after"));
  store.add(signal_at(std::nullopt, "untimed"));
  const SignalStore kept = signals_between(store, day, day + std::chrono::hours(1));
  std::vector<std::string> rules;
  for (const auto& signal : kept.signals()) rules.push_back(signal.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"first", "last"}));
  EXPECT_EQ(signals_between(store, std::nullopt, std::nullopt).signals().size(), 5u);
}

TEST(DiagnosisWanted, NeedsTheSeverityAndOneOfTheHostsIgnoringCaseOrByShortName) {
  Diagnosis diagnosis;
  diagnosis.severity = Severity::warning;
  diagnosis.host = "SITE01.contoso.com";
  EXPECT_TRUE(diagnosis_wanted(diagnosis, Severity::warning, {}));
  EXPECT_FALSE(diagnosis_wanted(diagnosis, Severity::error, {}));
  EXPECT_TRUE(diagnosis_wanted(diagnosis, Severity::info, {"mp01", "site01.CONTOSO.com"}));
  EXPECT_TRUE(diagnosis_wanted(diagnosis, Severity::info, {"site01"}));
  EXPECT_FALSE(diagnosis_wanted(diagnosis, Severity::info, {"site0"}));
  EXPECT_FALSE(diagnosis_wanted(diagnosis, Severity::info, {"site01.fabrikam.com"}));
}

TEST(DuplicateFinder, MarksALaterSourceWithTheSameContentAndListsIt) {
  DuplicateFinder finder;
  RunSummary summary;
  const auto source = [](std::string name) {
    SourceSummary read;
    read.name = std::move(name);
    return read;
  };
  SourceSummary first = source("a/System.evtx"), copy = source("b/System.evtx"),
                other = source("c/System.evtx"), unread = source("d/empty.log");
  first.digest = copy.digest = "1234";
  other.digest = "5678";
  EXPECT_FALSE(finder.check(first, summary));
  EXPECT_TRUE(finder.check(copy, summary));
  EXPECT_FALSE(finder.check(other, summary));
  EXPECT_FALSE(finder.check(unread, summary));
  EXPECT_EQ(copy.duplicate_of, "a/System.evtx");
  ASSERT_EQ(summary.duplicates.size(), 1u);
  EXPECT_EQ(summary.duplicates[0].source, "b/System.evtx");
  EXPECT_EQ(summary.duplicates[0].same_as, "a/System.evtx");
  // A source an earlier run marked is listed, but has no signals left to drop.
  SourceSummary marked = source("e/System.evtx");
  marked.duplicate_of = "a/System.evtx";
  EXPECT_FALSE(finder.check(marked, summary));
  EXPECT_EQ(summary.duplicates.size(), 2u);
}

}  // namespace
}  // namespace certdiag
