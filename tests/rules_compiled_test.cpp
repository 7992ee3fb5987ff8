// The built-in packs as certdiag reads them at start-up: compiled at build time to a binary form
// that must hold exactly what loading their YAML gives.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "rules/compiled_rules.h"
#include "rules/loader.h"
#include "run_binary.h"

namespace certdiag {
namespace {

using testing_support::run_certdiag;

// The binary form lists each struct's members: a member added to the rule vocabulary must be
// added to rules/compiled_rules.cpp too, then the size here updated.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(FieldTest) == 96 && sizeof(RuleSample) == 64 && sizeof(SignalRule) == 264);
static_assert(sizeof(CountTest) == 40 && sizeof(CaptureTest) == 56 && sizeof(Condition) == 336);
static_assert(sizeof(Fact) == 368 && sizeof(SeverityWhen) == 344 && sizeof(Alternative) == 64);
static_assert(sizeof(DiagnosisRule) == 1792 && sizeof(CoverageRule) == 128 &&
              sizeof(RuleAlternative) == 408);
static_assert(sizeof(RuleSet) == 128 && sizeof(RuleOrigin) == 40 && sizeof(Field) == 64);
#endif

TEST(CompiledRules, ReadBackAsWritten) {
  const RuleSet rules = load_packs(builtin_packs()).rules;
  const std::string bytes = encode_rules(rules);
  const auto decoded = decode_rules(bytes);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(encode_rules(*decoded), bytes);
  ASSERT_EQ(decoded->signals.size(), rules.signals.size());
  ASSERT_EQ(decoded->diagnoses.size(), rules.diagnoses.size());
  EXPECT_EQ(decoded->signals.back().tests.front().pattern,
            rules.signals.back().tests.front().pattern);
  EXPECT_EQ(decoded->diagnoses.back().when.origin.line, rules.diagnoses.back().when.origin.line);
  EXPECT_EQ(decoded->tested_captures, rules.tested_captures);
  const SignalRule* detail = decoded->find_signal("tls.credential-failed-detail");
  ASSERT_NE(detail, nullptr);
  ASSERT_EQ(detail->alternatives.size(), 2u);
  EXPECT_EQ(detail->alternatives[1].at(1).field, "data.ErrorState");
  EXPECT_EQ(decoded->digest, rules.digest);
}

TEST(CompiledRules, TheBuildsCompiledPacksAreTheBuiltInPacks) {
  std::ifstream in(CERTDIAG_COMPILED_RULES_FILE, std::ios::binary);
  ASSERT_TRUE(in) << CERTDIAG_COMPILED_RULES_FILE;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(), encode_rules(load_packs(builtin_packs()).rules));
}

TEST(CompiledRules, RefusesBytesOfAnotherLayout) {
  EXPECT_FALSE(decode_rules(""));
  EXPECT_FALSE(decode_rules("signals: []"));
  const std::string bytes = encode_rules(load_packs(builtin_packs()).rules);
  EXPECT_FALSE(decode_rules(std::string_view(bytes).substr(0, bytes.size() / 2)));
  RuleSet empty;
  const auto decoded = decode_rules(encode_rules(empty));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->signals.empty());
}

// The report without the clock: when it ran and how long it took.
std::string without_clock(const std::string& json) {
  const std::string timeless =
      std::regex_replace(json, std::regex(R"("elapsed_s": ?[0-9.e+-]+)"), R"("elapsed_s": 0)");
  return std::regex_replace(timeless, std::regex(R"("now": ?"[^"]*")"), R"("now": "X")");
}

// The program reads the compiled packs; --rules reads the same packs from their YAML.
TEST(CompiledRules, TheProgramFindsWhatTheYamlPacksFind) {
  auto compiled = run_certdiag("certdiag --format json samples");
  auto yaml = run_certdiag("certdiag --rules patterns --format json samples");
  compiled.out = without_clock(compiled.out);
  yaml.out = without_clock(yaml.out);
  ASSERT_FALSE(compiled.out.empty());
  EXPECT_NE(compiled.out.find("\"diagnoses\""), std::string::npos);
  EXPECT_EQ(compiled.status, yaml.status);
  EXPECT_EQ(compiled.out, yaml.out);
}

}  // namespace
}  // namespace certdiag
