// The matcher: which signals a record raises, the evidence text it keeps, and that it still
// matches when the one-scan regex set cannot be used.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <new>
#include <optional>
#include <thread>

#include "match/matcher.h"

namespace certdiag {
namespace {

// Rules of one field test each: {id, field, pattern}. A Matcher reads them; keep them alive.
RuleSet rules(const std::vector<std::array<std::string, 3>>& tests) {
  RuleSet out;
  for (const auto& [id, field, pattern] : tests) {
    SignalRule rule;
    rule.id = id;
    FieldTest test{field, pattern, {}};
    if (field == "event_id") test.ids.push_back(static_cast<uint32_t>(std::stoul(pattern)));
    rule.tests.push_back(std::move(test));
    out.signals.push_back(std::move(rule));
  }
  return out;
}

std::vector<Signal> match(const Matcher& matcher, const Record& record,
                          std::string format = "plain") {
  std::vector<Signal> signals;
  matcher.match(record, SourceInfo{"test.log", std::move(format)}, signals);
  return signals;
}

TEST(Matcher, ALaterMatcherAtTheSameAddressDoesNotReuseAnEarlierOnesFieldAnswers) {
  RuleSet schannel = rules({{"test.provider", "provider", "^Schannel$"}});
  RuleSet kerberos = rules({{"test.provider", "provider", "^Kerberos$"}});
  for (RuleSet* set : {&schannel, &kerberos})
    set->signals[0].tests.push_back({"event_id", "", {7}});
  Record record;
  record.component = "Schannel";
  record.event_id = 7;
  alignas(Matcher) unsigned char storage[sizeof(Matcher)];
  for (int round = 0; round < 5; ++round) {
    auto* first = new (storage) Matcher(schannel);
    EXPECT_EQ(match(*first, record).size(), 1u);
    first->~Matcher();
    auto* second = new (storage) Matcher(kerberos);
    EXPECT_TRUE(match(*second, record).empty()) << "round " << round;
    second->~Matcher();
  }
}

TEST(Matcher, EvidenceTextIsCutOnACharacterBoundary) {
  const RuleSet enroll = rules({{"test.enroll", "message", "enroll"}});
  const Matcher matcher(enroll);
  Record record;
  record.message = "WebException trying to enroll: " + std::string(4095 - 31, 'a') + "é";
  ASSERT_EQ(record.message.size(), 4097u);  // é takes bytes 4095 and 4096
  const auto signals = match(matcher, record);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].text, record.message.substr(0, 4095));
}

TEST(Matcher, EvidenceTextOfAnEventWithoutMessageIsCutOnACharacterBoundary) {
  const RuleSet event = rules({{"test.event", "event_id", "7"}});
  const Matcher matcher(event);
  Record record;
  record.component = "P";
  record.event_id = 7;
  // "x=" is 2 bytes; the value's é then spans bytes 4095 and 4096.
  record.data.push_back({"x", std::string(4095 - 2, 'a') + "é"});
  const auto signals = match(matcher, record);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].text, "x=" + std::string(4095 - 2, 'a'));
}

// The line shows the provider, id and level, so the text of an event stored without a message
// is its data alone.
TEST(Matcher, AnEventsSignalCarriesItsProviderIdAndLevelAndItsDataAsText) {
  const RuleSet event = rules({{"test.event", "event_id", "36882"}});
  const Matcher matcher(event);
  Record record;
  record.component = "Schannel";
  record.event_id = 36882;
  record.level = Level::error;
  record.time_assumed = true;
  record.data = {{"TargetName", "web01"}, {"AlertDesc", "42"}};
  const auto signals = match(matcher, record, "evtx");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].provider, "Schannel");
  EXPECT_EQ(signals[0].event_id, 36882u);
  EXPECT_EQ(signals[0].level, Level::error);
  EXPECT_TRUE(signals[0].time_assumed);
  EXPECT_EQ(signals[0].text, "TargetName=web01, AlertDesc=42");

  record.message = "The certificate received from the remote server has been revoked.";
  EXPECT_EQ(match(matcher, record, "event-csv")[0].text, record.message);
  EXPECT_EQ(match(matcher, record, "dotnet-trace")[0].provider, "")
      << "a .NET trace's source and id are no event provider";
}

// A tokenizer may lend its columns (IIS W3C) instead of copying them into `data`: rules read
// them by name as they read `data`, and an event without a message shows them as its text.
TEST(Matcher, LentDataFieldsAreMatchedAndShownLikeOwnedOnes) {
  const RuleSet status = rules({{"test.status", "sc-status", "^403$"}});
  const Matcher matcher(status);
  const std::string names[] = {"cs-method", "sc-status"};
  const std::string line = "GET 403";
  const std::string_view values[] = {std::string_view(line).substr(0, 3),
                                     std::string_view(line).substr(4)};
  Record record;
  record.component = "P";
  record.event_id = 7;
  record.data = {{"x-first", "1"}};
  record.lent_names = names;
  record.lent_values = values;
  const auto signals = match(matcher, record, "iis-w3c");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].text, "x-first=1, cs-method=GET, sc-status=403");

  const std::string_view other[] = {values[0], "200"};
  record.lent_values = other;
  EXPECT_TRUE(match(matcher, record, "iis-w3c").empty());
  EXPECT_EQ(debug_string(record),
            R"(line=0 level=unknown component="P" event_id=7 data.x-first="1" )"
            R"(data.cs-method="GET" data.sc-status="200")");
}

TEST(Matcher, ARecordThatIsNoEventNamesNoProvider) {
  const RuleSet enroll = rules({{"test.enroll", "message", "enroll"}});
  const Matcher matcher(enroll);
  Record record;
  record.component = "AIUpdateSvc";
  record.level = Level::warning;
  record.message = "WebException trying to enroll";
  const auto signals = match(matcher, record);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].provider, "");
  EXPECT_FALSE(signals[0].event_id);
  EXPECT_EQ(signals[0].level, Level::warning);
}

TEST(Matcher, RegexesTooLargeForOneSetAreRunOneByOne) {
  // Each regex fits on its own; together they pass RE2's memory budget for one set.
  std::vector<std::array<std::string, 3>> tests;
  for (int i = 0; i < 40; ++i)
    tests.push_back(
        {fmt::format("test.long{}", i), "message", fmt::format("x{}[a-z ]{{500}}y", i)});
  const RuleSet long_rules = rules(tests);
  const Matcher matcher(long_rules);
  ASSERT_TRUE(matcher.ok()) << matcher.error();
  EXPECT_EQ(matcher.warning(), "") << "no message was matched: the set is not compiled yet";
  Record record;
  record.message = "x17" + std::string(500, 'b') + "y";
  const auto signals = match(matcher, record);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].rule, "test.long17");
  record.message = "x17" + std::string(499, 'b') + "y";
  EXPECT_TRUE(match(matcher, record).empty());
  EXPECT_EQ(matcher.warning(),
            "the rule regexes do not fit in memory together: each was run on its own (slower)");
}

// The message regexes are compiled by the first record that needs them, whichever thread
// matches it: threads that start at once all get every signal.
TEST(Matcher, ThreadsThatMatchTheFirstRecordsAtOnceGetTheSameSignals) {
  std::vector<std::array<std::string, 3>> tests;
  for (int i = 0; i < 50; ++i)
    tests.push_back({fmt::format("test.code{}", i), "message",
                     fmt::format(R"(error 0x{:08x} (?P<detail>\w+))", 0x80090300 + i)});
  const RuleSet code_rules = rules(tests);
  std::vector<Record> records(50);
  for (int i = 0; i < 50; ++i)
    records[i].message = fmt::format("Schannel error 0x{:08x} expired", 0x80090300 + 49 - i);
  const auto all_signals = [&](const Matcher& matcher) {
    std::string out;
    for (const auto& record : records) {
      for (const auto& signal : match(matcher, record))
        out += signal.rule + " " + signal.captures.at(0).value + "\n";
    }
    return out;
  };
  const std::string expected = all_signals(Matcher(code_rules));
  ASSERT_EQ(expected.substr(0, 23), "test.code49 expired\ntes");
  const Matcher shared(code_rules);
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (auto& out : seen) threads.emplace_back([&] { out = all_signals(shared); });
  for (auto& thread : threads) thread.join();
  for (const auto& out : seen) EXPECT_EQ(out, expected);
}

TEST(Matcher, HasNoWarningWhenTheSetWorks) {
  const RuleSet enroll = rules({{"test.enroll", "message", "enroll"}});
  const Matcher matcher(enroll);
  ASSERT_TRUE(matcher.ok());
  EXPECT_EQ(matcher.warning(), "");
}

// One event read from its rendered message or from its event data: a single signal, whose
// captures come from the first alternative that holds.
TEST(Matcher, ARuleWithAlternativesRaisesOneSignalFromTheFirstThatHolds) {
  RuleSet set;
  SignalRule rule;
  rule.id = "test.alert";
  rule.tests.push_back({"event_id", "", {36888}});
  rule.alternatives = {{{"message", R"(alert code is (?P<alert>\d+))", {}}},
                       {{"data.AlertDesc", R"(^(?P<alert>\d+)$)", {}}}};
  set.signals.push_back(std::move(rule));
  const Matcher matcher(set);
  Record both;
  both.event_id = 36888;
  both.message = "The TLS protocol defined fatal alert code is 46.";
  both.data.push_back({"AlertDesc", "42"});
  const auto from_message = match(matcher, both);
  ASSERT_EQ(from_message.size(), 1u);
  EXPECT_EQ(from_message[0].rule, "test.alert");
  ASSERT_EQ(from_message[0].captures.size(), 1u);
  EXPECT_EQ(from_message[0].captures[0].value, "46");

  Record data_only = both;
  data_only.message.clear();
  const auto from_data = match(matcher, data_only);
  ASSERT_EQ(from_data.size(), 1u);
  ASSERT_EQ(from_data[0].captures.size(), 1u);
  EXPECT_EQ(from_data[0].captures[0].value, "42");

  Record neither = data_only;
  neither.data[0].value = "x";
  EXPECT_TRUE(match(matcher, neither).empty());
  neither.event_id = 36887;
  neither.data[0].value = "42";
  EXPECT_TRUE(match(matcher, neither).empty()) << "the common tests hold for every alternative";
}

// A rule that tests an event id and the message runs its own regex on records of that id only;
// one record's signals keep the order of before: message rules in the order written, then the
// rules of event ids alone.
TEST(Matcher, MessageRulesOfAnEventIdKeepTheirOrderAmongTheOthers) {
  RuleSet set = rules({{"test.by-id", "event_id", "7"},
                       {"test.text", "message", "failed"},
                       {"test.text-of-id", "message", "(?P<what>\\w+) failed"},
                       {"test.late-text", "message", "failed"}});
  set.signals[2].tests.push_back({"event_id", "", {7, 7, 8}});
  const Matcher matcher(set);
  const auto rules_raised = [&](std::optional<uint32_t> event_id, std::string message) {
    Record record;
    record.event_id = event_id;
    record.message = std::move(message);
    std::string out;
    for (const auto& signal : match(matcher, record)) {
      out += signal.rule;
      for (const auto& capture : signal.captures) out += " " + capture.name + "=" + capture.value;
      out += "\n";
    }
    return out;
  };
  EXPECT_EQ(rules_raised(7, "Bind failed"),
            "test.text\ntest.text-of-id what=Bind\ntest.late-text\ntest.by-id\n");
  EXPECT_EQ(rules_raised(8, "Bind failed"),
            "test.text\ntest.text-of-id what=Bind\ntest.late-text\n");
  EXPECT_EQ(rules_raised(9, "Bind failed"), "test.text\ntest.late-text\n");
  EXPECT_EQ(rules_raised(std::nullopt, "Bind failed"), "test.text\ntest.late-text\n");
  EXPECT_EQ(rules_raised(7, "Bind done"), "test.by-id\n");
  EXPECT_EQ(rules_raised(7, ""), "test.by-id\n") << "a message rule needs a message";
}

// `match: {not: {...}}`: a record passes when none of the negated tests holds; a field the
// record lacks does not hold. A negated message test never picks records in the set scan.
TEST(Matcher, NegatedTestsPassOnlyRecordsTheyDoNotMatch) {
  RuleSet set;
  SignalRule rule;
  rule.id = "test.amt";
  rule.tests.push_back({"path", "(?i)amt", {}});
  rule.tests.push_back({"data.eku_oids", R"(2\.16\.840\.1\.113741\.1\.2\.3)", {}, true});
  rule.tests.push_back({"message", "Intel\\(R\\) Client Setup", {}, true});
  set.signals.push_back(std::move(rule));
  const Matcher matcher(set);
  ASSERT_TRUE(matcher.ok()) << matcher.error();
  const auto signals = [&](const Record& record) {
    std::vector<Signal> out;
    matcher.match(record, SourceInfo{"PC01/AMT/provisioning.cer", "x509"}, out);
    return out.size();
  };
  Record plain;
  plain.message = "Certificate CN=amt.contoso.com";
  plain.data.push_back({"eku_oids", "1.3.6.1.5.5.7.3.1"});
  EXPECT_EQ(signals(plain), 1u);
  Record with_oid = plain;
  with_oid.data[0].value = "1.3.6.1.5.5.7.3.1, 2.16.840.1.113741.1.2.3";
  EXPECT_EQ(signals(with_oid), 0u) << "a negated data test that holds";
  Record with_ou = plain;
  with_ou.message = "Certificate CN=amt, OU=Intel(R) Client Setup Certificate";
  EXPECT_EQ(signals(with_ou), 0u) << "a negated message test that holds";
  Record no_field = plain;
  no_field.data.clear();
  EXPECT_EQ(signals(no_field), 1u) << "a field the record lacks does not hold";
  std::vector<Signal> elsewhere;
  matcher.match(plain, SourceInfo{"PC01/IIS/web.cer", "x509"}, elsewhere);
  EXPECT_TRUE(elsewhere.empty()) << "the positive tests still hold";
}

// Tests of the source's own fields (format, path) are decided once per source: records of
// several sources, interleaved on one thread, each get their own source's answer.
TEST(Matcher, TestsOfTheSourceHoldForTheSourceOfEachRecordInAnyOrder) {
  RuleSet set;
  SignalRule by_data;
  by_data.id = "test.x509-not-amt";
  by_data.tests.push_back({"format", "^x509$", {}});
  by_data.tests.push_back({"path", "(?i)amt", {}, true});
  by_data.tests.push_back({"data.ca", "^no$", {}});
  set.signals.push_back(std::move(by_data));
  SignalRule by_message;
  by_message.id = "test.expired-in-log";
  by_message.tests.push_back({"message", "expired", {}});
  by_message.tests.push_back({"format", "^plain$", {}});
  set.signals.push_back(std::move(by_message));
  const Matcher matcher(set);
  ASSERT_TRUE(matcher.ok()) << matcher.error();
  Record record;
  record.message = "certificate expired";
  record.data.push_back({"ca", "no"});
  const auto rules_raised = [&](const std::string& path, const std::string& format) {
    std::vector<Signal> out;
    matcher.match(record, SourceInfo{path, format}, out);
    std::string ids;
    for (const auto& signal : out) ids += signal.rule + ";";
    return ids;
  };
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(rules_raised("web.cer", "x509"), "test.x509-not-amt;");
    EXPECT_EQ(rules_raised("amt.cer", "x509"), "");
    EXPECT_EQ(rules_raised("web.cer", "plain"), "test.expired-in-log;");
    EXPECT_EQ(rules_raised("amt.cer", "plain"), "test.expired-in-log;");
    EXPECT_EQ(rules_raised("web.cer", "x509"), "test.x509-not-amt;");
    EXPECT_EQ(rules_raised("web.cer", "cmtrace"), "");
  }
  const RuleSet any_cer = rules({{"test.any-cer", "path", "\\.cer$"}});
  const Matcher other(any_cer);
  std::vector<Signal> out;
  other.match(record, SourceInfo{"web.cer", "x509"}, out);
  ASSERT_EQ(out.size(), 1u) << "another matcher decides with its own rules";
  EXPECT_EQ(rules_raised("web.cer", "x509"), "test.x509-not-amt;");
}

TEST(Matcher, NegatedEventIdIsNotUsedToPickRecords) {
  RuleSet set;
  SignalRule rule;
  rule.id = "test.not7";
  rule.tests.push_back({"event_id", "", {7}, true});
  rule.tests.push_back({"provider", "^Schannel$", {}});
  set.signals.push_back(std::move(rule));
  const Matcher matcher(set);
  Record record;
  record.component = "Schannel";
  record.event_id = 8;
  EXPECT_EQ(match(matcher, record).size(), 1u);
  record.event_id = 7;
  EXPECT_TRUE(match(matcher, record).empty());
  record.event_id.reset();
  EXPECT_EQ(match(matcher, record).size(), 1u);
}

}  // namespace
}  // namespace certdiag
