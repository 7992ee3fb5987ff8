// The rule-pack loader reports each kind of broken pack as one `file:line: message` error.
#include <gtest/gtest.h>

#include "rules/loader.h"

namespace certdiag {
namespace {

const std::string kBad = std::string(CERTDIAG_SOURCE_DIR) + "/tests/data/bad_patterns/";

std::vector<std::string> errors_of(const std::string& kind) {
  std::vector<RuleError> errors;
  const auto packs = read_pack_dir(kBad + kind, errors);
  const auto result = load_packs(packs);
  errors.insert(errors.end(), result.errors.begin(), result.errors.end());
  std::vector<std::string> lines;
  for (const auto& error : errors) {
    std::string line = error.to_string();
    lines.push_back(line.substr(line.find("bad_patterns/") + 13));
  }
  return lines;
}

TEST(RuleLoader, ReportsBadRegexWithRe2Reason) {
  EXPECT_EQ(errors_of("bad-regex"),
            std::vector<std::string>{
                "bad-regex/pack.yaml:5: signal 'test.broken': invalid regex in message: "
                "missing ): certificate (expired"});
}

TEST(RuleLoader, ReportsUnknownKeyWithSuggestion) {
  EXPECT_EQ(
      errors_of("unknown-key"),
      std::vector<std::string>{"unknown-key/pack.yaml:13: diagnosis: unknown key 'remediaton' "
                               "(did you mean 'remediation'?)"});
}

TEST(RuleLoader, ReportsDuplicateId) {
  EXPECT_EQ(
      errors_of("duplicate-id"),
      std::vector<std::string>{"duplicate-id/pack.yaml:7: duplicate signal id 'test.signal'"});
}

TEST(RuleLoader, ReportsDanglingSignalReference) {
  EXPECT_EQ(errors_of("dangling-ref"),
            std::vector<std::string>{
                "dangling-ref/pack.yaml:11: diagnosis 'test.diagnosis': unknown signal "
                "'test.signa' (did you mean 'test.signal'?)"});
}

// Aliases share YAML nodes: a few of them nested stand for billions of conditions once walked.
TEST(RuleLoader, RefusesYamlAliasesBeforeWalkingThem) {
  EXPECT_EQ(errors_of("yaml-alias"),
            std::vector<std::string>{
                "yaml-alias/pack.yaml:16: YAML anchors and aliases (&name, *name) are not allowed "
                "in rule packs: write each value out"});
}

TEST(RuleLoader, ReportsYamlSyntaxError) {
  const auto errors = errors_of("bad-yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("bad-yaml/pack.yaml:")) << errors[0];
}

TEST(RuleLoader, RequiresSamplesOnEverySignal) {
  const auto result =
      load_packs({{"inline.yaml", "signals:\n  - id: a\n    match: { message: x }\n"}});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "inline.yaml:2: signal 'a': needs samples: match: with at least one real line");
}

}  // namespace
}  // namespace certdiag
