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

// The errors of one inline pack whose signal "alert" captures `code` and `host_name`.
std::vector<std::string> capture_errors(const std::string& when) {
  const auto result =
      load_packs({{"inline.yaml",
                   "signals:\n"
                   "  - id: alert\n"
                   "    match: { message: 'alert (?P<code>\\d+) from (?P<host_name>\\S+)' }\n"
                   "    samples: { match: ['alert 42 from a'] }\n"
                   "  - { id: plain, match: { message: x }, samples: { match: [x] } }\n"
                   "diagnoses:\n"
                   "  - id: d\n"
                   "    when: " +
                       when + "\n"}});
  std::vector<std::string> lines;
  for (const auto& error : result.errors) lines.push_back(error.to_string());
  return lines;
}

TEST(RuleLoader, AcceptsCaptureTestsOnNamedSignals) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { code: [42, 43], host_name: a } }"),
            std::vector<std::string>{});
  EXPECT_EQ(capture_errors("{ any: [alert], capture: { code: 42 } }"), std::vector<std::string>{});
}

TEST(RuleLoader, ReportsCaptureTheSignalDoesNotMakeWithSuggestion) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { cod: 42 } }"),
            std::vector<std::string>{
                "inline.yaml:8: diagnosis 'd': signal 'alert' captures no 'cod' (did you mean "
                "'code'?)"});
  EXPECT_EQ(capture_errors("{ any: [alert, plain], capture: { code: 42 } }"),
            std::vector<std::string>{"inline.yaml:8: diagnosis 'd': signal 'plain' captures no "
                                     "'code'"});
  EXPECT_EQ(capture_errors("{ capture: { kode: 42 } }"),
            std::vector<std::string>{
                "inline.yaml:8: diagnosis 'd': no signal captures 'kode' (did you mean 'code'?)"});
}

TEST(RuleLoader, ReportsMalformedCaptureTests) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: code }"),
            std::vector<std::string>{
                "inline.yaml:8: capture: a single name is the date that expiry reads; to test "
                "captured values write capture: {name: value}"});
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { code: [] } }"),
            std::vector<std::string>{"inline.yaml:8: capture: give at least one value"});
  EXPECT_EQ(
      capture_errors("{ signal: alert, any: [plain] }"),
      std::vector<std::string>{"inline.yaml:8: when: give one of signal, any, all, sequence"});
}

TEST(RuleLoader, ReadsMatchAlternativesAndTheirCaptures) {
  const auto result = load_packs(
      {{"inline.yaml",
        "signals:\n  - id: a\n    match:\n      event_id: '7'\n      any:\n"
        "        - message: 'code (?P<code>\\d+)'\n"
        "        - data.Code: '^(?P<code>\\d+)$'\n          data.Role: '(?P<role>\\w+)'\n"
        "    samples: { match: [{ event_id: '7', data.Code: '5', data.Role: 'x' }] }\n"}});
  ASSERT_EQ(result.errors.size(), 0u) << result.errors[0].to_string();
  const SignalRule& rule = result.rules.signals.at(0);
  ASSERT_EQ(rule.tests.size(), 1u);
  EXPECT_EQ(rule.tests[0].field, "event_id");
  ASSERT_EQ(rule.alternatives.size(), 2u);
  EXPECT_EQ(rule.alternatives[0].size(), 1u);
  EXPECT_EQ(rule.alternatives[1].size(), 2u);
  EXPECT_EQ(rule.capture_names, (std::vector<std::string>{"code", "role"}));
}

TEST(RuleLoader, ReportsMatchAlternativesOfOne) {
  const auto result = load_packs({{"inline.yaml",
                                   "signals:\n  - id: a\n    match:\n      any:\n"
                                   "        - message: x\n"
                                   "    samples: { match: [x] }\n"}});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "inline.yaml:5: signal 'a': match: any: must list two or more mappings of fields");
}

TEST(RuleLoader, ReportsUnknownMatchFieldWithSuggestion) {
  const auto result = load_packs({{"inline.yaml",
                                   "signals:\n  - id: a\n    match: { provder: x }\n"
                                   "    samples: { match: [{ provider: x }] }\n"}});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "inline.yaml:3: signal 'a': unknown match field 'provder' (did you mean 'provider'?)");
}

TEST(RuleLoader, ReportsSampleFieldsNoRecordHas) {
  const auto result =
      load_packs({{"inline.yaml",
                   "signals:\n  - id: a\n    match: { message: x }\n"
                   "    samples:\n      match: [x]\n"
                   "      no-match:\n        - { messages: x }\n        - { event_id: 'x1' }\n"}});
  std::vector<std::string> lines;
  for (const auto& error : result.errors) lines.push_back(error.to_string());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "inline.yaml:7: signal 'a': sample field 'messages' is not a match field, "
                       "or its value is not one",
                       "inline.yaml:8: signal 'a': sample field 'event_id' is not a match field, "
                       "or its value is not one"}));
}

}  // namespace
}  // namespace certdiag
