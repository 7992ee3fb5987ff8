// Runs one input through the stages: io (bytes → lines, archives → members), tokenize (lines or
// binary events → records) and match (records → signals; error and warning records that raise
// none → templates, the new signatures), keeping the counts the summary needs.
// Diagnosis and reports happen once for the whole run; see cli/analyze.h.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diagnose/engine.h"
#include "io/archive.h"
#include "io/input.h"
#include "match/matcher.h"
#include "match/template_miner.h"
#include "model/summary.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

struct PipelineOptions {
  std::string format_in;  // forces a format; empty detects it per source
  TokenizeOptions tokenize;
  ArchiveLimits archive;
  std::vector<std::string> keyed_captures;      // RuleSet::tested_captures, for the signal stores
  unsigned evtx_jobs = 1;                       // threads decoding the chunks of one .evtx file
  std::atomic<uint64_t>* bytes_read = nullptr;  // when set, counts input bytes as they are read
};

// What one source (a file, stdin, or an archive member) gave.
struct SourceResult {
  SourceSummary summary;  // summary.format is empty when nothing could be read
  SignalStore signals;
  TemplateMiner signatures;          // error and warning records that raised no signal
  std::vector<InputError> errors;    // could not be opened, failed mid-read, archive problems
  std::vector<std::string> skipped;  // archive members whose names say they are not logs
};

// Reads and matches one input; an archive gives one result per member.
std::vector<SourceResult> analyze_input(const InputSource& input, const Matcher& matcher,
                                        const PipelineOptions& options);

// The results of `analyze` for the input `name`, or, when it throws (memory exhausted by one
// huge input), one result saying that the input could not be read and why, so that a failure
// costs that input and not the run.
std::vector<SourceResult> results_or_failure(
    const std::string& name, const std::function<std::vector<SourceResult>()>& analyze);

}  // namespace certdiag
