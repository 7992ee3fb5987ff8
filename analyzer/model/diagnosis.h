// Diagnosis: a problem (or a healthy state) that the diagnose stage concluded from signals,
// with its evidence and the documented fix. Rendering is the report stage's job.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/signal.h"

namespace certdiag {

enum class Severity { info, warning, error };
enum class Confidence { low, medium, high };

std::string_view severity_name(Severity severity);
std::string_view confidence_name(Confidence confidence);
std::optional<Severity> parse_severity(std::string_view text);

// Another diagnosis the same evidence fits, and the log that would decide between them.
struct Alternative {
  std::string id;
  std::string decided_by;
};

struct Diagnosis {
  std::string id;
  std::string title;
  Severity severity = Severity::error;
  Confidence confidence = Confidence::medium;
  std::string host;
  std::optional<Time> first_seen;
  std::optional<Time> last_seen;
  uint64_t count = 0;            // signals that support it
  std::vector<Signal> evidence;  // capped
  std::string explanation;
  std::vector<std::string> remediation;
  std::vector<std::string> references;
  std::optional<Time> resolved_at;  // a later healthy signal showed it fixed
  // Below high confidence: what else the evidence could mean, and which log decides.
  std::vector<Alternative> alternatives;
  // What this finding adds to a related diagnosis nearby (rule data; not rendered on its own).
  std::string detail;
};

// A diagnosis that did not fire on a host although some of the signals it names did (--why):
// what was there, and what was missing.
struct NearMiss {
  std::string id;
  std::string host;
  std::vector<std::pair<std::string, uint64_t>> present;  // signal id → how many
  std::vector<std::string> missing;                       // named signals not seen
  std::string note;  // when nothing is missing: why the condition still did not hold
};

}  // namespace certdiag
