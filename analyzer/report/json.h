// The JSON report (schema "certdiag/1"): one document with the summary and the diagnoses, field
// names as ARCHITECTURE.md fixes them. Also the building blocks the NDJSON stream reuses.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"

namespace certdiag {

inline constexpr const char* kJsonSchema = "certdiag/1";

nlohmann::ordered_json summary_json(const RunSummary& summary,
                                    const std::vector<Diagnosis>& diagnoses);
nlohmann::ordered_json diagnosis_json(const Diagnosis& diagnosis);
nlohmann::ordered_json signal_json(const Signal& signal);
// A new signature: {"template", "count", "levels", "example": {"source", "line", "time", "text"}}.
nlohmann::ordered_json cluster_json(const Cluster& cluster);

void write_json(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                const RunSummary& summary);

}  // namespace certdiag
