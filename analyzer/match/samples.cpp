#include "match/samples.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace certdiag {

SampleRecord sample_record(const RuleSample& sample) {
  SampleRecord out;
  Record& record = out.record;
  for (const auto& [name, value] : sample.fields) {
    if (name == "message") {
      record.message = value;
    } else if (name == "provider" || name == "component") {
      record.component = value;
    } else if (name == "event_id") {
      uint32_t id = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
      if (ec != std::errc() || end != value.data() + value.size()) {
        out.error = fmt::format("event_id '{}' is not a number", value);
      }
      record.event_id = id;
    } else if (name == "level") {
      for (Level level : {Level::verbose, Level::info, Level::warning, Level::error}) {
        if (level_name(level) == value) record.level = level;
      }
      if (record.level == Level::unknown) out.error = fmt::format("unknown level '{}'", value);
    } else if (name == "channel") {
      record.channel = value;
    } else if (name == "host") {
      record.host = value;
    } else if (name == "format") {
      out.source.format = value;
    } else if (name == "path") {
      out.source.name = value;
    } else {
      std::string_view field = name;
      if (field.starts_with("data.")) {
        field.remove_prefix(5);
      } else if (field.starts_with("data[") && field.ends_with("]")) {
        field = field.substr(5, field.size() - 6);
      }
      record.data.push_back({std::string(field), value});
    }
  }
  return out;
}

std::vector<RuleError> check_samples(const RuleSet& rules, const Matcher& matcher) {
  std::vector<RuleError> errors;
  std::vector<Signal> raised;
  for (const auto& signal : rules.signals) {
    for (const bool must_match : {true, false}) {
      for (const auto& sample : must_match ? signal.samples_match : signal.samples_no_match) {
        const auto report = [&](std::string_view what) {
          errors.push_back({sample.origin.file, sample.origin.line,
                            fmt::format("signal '{}': {}", signal.id, what)});
        };
        const SampleRecord made = sample_record(sample);
        if (!made.error.empty()) {
          report("sample: " + made.error);
          continue;
        }
        raised.clear();
        matcher.match(made.record, made.source, raised);
        const bool raises = std::any_of(raised.begin(), raised.end(),
                                        [&](const Signal& s) { return s.rule == signal.id; });
        if (must_match && !raises) report("this match sample does not raise it");
        if (!must_match && raises) report("this no-match sample raises it");
      }
    }
  }
  return errors;
}

}  // namespace certdiag
