#include "rules/compiled_rules.h"

#include <nlohmann/json.hpp>

namespace certdiag {
namespace {

using Json = nlohmann::json;

// Each struct is an array of its members in declaration order: the bytes are read only by the
// build that wrote them.
Json encode(const std::string& text) { return text; }
Json encode(bool value) { return value; }
Json encode(int value) { return value; }
Json encode(uint32_t value) { return value; }
Json encode(uint64_t value) { return value; }
Json encode(std::chrono::milliseconds value) { return value.count(); }
Json encode(Time value) { return value.time_since_epoch().count(); }
Json encode(Severity value) { return static_cast<int>(value); }
Json encode(Scope value) { return static_cast<int>(value); }
Json encode(ExpiryState value) { return static_cast<int>(value); }
Json encode(const RuleOrigin& origin);
Json encode(const FieldTest& test);
Json encode(const Field& field);
Json encode(const RuleSample& sample);
Json encode(const SignalRule& rule);
Json encode(const CountTest& test);
Json encode(const CaptureTest& test);
Json encode(const Condition& condition);
Json encode(const Fact& fact);
Json encode(const SeverityWhen& entry);
Json encode(const RuleAlternative& alternative);
Json encode(const DiagnosisRule& rule);
Json encode(const CoverageRule& rule);

template <class T>
Json encode(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(encode(item));
  return out;
}
template <class T>
Json encode(const std::optional<T>& value) {
  return value ? encode(*value) : Json();
}
template <class... T>
Json members(const T&... values) {
  return Json::array({encode(values)...});
}

Json encode(const RuleOrigin& origin) { return members(origin.file, origin.line); }
Json encode(const FieldTest& test) {
  return members(test.field, test.pattern, test.ids, test.negated);
}
Json encode(const Field& field) { return members(field.name, field.value); }
Json encode(const RuleSample& sample) { return members(sample.fields, sample.origin); }
Json encode(const SignalRule& rule) {
  return members(rule.id, rule.title, rule.status, rule.case_sensitive, rule.tests,
                 rule.alternatives, rule.samples_match, rule.samples_no_match, rule.capture_names,
                 rule.origin);
}
Json encode(const CountTest& test) { return members(test.op, test.value); }
Json encode(const CaptureTest& test) { return members(test.name, test.values); }
Json encode(const Condition& c) {
  return members(c.signal, c.any, c.all, c.sequence, c.absent, c.within, c.count, c.after, c.before,
                 c.expiry, c.expiry_capture, c.captures, c.across_hosts, c.origin);
}
Json encode(const Fact& fact) { return members(fact.when, fact.text); }
Json encode(const SeverityWhen& entry) { return members(entry.when, entry.severity); }
Json encode(const RuleAlternative& alternative) {
  return members(alternative.id, alternative.decided_by, alternative.when);
}
Json encode(const DiagnosisRule& r) {
  return members(r.id, r.title, r.severity, r.scope, r.correlate_by, r.when, r.unless,
                 r.confidence_high, r.confidence_medium, r.severity_when, r.supersedes,
                 r.supersede_within, r.resolved_by, r.explanation, r.facts, r.remediation,
                 r.references, r.alternatives, r.adds_detail_to, r.detail, r.detail_within,
                 r.origin);
}
Json encode(const CoverageRule& rule) {
  return members(rule.family, rule.log, rule.present, rule.origin);
}

// Reading throws nlohmann's exceptions on bytes of another layout; decode_rules() catches them.
void decode(const Json& json, std::string& out) { out = json.get<std::string>(); }
void decode(const Json& json, bool& out) { out = json.get<bool>(); }
void decode(const Json& json, int& out) { out = json.get<int>(); }
void decode(const Json& json, uint32_t& out) { out = json.get<uint32_t>(); }
void decode(const Json& json, uint64_t& out) { out = json.get<uint64_t>(); }
void decode(const Json& json, std::chrono::milliseconds& out) {
  out = std::chrono::milliseconds(json.get<int64_t>());
}
void decode(const Json& json, Time& out) {
  out = Time(std::chrono::milliseconds(json.get<int64_t>()));
}
template <class Enum>
requires std::is_enum_v<Enum>
void decode(const Json& json, Enum& out) { out = static_cast<Enum>(json.get<int>()); }
void decode(const Json& json, RuleOrigin& out);
void decode(const Json& json, FieldTest& out);
void decode(const Json& json, Field& out);
void decode(const Json& json, RuleSample& out);
void decode(const Json& json, SignalRule& out);
void decode(const Json& json, CountTest& out);
void decode(const Json& json, CaptureTest& out);
void decode(const Json& json, Condition& out);
void decode(const Json& json, Fact& out);
void decode(const Json& json, SeverityWhen& out);
void decode(const Json& json, RuleAlternative& out);
void decode(const Json& json, DiagnosisRule& out);
void decode(const Json& json, CoverageRule& out);

template <class T>
void decode(const Json& json, std::vector<T>& out) {
  out.resize(json.size());
  for (size_t i = 0; i < out.size(); ++i) decode(json.at(i), out[i]);
}
template <class T>
void decode(const Json& json, std::optional<T>& out) {
  if (json.is_null()) {
    out.reset();
    return;
  }
  decode(json, out.emplace());
}
template <class... T>
void read_members(const Json& json, T&... values) {
  if (!json.is_array() || json.size() != sizeof...(T)) throw std::runtime_error("layout");
  size_t i = 0;
  (decode(json[i++], values), ...);
}

void decode(const Json& json, RuleOrigin& out) { read_members(json, out.file, out.line); }
void decode(const Json& json, FieldTest& out) {
  read_members(json, out.field, out.pattern, out.ids, out.negated);
}
void decode(const Json& json, Field& out) { read_members(json, out.name, out.value); }
void decode(const Json& json, RuleSample& out) { read_members(json, out.fields, out.origin); }
void decode(const Json& json, SignalRule& r) {
  read_members(json, r.id, r.title, r.status, r.case_sensitive, r.tests, r.alternatives,
               r.samples_match, r.samples_no_match, r.capture_names, r.origin);
}
void decode(const Json& json, CountTest& out) { read_members(json, out.op, out.value); }
void decode(const Json& json, CaptureTest& out) { read_members(json, out.name, out.values); }
void decode(const Json& json, Condition& c) {
  read_members(json, c.signal, c.any, c.all, c.sequence, c.absent, c.within, c.count, c.after,
               c.before, c.expiry, c.expiry_capture, c.captures, c.across_hosts, c.origin);
}
void decode(const Json& json, Fact& out) { read_members(json, out.when, out.text); }
void decode(const Json& json, SeverityWhen& out) { read_members(json, out.when, out.severity); }
void decode(const Json& json, RuleAlternative& out) {
  read_members(json, out.id, out.decided_by, out.when);
}
void decode(const Json& json, DiagnosisRule& r) {
  read_members(json, r.id, r.title, r.severity, r.scope, r.correlate_by, r.when, r.unless,
               r.confidence_high, r.confidence_medium, r.severity_when, r.supersedes,
               r.supersede_within, r.resolved_by, r.explanation, r.facts, r.remediation,
               r.references, r.alternatives, r.adds_detail_to, r.detail, r.detail_within, r.origin);
}
void decode(const Json& json, CoverageRule& out) {
  read_members(json, out.family, out.log, out.present, out.origin);
}

std::string_view compiled_builtin_bytes;

}  // namespace

std::string encode_rules(const RuleSet& rules) {
  const Json json =
      members(rules.signals, rules.diagnoses, rules.coverage, rules.digest, rules.tested_captures);
  std::string bytes;
  Json::to_cbor(json, bytes);
  return bytes;
}

std::optional<RuleSet> decode_rules(std::string_view bytes) {
  try {
    const Json json = Json::from_cbor(bytes.begin(), bytes.end());
    RuleSet rules;
    read_members(json, rules.signals, rules.diagnoses, rules.coverage, rules.digest,
                 rules.tested_captures);
    return rules;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void set_compiled_builtin_rules(std::string_view bytes) { compiled_builtin_bytes = bytes; }

std::optional<RuleSet> compiled_builtin_rules() {
  if (compiled_builtin_bytes.empty()) return std::nullopt;
  return decode_rules(compiled_builtin_bytes);
}

}  // namespace certdiag
