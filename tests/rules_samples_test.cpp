// Every signal of the shipped packs carries real sample lines: each `match` sample must raise
// that signal and each `no-match` sample must not.
#include <gtest/gtest.h>

#include "match/matcher.h"
#include "match/samples.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

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
  for (const auto& signal : result.rules.signals)
    EXPECT_FALSE(signal.samples_match.empty()) << signal.id;
  for (const auto& error : check_samples(result.rules, matcher)) ADD_FAILURE() << error.to_string();
}

}  // namespace
}  // namespace certdiag
