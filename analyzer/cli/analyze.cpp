#include "cli/analyze.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "cli/pipeline.h"
#include "diagnose/coverage.h"
#include "diagnose/filters.h"
#include "io/platform.h"
#include "model/duplicates.h"
#include "report/ndjson.h"
#include "report/redact.h"
#include "report/report.h"
#include "report/strings.h"
#include "report/text.h"
#include "rules/draft.h"

namespace certdiag {
namespace {

// Each input's size in bytes; 0 for stdin and for what cannot be read (the analysis says why).
std::vector<uint64_t> input_sizes(const std::vector<InputSource>& sources) {
  std::vector<uint64_t> sizes;
  sizes.reserve(sources.size());
  for (const auto& source : sources) {
    std::error_code error;
    const uint64_t size = source.is_stdin ? 0 : std::filesystem::file_size(source.path, error);
    sizes.push_back(error ? 0 : size);
  }
  return sizes;
}

// The order in which the threads take the inputs: largest first, so that no large file is left
// for one thread at the end while the others wait (equal sizes keep the input order).
std::vector<size_t> largest_first(const std::vector<uint64_t>& sizes) {
  std::vector<size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

// Shows files done, bytes read (within a file too) of the inputs' size and the current file on
// stderr while a long run goes on; Ctrl-C erases it.
class Progress {
 public:
  Progress(const std::vector<uint64_t>& sizes, bool enabled) : total_(sizes.size()) {
    if (!enabled) return;
    total_bytes_ = std::accumulate(sizes.begin(), sizes.end(), uint64_t{0});
    platform::erase_line_on_interrupt(true);
    thread_ = std::thread([this] { show(); });
  }
  ~Progress() {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
      thread_.join();
      platform::erase_line_on_interrupt(false);
    }
  }
  // Counts the bytes of the inputs as they are read; null when nothing is shown.
  std::atomic<uint64_t>* bytes_read() { return thread_.joinable() ? &bytes_ : nullptr; }
  void started(const std::string& name) {
    std::lock_guard lock(mutex_);
    current_ = name;
  }
  void done() {
    std::lock_guard lock(mutex_);
    ++done_;
  }

 private:
  void show() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    bool shown = false;
    // Quiet for the first second: short runs print nothing.
    while (!wake_.wait_for(lock, shown ? std::chrono::milliseconds(200) : std::chrono::seconds(1),
                           [this] { return finished_; })) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::string name = make_visible(current_);
      if (name.size() > 50) name = "…" + name.substr(name.size() - 49);
      const uint64_t bytes = bytes_.load(std::memory_order_relaxed);
      // Of the inputs' size when known (stdin's is not; an archive's members may be bigger).
      const std::string size = total_bytes_ >= bytes && total_bytes_ > 0
                                   ? fmt::format("{} of {} MB ({}%)", bytes >> 20,
                                                 total_bytes_ >> 20, bytes * 100 / total_bytes_)
                                   : fmt::format("{} MB", bytes >> 20);
      std::cerr << fmt::format("\r\x1b[K{}/{} inputs · {} · {:.0f} MB/s · {}", done_, total_, size,
                               static_cast<double>(bytes) / 1e6 / seconds, name)
                << std::flush;
      shown = true;
    }
    if (shown) std::cerr << "\r\x1b[K" << std::flush;
  }

  size_t total_;
  size_t done_ = 0;
  uint64_t total_bytes_ = 0;
  std::atomic<uint64_t> bytes_{0};
  std::string current_;
  bool finished_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

std::vector<SourceResult> analyze_all(const std::vector<InputSource>& sources,
                                      const Matcher& matcher, const RuleSet& rules,
                                      const Options& options) {
  std::vector<std::vector<SourceResult>> results(sources.size());
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // The jobs go to inputs first; those left over decode the chunks of each .evtx file.
  const unsigned evtx_jobs = std::max<size_t>(1, jobs / std::max<size_t>(1, sources.size()));
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, sources.size()));
  const std::vector<uint64_t> sizes = input_sizes(sources);
  const std::vector<size_t> order = largest_first(sizes);
  Progress progress(sizes, !options.quiet && platform::is_terminal(STDERR_FILENO));
  const PipelineOptions pipeline{
      options.format_in, TokenizeOptions{options.input_tz, options.date_order},
      ArchiveLimits{},   rules.tested_captures,
      evtx_jobs,         progress.bytes_read()};
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t taken = next++; taken < order.size(); taken = next++) {
      const size_t i = order[taken];
      progress.started(sources[i].name);
      results[i] = results_or_failure(sources[i].name,
                                      [&] { return analyze_input(sources[i], matcher, pipeline); });
      progress.done();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  // Flattened in input order, so the output is the same for any number of jobs.
  std::vector<SourceResult> flat;
  for (auto& group : results) {
    for (auto& result : group) flat.push_back(std::move(result));
  }
  return flat;
}

size_t terminal_width() {
  const int columns = platform::terminal_columns();
  return columns >= 40 ? static_cast<size_t>(columns) : 100;
}

// The top templates of what no rule matched, for the report.
void add_new_signatures(RunSummary& summary, const TemplateMiner& signatures,
                        const Options& options) {
  summary.new_signatures = signatures.top(options.max_signatures);
  summary.new_signature_templates = signatures.size();
}

// Where a report or drafts go: -o FILE, or standard output. A failure names the file and the
// reason on stderr ("certdiag: /dev/full: cannot write the report: No space left on device").
class Output {
 public:
  Output(const std::string& path, std::string_view what) : path_(path), what_(what) {}

  // False, after saying why, when the file cannot be created.
  bool open() {
    if (path_.empty()) return true;
    file_.open(path_, std::ios::binary | std::ios::trunc);
    return file_ ? true : fail();
  }
  std::ostream& stream() {
    errno = 0;  // so that a failed write leaves its own reason
    return path_.empty() ? std::cout : file_;
  }
  // Flushes (and closes a file); false, after saying why, when any write failed.
  bool finish() {
    std::ostream& out = path_.empty() ? std::cout : file_;
    out.flush();
    if (!out) return fail();
    if (!path_.empty()) {
      file_.close();
      if (!file_) return fail();
    }
    return true;
  }

 private:
  bool fail() const {
    std::cerr << fmt::format("certdiag: {}: cannot write the {}: {}\n",
                             path_.empty() ? "standard output" : path_, what_,
                             errno != 0 ? std::strerror(errno) : "write error");
    return false;
  }

  std::string path_;
  std::string_view what_;
  std::ofstream file_;
};

// `rules suggest`: a draft signal per new signature (or the one --cluster names) instead of a
// report.
int write_drafts(const Options& options, const RunSummary& summary) {
  const auto& clusters = summary.new_signatures;
  if (options.cluster > clusters.size()) {
    std::cerr << fmt::format(
        "certdiag: --cluster {}: there are {} new signatures{}\n", options.cluster, clusters.size(),
        clusters.size() < summary.new_signature_templates ? " listed (see --max-signatures)" : "");
    return 2;
  }
  if (clusters.empty()) {
    if (!options.quiet)
      std::cerr << "certdiag: no new signatures (error or warning records that no rule "
                   "matched): nothing to draft\n";
    return summary.read_in_full() ? 0 : 3;
  }
  Output output(options.output, "drafts");
  if (!output.open()) return 2;
  output.stream() << draft_pack(clusters, options.cluster);
  if (!output.finish()) return 2;
  return summary.read_in_full() ? 0 : 3;
}

// What a run writes: a report, or (rules suggest) draft signals for its new signatures.
enum class Writes { report, drafts };

// Diagnoses the collected signals, writes the report (or the drafts) and returns the exit status;
// shared by analyze, merge and rules suggest.
int conclude(const Options& options, const RuleSet& rules, RunSummary& summary, SignalStore store,
             std::chrono::steady_clock::time_point started, Writes writes = Writes::report) {
  summary.set_as_of(options.as_of, std::chrono::floor<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now()));
  summary.rules_digest = rules.digest;
  summary.signals = store.total();
  DiagnoseOptions diagnose_options;
  diagnose_options.as_of = summary.as_of;
  if (summary.as_of_basis != AsOfBasis::now) diagnose_options.now = summary.now;
  diagnose_options.renewal_window = options.renewal_window;
  // More than are shown, so that the reports can collapse them into --max-evidence distinct
  // lines with counts.
  diagnose_options.max_evidence = std::max<size_t>(options.max_evidence * 20, 200);
  if (!options.hosts.empty()) {
    std::set<std::string> known;
    const auto missing = hosts_not_found(options.hosts, summary, store, known);
    if (!missing.empty()) {
      std::vector<std::string> shown;
      for (const auto& host : known) shown.push_back(make_visible(host));
      std::cerr << fmt::format(
          "certdiag: --host {}: no such host in the input ({})\n", make_visible(missing.front()),
          shown.empty() ? std::string("the input names no host")
                        : "hosts: " + fmt::format("{}", fmt::join(shown, ", ")));
      return 2;
    }
  }
  store = signals_between(std::move(store), options.since, options.until);
  std::vector<Diagnosis> diagnoses =
      diagnose(rules, store, diagnose_options, options.why ? &summary.near_misses : nullptr);
  if (options.coverage) summary.coverage = evaluate_coverage(rules, summary.sources);
  std::erase_if(diagnoses, [&](const Diagnosis& diagnosis) {
    return !diagnosis_wanted(diagnosis, options.min_severity, options.hosts);
  });
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // --redact covers everything written, stderr included; NDJSON's signals are redacted in a copy.
  std::vector<Signal> redacted_signals;
  if (options.redact) {
    std::vector<std::string> hosts;
    for (const auto& source : summary.sources) hosts.push_back(machine_in_path(source.name));
    for (const auto& error : summary.errors) hosts.push_back(machine_in_path(error.source));
    for (const auto& name : summary.skipped) hosts.push_back(machine_in_path(name));
    if (options.emit_signals) redacted_signals = store.signals();
    redact_report(diagnoses, summary, options.emit_signals ? &redacted_signals : nullptr, hosts);
  }

  for (const auto& error : summary.errors) {
    if (!options.quiet)
      std::cerr << fmt::format("certdiag: {}: {}\n", make_visible(error.source),
                               make_visible(error.message));
  }
  if (writes == Writes::drafts) return write_drafts(options, summary);
  if (!options.quiet) {
    Output output(options.output, "report");
    if (!output.open()) return 2;
    ReportOptions report_options;
    const bool terminal = options.output.empty() && platform::is_terminal(STDOUT_FILENO);
    report_options.color = options.color == "always" ||
                           (options.color == "auto" && terminal && !std::getenv("NO_COLOR") &&
                            platform::shows_colours(STDOUT_FILENO));
    report_options.width = terminal ? terminal_width() : 100;
    report_options.terminal = terminal;
    report_options.evidence_width = options.evidence_width;
    report_options.show_info = options.show_info;
    report_options.max_evidence = options.max_evidence;
    report_options.why = options.why;
    report_options.context = options.context;
    report_options.coverage_all = options.coverage_all;
    std::string zone_error;  // parse_options checked both zones
    report_options.times = ShownTime::from_specs(options.tz, options.input_tz, zone_error);
    if (options.emit_signals)
      report_options.signals = options.redact ? &redacted_signals : &store.signals();
    write_report(output.stream(), options.format, diagnoses, summary, report_options);
    if (!output.finish()) return 2;
    // The file holds the report; the terminal still gets the one-line answer.
    if (!options.output.empty()) {
      std::cerr << text_summary_line(diagnoses, summary, report_options) << " · report in "
                << make_visible(options.output) << '\n';
    }
  }
  if (any_open_at_least(diagnoses, options.fail_on)) return 1;
  return summary.read_in_full() ? 0 : 3;
}

int analyze(const Options& options, const RuleSet& rules, Writes writes) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<InputError> input_errors;
  std::vector<std::string> paths = options.arguments;
  if (paths.empty()) {
    if (platform::is_terminal(STDIN_FILENO)) {
      std::cerr << "certdiag: no input: give a path, or pipe a log into stdin (certdiag --help for "
                   "more)\n";
      return 2;
    }
    paths.push_back("-");
  }
  RunSummary summary;
  const std::vector<InputSource> sources = expand_inputs(paths, input_errors, &summary.skipped);
  const Matcher matcher(rules);
  if (!matcher.ok()) {
    std::cerr << "certdiag: " << matcher.error() << '\n';
    return 2;
  }
  summary.errors = std::move(input_errors);
  SignalStore store(rules.tested_captures);
  TemplateMiner signatures;
  DuplicateFinder duplicates;
  for (auto& result : analyze_all(sources, matcher, rules, options)) {
    summary.errors.insert(summary.errors.end(), result.errors.begin(), result.errors.end());
    summary.skipped.insert(summary.skipped.end(), result.skipped.begin(), result.skipped.end());
    bool duplicate = false;
    if (!result.summary.format.empty()) {
      duplicate = duplicates.check(result.summary, summary);
      summary.sources.push_back(std::move(result.summary));
    }
    if (!duplicate) store.absorb(std::move(result.signals));
    if (!duplicate) signatures.merge(result.signatures);  // in input order, for any --jobs
  }
  if (const std::string warning = matcher.warning(); !warning.empty() && !options.quiet)
    std::cerr << "certdiag: note: " << warning << '\n';
  add_new_signatures(summary, signatures, options);
  return conclude(options, rules, summary, std::move(store), started, writes);
}

}  // namespace

int run_analyze(const Options& options, const RuleSet& rules) {
  return analyze(options, rules, Writes::report);
}

int run_merge(const Options& options, const RuleSet& rules) {
  const auto started = std::chrono::steady_clock::now();
  if (options.arguments.empty()) {
    std::cerr << "certdiag: usage: certdiag merge RESULT.ndjson...\n";
    return 2;
  }
  RunSummary summary;
  SignalStore store(rules.tested_captures);
  TemplateMiner signatures;
  DuplicateFinder duplicates;
  for (const auto& path : options.arguments) {
    // A file that cannot be read, or holds a damaged line, is left out and reported like an
    // unreadable input; one that is not certdiag NDJSON with signals is a usage error.
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      summary.errors.push_back({InputErrorKind::unreadable, path, std::strerror(errno)});
      continue;
    }
    NdjsonRun run = read_ndjson(in);
    if (!run.error.empty()) {
      summary.errors.push_back({InputErrorKind::corrupt,
                                run.error_line ? fmt::format("{}:{}", path, run.error_line) : path,
                                run.error});
      continue;
    }
    std::string unusable;
    if (run.runs == 0) unusable = "no header line: not certdiag NDJSON";
    if (unusable.empty() && !run.all_with_signals)
      unusable = "holds no signals: write it with --format ndjson --emit signals";
    if (!unusable.empty()) {
      std::cerr << fmt::format("certdiag: {}: {}\n", path, unusable);
      return 2;
    }
    std::set<std::string> repeated;  // sources with the content of an earlier run's
    for (auto& source : run.summary.sources) {
      if (duplicates.check(source, summary)) repeated.insert(source.name);
      summary.sources.push_back(std::move(source));
    }
    for (auto& error : run.summary.errors) summary.errors.push_back(std::move(error));
    for (auto& skipped : run.summary.skipped) summary.skipped.push_back(std::move(skipped));
    for (auto& signal : run.signals) {
      if (!repeated.contains(signal.source)) store.add(std::move(signal));
    }
    // Each run listed only its top templates, so the merged counts are a lower bound.
    for (const auto& cluster : run.summary.new_signatures) {
      if (!repeated.contains(cluster.example.source)) signatures.add_cluster(cluster);
    }
  }
  add_new_signatures(summary, signatures, options);
  return conclude(options, rules, summary, std::move(store), started);
}

int run_rules_suggest(const Options& options, const RuleSet& rules) {
  Options suggest = options;
  suggest.arguments.erase(suggest.arguments.begin());  // "suggest"
  return analyze(suggest, rules, Writes::drafts);
}

}  // namespace certdiag
