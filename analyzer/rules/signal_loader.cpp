#include "rules/signal_loader.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "rules/match_fields.h"
#include "rules/suggest.h"

namespace certdiag {
namespace {

std::vector<RuleSample> parse_samples(PackReader& reader, const YAML::Node& node) {
  std::vector<RuleSample> out;
  if (!node.IsSequence()) {
    reader.error(node, "samples must be a list");
    return out;
  }
  for (const auto& item : node) {
    RuleSample sample;
    sample.origin = reader.origin(item);
    if (item.IsScalar()) {
      sample.fields.push_back({"message", item.as<std::string>()});
    } else if (item.IsMap()) {
      for (const auto& field : item) {
        sample.fields.push_back(
            {field.first.as<std::string>(""), reader.scalar(field.second, "sample field")});
      }
    } else {
      reader.error(item, "a sample is a message string or a mapping of fields");
    }
    out.push_back(std::move(sample));
  }
  return out;
}

// One field test, `field: regex` (or `event_id: [ids]`); nullopt when it is wrong (reported).
std::optional<FieldTest> parse_field_test(PackReader& reader, const YAML::Node& key,
                                          const YAML::Node& value, SignalRule& rule, bool negated) {
  FieldTest test;
  test.field = key.as<std::string>("");
  test.negated = negated;
  if (!find_match_field(test.field)) {
    reader.error(key, fmt::format("signal '{}': unknown match field '{}'{}", rule.id, test.field,
                                  did_you_mean(test.field, match_field_names(), 2)));
    return std::nullopt;
  }
  if (test.field == "event_id") {
    for (const std::string& text : reader.strings(value, "event_id")) {
      uint32_t id = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
      if (ec != std::errc() || end != text.data() + text.size()) {
        reader.error(value,
                     fmt::format("signal '{}': event_id '{}' is not a number", rule.id, text));
      }
      test.ids.push_back(id);
    }
    return test;
  }
  test.pattern = reader.scalar(value, test.field);
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(rule.case_sensitive);
  const RE2 regex(test.pattern, options);
  if (!regex.ok()) {
    reader.error(
        value, RuleErrorKind::regex,
        fmt::format("signal '{}': invalid regex in {}: {}", rule.id, test.field, regex.error()));
  }
  if (negated && !regex.NamedCapturingGroups().empty()) {
    // A test that must not hold never matched: there is nothing to capture.
    reader.error(value, fmt::format("signal '{}': not: {} cannot capture (named groups)", rule.id,
                                    test.field));
  }
  for (const auto& [name, index] : regex.NamedCapturingGroups()) {
    if (std::find(rule.capture_names.begin(), rule.capture_names.end(), name) ==
        rule.capture_names.end())
      rule.capture_names.push_back(name);
  }
  return test;
}

// The field tests of one mapping of `match:` (or of one of its `any:` alternatives); those of
// its `not:` mapping are negated: the record must match none of them.
std::vector<FieldTest> parse_field_tests(PackReader& reader, const YAML::Node& node,
                                         SignalRule& rule) {
  std::vector<FieldTest> tests;
  if (!node.IsMap() || node.size() == 0) {
    reader.error(node, fmt::format("signal '{}': match must be a non-empty mapping", rule.id));
    return tests;
  }
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>("");
    if (key == "any") continue;  // alternatives: parse_match
    if (key != "not") {
      if (auto test = parse_field_test(reader, item.first, item.second, rule, false))
        tests.push_back(std::move(*test));
      continue;
    }
    if (!item.second.IsMap() || item.second.size() == 0) {
      reader.error(
          item.second,
          fmt::format("signal '{}': match: not: must be a non-empty mapping of fields", rule.id));
      continue;
    }
    for (const auto& negated : item.second) {
      const std::string field = negated.first.as<std::string>("");
      if (field == "not" || field == "any") {
        reader.error(
            negated.first,
            fmt::format("signal '{}': match: not: holds field tests, not {}:", rule.id, field));
      } else if (auto test = parse_field_test(reader, negated.first, negated.second, rule, true)) {
        tests.push_back(std::move(*test));
      }
    }
  }
  return tests;
}

bool has_positive_test(const std::vector<FieldTest>& tests) {
  return std::any_of(tests.begin(), tests.end(),
                     [](const FieldTest& test) { return !test.negated; });
}

// `match:` is a mapping of field tests that all must hold; its `any:` lists alternative
// mappings, one of which must hold too.
void parse_match(PackReader& reader, const YAML::Node& node, SignalRule& rule) {
  rule.tests = parse_field_tests(reader, node, rule);
  // Tests that only say what a record is not would match nearly every record of every log.
  const auto needs_positive = [&](const YAML::Node& where, const std::vector<FieldTest>& tests) {
    if (!tests.empty() && !has_positive_test(rule.tests) && !has_positive_test(tests)) {
      reader.error(where,
                   fmt::format("signal '{}': match: needs a field test besides not:", rule.id));
    }
  };
  if (!node.IsMap() || !node["any"]) {
    needs_positive(node, rule.tests);
    return;
  }
  const YAML::Node any = node["any"];
  if (!any.IsSequence() || any.size() < 2) {
    reader.error(any, fmt::format("signal '{}': match: any: must list two or more mappings of "
                                  "fields",
                                  rule.id));
    return;
  }
  for (const auto& alternative : any) {
    if (alternative.IsMap() && alternative["any"]) {
      reader.error(alternative, fmt::format("signal '{}': match: any: cannot nest", rule.id));
      continue;
    }
    rule.alternatives.push_back(parse_field_tests(reader, alternative, rule));
    needs_positive(alternative, rule.alternatives.back());
  }
}

}  // namespace

SignalRule parse_signal(PackReader& reader, const YAML::Node& node) {
  SignalRule rule;
  rule.origin = reader.origin(node);
  if (!reader.check_keys(node, "signal",
                         {"id", "title", "status", "case_sensitive", "match", "samples"})) {
    return rule;
  }
  if (node["id"]) rule.id = reader.scalar(node["id"], "id");
  if (rule.id.empty()) reader.error(node, "signal without an id");
  if (node["title"]) rule.title = reader.scalar(node["title"], "title");
  if (node["status"]) {
    rule.status = reader.scalar(node["status"], "status");
    if (rule.status != "experimental" && rule.status != "stable") {
      reader.error(node["status"], "status: expected 'stable' or 'experimental'");
    }
  }
  if (node["case_sensitive"]) rule.case_sensitive = node["case_sensitive"].as<bool>(false);
  if (node["match"]) {
    parse_match(reader, node["match"], rule);
  } else {
    reader.error(node, fmt::format("signal '{}': no match", rule.id));
  }
  if (const auto samples = node["samples"]) {
    if (reader.check_keys(samples, "samples", {"match", "no-match"})) {
      if (samples["match"]) rule.samples_match = parse_samples(reader, samples["match"]);
      if (samples["no-match"]) rule.samples_no_match = parse_samples(reader, samples["no-match"]);
    }
  }
  for (const auto* samples : {&rule.samples_match, &rule.samples_no_match}) {
    for (const auto& sample : *samples) {
      SourceInfo source;
      std::string bad_field;
      sample_record(sample, source, &bad_field);
      if (!bad_field.empty()) {
        reader.error(sample.origin,
                     fmt::format("signal '{}': sample field '{}' is not a match field, or its "
                                 "value is not one",
                                 rule.id, bad_field));
      }
    }
  }
  if (rule.samples_match.empty()) {
    reader.error(node, fmt::format("signal '{}': needs samples: match: with at least one real line",
                                   rule.id));
  }
  return rule;
}

}  // namespace certdiag
