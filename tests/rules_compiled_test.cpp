// The built-in packs as certdiag reads them at start-up: compiled at build time to a binary form
// that must hold exactly what loading their YAML gives.
#include <gtest/gtest.h>
#include <xxhash.h>

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
// added to rules/compiled_rules.cpp too (and its layout number raised), then the size here
// updated.
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

// Every value the rule structures hold reads back, the limits of the numbers and enums too.
TEST(CompiledRules, ReadsBackEveryKindOfValue) {
  RuleSet rules;
  SignalRule signal;
  signal.id = "test.\xC3\xA9";
  signal.case_sensitive = true;
  signal.tests.push_back({"event_id", "", {0, 36888, UINT32_MAX}, true});
  signal.origin = {"p.yaml", -1};
  rules.signals.push_back(signal);
  DiagnosisRule diagnosis;
  diagnosis.severity = Severity::info;
  diagnosis.scope = Scope::correlation;
  diagnosis.when.count = CountTest{">=", UINT64_MAX};
  diagnosis.when.within = std::chrono::milliseconds(-5);
  diagnosis.when.after = Time(std::chrono::milliseconds(INT64_MIN));
  diagnosis.when.before = Time(std::chrono::milliseconds(INT64_MAX));
  diagnosis.when.expiry = ExpiryState::expiring;
  diagnosis.unless.emplace().any.emplace_back().signal = "test.x";
  RuleAlternative alternative;
  alternative.decided_by = "a reason";
  alternative.when.emplace().signal = "test.y";
  diagnosis.alternatives.push_back(alternative);
  rules.diagnoses.push_back(diagnosis);
  const std::string bytes = encode_rules(rules);
  const auto decoded = decode_rules(bytes);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(encode_rules(*decoded), bytes);
  const FieldTest& test = decoded->signals.at(0).tests.at(0);
  EXPECT_EQ(test.ids, (std::vector<uint32_t>{0, 36888, UINT32_MAX}));
  EXPECT_TRUE(test.negated);
  EXPECT_EQ(decoded->signals[0].id, "test.\xC3\xA9");
  EXPECT_EQ(decoded->signals[0].origin.line, -1);
  const Condition& when = decoded->diagnoses.at(0).when;
  EXPECT_EQ(when.count->value, UINT64_MAX);
  EXPECT_EQ(when.within, std::chrono::milliseconds(-5));
  EXPECT_EQ(when.after, Time(std::chrono::milliseconds(INT64_MIN)));
  EXPECT_EQ(when.before, Time(std::chrono::milliseconds(INT64_MAX)));
  EXPECT_EQ(when.expiry, ExpiryState::expiring);
  EXPECT_FALSE(decoded->diagnoses[0].confidence_high);
  EXPECT_EQ(decoded->diagnoses[0].unless->any.at(0).signal, "test.x");
  EXPECT_EQ(decoded->diagnoses[0].scope, Scope::correlation);
  EXPECT_EQ(decoded->diagnoses[0].alternatives.at(0).decided_by, "a reason");
  EXPECT_EQ(decoded->diagnoses[0].alternatives[0].when->signal, "test.y");
}

TEST(CompiledRules, RefusesBytesOfAnotherLayout) {
  EXPECT_FALSE(decode_rules(""));
  EXPECT_FALSE(decode_rules("signals: []"));
  const std::string bytes = encode_rules(load_packs(builtin_packs()).rules);
  for (const size_t size : {size_t{14}, size_t{15}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(decode_rules(std::string_view(bytes).substr(0, size))) << "cut at " << size;
  EXPECT_FALSE(decode_rules(bytes + '\0')) << "bytes left over";
  std::string other_layout = bytes;
  ++other_layout.at(14);  // the layout number, after the tag
  EXPECT_FALSE(decode_rules(other_layout));
  // A letter changed in a text reads as well as the original: the checksum tells them apart.
  std::string damaged = bytes;
  const size_t digest = damaged.find("fnv1a64:");
  ASSERT_NE(digest, std::string::npos);
  damaged[digest] = 'F';
  EXPECT_FALSE(decode_rules(damaged));
  set_compiled_builtin_rules(damaged);
  EXPECT_FALSE(compiled_builtin_digest());
  set_compiled_builtin_rules({});
  RuleSet empty;
  const auto decoded = decode_rules(encode_rules(empty));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->signals.empty());
}

// The bytes with their checksum written again, as encode_rules() writes it after the tag and
// the layout number (15 bytes): a change to the rest is then read, not refused as damage.
std::string with_checksum(std::string bytes) {
  uint64_t checksum = XXH3_64bits(bytes.data() + 23, bytes.size() - 23);
  for (size_t i = 15; i < 23; ++i, checksum >>= 8) bytes[i] = static_cast<char>(checksum & 0xff);
  return bytes;
}

TEST(CompiledRules, RefusesAValueOutOfItsRange) {
  RuleSet rules;
  rules.diagnoses.emplace_back();
  // An enum past its last value.
  rules.diagnoses[0].severity = static_cast<Severity>(3);
  EXPECT_FALSE(decode_rules(encode_rules(rules)));
  rules.diagnoses[0].severity = Severity::error;
  rules.diagnoses[0].scope = static_cast<Scope>(4);
  EXPECT_FALSE(decode_rules(encode_rules(rules)));
  rules.diagnoses[0].scope = Scope::host;
  ASSERT_TRUE(decode_rules(encode_rules(rules)));
  // A number too large for an event id: the writer's 64 bits read into 32.
  RuleSet ids;
  ids.signals.emplace_back().tests.push_back({"event_id", "", {UINT32_MAX}});
  std::string bytes = encode_rules(ids);
  ASSERT_EQ(with_checksum(bytes), bytes);
  const std::string largest = "\xFF\xFF\xFF\xFF\x0F";
  const size_t at = bytes.find(largest);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, largest.size(), "\xFF\xFF\xFF\xFF\x1F");
  EXPECT_FALSE(decode_rules(with_checksum(bytes)));
}

// --version reads the digest without decoding the rules.
TEST(CompiledRules, TheDigestIsReadAlone) {
  const RuleSet rules = load_packs(builtin_packs()).rules;
  const std::string bytes = encode_rules(rules);
  set_compiled_builtin_rules(bytes);
  EXPECT_EQ(compiled_builtin_digest(), packs_digest(builtin_packs()));
  EXPECT_EQ(compiled_builtin_digest(), rules.digest);
  set_compiled_builtin_rules(std::string_view(bytes).substr(0, 20));
  EXPECT_FALSE(compiled_builtin_digest()) << "cut in the digest";
  set_compiled_builtin_rules({});
  EXPECT_FALSE(compiled_builtin_digest());
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
