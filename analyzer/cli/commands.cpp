#include "cli/commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>

#include "match/samples.h"
#include "report/error_codes.h"
#include "rules/loader.h"
#include "rules/suggest.h"

namespace certdiag {
namespace {

// " with received_alert 42, 43 or 46" for the capture tests of the paths that name a signal.
std::string capture_tests_text(const NamedSignal& named) {
  std::vector<std::string> alternatives;
  for (const auto& tests : named.paths) {
    std::vector<std::string> parts;
    for (const CaptureTest* test : tests)
      parts.push_back(fmt::format("{} {}", test->name, fmt::join(test->values, "|")));
    if (parts.empty()) return {};  // one path takes every signal of the id
    alternatives.push_back(fmt::format("{}", fmt::join(parts, ", ")));
  }
  return alternatives.empty() ? std::string() : fmt::format(" [{}]", fmt::join(alternatives, "; "));
}

// How a diagnosis uses a signal, or "" when it does not.
std::string use_of(const DiagnosisRule& rule, const std::string& id) {
  if (names_signal(rule.when, id)) return "raises it";
  if (std::find(rule.resolved_by.begin(), rule.resolved_by.end(), id) != rule.resolved_by.end())
    return "marks it resolved";
  for (const auto* condition : {&rule.confidence_high, &rule.confidence_medium}) {
    if (*condition && names_signal(**condition, id)) return "sets its confidence";
  }
  for (const auto& severity : rule.severity_when) {
    if (names_signal(severity.when, id)) return "sets its severity";
  }
  for (const auto& fact : rule.facts) {
    if (names_signal(fact.when, id)) return "adds a fact to its explanation";
  }
  return "";
}

// A signal, as evidence shows its id: what it matches, where it is defined, which diagnoses use
// it.
void explain_signal(const RuleSet& rules, const SignalRule& signal) {
  std::cout << fmt::format("{} (signal{})\n{}\n\n", signal.id,
                           signal.status == "experimental" ? ", experimental" : "", signal.title);
  std::cout << "Matches a record when:\n";
  const auto test_text = [](const FieldTest& test) {
    const std::string_view op =
        test.ids.empty() ? (test.negated ? "!~" : "~") : (test.negated ? "not in" : "in");
    return test.ids.empty() ? fmt::format("{} {} /{}/", test.field, op, test.pattern)
                            : fmt::format("{} {} {}", test.field, op, fmt::join(test.ids, ", "));
  };
  for (const auto& test : signal.tests) std::cout << "  " << test_text(test) << '\n';
  if (!signal.alternatives.empty()) std::cout << "  and one of (the first that holds):\n";
  for (const auto& alternative : signal.alternatives) {
    std::vector<std::string> texts;
    for (const auto& test : alternative) texts.push_back(test_text(test));
    std::cout << fmt::format("    {}\n", fmt::join(texts, ", "));
  }
  std::cout << "\nUsed by:\n";
  bool used = false;
  for (const auto& rule : rules.diagnoses) {
    const std::string use = use_of(rule, signal.id);
    if (use.empty()) continue;
    used = true;
    std::cout << fmt::format("  {} ({}) — {}: {}\n", rule.id, severity_name(rule.severity),
                             rule.title, use);
  }
  if (!used) std::cout << "  no diagnosis (it shows as evidence only with --emit signals)\n";
  std::cout << fmt::format("\nDefined in {}:{}\n", signal.origin.file, signal.origin.line);
}

}  // namespace

int run_explain(const RuleSet& rules, const std::string& id) {
  const DiagnosisRule* rule = rules.find_diagnosis(id);
  if (!rule) {
    if (const SignalRule* signal = rules.find_signal(id)) {
      explain_signal(rules, *signal);
      return 0;
    }
    std::vector<std::string_view> ids;
    for (const auto& candidate : rules.diagnoses) ids.push_back(candidate.id);
    for (const auto& candidate : rules.signals) ids.push_back(candidate.id);
    std::cerr << fmt::format(
        "certdiag: unknown diagnosis or signal '{}'{}; `certdiag rules list` shows them all\n", id,
        did_you_mean(id, ids));
    return 2;
  }
  std::cout << fmt::format("{} ({})\n{}\n\n", rule->id, severity_name(rule->severity), rule->title);
  std::cout << "Raised by:\n";
  for (const auto& named : named_signals(rule->when)) {
    const SignalRule* signal = rules.find_signal(named.id);
    std::cout << fmt::format("  {}{}{}\n", named.id, capture_tests_text(named),
                             signal && !signal->title.empty() ? " — " + signal->title : "");
    if (signal && signal->message_test())
      std::cout << fmt::format("      message ~ /{}/\n", signal->message_test()->pattern);
  }
  if (!rule->explanation.empty()) std::cout << "\nWhy:\n  " << rule->explanation << '\n';
  for (const auto& fact : rule->facts) std::cout << "  (when it applies) " << fact.text << '\n';
  if (!rule->remediation.empty()) std::cout << "\nFix:\n";
  for (size_t i = 0; i < rule->remediation.size(); ++i) {
    std::cout << fmt::format("  {}. {}\n", i + 1, rule->remediation[i]);
  }
  if (!rule->references.empty()) std::cout << "\nSee:\n";
  for (const auto& reference : rule->references) std::cout << "  " << reference << '\n';
  std::cout << fmt::format("\nDefined in {}:{}\n", rule->origin.file, rule->origin.line);
  return 0;
}

int run_rules_list(const RuleSet& rules) {
  std::cout << "Diagnoses:\n";
  for (const auto& rule : rules.diagnoses) {
    std::cout << fmt::format("  {:<32} {:<8} {}\n", rule.id, severity_name(rule.severity),
                             rule.title);
  }
  std::cout << "Signals:\n";
  for (const auto& rule : rules.signals) {
    std::cout << fmt::format("  {:<40} {}{}\n", rule.id, rule.title,
                             rule.status == "experimental" ? " [experimental]" : "");
  }
  return 0;
}

int run_rules_check(const std::string& dir) {
  std::vector<RuleError> errors;
  const auto packs = read_pack_dir(dir, errors);
  auto result = load_packs(packs);
  errors.insert(errors.end(), result.errors.begin(), result.errors.end());
  if (errors.empty()) {  // the samples, as the test suite checks the built-in packs'
    const Matcher matcher(result.rules);
    if (!matcher.ok()) {
      std::cerr << "certdiag: " << matcher.error() << '\n';
      return 2;
    }
    errors = check_samples(result.rules, matcher);
  }
  for (const auto& error : errors) std::cerr << error.to_string() << '\n';
  if (!errors.empty()) return 2;
  std::cout << fmt::format("{}: {} packs, {} signals, {} diagnoses: ok\n", dir, packs.size(),
                           result.rules.signals.size(), result.rules.diagnoses.size());
  return 0;
}

int run_lookup(const std::vector<std::string>& codes) {
  if (codes.empty()) {
    std::cerr << "certdiag: usage: certdiag lookup CODE...\n";
    return 2;
  }
  int status = 0;
  for (const auto& text : codes) {
    const ErrorCode* code = lookup_error_code(text);
    if (!code) {
      std::cout.flush();  // keep the known codes before the error when both go to a terminal
      std::cerr << fmt::format("certdiag: unknown code '{}'\n", text);
      status = 2;
      continue;
    }
    std::cout << fmt::format("{}  {}  {}{}(source: {})\n", code->code, code->name, code->meaning,
                             code->meaning.empty() ? "" : "  ", code->source);
  }
  return status;
}

}  // namespace certdiag
