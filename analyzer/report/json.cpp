#include "report/json.h"

#include "model/build_info.h"
#include "report/error_codes.h"
#include "report/strings.h"

namespace certdiag {
namespace {

using Json = nlohmann::ordered_json;

Json time_json(const std::optional<Time>& time) {
  return time ? Json(iso_time(*time)) : Json(nullptr);
}

}  // namespace

Json summary_json(const RunSummary& summary, const std::vector<Diagnosis>& diagnoses) {
  Json by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}};
  for (const auto& diagnosis : diagnoses) {
    by_severity[std::string(severity_name(diagnosis.severity))] =
        by_severity[std::string(severity_name(diagnosis.severity))].get<int>() + 1;
  }
  Json sources = Json::array();
  for (const auto& source : summary.sources) {
    sources.push_back({{"name", source.name},
                       {"format", source.format},
                       {"format_reason", source.format_reason},
                       {"encoding", source.encoding},
                       {"bytes", source.bytes},
                       {"lines", source.lines},
                       {"lines_split", source.lines_split},
                       {"records", source.records},
                       {"lines_in_records", source.lines_in_records},
                       {"lines_structure", source.lines_structure},
                       {"lines_not_understood", source.lines_not_understood},
                       {"times_unparsed", source.times_unparsed},
                       {"message_bytes_dropped", source.message_bytes_dropped},
                       {"invalid_bytes", source.invalid_bytes},
                       {"records_total", source.records_total},
                       {"records_skipped", source.records_skipped},
                       {"problems", source.problems},
                       {"first_time", time_json(source.first_time)},
                       {"last_time", time_json(source.last_time)}});
    if (!source.date_order.empty()) {
      sources.back()["date_order"] = source.date_order;
      sources.back()["date_order_assumed"] = source.date_order_assumed;
    }
    // Only .evtx files hold them: events read from free space, older than the live ones.
    if (source.records_recovered > 0)
      sources.back()["records_recovered"] = source.records_recovered;
    if (!source.digest.empty()) sources.back()["digest"] = source.digest;
    if (!source.duplicate_of.empty()) sources.back()["duplicate_of"] = source.duplicate_of;
  }
  Json duplicates = Json::array();
  for (const auto& duplicate : summary.duplicates)
    duplicates.push_back({{"source", duplicate.source}, {"same_as", duplicate.same_as}});
  Json errors = Json::array();
  for (const auto& error : summary.errors)
    errors.push_back({{"source", error.source}, {"message", error.message}});
  Json json = {{"sources", summary.sources.size()},
               {"bytes", summary.total(&SourceSummary::bytes)},
               {"records", summary.total(&SourceSummary::records)},
               {"lines", summary.total(&SourceSummary::lines)},
               {"lines_in_records", summary.total(&SourceSummary::lines_in_records)},
               {"lines_structure", summary.total(&SourceSummary::lines_structure)},
               {"lines_not_understood", summary.total(&SourceSummary::lines_not_understood)},
               {"lines_split", summary.total(&SourceSummary::lines_split)},
               {"times_unparsed", summary.total(&SourceSummary::times_unparsed)},
               {"unreadable", summary.errors.size()},
               {"skipped", summary.skipped},
               {"duplicates", duplicates},
               {"first_time", time_json(summary.first_time())},
               {"last_time", time_json(summary.last_time())},
               {"signals", summary.signals},
               {"diagnoses", by_severity},
               {"as_of", iso_time(summary.as_of)},
               {"as_of_basis", as_of_basis_name(summary.as_of_basis)},
               {"now", iso_time(summary.now)},
               {"rules_digest", summary.rules_digest},
               {"elapsed_s", summary.elapsed_s},
               {"inputs", sources},
               {"errors", errors}};
  if (!summary.new_signatures.empty()) {
    Json clusters = Json::array();
    for (const auto& cluster : summary.new_signatures) clusters.push_back(cluster_json(cluster));
    json["new_signatures"] = clusters;
  }
  if (!summary.near_misses.empty()) {
    Json misses = Json::array();
    for (const auto& miss : summary.near_misses) {
      Json present = Json::object();
      for (const auto& [id, count] : miss.present) present[id] = count;
      misses.push_back({{"id", miss.id},
                        {"host", miss.host},
                        {"present", present},
                        {"missing", miss.missing},
                        {"note", miss.note}});
    }
    json["not_fired"] = misses;
  }
  if (!summary.coverage.empty()) {
    Json coverage = Json::array();
    for (const auto& entry : summary.coverage) {
      coverage.push_back({{"host", entry.host},
                          {"family", entry.family},
                          {"log", entry.log},
                          {"present", !entry.sources.empty()},
                          {"sources", entry.sources}});
    }
    json["coverage"] = coverage;
  }
  return json;
}

Json cluster_json(const Cluster& cluster) {
  Json levels = Json::array();
  for (Level level : cluster.levels) levels.push_back(level_name(level));
  return {{"template", cluster.template_text},
          {"count", cluster.count},
          {"levels", levels},
          {"example",
           {{"source", cluster.example.source},
            {"line", cluster.example.line},
            {"time", time_json(cluster.example.time)},
            {"text", cluster.example.text}}}};
}

Json signal_json(const Signal& signal) {
  Json json = {{"source", signal.source}, {"line", signal.line}, {"time", time_json(signal.time)}};
  if (!signal.local_time.empty()) json["local_time"] = signal.local_time;
  if (!signal.host.empty()) json["host"] = signal.host;
  if (signal.time_assumed) json["time_assumed"] = true;
  if (signal.recovered) json["recovered"] = true;
  if (signal.event_id) {
    json["provider"] = signal.provider;
    json["event_id"] = *signal.event_id;
  }
  if (signal.level != Level::unknown) json["level"] = level_name(signal.level);
  json["rule"] = signal.rule;
  json["text"] = signal.text;
  if (!signal.captures.empty()) {
    Json captures = Json::object();
    for (const auto& capture : signal.captures) captures[capture.name] = capture.value;
    json["captures"] = captures;
  }
  return json;
}

Json diagnosis_json(const Diagnosis& diagnosis) {
  Json evidence = Json::array();
  for (const auto& signal : diagnosis.evidence) evidence.push_back(signal_json(signal));
  Json codes = Json::array();
  for (const auto& line : new_codes_per_line(diagnosis.evidence, diagnosis.evidence.size())) {
    for (const ErrorCode* code : line)
      codes.push_back({{"code", code->code}, {"name", code->name}, {"meaning", code->meaning}});
  }
  Json alternatives = Json::array();
  for (const auto& alternative : diagnosis.alternatives)
    alternatives.push_back({{"id", alternative.id}, {"decided_by", alternative.decided_by}});
  return {{"id", diagnosis.id},
          {"title", diagnosis.title},
          {"severity", severity_name(diagnosis.severity)},
          {"confidence", confidence_name(diagnosis.confidence)},
          {"host", diagnosis.host},
          {"first_seen", time_json(diagnosis.first_seen)},
          {"last_seen", time_json(diagnosis.last_seen)},
          {"count", diagnosis.count},
          {"resolved_at", time_json(diagnosis.resolved_at)},
          {"alternatives", alternatives},
          {"evidence", evidence},
          {"codes", codes},
          {"explanation", diagnosis.explanation},
          {"remediation", diagnosis.remediation},
          {"references", diagnosis.references}};
}

void write_json(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary) {
  Json diagnoses_json = Json::array();
  for (const auto& diagnosis : diagnoses) diagnoses_json.push_back(diagnosis_json(diagnosis));
  const Json document = {{"schema", kJsonSchema},
                         {"version", build_version()},
                         {"commit", build_commit()},
                         {"summary", summary_json(summary, diagnoses)},
                         {"diagnoses", diagnoses_json}};
  // io/ replaces invalid UTF-8 and every cut keeps characters whole; never throw on output anyway.
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace certdiag
