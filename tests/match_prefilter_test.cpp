// The message prefilter: which literals it asks RE2 for, which texts it rules out, and that the
// matcher raises the same signals with it as without it on every sample of the shipped packs.
// (bench/check_prefilter.py runs the same comparison over the bench corpora of every format.)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "match/matcher.h"
#include "match/prefilter.h"
#include "rules/loader.h"
#include "rules/match_fields.h"

namespace certdiag {
namespace {

RE2::Options set_options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

TEST(MessagePrefilter, FiltersByTheRarestLiteralAPatternNeeds) {
  const MessagePrefilter prefilter({"(?i)certificate (has )?expired", "0x8009[0-9a-f]{4}",
                                    "(?i)(schannel|kerberos) error", "^\\s*$"},
                                   set_options());
  EXPECT_EQ(prefilter.triggers(0), std::vector<std::string>{"certificate "});
  EXPECT_EQ(prefilter.triggers(1), std::vector<std::string>{"0x8009"});
  // RE2 spells out the alternatives' literals ("schannel error", "kerberos error"): none is needed.
  EXPECT_EQ(prefilter.triggers(2), (std::vector<std::string>{"schannel error", "kerberos error"}));
  EXPECT_TRUE(prefilter.triggers(3).empty());
  EXPECT_EQ(prefilter.required(0), (std::vector<std::string>{"certificate ", "expired"}));
  EXPECT_FALSE(prefilter.unfiltered(0));
  EXPECT_TRUE(prefilter.unfiltered(3));
}

TEST(MessagePrefilter, KeepsTextsThatHoldTheLiteralsInAnyCaseAndRulesOutTheRest) {
  const MessagePrefilter prefilter({"(?i)certificate (has )?expired", "0x8009[0-9a-f]{4}"},
                                   set_options());
  EXPECT_TRUE(prefilter.may_match("The certificate has EXPIRED."));
  EXPECT_TRUE(prefilter.may_match("CeRtIfIcAtE ExPiReD"));
  EXPECT_FALSE(prefilter.may_match("The password has expired"));  // "certificate " is needed too
  EXPECT_TRUE(prefilter.may_match("status 0X8009030e"));
  EXPECT_FALSE(prefilter.may_match("Sources are current, no scan needed"));
  EXPECT_FALSE(prefilter.may_match("expire"));
  EXPECT_FALSE(prefilter.may_match(""));
}

// RE2 factors the "f" out of "fatal|following": the triggers are "atal" and "ollowing", and
// "catalog" holds "atal". Through "atal" the pattern needs "code" too, which the texts make too
// common to be a trigger.
TEST(MessagePrefilter, ATriggerNeedsWhatEveryWayOfMatchingThroughItNeeds) {
  const MessagePrefilter prefilter(
      {"(?i)(?:fatal\\s+(?:alert|error)\\s+code\\s+is|following\\s+fatal\\s+alert\\s+was\\s+"
       "generated:)\\s*(?P<alert>40|70)\\b"},
      set_options(), {"exit code 0", "error code 5", "code 7"});  // "code" is common
  ASSERT_EQ(prefilter.triggers(0), (std::vector<std::string>{"atal", "ollowing"}));
  EXPECT_TRUE(prefilter.required(0).empty()) << "no literal is needed by both branches";
  EXPECT_EQ(prefilter.required_with(0, 0), (std::vector<std::string>{"code"}));
  EXPECT_EQ(prefilter.required_with(0, 1),
            (std::vector<std::string>{"generated:", "fatal", "was", "alert"}));
  EXPECT_FALSE(prefilter.may_match("Requesting catalog changes since catalog version 1187"));
  // "alert|error": neither is needed by both ways through "atal", so the set scan decides.
  EXPECT_TRUE(prefilter.may_match("catalog code 40"));
  EXPECT_TRUE(prefilter.may_match("A fatal error code is 70"));
  EXPECT_TRUE(prefilter.may_match("The following fatal alert was generated: 40."));
  EXPECT_TRUE(prefilter.may_match("The catalog says: the following fatal alert was generated: 40"));
}

TEST(MessagePrefilter, KeepsEveryTextWithABytePastAscii) {
  // RE2 folds the Kelvin sign (U+212A) to "k" and the long s (U+017F) to "s": "(?i)kerberos"
  // matches "\u212Aerberos", which holds no ASCII "kerberos".
  const MessagePrefilter prefilter({"(?i)kerberos"}, set_options());
  const std::string kelvin =
      "\xE2\x84\xAA"
      "erberos";
  ASSERT_TRUE(RE2::PartialMatch(kelvin, RE2("(?i)kerberos")));
  EXPECT_TRUE(prefilter.may_match(kelvin));
  EXPECT_TRUE(prefilter.may_match("caf\xC3\xA9"));
}

std::string rendered(const std::vector<Signal>& signals) {
  std::string out;
  for (const auto& signal : signals) {
    out += fmt::format("{} line={} [{},{}) {}", signal.rule, signal.line, signal.match_begin,
                       signal.match_end, signal.text);
    for (const auto& capture : signal.captures)
      out += fmt::format(" {}={}", capture.name, capture.value);
    out += '\n';
  }
  return out;
}

// Each sample as written, and its message in other cases and with letters RE2 folds from
// outside ASCII, so the prefilter's case folding is tried too.
std::vector<std::string> message_variants(const std::string& message) {
  std::string upper = message;
  std::string lower = message;
  std::string folded;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char c : message) {
    if (c == 'K')
      folded += "\xE2\x84\xAA";
    else if (c == 's')
      folded += "\xC5\xBF";
    else
      folded += c;
  }
  return {message, upper, lower, folded};
}

TEST(MatcherPrefilter, RaisesTheSameSignalsOnEveryPackSampleWithAndWithoutIt) {
  const auto loaded = load_packs(builtin_packs());
  ASSERT_TRUE(loaded.errors.empty());
  const Matcher filtered(loaded.rules,
                         MatcherOptions{.prefilter = true, .prefilter_after_messages = 0});
  const Matcher unfiltered(loaded.rules, MatcherOptions{.prefilter = false});
  ASSERT_TRUE(filtered.prefiltering());
  ASSERT_FALSE(unfiltered.prefiltering());
  size_t records = 0;
  size_t signals = 0;
  for (const auto& signal : loaded.rules.signals) {
    for (const auto* samples : {&signal.samples_match, &signal.samples_no_match}) {
      for (const auto& sample : *samples) {
        SourceInfo source{"sample", "sample"};
        Record record = sample_record(sample, source);
        for (const auto& message : message_variants(record.message)) {
          record.message = message;
          std::vector<Signal> with;
          std::vector<Signal> without;
          filtered.match(record, source, with);
          unfiltered.match(record, source, without);
          EXPECT_EQ(rendered(with), rendered(without))
              << sample.origin.file << ":" << sample.origin.line << ": " << message;
          ++records;
          signals += without.size();
        }
      }
    }
  }
  EXPECT_GT(records, 1000u);
  EXPECT_GT(signals, 500u);
}

// The message regexes of the shipped packs, as the matcher's set holds them.
std::vector<std::string> pack_message_patterns() {
  std::vector<std::string> patterns;
  const auto loaded = load_packs(builtin_packs());
  const auto add = [&](const SignalRule& rule, const std::vector<FieldTest>& tests) {
    for (const auto& test : tests) {
      if (test.field == "message")
        patterns.push_back((rule.case_sensitive ? "" : "(?i)") + test.pattern);
    }
  };
  for (const auto& rule : loaded.rules.signals) {
    add(rule, rule.tests);
    for (const auto& alternative : rule.alternatives) add(rule, alternative);
  }
  return patterns;
}

TEST(MatcherPrefilter, RulesOutCommonBenignMessagesWithThePacks) {
  const auto patterns = pack_message_patterns();
  const MessagePrefilter prefilter(patterns, set_options());
  size_t unfiltered = 0;
  for (size_t i = 0; i < patterns.size(); ++i) unfiltered += prefilter.unfiltered(i) ? 1 : 0;
  EXPECT_LT(unfiltered * 10, patterns.size()) << unfiltered << " of " << patterns.size();
  for (const char* benign :
       {"Sources are current, no scan needed",
        "Persisted default management point MP02.contoso.com for site PS1",
        "CScanJob::OnScanComplete - Scan completed successfully, ScanType=150"}) {
    EXPECT_FALSE(prefilter.may_match(benign)) << benign;
  }
}

// Each pattern of the packs on each sample message (as written, in other cases, with letters
// folded from past ASCII) it matches: the text holds one of its triggers and all that this
// trigger needs, so the scan lets it through.
TEST(MatcherPrefilter, EveryPackSampleAPatternMatchesHoldsATriggerAndWhatItNeeds) {
  const auto patterns = pack_message_patterns();
  const MessagePrefilter prefilter(patterns, set_options());
  std::vector<std::unique_ptr<RE2>> regexes;
  for (const auto& pattern : patterns) regexes.push_back(std::make_unique<RE2>(pattern));
  const auto loaded = load_packs(builtin_packs());
  const auto holds = [](const std::string& lowered, const std::string& literal) {
    return lowered.find(literal) != std::string::npos;
  };
  size_t matches = 0;
  for (const auto& signal : loaded.rules.signals) {
    for (const auto* samples : {&signal.samples_match, &signal.samples_no_match}) {
      for (const auto& sample : *samples) {
        SourceInfo source;
        const Record record = sample_record(sample, source);
        for (const auto& message : message_variants(record.message)) {
          if (std::any_of(message.begin(), message.end(), [](char c) { return c & 0x80; }))
            continue;  // past ASCII: always scanned
          std::string lowered = message;
          for (char& c : lowered)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          for (size_t i = 0; i < patterns.size(); ++i) {
            if (prefilter.unfiltered(i) || !RE2::PartialMatch(message, *regexes[i])) continue;
            ++matches;
            bool through_one = false;
            for (size_t k = 0; k < prefilter.triggers(i).size(); ++k) {
              const auto& needed = prefilter.required_with(i, k);
              through_one = through_one || (holds(lowered, prefilter.triggers(i)[k]) &&
                                            std::all_of(needed.begin(), needed.end(),
                                                        [&](const std::string& literal) {
                                                          return holds(lowered, literal);
                                                        }));
            }
            EXPECT_TRUE(through_one) << patterns[i] << " matches " << message;
          }
        }
      }
    }
  }
  EXPECT_GT(matches, 500u);
}

}  // namespace
}  // namespace certdiag
