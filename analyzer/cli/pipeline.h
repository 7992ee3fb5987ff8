// Runs one source through the stages: io (bytes → lines), tokenize (lines → records) and match
// (records → signals), keeping the counts the summary needs. Diagnosis and reports happen once
// for the whole run; see cli/analyze.h.
#pragma once

#include <optional>
#include <string>

#include "diagnose/engine.h"
#include "io/input.h"
#include "match/matcher.h"
#include "model/summary.h"

namespace certdiag {

struct SourceResult {
  SourceSummary summary;
  SignalStore signals;
  std::optional<InputProblem> error;  // the source could not be opened, or failed mid-read
};

// Reads and matches one source; `format_in` forces a format, empty detects it.
SourceResult analyze_source(const InputSource& source, const Matcher& matcher,
                            const std::string& format_in);

}  // namespace certdiag
