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

// "a string", "an object": a JSON type as the errors name it.
std::string article(std::string_view type) {
  return fmt::format("{} {}", type == "object" || type == "array" ? "an" : "a", type);
}

// Reads typed values from the objects of one line; the first value of another type than the
// one certdiag writes becomes the line's error (a missing or null value reads as empty).
class FieldReader {
 public:
  std::string error;

  std::string text(const nlohmann::json& object, const char* key) {
    const auto* value = find(object, key, "a string", &nlohmann::json::is_string);
    return value ? value->get<std::string>() : std::string();
  }
  uint64_t number(const nlohmann::json& object, const char* key) {
    const auto* value =
        find(object, key, "a number (0 or more)", &nlohmann::json::is_number_unsigned);
    return value ? value->get<uint64_t>() : 0;
  }
  uint32_t small_number(const nlohmann::json& object, const char* key) {
    const uint64_t value = number(object, key);
    if (value > UINT32_MAX) fail(fmt::format("'{}' is too large: {}", key, value));
    return static_cast<uint32_t>(std::min<uint64_t>(value, UINT32_MAX));
  }
  bool flag(const nlohmann::json& object, const char* key) {
    const auto* value = find(object, key, "true or false", &nlohmann::json::is_boolean);
    return value && value->get<bool>();
  }
  std::optional<Time> time(const nlohmann::json& object, const char* key) {
    const auto* value = find(object, key, "a time string", &nlohmann::json::is_string);
    return value ? parse_iso8601(value->get<std::string>()) : std::nullopt;
  }
  // The array under `key` (an empty one when there is none).
  const nlohmann::json& list(const nlohmann::json& object, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto* value = find(object, key, "a list", &nlohmann::json::is_array);
    return value ? *value : empty;
  }
  // Whether each item of a list is an object (`what` names the items in the error).
  bool objects(const nlohmann::json& items, const char* what) {
    for (const auto& item : items) {
      if (!item.is_object())
        return fail(fmt::format("{} must be objects, not {}", what, article(item.type_name())));
    }
    return true;
  }
  std::vector<std::string> texts(const nlohmann::json& object, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : list(object, key)) {
      if (!item.is_string()) {
        fail(fmt::format("'{}' must hold strings, not {}", key, article(item.type_name())));
        break;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  // Keeps the first error of the line; returns false.
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

 private:
  const nlohmann::json* find(const nlohmann::json& object, const char* key, const char* expected,
                             bool (nlohmann::json::*is)() const noexcept) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!((*it).*is)()) {
      fail(fmt::format("'{}' must be {}, not {}", key, expected, article(it->type_name())));
      return nullptr;
    }
    return &*it;
  }
};

// The level `name` names ("error"), unknown for any other text.
Level level_named(std::string_view name) {
  for (Level level : {Level::error, Level::warning, Level::info, Level::verbose}) {
    if (level_name(level) == name) return level;
  }
  return Level::unknown;
}

Signal signal_from(const nlohmann::json& json, FieldReader& read) {
  Signal signal;
  for (const auto& [field, key] : {std::pair{&Signal::rule, "rule"},
                                   {&Signal::source, "source"},
                                   {&Signal::local_time, "local_time"},
                                   {&Signal::host, "host"},
                                   {&Signal::provider, "provider"},
                                   {&Signal::text, "text"}}) {
    signal.*field = read.text(json, key);
  }
  signal.line = read.number(json, "line");
  signal.time = read.time(json, "time");
  signal.recovered = read.flag(json, "recovered");
  signal.time_assumed = read.flag(json, "time_assumed");
  if (const auto it = json.find("event_id"); it != json.end() && !it->is_null())
    signal.event_id = read.small_number(json, "event_id");
  signal.level = level_named(read.text(json, "level"));
  signal.match_begin = read.small_number(json, "match_begin");
  signal.match_end = read.small_number(json, "match_end");
  if (const auto it = json.find("captures"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) {
      read.fail(fmt::format("'captures' must be an object, not {}", article(it->type_name())));
    } else {
      for (const auto& [name, value] : it->items()) {
        if (!value.is_string()) {
          read.fail(fmt::format("capture '{}' must be a string, not {}", name,
                                article(value.type_name())));
          break;
        }
        signal.captures.push_back({name, value.get<std::string>()});
      }
    }
  }
  return signal;
}

SourceSummary source_from(const nlohmann::json& json, FieldReader& read) {
  SourceSummary source;
  source.name = read.text(json, "name");
  source.format = read.text(json, "format");
  source.format_reason = read.text(json, "format_reason");
  source.date_order = read.text(json, "date_order");
  source.date_order_assumed = read.flag(json, "date_order_assumed");
  source.encoding = read.text(json, "encoding");
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
                                   {&SourceSummary::records_skipped, "records_skipped"},
                                   {&SourceSummary::records_recovered, "records_recovered"}}) {
    source.*field = read.number(json, key);
  }
  source.problems = read.texts(json, "problems");
  source.first_time = read.time(json, "first_time");
  source.last_time = read.time(json, "last_time");
  source.digest = read.text(json, "digest");
  source.duplicate_of = read.text(json, "duplicate_of");
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
      if (!name.is_string()) continue;
      if (const Level level = level_named(name.get<std::string>()); level != Level::unknown)
        cluster.levels.push_back(level);
    }
  }
  if (const auto example = json.find("example"); example != json.end() && example->is_object()) {
    cluster.example.source = text(*example, "source");
    cluster.example.line = number(*example, "line");
    const nlohmann::json time = example->value("time", nlohmann::json());
    if (time.is_string()) cluster.example.time = parse_iso8601(time.get<std::string>());
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
  const auto fail = [&](std::string reason) {
    run.error_line = number;
    run.error = std::move(reason);
    return run;
  };
  while (std::getline(in, text)) {
    ++number;
    if (text.empty()) continue;
    const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) return fail("not a JSON object");
    FieldReader read;
    const std::string type = read.text(line, "type");
    if (!read.error.empty()) return fail(std::move(read.error));
    if (type == "header") {
      if (const std::string schema = read.text(line, "schema"); schema != kJsonSchema)
        return fail(fmt::format("schema '{}' is not {}", schema, kJsonSchema));
      ++run.runs;
      if (!read.flag(line, "signals")) run.all_with_signals = false;
    } else if (type == "signal") {
      run.signals.push_back(signal_from(line, read));
    } else if (type == "summary") {
      const auto& inputs = read.list(line, "inputs");
      const auto& errors = read.list(line, "errors");
      if (read.objects(inputs, "'inputs'") && read.objects(errors, "'errors'")) {
        for (const auto& input : inputs) run.summary.sources.push_back(source_from(input, read));
        for (const auto& error : errors)
          run.summary.errors.push_back(
              {InputErrorKind::reported, read.text(error, "source"), read.text(error, "message")});
      }
      for (auto& skipped : read.texts(line, "skipped"))
        run.summary.skipped.push_back(std::move(skipped));
      for (const auto& cluster : read.list(line, "new_signatures")) {
        if (cluster.is_object()) run.summary.new_signatures.push_back(cluster_from(cluster));
      }
      run.summary.signals += read.number(line, "signals");
    } else if (type != "diagnosis") {
      return fail(fmt::format("unknown line type '{}'", type));
    }
    if (!read.error.empty()) return fail(std::move(read.error));
  }
  return run;
}

}  // namespace certdiag
