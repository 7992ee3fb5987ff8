// The rule-pack loader reports each kind of broken pack as one error of that kind at its file and
// line; the messages users read are pinned by the command-line tests (bad_input_test.cpp).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "rules/loader.h"

namespace certdiag {
namespace {

const std::string kBad = std::string(CERTDIAG_SOURCE_DIR) + "/tests/data/bad_patterns/";

// Each error as "kind file:line", the file relative to `folder`.
std::vector<std::string> kinds_and_places(const std::vector<RuleError>& errors,
                                          const std::string& folder = "") {
  std::vector<std::string> out;
  for (const auto& error : errors) {
    const std::string file =
        error.file.starts_with(folder) ? error.file.substr(folder.size()) : error.file;
    out.push_back(fmt::format("{} {}:{}", kind_name(error.kind), file, error.line));
  }
  return out;
}

std::vector<std::string> errors_of(const std::string& kind) {
  std::vector<RuleError> errors;
  const auto packs = read_pack_dir(kBad + kind, errors);
  const auto result = load_packs(packs);
  errors.insert(errors.end(), result.errors.begin(), result.errors.end());
  return kinds_and_places(errors, kBad);
}

TEST(RuleLoader, ReportsBadRegexWithRe2Reason) {
  EXPECT_EQ(errors_of("bad-regex"), std::vector<std::string>{"regex bad-regex/pack.yaml:5"});
}

TEST(RuleLoader, ReportsUnknownKeyWithSuggestion) {
  EXPECT_EQ(errors_of("unknown-key"), std::vector<std::string>{"invalid unknown-key/pack.yaml:13"});
}

TEST(RuleLoader, ReportsDuplicateId) {
  EXPECT_EQ(errors_of("duplicate-id"),
            std::vector<std::string>{"duplicate_id duplicate-id/pack.yaml:7"});
}

TEST(RuleLoader, ReportsDanglingSignalReference) {
  EXPECT_EQ(errors_of("dangling-ref"),
            std::vector<std::string>{"unknown_id dangling-ref/pack.yaml:11"});
}

TEST(RuleLoader, ReportsCaptureTheSignalDoesNotMake) {
  EXPECT_EQ(errors_of("capture-typo"),
            std::vector<std::string>{"capture capture-typo/pack.yaml:11"});
}

// Aliases share YAML nodes: a few of them nested stand for billions of conditions once walked.
TEST(RuleLoader, RefusesYamlAliasesBeforeWalkingThem) {
  EXPECT_EQ(errors_of("yaml-alias"), std::vector<std::string>{"yaml yaml-alias/pack.yaml:16"});
}

TEST(RuleLoader, ReportsYamlSyntaxError) {
  const auto errors = errors_of("bad-yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("yaml bad-yaml/pack.yaml:")) << errors[0];
}

TEST(RuleLoader, RequiresSamplesOnEverySignal) {
  const auto result =
      load_packs({{"inline.yaml", "signals:\n  - id: a\n    match: { message: x }\n"}});
  EXPECT_EQ(kinds_and_places(result.errors), std::vector<std::string>{"invalid inline.yaml:2"});
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
  return kinds_and_places(result.errors);
}

TEST(RuleLoader, AcceptsCaptureTestsOnNamedSignals) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { code: [42, 43], host_name: a } }"),
            std::vector<std::string>{});
  EXPECT_EQ(capture_errors("{ any: [alert], capture: { code: 42 } }"), std::vector<std::string>{});
}

TEST(RuleLoader, ReportsCaptureTheSignalDoesNotMakeWithSuggestion) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { cod: 42 } }"),
            std::vector<std::string>{"capture inline.yaml:8"});
  EXPECT_EQ(capture_errors("{ any: [alert, plain], capture: { code: 42 } }"),
            std::vector<std::string>{"capture inline.yaml:8"});
  EXPECT_EQ(capture_errors("{ capture: { kode: 42 } }"),
            std::vector<std::string>{"capture inline.yaml:8"});
}

TEST(RuleLoader, ReportsMalformedCaptureTests) {
  EXPECT_EQ(capture_errors("{ signal: alert, capture: code }"),
            std::vector<std::string>{"invalid inline.yaml:8"});
  EXPECT_EQ(capture_errors("{ signal: alert, capture: { code: [] } }"),
            std::vector<std::string>{"invalid inline.yaml:8"});
  EXPECT_EQ(capture_errors("{ signal: alert, any: [plain] }"),
            std::vector<std::string>{"invalid inline.yaml:8"});
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
  EXPECT_EQ(kinds_and_places(result.errors), std::vector<std::string>{"invalid inline.yaml:5"});
}

TEST(RuleLoader, ReportsUnknownMatchFieldWithSuggestion) {
  const auto result = load_packs({{"inline.yaml",
                                   "signals:\n  - id: a\n    match: { provder: x }\n"
                                   "    samples: { match: [{ provider: x }] }\n"}});
  EXPECT_EQ(kinds_and_places(result.errors), std::vector<std::string>{"invalid inline.yaml:3"});
}

TEST(RuleLoader, ReportsSampleFieldsNoRecordHas) {
  const auto result =
      load_packs({{"inline.yaml",
                   "signals:\n  - id: a\n    match: { message: x }\n"
                   "    samples:\n      match: [x]\n"
                   "      no-match:\n        - { messages: x }\n        - { event_id: 'x1' }\n"}});
  EXPECT_EQ(kinds_and_places(result.errors),
            (std::vector<std::string>{"invalid inline.yaml:7", "invalid inline.yaml:8"}));
}

// Packs read from a folder on Windows are named with '\\'; the built-in ones with '/'.
TEST(RuleLoader, DigestIsTheSameWhicheverSeparatorNamesThePacks) {
  if (std::filesystem::path::preferred_separator == '/')
    GTEST_SKIP() << "'\\' is no separator on POSIX";
  const std::string text = "signals: []\n";
  EXPECT_EQ(load_packs({{"patterns\\windows\\tls.yaml", text}}).rules.digest,
            load_packs({{"patterns/windows/tls.yaml", text}}).rules.digest);
  EXPECT_NE(load_packs({{"patterns/windows/other.yaml", text}}).rules.digest,
            load_packs({{"patterns/windows/tls.yaml", text}}).rules.digest);
}

TEST(RuleLoader, ReadsNegatedFieldTests) {
  const auto result = load_packs(
      {{"inline.yaml",
        "signals:\n  - id: a\n    match:\n      path: amt\n"
        "      not: { data.eku_oids: '113741', message: 'Client Setup' }\n"
        "    samples:\n      match: [{ path: amt/x.cer, data.eku_oids: '1.3' }]\n"
        "      no-match: [{ path: amt/x.cer, data.eku_oids: '2.16.840.1.113741.1.2.3' }]\n"}});
  ASSERT_EQ(result.errors.size(), 0u) << result.errors[0].to_string();
  const SignalRule& rule = result.rules.signals.at(0);
  ASSERT_EQ(rule.tests.size(), 3u);
  EXPECT_FALSE(rule.tests[0].negated);
  EXPECT_EQ(rule.tests[1].field, "data.eku_oids");
  EXPECT_TRUE(rule.tests[1].negated);
  EXPECT_EQ(rule.tests[2].field, "message");
  EXPECT_TRUE(rule.tests[2].negated);
  EXPECT_EQ(rule.message_test(), nullptr) << "a negated message test picks no record";
}

TEST(RuleLoader, ReportsMalformedNegatedTests) {
  const auto errors_of_match = [](const std::string& match) {
    const auto result = load_packs({{"inline.yaml", "signals:\n  - id: a\n    match: " + match +
                                                        "\n    samples: { match: [x] }\n"}});
    std::vector<std::string> lines;
    for (const auto& error : result.errors) lines.push_back(error.to_string());
    return lines;
  };
  EXPECT_EQ(errors_of_match("{ message: x, not: y }"),
            (std::vector<std::string>{
                "inline.yaml:3: signal 'a': match: not: must be a non-empty mapping of fields"}));
  EXPECT_EQ(errors_of_match("{ message: x, not: { not: { message: y } } }"),
            (std::vector<std::string>{
                "inline.yaml:3: signal 'a': match: not: holds field tests, not not:"}));
  EXPECT_EQ(errors_of_match("{ message: x, not: { mesage: y } }"),
            (std::vector<std::string>{"inline.yaml:3: signal 'a': unknown match field 'mesage' "
                                      "(did you mean 'message'?)"}));
  EXPECT_EQ(errors_of_match("{ message: x, not: { data.A: '(?P<a>y)' } }"),
            (std::vector<std::string>{
                "inline.yaml:3: signal 'a': not: data.A cannot capture (named groups)"}));
  EXPECT_EQ(errors_of_match("{ not: { message: y } }"),
            (std::vector<std::string>{
                "inline.yaml:3: signal 'a': match: needs a field test besides not:"}));
}

}  // namespace
}  // namespace certdiag
