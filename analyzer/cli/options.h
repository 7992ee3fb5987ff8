// Command-line options of `certdiag` and their parsing with Boost.Program_options. Does not run
// anything; see cli/run.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnosis.h"
#include "model/record.h"
#include "model/time_parse.h"

namespace certdiag {

struct Options {
  std::string command = "analyze";     // analyze, rules, explain, merge, lookup
  std::vector<std::string> arguments;  // paths, or the subcommand's arguments
  std::string format = "text";
  std::string format_in;                      // empty: detect per source
  std::string input_tz;                       // zone of local times in exports; empty: UTC
  std::string tz;                             // --tz: zone reports show times in; empty: UTC
  DateOrder date_order = DateOrder::unknown;  // --date-order; unknown: decided per source
  std::string output;                         // -o FILE; empty: stdout
  std::vector<std::string> rules_dirs;        // --rules: replace the built-in packs
  std::vector<std::string> add_rules;         // --add-rules: add to them
  Severity fail_on = Severity::warning;
  Severity min_severity = Severity::info;  // diagnoses below it are not reported
  bool show_info = false;                  // --min-severity info: info diagnoses in full
  std::optional<Time> since;               // signals before it are left out
  std::optional<Time> until;               // signals after it are left out
  std::vector<std::string> hosts;          // report only these hosts (case-insensitive)
  std::optional<Time> as_of;               // --as-of; default: the newest record time, else now
  std::chrono::milliseconds renewal_window = std::chrono::hours(24 * 42);
  size_t max_evidence = 10;    // distinct evidence lines shown per diagnosis
  size_t evidence_width = 0;   // --evidence-width; 0: whole lines
  size_t context = 0;          // -n/--context: source lines around each evidence line
  size_t max_signatures = 10;  // new-signature templates reported; 0 hides them
  size_t cluster = 0;          // rules suggest: the one cluster to draft (1-based); 0 all
  std::string color = "auto";
  unsigned jobs = 0;  // 0: number of cores
  bool quiet = false;
  bool redact = false;        // --redact: placeholders for what identifies people and machines
  bool emit_signals = false;  // --emit signals: NDJSON also carries every signal
  bool why = false;           // --why: detection reasons and diagnoses that did not fire
  bool coverage = false;      // --coverage (implied by --why): the logs each family needs
  bool coverage_all = false;  // --coverage=all: of every family, not only the related ones
  bool help = false;
  std::string print;  // --print man|bash-completion (for the build)
  bool version = false;
};

struct ParseResult {
  Options options;
  std::string error;  // non-empty: a usage error, one line
};

ParseResult parse_options(int argc, const char* const* argv);

// Usage text, examples first.
std::string usage_text();

// The names --format-in accepts: every text format, and evtx.
std::vector<std::string_view> input_format_names();

// One documented option, for the man page and shell completion.
struct OptionDoc {
  std::string long_name;  // "format"
  char short_name = 0;    // 'o', or 0
  bool takes_value = false;
  std::string description;
};
std::vector<OptionDoc> option_docs();

}  // namespace certdiag
