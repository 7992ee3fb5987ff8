// Every signal of the shipped packs carries real sample lines: each `match` sample must raise
// that signal and each `no-match` sample must not.
#include <gtest/gtest.h>

#include "match/matcher.h"
#include "rules/loader.h"
#include "rules/match_fields.h"

namespace certdiag {
namespace {

bool raises(const Matcher& matcher, const RuleSample& sample, const std::string& id) {
  SourceInfo source{"sample", "sample"};
  const Record record = sample_record(sample, source);
  std::vector<Signal> signals;
  matcher.match(record, source, signals);
  return std::any_of(signals.begin(), signals.end(), [&](const Signal& s) { return s.rule == id; });
}

TEST(RulePacks, BuiltInPacksLoadWithoutErrors) {
  const auto result = load_packs(builtin_packs());
  for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
  EXPECT_FALSE(result.rules.signals.empty());
  EXPECT_FALSE(result.rules.diagnoses.empty());
}

TEST(RulePacks, EverySignalMatchesItsSamplesAndNotItsNearMisses) {
  const auto result = load_packs(builtin_packs());
  const Matcher matcher(result.rules);
  ASSERT_TRUE(matcher.ok()) << matcher.error();
  for (const auto& signal : result.rules.signals) {
    EXPECT_FALSE(signal.samples_match.empty()) << signal.id;
    for (const auto& sample : signal.samples_match) {
      EXPECT_TRUE(raises(matcher, sample, signal.id))
          << sample.origin.file << ":" << sample.origin.line << ": " << signal.id << " must match";
    }
    for (const auto& sample : signal.samples_no_match) {
      EXPECT_FALSE(raises(matcher, sample, signal.id))
          << sample.origin.file << ":" << sample.origin.line << ": " << signal.id
          << " must not match";
    }
  }
}

}  // namespace
}  // namespace certdiag
