#include "tokenize/evtx.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "tokenize/evtx/binxml.h"
#include "tokenize/evtx/event_tree.h"
#include "tokenize/evtx/format.h"

namespace certdiag {
namespace {

using evtx::kChunkHeaderSize;
using evtx::kChunkSize;
using evtx::kFileHeaderSize;
using evtx::kMinRecordSize;
using evtx::le32;
using evtx::le64;

constexpr size_t kMaxProblems = 20;

// Reads up to `size` bytes, as many as the stream has.
size_t read_full(ByteStream& stream, uint8_t* buffer, size_t size) {
  size_t have = 0;
  while (have < size) {
    const size_t count = stream.read(reinterpret_cast<char*>(buffer) + have, size - have);
    if (count == 0) break;
    have += count;
  }
  return have;
}

// "1-6, 10-15" for sorted indexes.
std::string ranges(const std::vector<size_t>& indexes) {
  std::string out;
  for (size_t i = 0; i < indexes.size();) {
    size_t j = i;
    while (j + 1 < indexes.size() && indexes[j + 1] == indexes[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += j == i ? fmt::format("{}", indexes[i]) : fmt::format("{}-{}", indexes[i], indexes[j]);
    i = j + 1;
  }
  return out;
}

class Reader {
 public:
  Reader(const RecordSink& sink, EvtxStats& stats) : sink_(sink), stats_(stats) {}

  void run(ByteStream& stream) {
    uint8_t header[kFileHeaderSize];
    const size_t got = read_full(stream, header, kFileHeaderSize);
    stats_.bytes = got;
    if (!stream.error().empty()) {
      stats_.error = stream.error();
      return;
    }
    const bool magic =
        got >= kEvtxMagic.size() && std::memcmp(header, kEvtxMagic.data(), kEvtxMagic.size()) == 0;
    if (!magic || got < kFileHeaderSize) {
      stats_.error = magic ? "not a readable .evtx file: shorter than its 4096-byte header"
                           : "not a readable .evtx file: no ElfFile signature";
      // The rest is counted, not kept: every byte of an input is accounted for.
      for (size_t count; (count = read_full(stream, header, sizeof header)) > 0;) {
        stats_.bytes += count;
      }
      return;
    }
    const uint32_t flags = le32(header + 120);
    keeps_crc_ = (flags & evtx::kNoCrc32Flag) == 0;
    declared_chunks_ = evtx::le16(header + 42);
    if (keeps_crc_ && evtx::crc32(header, 120) != le32(header + 124)) {
      problem("the file header's checksum does not match; its chunks are read anyway");
    }
    std::vector<uint8_t> chunk(kChunkSize);
    for (size_t index = 0;; ++index) {
      const size_t size = read_full(stream, chunk.data(), kChunkSize);
      stats_.bytes += size;
      if (size == 0) break;
      chunk_offset_ = kFileHeaderSize + index * kChunkSize;
      if (size < kChunkSize) {
        problem(fmt::format("the file ends {} bytes into chunk {}: it was cut short", size, index));
      }
      if (size >= kChunkHeaderSize) read_chunk(chunk.data(), size, index);
      if (size < kChunkSize) break;
    }
    if (!stream.error().empty()) stats_.error = stream.error();
    finish();
  }

 private:
  void problem(std::string line) {
    if (problems_.size() < kMaxProblems) {
      problems_.push_back(std::move(line));
    } else {
      ++more_problems_;
    }
  }

  // How far the bytes at `pos`, which start with a record signature, frame a record.
  enum class Framing { bad_size, bad_end, whole };
  static Framing framing(const uint8_t* chunk, size_t size, size_t pos, uint32_t& length) {
    length = size - pos < 8 ? 0 : le32(chunk + pos + 4);
    if (length < kMinRecordSize || length > size - pos) return Framing::bad_size;
    return le32(chunk + pos + length - 4) == length ? Framing::whole : Framing::bad_end;
  }

  // The next offset from `from` where a record signature starts, or `size`.
  static size_t next_signature(const uint8_t* chunk, size_t size, size_t from) {
    while (from + 4 <= size) {
      const void* star = std::memchr(chunk + from, '*', size - from - 3);
      if (star == nullptr) break;
      from = static_cast<size_t>(static_cast<const uint8_t*>(star) - chunk);
      if (std::memcmp(chunk + from, "**\0\0", 4) == 0) return from;
      ++from;
    }
    return size;
  }

  void read_chunk(const uint8_t* chunk, size_t size, size_t index) {
    const evtx::ChunkHeader header = evtx::read_chunk_header(chunk, size, keeps_crc_);
    const std::string where = fmt::format("chunk {} at offset 0x{:x}", index, chunk_offset_);
    if (header.signature && !header.header_crc_ok) {
      problem(where + ": its header is damaged (its checksum does not match)");
    }
    if (!header.records_crc_ok) {
      problem(where + ": its records checksum does not match; its records are read anyway");
    }
    decoder_.reset(chunk, size);
    // Records up to the free space are the chunk's own; beyond it, and in a chunk without a
    // header to tell, they are remains read only when they decode.
    const size_t listed_end = header.declares    ? header.free_offset
                              : header.signature ? size
                                                 : kChunkHeaderSize;
    const uint64_t read_before = stats_.records_read;
    uint64_t listed = 0;
    size_t pos = kChunkHeaderSize;
    while (pos < size) {
      const bool in_list = pos < listed_end;
      if (size - pos < 4 || std::memcmp(chunk + pos, evtx::kRecordMagic.data(), 4) != 0) {
        const size_t next = next_signature(chunk, size, pos);
        if (in_list && header.declares) report_gap(chunk, pos, std::min(next, listed_end));
        pos = next;
        continue;
      }
      uint32_t length = 0;
      const Framing framed = framing(chunk, size, pos, length);
      if (in_list) ++listed;
      if (framed == Framing::bad_size) {
        // A record lost; the walk goes on at the next signature.
        if (in_list) {
          skip(fmt::format("record {} at offset 0x{:x}: its size is damaged", number_ + 1,
                           chunk_offset_ + pos));
        }
        pos = next_signature(chunk, size, pos + 4);
      } else if (read_record(chunk, pos, length, in_list, framed == Framing::bad_end)) {
        pos += length;
      } else {
        // A record whose end is damaged may be shorter than it says: its bytes are searched.
        pos = framed == Framing::whole ? pos + length : next_signature(chunk, size, pos + 4);
      }
    }
    if (listed < header.declared()) {
      const uint64_t lost = header.declared() - listed;
      stats_.records_total += lost;
      stats_.records_skipped += lost;
      problem(fmt::format("{}: {} of its {} records (ids {}-{}) could not be found", where, lost,
                          header.declared(), header.first_id, header.last_id));
    }
    if (!header.signature && index < declared_chunks_) {
      if (stats_.records_read == read_before) {
        unsigned_chunks_.push_back(index);
      } else {
        problem(fmt::format("{}: no chunk signature; {} records read from it", where,
                            stats_.records_read - read_before));
      }
    }
  }

  // Counts a record that could not be read, with the reason.
  void skip(std::string why) {
    ++number_;
    ++stats_.records_total;
    ++stats_.records_skipped;
    problem(std::move(why));
  }

  // Bytes in a chunk's record list that hold no record: reported unless they are all zero.
  void report_gap(const uint8_t* chunk, size_t begin, size_t end) {
    if (end <= begin || std::all_of(chunk + begin, chunk + end, [](uint8_t b) { return b == 0; })) {
      return;
    }
    problem(fmt::format("bytes 0x{:x}-0x{:x} hold no record; skipped to the next",
                        chunk_offset_ + begin, chunk_offset_ + end));
  }

  // Reads the record of `length` bytes at `pos`; returns whether it decoded. One that does not is
  // counted as skipped when it is in the chunk's record list.
  bool read_record(const uint8_t* chunk, size_t pos, uint32_t length, bool in_list, bool bad_end) {
    const uint64_t id = le64(chunk + pos + 8);
    const auto begin = static_cast<uint32_t>(pos + evtx::kRecordHeaderSize);
    const auto end = static_cast<uint32_t>(pos + length - 4);
    std::string why = decoder_.decode(begin, end, tree_);
    if (why.empty()) {
      clear(record_);
      if (!tree_.to_record(record_)) {
        why = "it holds no Event element with a System element";
      } else if (bad_end && (!record_.time || !record_.event_id || record_.component.empty())) {
        // Zeros where a record's end was may still decode: only a whole System part shows that
        // the record is whole.
        why = "it is cut short";
      }
    }
    if (!why.empty()) {
      // Remains that do not decode are fragments, not records.
      if (in_list) {
        skip(fmt::format("record {} (id {}) at offset 0x{:x}: {}{}", number_ + 1, id,
                         chunk_offset_ + pos, why,
                         bad_end ? "; its end does not repeat its size" : ""));
      }
      return false;
    }
    ++number_;
    ++stats_.records_total;
    ++stats_.records_read;
    record_.line = number_;
    sink_(record_);
    return true;
  }

  // Clears a record for reuse, its strings keeping their capacity.
  static void clear(Record& record) {
    record.source = 0;
    record.line_count = 1;
    record.time.reset();
    record.time_assumed = false;
    record.local_time.clear();
    record.level = Level::unknown;
    record.event_id.reset();
    record.data.clear();
  }

  void finish() {
    std::vector<std::string>& out = stats_.problems;
    if (!unsigned_chunks_.empty()) {
      const bool many = unsigned_chunks_.size() > 1;
      out.push_back(fmt::format("chunk{} {}: no chunk signature; {} skipped", many ? "s" : "",
                                ranges(unsigned_chunks_), many ? "they were" : "it was"));
    }
    for (std::string& line : problems_) {
      if (out.size() < kMaxProblems) {
        out.push_back(std::move(line));
      } else {
        ++more_problems_;
      }
    }
    if (more_problems_ > 0) out.push_back(fmt::format("… and {} more", more_problems_));
  }

  const RecordSink& sink_;
  EvtxStats& stats_;
  bool keeps_crc_ = true;
  size_t declared_chunks_ = 0;
  uint64_t chunk_offset_ = 0;
  uint64_t number_ = 0;
  evtx::ChunkDecoder decoder_;
  evtx::EventTree tree_;
  Record record_;
  std::vector<size_t> unsigned_chunks_;
  std::vector<std::string> problems_;
  uint64_t more_problems_ = 0;
};

}  // namespace

EvtxStats read_evtx(ByteStream& stream, const RecordSink& sink) {
  EvtxStats stats;
  Reader(sink, stats).run(stream);
  return stats;
}

}  // namespace certdiag
