// Matches the records of one source in reading order: a record without a host gets the one the
// source's path names, the source's summary notes its time and what it names, and an error or
// warning record that raises no signal becomes a new signature. Does not store the signals; the
// caller keeps them (diagnose/engine.h's SignalStore).
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"
#include "match/template_miner.h"
#include "model/record.h"
#include "model/signal.h"
#include "model/summary.h"

namespace certdiag {

class SourceMatcher {
 public:
  // `summary` names the source and its format, both known before the first record; `host` is
  // the machine its path names (io/input.h's machine_in_path), empty when none.
  SourceMatcher(const Matcher& matcher, SourceSummary& summary, TemplateMiner& signatures,
                std::string host);

  // The signals `record` raises, for the caller to take (move) before the next call; none when
  // it is a new signature.
  std::vector<Signal>& operator()(Record& record);

 private:
  const Matcher& matcher_;
  SourceSummary& summary_;
  TemplateMiner& signatures_;
  std::string host_;
  const SourceInfo info_;  // built once: the format is known before the first record
  std::vector<Signal> found_;
};

}  // namespace certdiag
