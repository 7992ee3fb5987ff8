#include "rules/rule_set.h"

#include <algorithm>
#include <cctype>

#include "model/text.h"

namespace certdiag {
namespace {

void collect_named(const Condition& condition, std::vector<const CaptureTest*> tests,
                   std::vector<NamedSignal>& out) {
  for (const auto& test : condition.captures) tests.push_back(&test);
  if (!condition.signal.empty()) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const NamedSignal& named) { return named.id == condition.signal; });
    if (it == out.end()) it = out.insert(out.end(), NamedSignal{condition.signal, {}});
    it->paths.push_back(tests);
  }
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) collect_named(child, tests, out);
  }
}

}  // namespace

bool capture_passes(const std::vector<Capture>& captures, const CaptureTest& test) {
  for (const auto& capture : captures) {
    if (capture.name != test.name) continue;
    return std::any_of(test.values.begin(), test.values.end(),
                       [&](const std::string& value) { return iequals(capture.value, value); });
  }
  return false;
}

bool NamedSignal::accepts(const std::vector<Capture>& captures) const {
  return std::any_of(paths.begin(), paths.end(), [&](const auto& tests) {
    return std::all_of(tests.begin(), tests.end(),
                       [&](const CaptureTest* test) { return capture_passes(captures, *test); });
  });
}

std::vector<NamedSignal> named_signals(const Condition& condition) {
  std::vector<NamedSignal> out;
  collect_named(condition, {}, out);
  return out;
}

bool names_signal(const Condition& condition, std::string_view id) {
  if (condition.signal == id ||
      std::find(condition.absent.begin(), condition.absent.end(), id) != condition.absent.end())
    return true;
  for (const auto* list : {&condition.any, &condition.all, &condition.sequence}) {
    for (const auto& child : *list) {
      if (names_signal(child, id)) return true;
    }
  }
  return false;
}

const FieldTest* SignalRule::message_test() const {
  for (const auto& test : tests) {
    if (test.field == "message" && !test.negated) return &test;
  }
  for (const auto& alternative : alternatives) {
    for (const auto& test : alternative) {
      if (test.field == "message" && !test.negated) return &test;
    }
  }
  return nullptr;
}

const SignalRule* RuleSet::find_signal(std::string_view id) const {
  for (const auto& signal : signals) {
    if (signal.id == id) return &signal;
  }
  return nullptr;
}

const DiagnosisRule* RuleSet::find_diagnosis(std::string_view id) const {
  for (const auto& diagnosis : diagnoses) {
    if (diagnosis.id == id) return &diagnosis;
  }
  return nullptr;
}

}  // namespace certdiag
