// Reads the records of one 64 KiB chunk: walks them from the chunk header to its free space,
// decodes each, and says what was lost and why. Chunks are independent of one another (each has
// its own names and templates), so chunks of one file can be read on several threads; a chunk
// numbers its records from 1 and the file reader renumbers them in file order (tokenize/evtx.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/record.h"
#include "tokenize/evtx/binxml.h"
#include "tokenize/evtx/event_tree.h"

namespace certdiag::evtx {

// Problem lines a file reports at most; the rest are counted.
inline constexpr size_t kMaxProblems = 20;

// One line about a damaged part. About a record: "record N" + text, N being the record's number
// in its chunk (`record` > 0) until the file reader makes it the number in the file.
struct ChunkProblem {
  uint64_t record = 0;
  std::string text;
};

// What a chunk gave besides its records.
struct ChunkOutcome {
  uint64_t numbered = 0;  // records read or skipped one by one, in chunk order
  uint64_t read = 0;
  uint64_t recovered = 0;  // of those read: remains of overwritten events (Record::recovered)
  uint64_t skipped = 0;    // records that could not be read, found or not
  std::vector<ChunkProblem> problems;
  uint64_t more_problems = 0;   // beyond kMaxProblems
  bool unsigned_empty = false;  // a chunk the file declares, without signature, nothing read
};

// Where a chunk is and what the file says about all chunks.
struct ChunkPlace {
  size_t index = 0;
  uint64_t offset = 0;            // in the file
  bool file_keeps_crc = true;     // the file header's flags
  bool declared_by_file = false;  // index < the file header's chunk count
};

class ChunkReader {
 public:
  // Reads the `size` bytes of a chunk (`size` ≥ the chunk header): each record read goes to
  // `emit` with Record::line its number in the chunk, and Record::recovered set for remains of
  // overwritten events: records past the chunk's free space offset, or in a chunk past those the
  // file header counts.
  void read(const uint8_t* chunk, size_t size, const ChunkPlace& place, ChunkOutcome& out,
            const std::function<void(Record&)>& emit);

 private:
  bool read_record(size_t pos, uint32_t length, bool in_list, bool in_free_space, bool bad_end);
  void skip_record(std::string why);
  void problem(uint64_t record, std::string text);
  void report_gap(size_t begin, size_t end);

  // Per chunk.
  const uint8_t* chunk_ = nullptr;
  ChunkPlace place_;
  ChunkOutcome* out_ = nullptr;
  const std::function<void(Record&)>* emit_ = nullptr;
  // Kept from chunk to chunk for their capacity.
  ChunkDecoder decoder_;
  EventTree tree_;
  Record record_;
};

}  // namespace certdiag::evtx
