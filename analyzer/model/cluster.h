// Cluster: a template of log messages that no rule matched ("Scan failed with error = <HEX>."),
// how many records it stands for and the first of them. Mined by match/template_miner.h,
// rendered by report/, drafted into a signal by `certdiag rules suggest`; it judges nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/record.h"

namespace certdiag {

// The first record of a cluster, as the reports cite it.
struct ClusterExample {
  std::string source;  // display name
  uint64_t line = 0;
  std::optional<Time> time;
  std::string text;  // the record's text, capped at a UTF-8 boundary
};

struct Cluster {
  // Tokens joined by one space: literal words, masks (<NUM>, <HEX>, <GUID>, <IP>, <PATH>,
  // <TIME>) and <*> where the records differ; a final "…" when messages were longer than kept.
  std::string template_text;
  uint64_t count = 0;         // records
  std::vector<Level> levels;  // seen, most severe first
  ClusterExample example;
  // What every record of the cluster shares; empty (nullopt) when they differ or lack it.
  std::string component;  // CMTrace component, trace source or event provider
  std::optional<uint32_t> event_id;
  bool from_message = true;  // false when some text came from an event's fields (no message)
};

}  // namespace certdiag
