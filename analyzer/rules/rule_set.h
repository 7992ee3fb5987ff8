// The rule vocabulary: signals (what to look for in one record) and diagnoses (how signals
// combine into a finding), as loaded from the YAML packs. Plain data; loading is in
// rules/loader.h, matching in match/, evaluation in diagnose/.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnosis.h"
#include "model/record.h"
#include "model/signal.h"

namespace certdiag {

// Where a rule was written, for error messages: "patterns/windows/schannel.yaml:42".
struct RuleOrigin {
  std::string file;
  int line = 0;
};

// One field test of a signal. `message` and other text fields are RE2 searches (case-insensitive
// unless the signal says otherwise); event_id is a set of numbers; level is an exact name.
struct FieldTest {
  std::string field;          // message, component, provider, event_id, level, channel,
                              // format, host, data.NAME, data[N], or a W3C column
  std::string pattern;        // regex for text fields
  std::vector<uint32_t> ids;  // for event_id
  // Written under `match: {not: {...}}`: the record passes when the test does not hold (a field
  // the record lacks does not hold either).
  bool negated = false;
};

// A sample record for a signal's self-test: a message, or named fields.
struct RuleSample {
  std::vector<Field> fields;  // "message" alone for a one-line sample
  RuleOrigin origin;
};

struct SignalRule {
  std::string id;
  std::string title;
  std::string status;  // "" or "experimental"
  bool case_sensitive = false;
  std::vector<FieldTest> tests;  // all must hold
  // `match: {any: [...]}`: one of these must hold as well; the first that holds, in the order
  // written, gives the captures. One event's rendered message and its event data are two ways
  // to one fact: a single signal, whatever the export kept.
  std::vector<std::vector<FieldTest>> alternatives;
  std::vector<RuleSample> samples_match;
  std::vector<RuleSample> samples_no_match;
  std::vector<std::string> capture_names;  // the named groups of its regexes
  RuleOrigin origin;

  // The message test, of the first alternative that has one when the rule has alternatives.
  const FieldTest* message_test() const;
};

// host, source, bundle: signals grouped by where they were read; correlation: by host and the
// value of one capture (`correlate_by`), such as the task id that ties CAPI2 events together.
enum class Scope { host, source, bundle, correlation };
enum class ExpiryState { expired, expiring };

// "count: '>= 3'"
struct CountTest {
  std::string op;  // >=, >, <=, <, ==
  uint64_t value = 0;
};

// "capture: {received_alert: [42, 46]}": the signal captured one of these values under the name
// (compared ignoring case, as codes are written either way).
struct CaptureTest {
  std::string name;
  std::vector<std::string> values;
};

// A condition over the signals of one scope. A node combines the keys it sets: its signal set
// comes from `signal`, `any`, `all` or `sequence` (or, with none of them, from the set the node
// is evaluated on), filtered by `after`, `before`, `expiry` and `capture` (filters apply to every
// leaf below); then `within`, `count` and `absent` must hold.
struct Condition {
  std::string signal;  // a leaf: the signals of this id
  std::vector<Condition> any;
  std::vector<Condition> all;
  std::vector<Condition> sequence;
  std::vector<std::string> absent;  // none of these after the last supporting signal
  std::optional<std::chrono::milliseconds> within;
  std::optional<CountTest> count;
  std::optional<Time> after;
  std::optional<Time> before;
  std::optional<ExpiryState> expiry;  // on the capture named `expiry_capture`
  std::string expiry_capture = "not_after";
  std::vector<CaptureTest> captures;  // all must hold, with those of the conditions above
  // The leaves below read the signals of every host of the run, not only the scope's: the
  // partner event on the other end of a connection.
  bool across_hosts = false;
  RuleOrigin origin;
};

// A signal id a condition names, with the capture tests that apply to it on each path that
// names it (empty when a path tests none).
struct NamedSignal {
  std::string id;
  std::vector<std::vector<const CaptureTest*>> paths;

  // Whether a signal of this id passes the capture tests of some path.
  bool accepts(const std::vector<Capture>& captures) const;
};

// The signal ids a condition names, in the order written.
std::vector<NamedSignal> named_signals(const Condition& condition);

// Whether a condition, or one below it, names the signal `id` (in `absent:` too).
bool names_signal(const Condition& condition, std::string_view id);

// Whether captured values pass a capture test (values compared ignoring case).
bool capture_passes(const std::vector<Capture>& captures, const CaptureTest& test);

struct Fact {
  Condition when;
  std::string text;
};

struct SeverityWhen {
  Condition when;
  Severity severity = Severity::error;
};

// An alternative a diagnosis names while its confidence is below high; with `when`, only when
// that holds (the evidence it is an alternative for is there).
struct RuleAlternative : Alternative {
  std::optional<Condition> when;
};

struct DiagnosisRule {
  std::string id;
  std::string title;
  Severity severity = Severity::error;
  Scope scope = Scope::host;
  std::string correlate_by;  // the capture that groups signals, with Scope::correlation
  Condition when;
  std::optional<Condition> unless;  // when it holds, the evidence means another diagnosis
  std::optional<Condition> confidence_high;
  std::optional<Condition> confidence_medium;
  std::vector<SeverityWhen> severity_when;
  std::vector<std::string> supersedes;
  std::optional<std::chrono::milliseconds>
      supersede_within;                  // evidence this close counts as the same
  std::vector<std::string> resolved_by;  // a later one of these signals marks it resolved
  std::string explanation;
  std::vector<Fact> facts;
  std::vector<std::string> remediation;
  std::vector<std::string> references;
  std::vector<RuleAlternative> alternatives;
  // Adds `detail` to the explanation of diagnoses whose id starts with one of these prefixes,
  // on the same host within `detail_within`.
  std::vector<std::string> adds_detail_to;
  std::string detail;
  std::chrono::milliseconds detail_within = std::chrono::minutes(10);
  RuleOrigin origin;
};

// The log a family of diagnoses needs, and how to tell an input holds it: any of the tests
// (path, format, channel or provider regexes) matching the input.
struct CoverageRule {
  std::string family;
  std::string log;
  std::vector<FieldTest> present;
  RuleOrigin origin;
};

struct RuleSet {
  std::vector<SignalRule> signals;
  std::vector<DiagnosisRule> diagnoses;
  std::vector<CoverageRule> coverage;
  std::string digest;  // of the pack texts, for reports
  // The capture names conditions test: signals that differ in them are kept apart when stored.
  std::vector<std::string> tested_captures;

  const SignalRule* find_signal(std::string_view id) const;
  const DiagnosisRule* find_diagnosis(std::string_view id) const;
};

}  // namespace certdiag
