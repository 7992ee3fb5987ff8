#include "diagnose/coverage.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>

#include "model/text.h"

namespace certdiag {
namespace {

// Whether any test of the rule matches the source.
bool holds(const CoverageRule& rule, const std::vector<std::unique_ptr<RE2>>& regexes,
           const SourceSummary& source) {
  for (size_t i = 0; i < rule.present.size(); ++i) {
    const std::string& field = rule.present[i].field;
    const RE2& regex = *regexes[i];
    if (field == "path" && RE2::PartialMatch(source.name, regex)) return true;
    if (field == "format" && RE2::PartialMatch(source.format, regex)) return true;
    const auto& values = field == "channel"    ? source.channels
                         : field == "provider" ? source.providers
                                               : source.hosts;
    if ((field == "channel" || field == "provider") &&
        std::any_of(values.begin(), values.end(),
                    [&](const std::string& v) { return RE2::PartialMatch(v, regex); })) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<CoverageEntry> evaluate_coverage(const RuleSet& rules,
                                             const std::vector<SourceSummary>& sources) {
  std::map<std::string, std::pair<std::string, std::vector<const SourceSummary*>>>
      hosts;  // lower → (as written, sources)
  for (const auto& source : sources) {
    if (!source.duplicate_of.empty()) continue;
    const std::vector<std::string> named =
        source.hosts.empty() ? std::vector<std::string>{""} : source.hosts;
    for (const auto& host : named) {
      auto& entry = hosts[lower(host)];
      if (entry.first.empty()) entry.first = host;
      entry.second.push_back(&source);
    }
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  std::vector<CoverageEntry> out;
  for (const auto& rule : rules.coverage) {
    std::vector<std::unique_ptr<RE2>> regexes;
    for (const auto& test : rule.present)
      regexes.push_back(std::make_unique<RE2>(test.pattern, options));
    for (const auto& [key, host] : hosts) {
      CoverageEntry entry{host.first, rule.family, rule.log, {}};
      for (const SourceSummary* source : host.second) {
        if (holds(rule, regexes, *source)) entry.sources.push_back(source->name);
      }
      out.push_back(std::move(entry));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CoverageEntry& a, const CoverageEntry& b) {
    return lower(a.host) < lower(b.host);
  });
  return out;
}

}  // namespace certdiag
