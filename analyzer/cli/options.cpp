#include "cli/options.h"

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <charconv>

#include "model/time_parse.h"
#include "report/report.h"
#include "tokenize/event_export.h"
#include "tokenize/tokenizer.h"

namespace certdiag {
namespace {

namespace po = boost::program_options;

po::options_description visible_options() {
  po::options_description options("Options");
  auto add = options.add_options();
  add("format", po::value<std::string>(),
      "report format: text (default), json, ndjson, markdown, html or csv (a timeline of the "
      "evidence)");
  add("output,o", po::value<std::string>(),
      "write the report to FILE instead of stdout; the format follows its extension (.json, "
      ".ndjson, .md, .html, .csv) "
      "unless --format is given");
  add("format-in", po::value<std::string>(),
      "read every input as this log format (see certdiag --print formats-in); default: detect per "
      "input");
  add("input-tz", po::value<std::string>(),
      "zone of local times in CSV and text event exports and WindowsUpdate.log: an IANA name or "
      "+HH:MM (default UTC)");
  add("tz", po::value<std::string>(),
      "show times in this zone instead of UTC: an IANA name or +HH:MM (text, Markdown, HTML and "
      "CSV; JSON stays UTC)");
  add("date-order", po::value<std::string>(),
      "day/month order of locale-dependent dates (dmy, mdy or ymd) where a source's own dates do "
      "not decide it (default: month first, reported as assumed)");
  add("since", po::value<std::string>(),
      "leave out evidence before this time (UTC, or with an offset), e.g. 2024-02-14 or "
      "2024-02-14T08:00:00+01:00");
  add("until", po::value<std::string>(), "leave out evidence after this time");
  add("min-severity", po::value<std::string>(),
      "report only diagnoses at least this severe: error, warning, info (info also shows the "
      "healthy signs in full)");
  add("host", po::value<std::vector<std::string>>(),
      "report only this host (repeatable); a short name matches its FQDN");
  add("fail-on", po::value<std::string>(),
      "exit 1 when a diagnosis is at least this severe: error, warning (default), info");
  add("as-of", po::value<std::string>(),
      "reference time for certificate expiry, e.g. 2019-11-01 (default: the newest record time of "
      "the input, else now)");
  add("renewal-window", po::value<std::string>(),
      "days before expiry that count as expiring (default 42d)");
  add("max-evidence", po::value<size_t>(),
      "distinct evidence lines shown per diagnosis (default 10)");
  add("evidence-width", po::value<size_t>(),
      "cut evidence lines to N columns around the matched text (default: whole lines; wrapped on "
      "a terminal)");
  add("context,n", po::value<size_t>(),
      "show N lines of the source before and after each evidence line, as grep -C (text, "
      "Markdown, HTML; files on disk only)");
  add("max-signatures", po::value<size_t>(),
      "new signatures listed: templates of error and warning records no rule matched (default "
      "10; 0 hides them)");
  add("cluster", po::value<size_t>(),
      "with rules suggest: draft a signal for this new signature only (1 is the first listed)");
  add("redact",
      "replace user names, domains, SIDs, IPs, host names and thumbprints with stable "
      "placeholders");
  add("rules", po::value<std::vector<std::string>>(),
      "load rule packs from DIR instead of the built-in ones");
  add("add-rules", po::value<std::vector<std::string>>(),
      "load rule packs from DIR in addition to the built-in ones");
  add("emit", po::value<std::string>(),
      "with --format ndjson: 'signals' adds every signal, for certdiag merge");
  add("jobs,j", po::value<unsigned>(),
      "inputs analysed in parallel (default: the number of cores)");
  add("why",
      "also say, for each input, which format was detected and why, and for each diagnosis that "
      "did not fire although some of its signals did, what was missing");
  add("coverage", po::value<std::string>()->implicit_value("related"),
      "list, per host, the logs each family of diagnoses related to the input needs and whether "
      "the input holds them; --coverage=all lists every family");
  add("color", po::value<std::string>(), "auto (default), always or never");
  add("quiet,q", "print nothing; the exit status tells");
  add("print", po::value<std::string>(),
      "print the man page (man), the bash completion (bash-completion), the input formats "
      "(formats-in) or the built-in diagnoses as a Markdown table (catalog)");
  add("version",
      "print the version, the commit it was built from and the digest of the built-in rules");
  add("help,h", "print this help");
  return options;
}

std::optional<std::chrono::milliseconds> parse_days(std::string_view text) {
  if (text.ends_with('d')) text.remove_suffix(1);
  unsigned days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return std::chrono::hours(24 * days);
}

}  // namespace

std::string usage_text() {
  std::ostringstream out;
  out << "certdiag: finds why certificate-based communication broke, in System Center and Windows "
         "logs.\n\n"
         "Examples:\n"
         "  cat AIUpdateSvc.log | certdiag              analyse a log from stdin\n"
         "  certdiag Logs/                              analyse every log below a folder\n"
         "  certdiag --format json SITE01/AIUpdateSvc.log SITE02/smsexec.log\n"
         "  certdiag explain cm.ai.cert-expired         what a diagnosis means and how to fix it\n"
         "  certdiag rules list                         the diagnoses and signals certdiag knows\n"
         "  certdiag rules check my-rules/              validate a rule pack\n"
         "  certdiag rules suggest --cluster 1 Logs/    draft a signal for an unknown message\n"
         "  certdiag lookup 0x80090308 12175            what Windows error codes mean\n"
         "  certdiag --format ndjson --emit signals bundle.zip > a.ndjson; certdiag merge a.ndjson "
         "b.ndjson\n\n"
         "Usage: certdiag [analyze] [OPTIONS] [PATH...|-]\n"
         "       certdiag explain ID | rules list | rules check DIR | merge FILE.ndjson...\n"
         "       certdiag rules suggest [--cluster K] PATH...\n"
         "       certdiag lookup CODE...\n\n"
      << visible_options()
      << "\nExit status: 0 nothing at --fail-on or above, 1 a diagnosis at --fail-on or above,\n"
         "2 usage or rule-pack error, or the report could not be written,\n"
         "3 some input could not be read, in whole or in part (the rest was analysed).\n";
  return out.str();
}

std::vector<std::string_view> input_format_names() {
  std::vector<std::string_view> names = text_format_names();
  names.push_back("evtx");
  names.push_back("x509");
  return names;
}

std::vector<OptionDoc> option_docs() {
  std::vector<OptionDoc> docs;
  const po::options_description options = visible_options();  // outlives the loop over its parts
  for (const auto& option : options.options()) {
    OptionDoc doc;
    doc.long_name = option->long_name();
    const std::string shown = option->format_name();  // "-o [ --output ]" or "--format"
    if (shown.size() > 1 && shown[0] == '-' && shown[1] != '-') doc.short_name = shown[1];
    // A value that may be left out (--coverage[=all]) is written in the description.
    doc.takes_value = option->semantic()->min_tokens() > 0;
    doc.description = option->description();
    docs.push_back(std::move(doc));
  }
  return docs;
}

ParseResult parse_options(int argc, const char* const* argv) {
  ParseResult result;
  Options& options = result.options;
  po::options_description hidden;
  hidden.add_options()("arguments", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(visible_options()).add(hidden);
  po::positional_options_description positional;
  positional.add("arguments", -1);
  // "--coverage all" as "--coverage=all": its value may be left out, so Boost would take the
  // word for a path (a file named "all" is still ./all).
  std::vector<std::string> words(argv + std::min(argc, 1), argv + argc);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--coverage" && (words[i + 1] == "all" || words[i + 1] == "related")) {
      words[i] += "=" + words[i + 1];
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(words).options(all).positional(positional).run(), vm);
  } catch (const po::error& e) {
    result.error = e.what();
    return result;
  }
  options.help = vm.count("help") > 0;
  if (vm.count("print")) options.print = vm["print"].as<std::string>();
  options.version = vm.count("version") > 0;
  options.quiet = vm.count("quiet") > 0;
  options.redact = vm.count("redact") > 0;
  options.why = vm.count("why") > 0;
  options.coverage = vm.count("coverage") > 0 || options.why;
  if (vm.count("coverage")) {
    const std::string value = vm["coverage"].as<std::string>();
    options.coverage_all = value == "all";
    if (value != "all" && value != "related")
      result.error = fmt::format("--coverage: '{}' is not related or all", value);
  }
  if (vm.count("arguments")) options.arguments = vm["arguments"].as<std::vector<std::string>>();
  if (!options.arguments.empty()) {
    const std::string& first = options.arguments.front();
    if (first == "analyze" || first == "explain" || first == "rules" || first == "merge" ||
        first == "lookup") {
      options.command = first;
      options.arguments.erase(options.arguments.begin());
    }
  }
  if (vm.count("output")) {
    // The extension chooses the format unless --format says otherwise.
    const std::string output = vm["output"].as<std::string>();
    for (const auto& [extension, format] : {std::pair{".json", "json"},
                                            {".ndjson", "ndjson"},
                                            {".md", "markdown"},
                                            {".html", "html"},
                                            {".csv", "csv"},
                                            {".htm", "html"},
                                            {".txt", "text"}}) {
      if (output.ends_with(extension)) options.format = format;
    }
  }
  if (vm.count("format")) {
    options.format = vm["format"].as<std::string>();
    const auto& formats = report_formats();
    if (std::find(formats.begin(), formats.end(), options.format) == formats.end()) {
      result.error = fmt::format("unknown report format '{}' (expected {})", options.format,
                                 fmt::join(formats, ", "));
    }
  }
  if (vm.count("format-in")) {
    options.format_in = vm["format-in"].as<std::string>();
    const auto formats = input_format_names();
    if (std::find(formats.begin(), formats.end(), options.format_in) == formats.end()) {
      result.error = fmt::format("unknown input format '{}' (expected {})", options.format_in,
                                 fmt::join(formats, ", "));
    }
  }
  if (vm.count("input-tz")) {
    options.input_tz = vm["input-tz"].as<std::string>();
    if (const std::string problem = check_input_tz(options.input_tz); !problem.empty()) {
      result.error = "--input-tz: " + problem;
    }
  }
  if (vm.count("tz")) {
    options.tz = vm["tz"].as<std::string>();
    if (const std::string problem = check_input_tz(options.tz); !problem.empty()) {
      result.error = "--tz: " + problem;
    }
  }
  if (vm.count("date-order")) {
    const std::string value = vm["date-order"].as<std::string>();
    if (auto order = parse_date_order(value)) {
      options.date_order = *order;
    } else {
      result.error = fmt::format("--date-order: '{}' is not dmy, mdy or ymd", value);
    }
  }
  if (vm.count("output")) options.output = vm["output"].as<std::string>();
  if (vm.count("rules")) options.rules_dirs = vm["rules"].as<std::vector<std::string>>();
  if (vm.count("add-rules")) options.add_rules = vm["add-rules"].as<std::vector<std::string>>();
  if (vm.count("fail-on")) {
    const auto severity = parse_severity(vm["fail-on"].as<std::string>());
    if (!severity) result.error = "--fail-on: expected error, warning or info";
    options.fail_on = severity.value_or(Severity::warning);
  }
  if (vm.count("as-of")) {
    const auto time = parse_date_or_time(vm["as-of"].as<std::string>());
    if (!time)
      result.error =
          fmt::format("--as-of: '{}' is not a time (e.g. 2019-11-01 or 2019-11-01T12:00:00Z)",
                      vm["as-of"].as<std::string>());
    if (time) options.as_of = *time;
  }
  if (vm.count("renewal-window")) {
    const auto window = parse_days(vm["renewal-window"].as<std::string>());
    if (!window) result.error = "--renewal-window: expected a number of days, e.g. 42d";
    if (window) options.renewal_window = *window;
  }
  for (const char* name : {"since", "until"}) {
    if (!vm.count(name)) continue;
    const std::string text = vm[name].as<std::string>();
    const auto time = parse_date_or_time(text);
    if (!time)
      result.error = fmt::format(
          "--{}: '{}' is not a time (e.g. 2024-02-14 or 2024-02-14T08:00:00Z)", name, text);
    (std::string_view(name) == "since" ? options.since : options.until) = time;
  }
  if (vm.count("min-severity")) {
    const auto severity = parse_severity(vm["min-severity"].as<std::string>());
    if (!severity) result.error = "--min-severity: expected error, warning or info";
    options.min_severity = severity.value_or(Severity::info);
    options.show_info = options.min_severity == Severity::info;
  }
  if (vm.count("emit")) {
    options.emit_signals = vm["emit"].as<std::string>() == "signals";
    if (!options.emit_signals) result.error = "--emit: expected 'signals'";
    if (options.format != "ndjson") result.error = "--emit signals needs --format ndjson";
  }
  if (vm.count("host")) options.hosts = vm["host"].as<std::vector<std::string>>();
  if (vm.count("max-evidence")) options.max_evidence = vm["max-evidence"].as<size_t>();
  if (vm.count("context")) {
    options.context = vm["context"].as<size_t>();
    if (options.context > 100) result.error = "--context: expected 100 or fewer lines";
    if (options.redact && options.context > 0)
      result.error = "--context cannot be used with --redact: the lines around are not redacted";
  }
  if (vm.count("evidence-width")) {
    options.evidence_width = vm["evidence-width"].as<size_t>();
    if (options.evidence_width < 20) result.error = "--evidence-width: expected 20 or more";
  }
  if (vm.count("max-signatures")) options.max_signatures = vm["max-signatures"].as<size_t>();
  if (vm.count("cluster")) {
    options.cluster = vm["cluster"].as<size_t>();
    if (options.cluster == 0)
      result.error = "--cluster: expected 1 or more (1 is the first listed)";
    if (options.command != "rules") result.error = "--cluster needs certdiag rules suggest";
  }
  if (vm.count("color")) {
    options.color = vm["color"].as<std::string>();
    if (options.color != "auto" && options.color != "always" && options.color != "never") {
      result.error = "--color: expected auto, always or never";
    }
  }
  if (vm.count("jobs")) options.jobs = vm["jobs"].as<unsigned>();
  return result;
}

}  // namespace certdiag
