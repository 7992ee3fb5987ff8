// NDJSON: one JSON object per line — a header, one line per diagnosis, optionally one per signal
// (--emit signals), and a final summary — for pipelines, and as the input of `certdiag merge`,
// which reads the signals of many runs back to diagnose them together.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"

namespace certdiag {

void write_ndjson(std::ostream& out, const std::vector<Diagnosis>& diagnoses,
                  const RunSummary& summary, const std::vector<Signal>* signals);

struct NdjsonRun {
  RunSummary summary;  // sources, errors and counts of the run that wrote it
  std::vector<Signal> signals;
  size_t runs = 0;               // header lines read
  bool all_with_signals = true;  // every run was made with --emit signals
  std::string error;             // why the file cannot be read as certdiag NDJSON
  uint64_t error_line = 0;       // the line it is about (0: the whole file)
};

// Reads an NDJSON report written by certdiag (any number of runs concatenated); stops at the
// first line that is not JSON or holds a value of another type than certdiag writes.
NdjsonRun read_ndjson(std::istream& in);

}  // namespace certdiag
