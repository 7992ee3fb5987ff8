#include "rules/loader.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "io/platform.h"
#include "model/time_parse.h"
#include "rules/pack_reader.h"
#include "rules/references.h"
#include "rules/signal_loader.h"
#include "rules/yaml_aliases.h"

namespace certdiag {
namespace {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || end + 1 != text.data() + text.size()) return {};
  using std::chrono::milliseconds;
  switch (*end) {
    case 's':
      return milliseconds(value * 1000);
    case 'm':
      return milliseconds(value * 60'000);
    case 'h':
      return milliseconds(value * 3'600'000);
    case 'd':
      return milliseconds(value * 86'400'000);
    default:
      return {};
  }
}

std::optional<CountTest> parse_count(std::string_view text) {
  CountTest test;
  for (std::string_view op : {">=", "<=", "==", ">", "<"}) {
    if (text.substr(0, op.size()) == op) {
      test.op = op;
      text.remove_prefix(op.size());
      break;
    }
  }
  if (test.op.empty()) test.op = ">=";
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), test.value);
  if (ec != std::errc() || end != text.data() + text.size()) return {};
  return test;
}

Condition parse_condition(PackReader& reader, const YAML::Node& node, std::string_view what);

// `capture: {name: value or [values]}` tests captured values; `capture: name` (with `expiry`)
// names the captured date that expiry reads.
void parse_capture_tests(PackReader& reader, const YAML::Node& node, Condition& condition) {
  if (node.IsScalar()) {
    condition.expiry_capture = node.as<std::string>();
    if (!node.IsNull() && !condition.expiry) {
      reader.error(node,
                   "capture: a single name is the date that expiry reads; to test captured values "
                   "write capture: {name: value}");
    }
    return;
  }
  if (!node.IsMap() || node.size() == 0) {
    reader.error(node, "capture: expected a mapping of capture names to values");
    return;
  }
  for (const auto& item : node) {
    CaptureTest test;
    test.name = item.first.as<std::string>("");
    test.values = reader.strings(item.second, "capture value");
    if (test.values.empty()) reader.error(item.second, "capture: give at least one value");
    condition.captures.push_back(std::move(test));
  }
}

std::vector<Condition> parse_condition_list(PackReader& reader, const YAML::Node& node,
                                            std::string_view what) {
  std::vector<Condition> out;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{} must be a list", what));
    return out;
  }
  for (const auto& item : node) out.push_back(parse_condition(reader, item, what));
  return out;
}

Condition parse_condition(PackReader& reader, const YAML::Node& node, std::string_view what) {
  Condition condition;
  condition.origin = reader.origin(node);
  if (node.IsScalar()) {
    condition.signal = node.as<std::string>();
    return condition;
  }
  if (!reader.check_keys(node, what,
                         {"signal", "any", "all", "sequence", "absent", "within", "count", "after",
                          "before", "expiry", "capture", "across_hosts"})) {
    return condition;
  }
  const int sets = (node["signal"] ? 1 : 0) + (node["any"] ? 1 : 0) + (node["all"] ? 1 : 0) +
                   (node["sequence"] ? 1 : 0);
  if (sets > 1) reader.error(node, fmt::format("{}: give one of signal, any, all, sequence", what));
  if (node["signal"]) condition.signal = reader.scalar(node["signal"], "signal");
  if (node["any"]) condition.any = parse_condition_list(reader, node["any"], "any");
  if (node["all"]) condition.all = parse_condition_list(reader, node["all"], "all");
  if (node["sequence"]) {
    condition.sequence = parse_condition_list(reader, node["sequence"], "sequence");
  }
  if (node["absent"]) condition.absent = reader.strings(node["absent"], "absent");
  if (const auto within = node["within"]) {
    condition.within = parse_duration(reader.scalar(within, "within"));
    if (!condition.within)
      reader.error(within, "within: expected a duration like 30s, 5m, 2h, 42d");
  }
  if (const auto count = node["count"]) {
    condition.count = parse_count(reader.scalar(count, "count"));
    if (!condition.count) reader.error(count, "count: expected a comparison like '>= 3'");
  }
  for (const char* key : {"after", "before"}) {
    if (const auto value = node[key]) {
      auto time = parse_date_or_time(reader.scalar(value, key));
      if (!time) reader.error(value, fmt::format("{}: expected a date like 2011-04-25", key));
      (std::string_view(key) == "after" ? condition.after : condition.before) = time;
    }
  }
  if (const auto expiry = node["expiry"]) {
    const std::string state = reader.scalar(expiry, "expiry");
    if (state == "expired") {
      condition.expiry = ExpiryState::expired;
    } else if (state == "expiring") {
      condition.expiry = ExpiryState::expiring;
    } else {
      reader.error(expiry, "expiry: expected 'expired' or 'expiring'");
    }
  }
  if (const auto capture = node["capture"]) parse_capture_tests(reader, capture, condition);
  if (const auto across = node["across_hosts"]) {
    const std::string text = reader.scalar(across, "across_hosts");
    if (text != "true" && text != "false")
      reader.error(across, "across_hosts: expected true or false");
    condition.across_hosts = text == "true";
  }
  return condition;
}

std::optional<Severity> parse_severity_node(PackReader& reader, const YAML::Node& node) {
  auto severity = parse_severity(reader.scalar(node, "severity"));
  if (!severity) reader.error(node, "severity: expected error, warning or info");
  return severity;
}

DiagnosisRule parse_diagnosis(PackReader& reader, const YAML::Node& node) {
  DiagnosisRule rule;
  rule.origin = reader.origin(node);
  if (!reader.check_keys(node, "diagnosis",
                         {"id",
                          "title",
                          "severity",
                          "scope",
                          "when",
                          "confidence",
                          "severity_when",
                          "supersedes",
                          "supersede_within",
                          "resolved_by",
                          "explanation",
                          "facts",
                          "remediation",
                          "references",
                          "correlate_by",
                          "unless",
                          "alternatives",
                          "adds_detail_to",
                          "detail",
                          "detail_within"})) {
    return rule;
  }
  if (node["id"]) rule.id = reader.scalar(node["id"], "id");
  if (rule.id.empty()) reader.error(node, "diagnosis without an id");
  if (node["title"]) rule.title = reader.scalar(node["title"], "title");
  if (node["severity"])
    rule.severity = parse_severity_node(reader, node["severity"]).value_or(Severity::error);
  if (const auto scope = node["scope"]) {
    const std::string text = reader.scalar(scope, "scope");
    if (text == "host")
      rule.scope = Scope::host;
    else if (text == "source")
      rule.scope = Scope::source;
    else if (text == "bundle")
      rule.scope = Scope::bundle;
    else if (text == "correlation")
      rule.scope = Scope::correlation;
    else
      reader.error(scope, "scope: expected host, source, bundle or correlation");
  }
  if (node["correlate_by"]) rule.correlate_by = reader.scalar(node["correlate_by"], "correlate_by");
  if ((rule.scope == Scope::correlation) != !rule.correlate_by.empty())
    reader.error(node, "scope: correlation and correlate_by: go together");
  if (node["when"]) {
    rule.when = parse_condition(reader, node["when"], "when");
  } else {
    reader.error(node, fmt::format("diagnosis '{}': no when", rule.id));
  }
  if (node["unless"]) rule.unless = parse_condition(reader, node["unless"], "unless");
  if (const auto confidence = node["confidence"]) {
    if (reader.check_keys(confidence, "confidence", {"high", "medium"})) {
      if (confidence["high"])
        rule.confidence_high = parse_condition(reader, confidence["high"], "high");
      if (confidence["medium"])
        rule.confidence_medium = parse_condition(reader, confidence["medium"], "medium");
    }
  }
  if (const auto list = node["severity_when"]) {
    for (const auto& item : list) {
      if (!reader.check_keys(item, "severity_when", {"when", "severity"})) continue;
      SeverityWhen entry;
      if (item["when"]) entry.when = parse_condition(reader, item["when"], "when");
      if (item["severity"])
        entry.severity = parse_severity_node(reader, item["severity"]).value_or(Severity::error);
      rule.severity_when.push_back(std::move(entry));
    }
  }
  if (node["supersedes"]) rule.supersedes = reader.strings(node["supersedes"], "supersedes");
  if (const auto within = node["supersede_within"]) {
    rule.supersede_within = parse_duration(reader.scalar(within, "supersede_within"));
    if (!rule.supersede_within)
      reader.error(within, "supersede_within: expected a duration like 10m");
  }
  if (node["resolved_by"]) rule.resolved_by = reader.strings(node["resolved_by"], "resolved_by");
  if (node["explanation"]) rule.explanation = reader.scalar(node["explanation"], "explanation");
  if (const auto facts = node["facts"]) {
    for (const auto& item : facts) {
      if (!reader.check_keys(item, "fact", {"when", "text"})) continue;
      Fact fact;
      if (item["when"]) fact.when = parse_condition(reader, item["when"], "when");
      if (item["text"]) fact.text = reader.scalar(item["text"], "text");
      rule.facts.push_back(std::move(fact));
    }
  }
  if (node["remediation"]) rule.remediation = reader.strings(node["remediation"], "remediation");
  if (node["references"]) rule.references = reader.strings(node["references"], "references");
  if (const auto list = node["alternatives"]) {
    for (const auto& item : list) {
      if (!reader.check_keys(item, "alternative", {"id", "decided_by", "when"})) continue;
      RuleAlternative alternative;
      if (item["id"]) alternative.id = reader.scalar(item["id"], "id");
      if (item["decided_by"])
        alternative.decided_by = reader.scalar(item["decided_by"], "decided_by");
      if (item["when"]) alternative.when = parse_condition(reader, item["when"], "when");
      if (alternative.id.empty() || alternative.decided_by.empty())
        reader.error(item, "alternative: needs id and decided_by");
      rule.alternatives.push_back(std::move(alternative));
    }
  }
  if (node["adds_detail_to"])
    rule.adds_detail_to = reader.strings(node["adds_detail_to"], "adds_detail_to");
  if (node["detail"]) rule.detail = reader.scalar(node["detail"], "detail");
  if (const auto within = node["detail_within"]) {
    const auto duration = parse_duration(reader.scalar(within, "detail_within"));
    if (!duration) reader.error(within, "detail_within: expected a duration like 10m");
    if (duration) rule.detail_within = *duration;
  }
  if (rule.adds_detail_to.empty() != rule.detail.empty())
    reader.error(node, "adds_detail_to: and detail: go together");
  return rule;
}

CoverageRule parse_coverage(PackReader& reader, const YAML::Node& node) {
  CoverageRule rule;
  rule.origin = reader.origin(node);
  if (!reader.check_keys(node, "coverage", {"family", "log", "present"})) return rule;
  if (node["family"]) rule.family = reader.scalar(node["family"], "family");
  if (node["log"]) rule.log = reader.scalar(node["log"], "log");
  const YAML::Node present = node["present"];
  if (!present ||
      !reader.check_keys(present, "present", {"path", "format", "channel", "provider"})) {
    if (!present)
      reader.error(node, "coverage: needs present: with path, format, channel or provider");
    return rule;
  }
  for (const auto& item : present) {
    FieldTest test;
    test.field = item.first.as<std::string>("");
    test.pattern = reader.scalar(item.second, test.field);
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    if (const RE2 regex(test.pattern, options); !regex.ok()) {
      reader.error(item.second, RuleErrorKind::regex,
                   fmt::format("coverage '{}': invalid regex in {}: {}", rule.family, test.field,
                               regex.error()));
    }
    rule.present.push_back(std::move(test));
  }
  return rule;
}

void parse_pack(const PackText& pack, RuleSet& rules, std::vector<RuleError>& errors) {
  PackReader reader(pack.name, errors);
  YAML::Node root;
  try {
    if (const int line = first_yaml_alias_line(pack.text)) {
      errors.push_back({RuleErrorKind::yaml, pack.name, line,
                        "YAML anchors and aliases (&name, *name) are not allowed in rule packs: "
                        "write each value out"});
      return;
    }
    root = YAML::Load(pack.text);
  } catch (const YAML::Exception& e) {
    errors.push_back({RuleErrorKind::yaml, pack.name, e.mark.line + 1, e.msg});
    return;
  }
  if (!root.IsMap()) {
    errors.push_back({RuleErrorKind::invalid, pack.name, 1,
                      "a rule pack is a mapping with signals: and diagnoses:"});
    return;
  }
  if (!reader.check_keys(root, "pack", {"signals", "diagnoses", "coverage"})) return;
  if (const YAML::Node list = root["coverage"]; list && !list.IsNull()) {
    if (!list.IsSequence()) {
      reader.error(list, "coverage must be a list");
    } else {
      for (const auto& node : list) rules.coverage.push_back(parse_coverage(reader, node));
    }
  }
  for (const char* key : {"signals", "diagnoses"}) {
    const YAML::Node list = root[key];
    if (!list || list.IsNull()) continue;
    if (!list.IsSequence()) {
      reader.error(list, fmt::format("{} must be a list", key));
      continue;
    }
    for (const auto& node : list) {
      if (std::string_view(key) == "signals") {
        rules.signals.push_back(parse_signal(reader, node));
      } else {
        rules.diagnoses.push_back(parse_diagnosis(reader, node));
      }
    }
  }
}

}  // namespace

std::string_view kind_name(RuleErrorKind kind) {
  switch (kind) {
    case RuleErrorKind::unreadable:
      return "unreadable";
    case RuleErrorKind::yaml:
      return "yaml";
    case RuleErrorKind::invalid:
      return "invalid";
    case RuleErrorKind::regex:
      return "regex";
    case RuleErrorKind::duplicate_id:
      return "duplicate_id";
    case RuleErrorKind::unknown_id:
      return "unknown_id";
    case RuleErrorKind::capture:
      return "capture";
    case RuleErrorKind::sample:
      return "sample";
  }
  return "?";
}

std::string RuleError::to_string() const { return fmt::format("{}:{}: {}", file, line, message); }

std::string packs_digest(const std::vector<PackText>& packs) {
  uint64_t digest = 1469598103934665603ull;  // FNV-1a over names and texts
  // Names hashed with '/' between folders, so the packs have one digest on every system.
  constexpr auto kSystem = static_cast<char>(std::filesystem::path::preferred_separator);
  for (const auto& pack : packs) {
    for (const std::string* text : {&pack.name, &pack.text}) {
      for (char c : *text) {
        if (text == &pack.name && c == kSystem) c = '/';
        digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      }
    }
  }
  return fmt::format("fnv1a64:{:016x}", digest);
}

LoadResult load_packs(const std::vector<PackText>& packs) { return load_packs(packs, {}, 0); }

LoadResult load_packs(const std::vector<PackText>& packs, RuleSet parsed, size_t parsed_packs) {
  LoadResult result;
  result.rules = std::move(parsed);
  for (size_t i = parsed_packs; i < packs.size(); ++i)
    parse_pack(packs[i], result.rules, result.errors);
  check_references(result.rules, result.errors);
  result.rules.tested_captures = tested_captures(result.rules);
  result.rules.digest = packs_digest(packs);
  return result;
}

std::vector<PackText> read_pack_dir(const std::string& dir, std::vector<RuleError>& errors) {
  namespace fs = std::filesystem;
  std::vector<PackText> packs;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back({RuleErrorKind::unreadable, dir, 0, "not a directory"});
    return packs;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
  }
  if (ec) errors.push_back({RuleErrorKind::unreadable, dir, 0, ec.message()});
  std::sort(files.begin(), files.end());
  // Pack names read as the folder was written ('/' alone stays '/' on Windows).
  const char separator = platform::separator_for(dir);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      errors.push_back(
          {RuleErrorKind::unreadable, platform::with_separator(file, separator), 0, "cannot read"});
      continue;
    }
    packs.push_back({platform::with_separator(file, separator), text.str()});
  }
  return packs;
}

}  // namespace certdiag
