#include "match/samples.h"

#include <fmt/format.h>

#include <algorithm>

#include "rules/match_fields.h"

namespace certdiag {

std::vector<RuleError> check_samples(const RuleSet& rules, const Matcher& matcher) {
  std::vector<RuleError> errors;
  std::vector<Signal> raised;
  for (const auto& signal : rules.signals) {
    for (const bool must_match : {true, false}) {
      for (const auto& sample : must_match ? signal.samples_match : signal.samples_no_match) {
        const auto report = [&](std::string_view what) {
          errors.push_back({RuleErrorKind::sample, sample.origin.file, sample.origin.line,
                            fmt::format("signal '{}': {}", signal.id, what)});
        };
        SourceInfo source{"sample", "sample"};
        const Record record = sample_record(sample, source);  // fields checked by the loader
        raised.clear();
        matcher.match(record, source, raised);
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
