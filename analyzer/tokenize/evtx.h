// Reads Windows event log files (.evtx) and turns each event into a Record (provider, event id,
// level, time, Computer, channel, EventData, UserData). Streams the file one 64 KiB chunk at a
// time (memory does not grow with the file); a damaged record, chunk or header is reported and
// the rest of the file still read. Does not render message texts: .evtx files hold only
// insertion strings. The format itself lives in tokenize/evtx/.
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
  uint64_t records_total = 0;  // records the file holds, as far as its chunk headers tell
  uint64_t records_read = 0;
  uint64_t records_skipped = 0;       // records_read + records_skipped == records_total
  uint64_t records_recovered = 0;     // of records_read: remains of overwritten events
  std::vector<std::string> problems;  // one line each: "record 17 (id 4711) at 0x…: …", capped
  std::string error;                  // the file as a whole could not be read
  InputErrorKind error_kind = InputErrorKind::unreadable;  // what kind of problem `error` is
};

// Reads a .evtx file from `stream` and hands each event to `sink`; Record::line is the record's
// 1-based number in file order (records that fail count too).
// The records of each chunk are walked from its header to its free space; a record that does
// not decode is reported and counted as skipped, and the walk goes on at the next record
// signature. Records a chunk header declares but that cannot be found count as skipped, one
// problem line per chunk. Records found in a chunk's free space or in a chunk without a
// signature (remains of earlier events) are read when they decode, numbered in file order, and
// passed over silently when they do not. Checksum mismatches are reported unless a record lost
// in the same chunk explains them; records are still read. A record read from free space or from a
// chunk past those the file header counts is the remains of an overwritten event, older than the
// live ones: it is marked Record::recovered. With `jobs` > 1, chunks are decoded on that many
// threads and records still reach `sink`, on the calling thread, in file order: what `sink` and the
// stats see is the same for any `jobs`.
EvtxStats read_evtx(ByteStream& stream, const RecordSink& sink, unsigned jobs = 1);

}  // namespace certdiag
