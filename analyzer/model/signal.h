// Signal: a rule that matched one record, with the captures it extracted and the facts of the
// record that later stages need (records themselves are not kept).
#pragma once

#include <string>
#include <vector>

#include "model/record.h"

namespace certdiag {

struct Capture {
  std::string name;
  std::string value;
};

struct Signal {
  std::string rule;    // signal id from the rule pack
  std::string source;  // display name of the source
  uint64_t line = 0;
  std::optional<Time> time;
  bool time_assumed = false;  // the log wrote local time of no stated zone; read in --input-tz
  std::string local_time;
  std::string host;
  // For an event (a record with an event id): its provider, id and level, shown on every line.
  std::string provider;
  std::optional<uint32_t> event_id;
  Level level = Level::unknown;
  std::string text;  // evidence text (the record's message, bounded)
  // The part of `text` the rule's message regex matched (byte offsets; empty when none).
  uint32_t match_begin = 0;
  uint32_t match_end = 0;
  std::vector<Capture> captures;
  bool recovered = false;  // from a Record::recovered: an old, overwritten event

  const std::string* capture(std::string_view name) const;
};

}  // namespace certdiag
