#include "cli/run.h"

#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "cli/analyze.h"
#include "cli/commands.h"
#include "cli/docs.h"
#include "cli/options.h"
#include "model/build_info.h"
#include "rules/compiled_rules.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

// Loads the built-in packs (or --rules instead of them) plus --add-rules; nullopt after
// printing the errors.
std::optional<RuleSet> load_rules(const Options& options) {
  std::optional<RuleSet> compiled;
  if (options.rules_dirs.empty()) compiled = compiled_builtin_rules();
  // The built-in packs alone were parsed and checked at build time, digest included.
  if (compiled && options.add_rules.empty()) return compiled;
  std::vector<RuleError> errors;
  std::vector<PackText> packs;
  if (options.rules_dirs.empty()) packs = builtin_packs();
  for (const auto* dirs : {&options.rules_dirs, &options.add_rules}) {
    for (const auto& dir : *dirs) {
      auto more = read_pack_dir(dir, errors);
      packs.insert(packs.end(), more.begin(), more.end());
    }
  }
  auto result = compiled ? load_packs(packs, std::move(*compiled), builtin_packs().size())
                         : load_packs(packs);
  errors.insert(errors.end(), result.errors.begin(), result.errors.end());
  for (const auto& error : errors) std::cerr << error.to_string() << '\n';
  if (!errors.empty()) return std::nullopt;
  return std::move(result.rules);
}

// Text generated from the program itself: the man page, completion, the input format names.
int print_generated(const std::string& what) {
  if (what == "man") {
    std::cout << man_page();
  } else if (what == "bash-completion") {
    std::cout << bash_completion();
  } else if (what == "formats-in") {
    for (const auto name : input_format_names()) std::cout << name << '\n';
  } else if (what == "catalog") {
    std::cout << catalog_table(load_packs(builtin_packs()).rules);
  } else {
    std::cerr << "certdiag: --print: expected man, bash-completion, formats-in or catalog\n";
    return 2;
  }
  return 0;
}

int dispatch(const Options& options) {
  if (options.command == "rules" && !options.arguments.empty() && options.arguments[0] == "check") {
    if (options.arguments.size() != 2) {
      std::cerr << "certdiag: usage: certdiag rules check DIR\n";
      return 2;
    }
    return run_rules_check(options.arguments[1]);
  }
  if (options.command == "lookup") return run_lookup(options.arguments);  // needs no rule packs
  const auto rules = load_rules(options);
  if (!rules) return 2;
  if (options.command == "explain") {
    if (options.arguments.size() != 1) {
      std::cerr << "certdiag: usage: certdiag explain ID\n";
      return 2;
    }
    return run_explain(*rules, options.arguments[0]);
  }
  if (options.command == "rules") {
    if (options.arguments.size() == 1 && options.arguments[0] == "list")
      return run_rules_list(*rules);
    if (!options.arguments.empty() && options.arguments[0] == "suggest")
      return run_rules_suggest(options, *rules);
    std::cerr << "certdiag: usage: certdiag rules list | certdiag rules check DIR | certdiag "
                 "rules suggest [--cluster K] PATH...\n";
    return 2;
  }
  if (options.command == "merge") return run_merge(options, *rules);
  return run_analyze(options, *rules);
}

}  // namespace

int run(int argc, const char* const* argv) {
  try {
    const ParseResult parsed = parse_options(argc, argv);
    if (!parsed.error.empty()) {
      std::cerr << "certdiag: " << parsed.error << " (certdiag --help for usage)\n";
      return 2;
    }
    if (parsed.options.help) {
      std::cout << usage_text();
      return 0;
    }
    if (!parsed.options.print.empty()) return print_generated(parsed.options.print);
    if (parsed.options.version) {
      const auto compiled = compiled_builtin_digest();
      std::cout << fmt::format("certdiag {}\ncommit {}\nrules {}\n", build_version(),
                               build_commit(),
                               compiled ? *compiled : packs_digest(builtin_packs()));
      return 0;
    }
    return dispatch(parsed.options);
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here; input problems are values, not exceptions.
    std::cerr << "certdiag: internal error: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace certdiag
