// Command-line options of `certdiag` and their parsing with Boost.Program_options. Does not run
// anything; see cli/run.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnosis.h"
#include "model/record.h"

namespace certdiag {

struct Options {
  std::string command = "analyze";     // analyze, rules, explain
  std::vector<std::string> arguments;  // paths, or the subcommand's arguments
  std::string format = "text";
  std::string format_in;                // empty: detect per source
  std::string output;                   // -o FILE; empty: stdout
  std::vector<std::string> rules_dirs;  // --rules: replace the built-in packs
  std::vector<std::string> add_rules;   // --add-rules: add to them
  Severity fail_on = Severity::warning;
  Time as_of;
  std::chrono::milliseconds renewal_window = std::chrono::hours(24 * 42);
  size_t max_evidence = 10;
  std::string color = "auto";
  unsigned jobs = 0;  // 0: number of cores
  bool quiet = false;
  bool help = false;
  bool version = false;
};

struct ParseResult {
  Options options;
  std::string error;  // non-empty: a usage error, one line
};

ParseResult parse_options(int argc, const char* const* argv);

// Usage text, examples first.
std::string usage_text();

}  // namespace certdiag
