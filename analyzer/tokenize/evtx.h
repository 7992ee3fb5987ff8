// Reads Windows event log files (.evtx) record by record through libevtx and turns each event
// into a Record (provider, event id, level, time, Computer, channel, EventData). A record or
// chunk that fails is reported and skipped; the rest of the file is still read. Does not render
// message texts: .evtx files hold only insertion strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/input.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

inline constexpr std::string_view kEvtxMagic{"ElfFile\0", 8};

struct EvtxStats {
  uint64_t bytes = 0;
  uint64_t records_total = 0;  // records the file says it holds (recovered ones included)
  uint64_t records_read = 0;
  uint64_t records_skipped = 0;       // records_read + records_skipped == records_total
  std::vector<std::string> problems;  // one line each: "record 17: …", capped
  std::string error;                  // the file as a whole could not be read
};

// Reads a whole .evtx file from `stream` (held in memory: libevtx needs random access) and hands
// each event to `sink`; Record::line is the record's 1-based index in the file.
// Recovered records (events libevtx finds outside the chunks' record lists: a damaged chunk's
// remains, free space) are read too, numbered after the listed ones, when libevtx renders them
// and their record id was not read already; those it cannot render are fragments, not counted.
// Records a chunk header declares but that neither list holds count as skipped, one problem line
// per chunk; chunks without a signature and a file cut inside a chunk are reported too.
EvtxStats read_evtx(ByteStream& stream, const RecordSink& sink);

}  // namespace certdiag
