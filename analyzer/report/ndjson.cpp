#include "report/ndjson.h"

#include <fmt/format.h>

#include "model/build_info.h"
#include "model/time_parse.h"
#include "report/json.h"

namespace certdiag {
namespace {

using Json = nlohmann::ordered_json;

void write_line(std::ostream& out, const Json& json) {
  out << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::optional<Time> time_from(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  return parse_iso8601(value.get<std::string>());
}

Signal signal_from(const nlohmann::json& json) {
  Signal signal;
  signal.rule = json.value("rule", "");
  signal.source = json.value("source", "");
  signal.line = json.value("line", uint64_t{0});
  signal.time = time_from(json.value("time", nlohmann::json()));
  signal.local_time = json.value("local_time", "");
  signal.host = json.value("host", "");
  signal.text = json.value("text", "");
  signal.match_begin = json.value("match_begin", 0u);
  signal.match_end = json.value("match_end", 0u);
  if (const auto it = json.find("captures"); it != json.end() && it->is_object()) {
    for (const auto& [name, value] : it->items())
      signal.captures.push_back({name, value.get<std::string>()});
  }
  return signal;
}

SourceSummary source_from(const nlohmann::json& json) {
  SourceSummary source;
  source.name = json.value("name", "");
  source.format = json.value("format", "");
  source.format_reason = json.value("format_reason", "");
  source.encoding = json.value("encoding", "");
  for (const auto& [field, key] : {std::pair{&SourceSummary::bytes, "bytes"},
                                   {&SourceSummary::lines, "lines"},
                                   {&SourceSummary::lines_split, "lines_split"},
                                   {&SourceSummary::records, "records"},
                                   {&SourceSummary::lines_in_records, "lines_in_records"},
                                   {&SourceSummary::lines_structure, "lines_structure"},
                                   {&SourceSummary::lines_not_understood, "lines_not_understood"},
                                   {&SourceSummary::times_unparsed, "times_unparsed"},
                                   {&SourceSummary::message_bytes_dropped, "message_bytes_dropped"},
                                   {&SourceSummary::invalid_bytes, "invalid_bytes"},
                                   {&SourceSummary::records_total, "records_total"},
                                   {&SourceSummary::records_skipped, "records_skipped"}}) {
    source.*field = json.value(key, uint64_t{0});
  }
  source.problems = json.value("problems", std::vector<std::string>{});
  source.first_time = time_from(json.value("first_time", nlohmann::json()));
  source.last_time = time_from(json.value("last_time", nlohmann::json()));
  source.digest = json.value("digest", "");
  source.duplicate_of = json.value("duplicate_of", "");
  return source;
}

// A new signature as the summary line lists it; what the line does not carry (the component and
// event id its records share) stays unknown.
Cluster cluster_from(const nlohmann::json& json) {
  const auto text = [](const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const auto number = [](const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>() : uint64_t{0};
  };
  Cluster cluster;
  cluster.template_text = text(json, "template");
  cluster.count = number(json, "count");
  if (const auto levels = json.find("levels"); levels != json.end() && levels->is_array()) {
    for (const auto& name : *levels) {
      for (Level level : {Level::error, Level::warning, Level::info, Level::verbose}) {
        if (name.is_string() && level_name(level) == name.get<std::string>())
          cluster.levels.push_back(level);
      }
    }
  }
  if (const auto example = json.find("example"); example != json.end() && example->is_object()) {
    cluster.example.source = text(*example, "source");
    cluster.example.line = number(*example, "line");
    cluster.example.time = time_from(example->value("time", nlohmann::json()));
    cluster.example.text = text(*example, "text");
  }
  return cluster;
}

}  // namespace

void write_ndjson(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                  const RunSummary& summary, const std::vector<Signal>* signals) {
  write_line(out, {{"type", "header"},
                   {"schema", kJsonSchema},
                   {"version", build_version()},
                   {"commit", build_commit()},
                   {"rules_digest", summary.rules_digest},
                   {"signals", signals != nullptr}});
  for (const auto& diagnosis : diagnoses) {
    Json line = {{"type", "diagnosis"}};
    line.update(diagnosis_json(diagnosis));
    write_line(out, line);
  }
  if (signals) {
    for (const auto& signal : *signals) {
      Json line = {{"type", "signal"}};
      line.update(signal_json(signal));
      line["match_begin"] = signal.match_begin;
      line["match_end"] = signal.match_end;
      write_line(out, line);
    }
  }
  Json line = {{"type", "summary"}};
  line.update(summary_json(summary, diagnoses));
  write_line(out, line);
}

NdjsonRun read_ndjson(std::istream& in) {
  NdjsonRun run;
  std::string text;
  uint64_t number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (text.empty()) continue;
    const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) {
      run.error = fmt::format("line {}: not a JSON object", number);
      return run;
    }
    const std::string type = line.value("type", "");
    if (type == "header") {
      if (line.value("schema", "") != kJsonSchema) {
        run.error = fmt::format("line {}: schema '{}' is not {}", number, line.value("schema", ""),
                                kJsonSchema);
        return run;
      }
      ++run.runs;
      if (!line.value("signals", false)) run.all_with_signals = false;
    } else if (type == "signal") {
      run.signals.push_back(signal_from(line));
    } else if (type == "summary") {
      for (const auto& input : line.value("inputs", nlohmann::json::array())) {
        run.summary.sources.push_back(source_from(input));
      }
      for (const auto& error : line.value("errors", nlohmann::json::array())) {
        run.summary.errors.push_back({error.value("source", ""), error.value("message", "")});
      }
      for (const auto& skipped : line.value("skipped", nlohmann::json::array())) {
        run.summary.skipped.push_back(skipped.get<std::string>());
      }
      for (const auto& cluster : line.value("new_signatures", nlohmann::json::array())) {
        if (cluster.is_object()) run.summary.new_signatures.push_back(cluster_from(cluster));
      }
      run.summary.signals += line.value("signals", uint64_t{0});
    } else if (type != "diagnosis") {
      run.error = fmt::format("line {}: unknown line type '{}'", number, type);
      return run;
    }
  }
  return run;
}

}  // namespace certdiag
