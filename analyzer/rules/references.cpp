#include "rules/references.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "rules/suggest.h"

namespace certdiag {
namespace {

// Every signal id a condition names, with where it is named.
void collect_references(const Condition& condition,
                        std::vector<std::pair<std::string, RuleOrigin>>& out) {
  if (!condition.signal.empty()) out.emplace_back(condition.signal, condition.origin);
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) collect_references(child, out);
  }
  for (const auto& id : condition.absent) out.emplace_back(id, condition.origin);
}

// The signal ids below a condition, which its filters apply to.
void collect_leaves(const Condition& condition, std::vector<std::string>& out) {
  if (!condition.signal.empty()) out.push_back(condition.signal);
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) collect_leaves(child, out);
  }
}

// Each capture a condition tests must be one its signals capture (or, on the signals a
// diagnosis found, one some signal captures).
void check_capture_tests(const RuleSet& rules, const Condition& condition, std::string_view owner,
                         std::vector<RuleError>& errors) {
  if (!condition.captures.empty()) {
    std::vector<std::string> leaves;
    collect_leaves(condition, leaves);
    std::vector<const SignalRule*> signals;
    for (const auto& id : leaves) {
      if (const SignalRule* signal = rules.find_signal(id)) signals.push_back(signal);
    }
    if (leaves.empty()) {
      for (const auto& signal : rules.signals) signals.push_back(&signal);
    }
    for (const auto& test : condition.captures) {
      std::vector<std::string_view> known;
      bool anywhere = false;
      for (const SignalRule* signal : signals) {
        const auto& names = signal->capture_names;
        const bool has = std::find(names.begin(), names.end(), test.name) != names.end();
        anywhere = anywhere || has;
        known.insert(known.end(), names.begin(), names.end());
        if (!has && !leaves.empty()) {
          errors.push_back({RuleErrorKind::capture, condition.origin.file, condition.origin.line,
                            fmt::format("diagnosis '{}': signal '{}' captures no '{}'{}", owner,
                                        signal->id, test.name,
                                        did_you_mean(test.name, std::vector<std::string_view>(
                                                                    names.begin(), names.end())))});
        }
      }
      if (leaves.empty() && !anywhere) {
        errors.push_back({RuleErrorKind::capture, condition.origin.file, condition.origin.line,
                          fmt::format("diagnosis '{}': no signal captures '{}'{}", owner, test.name,
                                      did_you_mean(test.name, known))});
      }
    }
  }
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) check_capture_tests(rules, child, owner, errors);
  }
}

// Every condition of a diagnosis.
std::vector<const Condition*> conditions_of(const DiagnosisRule& diagnosis) {
  std::vector<const Condition*> out{&diagnosis.when};
  if (diagnosis.unless) out.push_back(&*diagnosis.unless);
  if (diagnosis.confidence_high) out.push_back(&*diagnosis.confidence_high);
  if (diagnosis.confidence_medium) out.push_back(&*diagnosis.confidence_medium);
  for (const auto& fact : diagnosis.facts) out.push_back(&fact.when);
  for (const auto& entry : diagnosis.severity_when) out.push_back(&entry.when);
  for (const auto& alternative : diagnosis.alternatives) {
    if (alternative.when) out.push_back(&*alternative.when);
  }
  return out;
}

void collect_tested_captures(const Condition& condition, std::set<std::string>& out) {
  for (const auto& test : condition.captures) out.insert(test.name);
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) collect_tested_captures(child, out);
  }
}

}  // namespace

void check_references(const RuleSet& rules, std::vector<RuleError>& errors) {
  std::set<std::string> signal_ids;
  std::set<std::string> diagnosis_ids;
  for (const auto& signal : rules.signals) {
    if (!signal.id.empty() && !signal_ids.insert(signal.id).second) {
      errors.push_back({RuleErrorKind::duplicate_id, signal.origin.file, signal.origin.line,
                        fmt::format("duplicate signal id '{}'", signal.id)});
    }
  }
  for (const auto& diagnosis : rules.diagnoses) {
    if (!diagnosis.id.empty() && !diagnosis_ids.insert(diagnosis.id).second) {
      errors.push_back({RuleErrorKind::duplicate_id, diagnosis.origin.file, diagnosis.origin.line,
                        fmt::format("duplicate diagnosis id '{}'", diagnosis.id)});
    }
  }
  const auto dangling = [&](const std::string& id, const RuleOrigin& origin, std::string_view owner,
                            const std::set<std::string>& known, std::string_view kind) {
    if (known.count(id)) return;
    const std::vector<std::string_view> candidates(known.begin(), known.end());
    errors.push_back({RuleErrorKind::unknown_id, origin.file, origin.line,
                      fmt::format("diagnosis '{}': unknown {} '{}'{}", owner, kind, id,
                                  did_you_mean(id, candidates))});
  };
  for (const auto& diagnosis : rules.diagnoses) {
    std::vector<std::pair<std::string, RuleOrigin>> refs;
    for (const Condition* condition : conditions_of(diagnosis)) {
      collect_references(*condition, refs);
      check_capture_tests(rules, *condition, diagnosis.id, errors);
    }
    for (const auto& id : diagnosis.resolved_by) refs.emplace_back(id, diagnosis.origin);
    for (const auto& [id, origin] : refs) dangling(id, origin, diagnosis.id, signal_ids, "signal");
    for (const auto& id : diagnosis.supersedes) {
      dangling(id, diagnosis.origin, diagnosis.id, diagnosis_ids, "diagnosis");
    }
    for (const auto& alternative : diagnosis.alternatives) {
      dangling(alternative.id, diagnosis.origin, diagnosis.id, diagnosis_ids, "diagnosis");
    }
  }
}
std::vector<std::string> tested_captures(const RuleSet& rules) {
  std::set<std::string> tested;
  for (const auto& diagnosis : rules.diagnoses) {
    for (const Condition* condition : conditions_of(diagnosis))
      collect_tested_captures(*condition, tested);
  }
  return {tested.begin(), tested.end()};
}

}  // namespace certdiag
