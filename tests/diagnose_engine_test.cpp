// The diagnosis engine executes the conditions of the packs: each condition kind, confidence,
// facts, resolution and supersession, on hand-made signals.
#include <date/date.h>
#include <gtest/gtest.h>

#include "diagnose/engine.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

using std::chrono::minutes;

const Time kT0 = Time(date::sys_days(date::year(2020) / 1 / 1));

// Signals a, b, c, ok, each matching its own message; diagnoses come from the test.
RuleSet rules_with(const std::string& diagnoses) {
  std::string text = "signals:\n";
  for (const char* id : {"a", "b", "c", "ok"}) {
    text += std::string("  - { id: ") + id + ", match: { message: " + id +
            " }, samples: { match: [" + id + "] } }\n";
  }
  text += "diagnoses:\n" + diagnoses;
  auto result = load_packs({{"test.yaml", text}});
  for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
  return result.rules;
}

Signal at(std::string rule, int minute, std::string host = "H1") {
  Signal signal;
  signal.rule = std::move(rule);
  signal.source = "log";
  signal.line = static_cast<uint64_t>(minute) + 1;
  signal.time = kT0 + minutes(minute);
  signal.host = std::move(host);
  signal.text = signal.rule;
  return signal;
}

std::vector<Diagnosis> run(const RuleSet& rules, std::vector<Signal> signals) {
  SignalStore store;
  store.add_all(signals);
  DiagnoseOptions options;
  options.as_of = kT0;
  return diagnose(rules, store, options);
}

std::string ids(const std::vector<Diagnosis>& diagnoses) {
  std::string out;
  for (const auto& d : diagnoses) out += (out.empty() ? "" : " ") + d.id + "@" + d.host;
  return out;
}

TEST(DiagnoseEngine, AnyFiresOnEitherSignal) {
  const auto rules = rules_with("  - { id: d, title: t, when: { any: [a, b] } }\n");
  EXPECT_EQ(ids(run(rules, {at("b", 0)})), "d@H1");
  EXPECT_EQ(ids(run(rules, {at("c", 0)})), "");
}

TEST(DiagnoseEngine, AllWithinNeedsBothInOneWindow) {
  const auto rules = rules_with("  - { id: d, title: t, when: { all: [a, b], within: 5m } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 4)})), "d@H1");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 6)})), "");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 60), at("a", 58)})), "d@H1");
}

TEST(DiagnoseEngine, SequenceNeedsOrder) {
  const auto rules = rules_with("  - { id: d, title: t, when: { sequence: [a, b] } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 1)})), "d@H1");
  EXPECT_EQ(ids(run(rules, {at("b", 0), at("a", 1)})), "");
}

TEST(DiagnoseEngine, CountWithinUsesTheDensestWindow) {
  const auto rules =
      rules_with("  - { id: d, title: t, when: { any: [a], count: '>= 3', within: 10m } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("a", 5), at("a", 9)})), "d@H1");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("a", 5), at("a", 11)})), "");
}

TEST(DiagnoseEngine, AbsentFailsWhenTheHealthySignalFollows) {
  const auto rules = rules_with("  - { id: d, title: t, when: { any: [a], absent: [ok] } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0)})), "d@H1");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("ok", 1)})), "");
  EXPECT_EQ(ids(run(rules, {at("ok", 0), at("a", 1)})), "d@H1");
}

TEST(DiagnoseEngine, AfterFiltersByLogTime) {
  const auto rules =
      rules_with("  - { id: d, title: t, when: { any: [a], after: 2020-01-01T00:30:00Z } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 10)})), "");
  EXPECT_EQ(ids(run(rules, {at("a", 40)})), "d@H1");
}

TEST(DiagnoseEngine, EvaluatesEachHostApart) {
  const auto rules = rules_with("  - { id: d, title: t, when: { all: [a, b] } }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0, "H1"), at("b", 0, "H2")})), "");
  EXPECT_EQ(
      ids(run(rules, {at("a", 0, "H1"), at("b", 0, "h1"), at("a", 0, "H2"), at("b", 0, "H2")})),
      "d@H1 d@H2");
}

TEST(DiagnoseEngine, ConfidenceFactsAndTemplates) {
  const auto rules = rules_with(
      "  - id: d\n    title: t\n    when: { any: [a, b] }\n"
      "    confidence: { high: { all: [a, b] }, medium: b }\n"
      "    explanation: 'seen on {host}'\n"
      "    facts: [ { when: { after: 2020-01-01T00:30:00Z }, text: late } ]\n");
  auto found = run(rules, {at("a", 0)});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].confidence, Confidence::low);
  EXPECT_EQ(found[0].explanation, "seen on H1");
  found = run(rules, {at("b", 40)});
  EXPECT_EQ(found[0].confidence, Confidence::medium);
  EXPECT_EQ(found[0].explanation, "seen on H1\nlate");
  EXPECT_EQ(run(rules, {at("a", 0), at("b", 1)})[0].confidence, Confidence::high);
}

TEST(DiagnoseEngine, LaterHealthySignalResolves) {
  const auto rules = rules_with("  - { id: d, title: t, when: { any: [a] }, resolved_by: [ok] }\n");
  auto found = run(rules, {at("a", 0), at("ok", 5)});
  ASSERT_EQ(found.size(), 1u);
  ASSERT_TRUE(found[0].resolved_at);
  EXPECT_EQ(*found[0].resolved_at, kT0 + minutes(5));
  EXPECT_FALSE(run(rules, {at("ok", 0), at("a", 5)})[0].resolved_at);
}

TEST(DiagnoseEngine, SpecificDiagnosisSupersedesGenericNearby) {
  const auto rules = rules_with(
      "  - { id: generic, title: t, severity: warning, when: { any: [a] } }\n"
      "  - { id: specific, title: t, when: { any: [b] }, supersedes: [generic], supersede_within: "
      "10m }\n");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 5)})), "specific@H1");
  EXPECT_EQ(ids(run(rules, {at("a", 0), at("b", 30)})), "specific@H1 generic@H1");
}

TEST(DiagnoseEngine, ExpiryComparesCapturedDateWithAsOf) {
  auto result =
      load_packs({{"test.yaml",
                   "signals:\n  - { id: exp, match: { message: 'until (?P<not_after>\\S+)' }, "
                   "samples: { match: ['until 2020-01-02'] } }\n"
                   "diagnoses:\n"
                   "  - { id: expired, title: t, when: { any: [exp], expiry: expired } }\n"
                   "  - { id: expiring, title: t, severity: warning, when: { any: [exp], expiry: "
                   "expiring } }\n"}});
  ASSERT_TRUE(result.errors.empty());
  const auto with_date = [](std::string date) {
    Signal signal = at("exp", 0);
    signal.captures.push_back({"not_after", std::move(date)});
    return signal;
  };
  EXPECT_EQ(ids(run(result.rules, {with_date("2019-12-01")})), "expired@H1");
  EXPECT_EQ(ids(run(result.rules, {with_date("2020-01-20")})), "expiring@H1");
  EXPECT_EQ(ids(run(result.rules, {with_date("2021-01-01")})), "");
}

TEST(DiagnoseEngine, ExpiryWordsSayTheStateAsOfTheReferenceTimeAndToday) {
  auto result =
      load_packs({{"test.yaml",
                   "signals:\n  - { id: exp, match: { message: 'until (?P<not_after>\\S+)' }, "
                   "samples: { match: ['until 2020-01-02'] } }\n"
                   "diagnoses:\n"
                   "  - id: expired\n    title: t\n    when: { any: [exp], expiry: expired }\n"
                   "    explanation: 'It expired on {not_after}: {not_after_as_of}.'\n"
                   "    facts: [{ when: exp, text: '{not_after_today}' }]\n"
                   "  - id: expiring\n    title: t\n    severity: warning\n"
                   "    when: { any: [exp], expiry: expiring }\n"
                   "    explanation: 'Until {not_after}: {not_after_as_of}.'\n"
                   "    facts: [{ when: exp, text: '{not_after_today}' }]\n"}});
  ASSERT_TRUE(result.errors.empty());
  Signal signal = at("exp", 0);
  signal.captures.push_back({"not_after", "2019-12-01"});
  SignalStore store;
  std::vector<Signal> signals{signal};
  store.add_all(signals);
  DiagnoseOptions options;
  options.as_of = kT0;
  options.now = kT0 + std::chrono::hours(24 * 40);
  auto diagnoses = diagnose(result.rules, store, options);
  ASSERT_EQ(diagnoses.size(), 1u);
  EXPECT_EQ(diagnoses[0].explanation,
            "It expired on 2019-12-01: as of 2020-01-01 (the reference time) it had been expired "
            "for 31 days.\nToday (2020-02-10) it has been expired for 71 days.");
  // Today within a day of the reference time: the today paragraph is left out, not left blank.
  options.now = kT0 + std::chrono::hours(3);
  diagnoses = diagnose(result.rules, store, options);
  EXPECT_EQ(diagnoses[0].explanation,
            "It expired on 2019-12-01: as of 2020-01-01 (the reference time) it had been expired "
            "for 31 days.");
  // Expiring as of the logs, expired today.
  signals = {signal};
  signals[0].captures[0].value = "2020-01-06";
  SignalStore expiring;
  expiring.add_all(signals);
  options.now = kT0 + std::chrono::hours(24 * 10);
  diagnoses = diagnose(result.rules, expiring, options);
  ASSERT_EQ(diagnoses.size(), 1u);
  EXPECT_EQ(diagnoses[0].explanation,
            "Until 2020-01-06: as of 2020-01-01 (the reference time) it expires in 5 days.\n"
            "Today (2020-01-11) it has been expired for 5 days.");
}

TEST(DiagnoseEngine, ConfidencePerConditionTellsACertificateFromALogLine) {
  const auto rules = rules_with(
      "  - id: d\n    title: t\n    when: { any: [a, b] }\n"
      "    confidence: { high: a, medium: b }\n");
  EXPECT_EQ(run(rules, {at("a", 0)})[0].confidence, Confidence::high);
  EXPECT_EQ(run(rules, {at("b", 0)})[0].confidence, Confidence::medium);
}

TEST(SignalStore, KeepsFirstAndLatestAndCountsTheRest) {
  SignalStore store;
  for (int i = 0; i < 1000; ++i) store.add(at("a", i));
  EXPECT_EQ(store.total(), 1000u);
  EXPECT_EQ(store.signals().size(), SignalStore::kKeepPerKey);
  EXPECT_EQ(store.signals().back().line, 1000u);
  const auto rules = rules_with("  - { id: d, title: t, when: { any: [a] } }\n");
  DiagnoseOptions options;
  options.as_of = kT0;
  EXPECT_EQ(diagnose(rules, store, options)[0].count, 1000u);
}

// Signal "alert" captures a code; diagnoses test it.
RuleSet alert_rules(const std::string& diagnoses) {
  auto result =
      load_packs({{"test.yaml",
                   "signals:\n  - { id: alert, match: { message: 'alert (?P<code>\\d+)' }, "
                   "samples: { match: ['alert 42'] } }\n"
                   "diagnoses:\n" +
                       diagnoses}});
  for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
  return result.rules;
}

Signal alert(int code, int minute) {
  Signal signal = at("alert", minute);
  signal.captures.push_back({"code", std::to_string(code)});
  return signal;
}

TEST(DiagnoseEngine, CaptureTestKeepsOnlySignalsWithTheValue) {
  const auto rules = alert_rules(
      "  - { id: bad, title: t, when: { signal: alert, capture: { code: [42, 46] } } }\n"
      "  - { id: expired, title: t, when: { signal: alert, capture: { code: 45 } },\n"
      "      facts: [{ when: { capture: { code: 45 } }, text: 'code {code}' }] }\n");
  EXPECT_EQ(ids(run(rules, {alert(40, 0)})), "");
  EXPECT_EQ(ids(run(rules, {alert(46, 0)})), "bad@H1");
  const auto found = run(rules, {alert(42, 0), alert(45, 1), alert(45, 2)});
  EXPECT_EQ(ids(found), "bad@H1 expired@H1");
  EXPECT_EQ(found[0].count, 1u);
  EXPECT_EQ(found[1].count, 2u);
  EXPECT_EQ(found[1].explanation, "code 45");
}

TEST(DiagnoseEngine, CaptureTestsOfNestedConditionsAllHold) {
  const auto rules = alert_rules(
      "  - { id: d, title: t, when: { any: [{ signal: alert, capture: { code: 45 } }],\n"
      "      capture: { code: [42, 43] } } }\n");
  EXPECT_EQ(ids(run(rules, {alert(45, 0), alert(42, 1)})), "");
}

TEST(DiagnoseEngine, NearMissCountsOnlySignalsWithTheTestedValue) {
  const auto rules = alert_rules(
      "  - { id: bad, title: t, when: { all: [{ signal: alert, capture: { code: 42 } }],\n"
      "      count: '>= 2' } }\n");
  SignalStore store(rules.tested_captures);
  std::vector<Signal> signals{alert(45, 0)};
  store.add_all(signals);
  DiagnoseOptions options;
  options.as_of = kT0;
  std::vector<NearMiss> misses;
  diagnose(rules, store, options, &misses);
  EXPECT_TRUE(misses.empty());
  signals = {alert(42, 1)};
  store.add_all(signals);
  diagnose(rules, store, options, &misses);
  ASSERT_EQ(misses.size(), 1u);
  EXPECT_EQ(misses[0].present, (std::vector<std::pair<std::string, uint64_t>>{{"alert", 1}}));
}

TEST(SignalStore, KeepsTestedCaptureValuesApart) {
  const auto rules = alert_rules(
      "  - { id: bad, title: t, when: { signal: alert, capture: { code: 42 } } }\n"
      "  - { id: expired, title: t, when: { signal: alert, capture: { code: 45 } } }\n");
  ASSERT_EQ(rules.tested_captures, std::vector<std::string>{"code"});
  SignalStore store(rules.tested_captures);
  // A single 45 among many 42s is kept, and each code counts only its own dropped signals.
  for (int i = 0; i < 500; ++i) store.add(alert(42, i));
  store.add(alert(45, 500));
  for (int i = 501; i < 1000; ++i) store.add(alert(42, i));
  DiagnoseOptions options;
  options.as_of = kT0;
  const auto found = diagnose(rules, store, options);
  ASSERT_EQ(ids(found), "bad@H1 expired@H1");
  EXPECT_EQ(found[0].count, 999u);
  EXPECT_EQ(found[1].count, 1u);
}

TEST(DiagnoseEngine, RuleWithoutConfidenceIsMedium) {
  const auto rules = rules_with("  - { id: d, title: t, when: a }\n");
  EXPECT_EQ(run(rules, {at("a", 0)})[0].confidence, Confidence::medium);
}

// The agent's 20070 (a) is decided by the server's partner event: 20000 (b) or 20002 (c).
const char* kPartnerRules =
    "  - id: approve\n    title: t\n    when: a\n"
    "    unless: { signal: c, across_hosts: true }\n"
    "    confidence: { high: { signal: b, across_hosts: true } }\n"
    "    alternatives: [{ id: auth, decided_by: the server's log }]\n"
    "  - id: auth\n    title: t\n"
    "    when: { all: [a, { signal: c, across_hosts: true }] }\n";

TEST(DiagnoseEngine, PartnerEventOnAnotherHostDecides) {
  const auto rules = rules_with(kPartnerRules);
  const auto alone = run(rules, {at("a", 0, "AGENT")});
  EXPECT_EQ(ids(alone), "approve@AGENT");
  EXPECT_EQ(alone[0].confidence, Confidence::low);
  ASSERT_EQ(alone[0].alternatives.size(), 1u);
  EXPECT_EQ(alone[0].alternatives[0].id, "auth");
  EXPECT_EQ(alone[0].alternatives[0].decided_by, "the server's log");

  const auto approved = run(rules, {at("a", 0, "AGENT"), at("b", 0, "SERVER")});
  EXPECT_EQ(ids(approved), "approve@AGENT");
  EXPECT_EQ(approved[0].confidence, Confidence::high);
  EXPECT_TRUE(approved[0].alternatives.empty());

  EXPECT_EQ(ids(run(rules, {at("a", 0, "AGENT"), at("c", 1, "SERVER")})), "auth@AGENT");
}

TEST(DiagnoseEngine, CorrelationScopeGroupsByCapturedId) {
  auto result =
      load_packs({{"test.yaml",
                   "signals:\n"
                   "  - { id: chain, match: { message: 'chain (?P<task>\\w+) (?P<code>\\w+)' },"
                   " samples: { match: ['chain t1 0'] } }\n"
                   "  - { id: fetch, match: { message: 'fetch (?P<task>\\w+) (?P<url>\\S+)' },"
                   " samples: { match: ['fetch t1 http://x'] } }\n"
                   "diagnoses:\n"
                   "  - { id: offline, title: t, scope: correlation, correlate_by: task,\n"
                   "      when: { all: [{ signal: chain, capture: { code: bad } }, fetch] },\n"
                   "      explanation: 'url {url}' }\n"}});
  for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
  const auto signal = [](std::string rule, std::string task, std::string value) {
    const std::string name = rule == "chain" ? "code" : "url";
    Signal s = at(std::move(rule), 0);
    s.captures = {{"task", std::move(task)}, {name, std::move(value)}};
    return s;
  };
  // The failed chain of t1 and the fetch of t2 are different verifications.
  EXPECT_EQ(ids(run(result.rules, {signal("chain", "t1", "bad"), signal("fetch", "t2", "u")})), "");
  const auto found = run(result.rules, {signal("chain", "t1", "bad"), signal("fetch", "t2", "u2"),
                                        signal("fetch", "t1", "u1")});
  EXPECT_EQ(ids(found), "offline@H1");
  EXPECT_EQ(found[0].explanation, "url u1");
}

TEST(DiagnoseEngine, RelatedFindingAddsItsDetailNearby) {
  const auto rules = rules_with(
      "  - { id: tls.x, title: t, when: a, explanation: 'handshake failed' }\n"
      "  - { id: chain, title: t, when: b, adds_detail_to: [tls.], detail: 'chain: root',\n"
      "      detail_within: 5m }\n");
  const auto near_found = run(rules, {at("a", 0), at("b", 3)});
  EXPECT_EQ(near_found[0].explanation + "|" + near_found[1].explanation,
            "|handshake failed\nchain: root");
  const auto far_found = run(rules, {at("a", 0), at("b", 30)});
  EXPECT_EQ(far_found[1].explanation, "handshake failed");
}

}  // namespace
}  // namespace certdiag
