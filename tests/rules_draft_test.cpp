// Drafts of `certdiag rules suggest` must load as a rule pack and match their own samples.
#include <gtest/gtest.h>

#include "match/matcher.h"
#include "match/samples.h"
#include "match/template_miner.h"
#include "rules/draft.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

Record record(Level level, std::string component, std::string message, uint64_t line = 1) {
  Record out;
  out.level = level;
  out.line = line;
  out.component = std::move(component);
  out.message = std::move(message);
  return out;
}

// Loads the drafts and checks that each signal raises on its samples; returns the rules.
RuleSet load_and_check(const std::string& pack) {
  auto loaded = load_packs({{"drafts.yaml", pack}});
  for (const auto& error : loaded.errors) ADD_FAILURE() << error.to_string() << "\n" << pack;
  const Matcher matcher(loaded.rules);
  EXPECT_TRUE(matcher.ok()) << matcher.error();
  for (const auto& signal : loaded.rules.signals) {
    EXPECT_EQ(signal.status, "experimental");
    EXPECT_FALSE(signal.samples_match.empty()) << signal.id;
  }
  for (const auto& error : check_samples(loaded.rules, matcher))
    ADD_FAILURE() << error.to_string() << "\n" << pack;
  return std::move(loaded.rules);
}

TEST(DraftSignal, WritesAnExperimentalSignalWithTheTemplateRegexAndTheFirstLine) {
  TemplateMiner miner;
  miner.add(record(Level::error, "", "Scan failed with error = 0x80244021."), "WUAHandler.log");
  miner.add(record(Level::error, "", "Scan failed with error = 0x8024402C."), "WUAHandler.log");
  EXPECT_EQ(draft_pack(miner.top(10)),
            "# Draft signals from new signatures: error and warning records that no rule matched.\n"
            "# Written by `certdiag rules suggest`. Before use, for each: give it a lasting id and "
            "a\n"
            "# title, widen or narrow the regex, add real no-match lines, and write the diagnosis "
            "that\n"
            "# uses it; then `certdiag rules check DIR` and `certdiag --add-rules DIR`.\n"
            "signals:\n"
            "  # new signature 1: 2 records (error), first at WUAHandler.log:1\n"
            "  - id: draft.scan-failed-with-error\n"
            "    title: 'Scan failed with error = <HEX>.'\n"
            "    status: experimental\n"
            "    match:\n"
            "      message: "
            "'Scan\\s+failed\\s+with\\s+error\\s+=\\s+(?:0[xX])?[0-9A-Fa-f]+\\.'\n"
            "    samples:\n"
            "      match:\n"
            "        - 'Scan failed with error = 0x80244021.'\n");
  load_and_check(draft_pack(miner.top(10)));
}

TEST(DraftSignal, KeysOnTheComponentEveryRecordShares) {
  TemplateMiner miner;
  miner.add(record(Level::warning, "WUAHandler", "Scan failed with error = 0x80244021."), "a.log");
  const RuleSet rules = load_and_check(draft_pack(miner.top(10)));
  ASSERT_EQ(rules.signals.size(), 1u);
  ASSERT_EQ(rules.signals[0].tests.size(), 2u);
  EXPECT_EQ(rules.signals[0].tests[0].field, "component");
  EXPECT_EQ(rules.signals[0].tests[0].pattern, "^WUAHandler$");
}

TEST(DraftSignal, KeysAnEventOnItsProviderAndId) {
  TemplateMiner miner;
  Record event = record(Level::error, "Microsoft-Windows-CertificateServicesClient-AutoEnrollment",
                        "Automatic certificate enrollment for local system failed (0x800706ba).");
  event.event_id = 13;
  miner.add(event, "Application.xml");
  Record stored = event;  // an .evtx record keeps no message
  stored.message.clear();
  stored.data = {{"0", "local system"}, {"1", "0x800706ba"}};
  miner.add(stored, "Application.evtx");
  const RuleSet rules = load_and_check(draft_pack(miner.top(10)));
  ASSERT_EQ(rules.signals.size(), 2u);
  EXPECT_EQ(rules.signals[0].tests.size(), 3u);  // provider, event_id, message
  EXPECT_EQ(rules.signals[1].tests.size(), 2u);  // provider, event_id
  EXPECT_EQ(rules.signals[1].message_test(), nullptr);
}

TEST(DraftSignal, QuotesSamplesWithQuotesLineBreaksAndControlCharacters) {
  TemplateMiner miner;
  miner.add(record(Level::error, "", "Can't open 'C:\\Windows\\ccm.log': \"denied\"\r\n  at X.Y()"),
            "a.log");
  miner.add(record(Level::error, "", "Bell \x07 rang at [01] (twice) $5 ^ | * + ? {3}"), "a.log");
  miner.add(record(Level::warning, "", "C1 control \xc2\x9b in text"), "a.log");
  load_and_check(draft_pack(miner.top(10)));
}

TEST(DraftSignal, MatchesASampleCutAtTheExampleCap) {
  TemplateMiner miner;
  std::string message = "Policy download failed:";
  for (int i = 0; i < 60; ++i) message += " item" + std::to_string(i * 37);
  miner.add(record(Level::error, "", message), "a.log");
  message.replace(message.find("item37"), 6, "other");
  miner.add(record(Level::error, "", message), "a.log");
  const auto clusters = miner.top(1);
  ASSERT_LT(clusters[0].example.text.size(), message.size());
  load_and_check(draft_pack(clusters));
}

TEST(DraftSignal, DraftsOnlyTheClusterAskedFor) {
  TemplateMiner miner;
  miner.add(record(Level::error, "", "Scan failed with error = 0x80244021."), "a.log");
  miner.add(record(Level::error, "", "Scan failed with error = 0x80244022."), "a.log");
  miner.add(record(Level::error, "", "Unable to read the certificate store"), "a.log");
  const RuleSet rules = load_and_check(draft_pack(miner.top(10), 2));
  ASSERT_EQ(rules.signals.size(), 1u);
  EXPECT_EQ(rules.signals[0].id, "draft.unable-to-read-the");
}

TEST(DraftSignal, GivesEachDraftItsOwnId) {
  TemplateMiner miner;
  miner.add(record(Level::error, "", "Failed to connect"), "a.log");
  miner.add(record(Level::error, "", "Failed to connect 10.0.0.1"), "a.log");
  miner.add(record(Level::error, "", "Failed to connect 10.0.0.1 443 <x>"), "a.log");
  const RuleSet rules = load_and_check(draft_pack(miner.top(10)));
  std::vector<std::string> ids;
  for (const auto& signal : rules.signals) ids.push_back(signal.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"draft.failed-to-connect", "draft.failed-to-connect-2",
                                           "draft.failed-to-connect-3"}));
}

}  // namespace
}  // namespace certdiag
