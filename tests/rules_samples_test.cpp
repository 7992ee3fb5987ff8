// Every signal of the shipped packs carries real sample lines: each `match` sample must raise
// that signal and each `no-match` sample must not.
#include <gtest/gtest.h>

#include "match/matcher.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

// A record built from a sample's fields.
Record sample_record(const RuleSample& sample, std::string& format, std::string& path) {
  Record record;
  for (const auto& field : sample.fields) {
    if (field.name == "message")
      record.message = field.value;
    else if (field.name == "provider" || field.name == "component")
      record.component = field.value;
    else if (field.name == "event_id")
      record.event_id = static_cast<uint32_t>(std::stoul(field.value));
    else if (field.name == "channel")
      record.channel = field.value;
    else if (field.name == "host")
      record.host = field.value;
    else if (field.name == "format")
      format = field.value;
    else if (field.name == "path")
      path = field.value;
    else if (field.name == "level") {
      for (Level level : {Level::verbose, Level::info, Level::warning, Level::error}) {
        if (level_name(level) == field.value) record.level = level;
      }
    } else {
      std::string name = field.name;
      if (name.starts_with("data.")) name = name.substr(5);
      record.data.push_back({name, field.value});
    }
  }
  return record;
}

bool raises(const Matcher& matcher, const RuleSample& sample, const std::string& id) {
  std::string format = "sample";
  std::string path = "sample";
  const Record record = sample_record(sample, format, path);
  std::vector<Signal> signals;
  matcher.match(record, SourceInfo{path, format}, signals);
  return std::any_of(signals.begin(), signals.end(), [&](const Signal& s) { return s.rule == id; });
}

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
  for (const auto& signal : result.rules.signals) {
    EXPECT_FALSE(signal.samples_match.empty()) << signal.id;
    for (const auto& sample : signal.samples_match) {
      EXPECT_TRUE(raises(matcher, sample, signal.id))
          << sample.origin.file << ":" << sample.origin.line << ": " << signal.id << " must match";
    }
    for (const auto& sample : signal.samples_no_match) {
      EXPECT_FALSE(raises(matcher, sample, signal.id))
          << sample.origin.file << ":" << sample.origin.line << ": " << signal.id
          << " must not match";
    }
  }
}

}  // namespace
}  // namespace certdiag
