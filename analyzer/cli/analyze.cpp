#include "cli/analyze.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/pipeline.h"
#include "report/report.h"

namespace certdiag {
namespace {

std::vector<SourceResult> analyze_all(const std::vector<InputSource>& sources,
                                      const Matcher& matcher, const Options& options) {
  std::vector<SourceResult> results(sources.size());
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, sources.size()));
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < sources.size(); i = next++) {
      results[i] = analyze_source(sources[i], matcher, options.format_in);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  return results;
}

size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40) return size.ws_col;
  return 100;
}

}  // namespace

int run_analyze(const Options& options, const RuleSet& rules) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<InputError> input_errors;
  std::vector<std::string> paths = options.arguments;
  if (paths.empty()) {
    if (isatty(STDIN_FILENO)) {
      std::cerr << "certdiag: no input: give a path, or pipe a log into stdin (certdiag --help for "
                   "more)\n";
      return 2;
    }
    paths.push_back("-");
  }
  std::vector<std::string> skipped;
  const std::vector<InputSource> sources = expand_inputs(paths, input_errors, &skipped);

  const Matcher matcher(rules);
  if (!matcher.ok()) {
    std::cerr << "certdiag: " << matcher.error() << '\n';
    return 2;
  }
  std::vector<SourceResult> results = analyze_all(sources, matcher, options);

  RunSummary summary;
  summary.as_of = options.as_of;
  summary.rules_digest = rules.digest;
  summary.skipped = std::move(skipped);
  for (const auto& error : input_errors) summary.errors.push_back({error.source, error.message});
  SignalStore store;
  for (auto& result : results) {
    if (result.error) summary.errors.push_back(*result.error);
    if (!result.summary.format.empty()) summary.sources.push_back(std::move(result.summary));
    store.absorb(std::move(result.signals));
  }
  summary.signals = store.total();

  DiagnoseOptions diagnose_options;
  diagnose_options.as_of = options.as_of;
  diagnose_options.renewal_window = options.renewal_window;
  diagnose_options.max_evidence = options.max_evidence;
  const std::vector<Diagnosis> diagnoses = diagnose(rules, store, diagnose_options);
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  for (const auto& error : summary.errors) {
    if (!options.quiet) std::cerr << fmt::format("certdiag: {}: {}\n", error.source, error.message);
  }
  if (!options.quiet) {
    std::ofstream file;
    if (!options.output.empty()) {
      file.open(options.output, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << fmt::format("certdiag: {}: cannot write the report: {}\n", options.output,
                                 std::strerror(errno));
        return 2;
      }
    }
    std::ostream& out = options.output.empty() ? std::cout : file;
    ReportOptions report_options;
    const bool terminal = options.output.empty() && isatty(STDOUT_FILENO);
    report_options.color = options.color == "always" ||
                           (options.color == "auto" && terminal && !std::getenv("NO_COLOR"));
    report_options.width = terminal ? terminal_width() : 100;
    report_options.max_evidence = options.max_evidence;
    write_report(out, options.format, diagnoses, summary, report_options);
    out.flush();
    if (!out) {
      std::cerr << "certdiag: cannot write the report\n";
      return 2;
    }
  }

  for (const auto& diagnosis : diagnoses) {
    if (diagnosis.severity >= options.fail_on && !diagnosis.resolved_at) return 1;
  }
  return summary.errors.empty() ? 0 : 3;
}

}  // namespace certdiag
