#include "tokenize/evtx/chunk_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "tokenize/evtx/format.h"

namespace certdiag::evtx {
namespace {

enum class Framing { bad_size, bad_end, whole };

// How far the bytes at `pos`, which start with a record signature, frame a record.
Framing framing(const uint8_t* chunk, size_t size, size_t pos, uint32_t& length) {
  length = size - pos < 8 ? 0 : le32(chunk + pos + 4);
  if (length < kMinRecordSize || length > size - pos) return Framing::bad_size;
  return le32(chunk + pos + length - 4) == length ? Framing::whole : Framing::bad_end;
}

// The next offset from `from` where a record signature starts, or `size`.
size_t next_signature(const uint8_t* chunk, size_t size, size_t from) {
  while (from + 4 <= size) {
    const void* star = std::memchr(chunk + from, '*', size - from - 3);
    if (star == nullptr) break;
    from = static_cast<size_t>(static_cast<const uint8_t*>(star) - chunk);
    if (std::memcmp(chunk + from, "**\0\0", 4) == 0) return from;
    ++from;
  }
  return size;
}

}  // namespace

void ChunkReader::read(const uint8_t* chunk, size_t size, const ChunkPlace& place,
                       ChunkOutcome& out, const std::function<void(Record&)>& emit) {
  chunk_ = chunk;
  place_ = place;
  out_ = &out;
  emit_ = &emit;
  const ChunkHeader header = read_chunk_header(chunk, size, place.file_keeps_crc);
  const std::string where = fmt::format("chunk {} at offset 0x{:x}", place.index, place.offset);
  if (header.signature && !header.header_crc_ok) {
    problem(0, where + ": its header is damaged (its checksum does not match)");
  }
  const size_t checksum_line_at = out.problems.size();
  decoder_.reset(chunk, size);
  // Records up to the free space are the chunk's own; beyond it, and in a chunk without a
  // header to tell, they are remains read only when they decode.
  const size_t listed_end = header.declares    ? header.free_offset
                            : header.signature ? size
                                               : kChunkHeaderSize;
  uint64_t listed = 0;
  size_t pos = kChunkHeaderSize;
  while (pos < size) {
    const bool in_list = pos < listed_end;
    const bool in_free_space =
        header.declares ? pos >= header.free_offset : !place.declared_by_file;
    if (size - pos < 4 || std::memcmp(chunk + pos, kRecordMagic.data(), 4) != 0) {
      const size_t next = next_signature(chunk, size, pos);
      if (in_list && header.declares) report_gap(pos, std::min(next, listed_end));
      pos = next;
      continue;
    }
    uint32_t length = 0;
    const Framing framed = framing(chunk, size, pos, length);
    if (in_list) ++listed;
    if (framed == Framing::bad_size) {
      // A record lost; the walk goes on at the next signature.
      if (in_list) {
        skip_record(fmt::format(" at offset 0x{:x}: its size is damaged", place.offset + pos));
      }
      pos = next_signature(chunk, size, pos + 4);
    } else if (read_record(pos, length, in_list, in_free_space, framed == Framing::bad_end)) {
      pos += length;
    } else {
      // A record whose end is damaged may be shorter than it says: its bytes are searched.
      pos = framed == Framing::whole ? pos + length : next_signature(chunk, size, pos + 4);
    }
  }
  if (listed < header.declared()) {
    const uint64_t lost = header.declared() - listed;
    out.skipped += lost;
    problem(0, fmt::format("{}: {} of its {} records (ids {}-{}) could not be found", where, lost,
                           header.declared(), header.first_id, header.last_id));
  }
  // A record lost explains a checksum mismatch (one flipped bit gives one line); one that no
  // lost record explains says that values may have changed unseen.
  if (!header.records_crc_ok && out.skipped == 0) {
    out.problems.insert(out.problems.begin() + static_cast<std::ptrdiff_t>(checksum_line_at),
                        {0, where + ": its records checksum does not match; its records are "
                                    "read anyway"});
    if (out.problems.size() > kMaxProblems) {
      out.problems.pop_back();
      ++out.more_problems;
    }
  }
  if (!header.signature && place.declared_by_file) {
    if (out.read == 0) {
      out.unsigned_empty = true;
    } else {
      problem(0, fmt::format("{}: no chunk signature; {} records read from it", where, out.read));
    }
  }
}

void ChunkReader::problem(uint64_t record, std::string text) {
  if (out_->problems.size() < kMaxProblems) {
    out_->problems.push_back({record, std::move(text)});
  } else {
    ++out_->more_problems;
  }
}

// Counts a record that could not be read, with the reason.
void ChunkReader::skip_record(std::string why) {
  ++out_->numbered;
  ++out_->skipped;
  problem(out_->numbered, std::move(why));
}

// Bytes in a chunk's record list that hold no record: reported unless they are all zero.
void ChunkReader::report_gap(size_t begin, size_t end) {
  if (end <= begin || std::all_of(chunk_ + begin, chunk_ + end, [](uint8_t b) { return b == 0; })) {
    return;
  }
  problem(0, fmt::format("bytes 0x{:x}-0x{:x} hold no record; skipped to the next",
                         place_.offset + begin, place_.offset + end));
}

// Reads the record of `length` bytes at `pos`; returns whether it decoded. One that does not is
// counted as skipped when it is in the chunk's record list.
bool ChunkReader::read_record(size_t pos, uint32_t length, bool in_list, bool in_free_space,
                              bool bad_end) {
  const uint64_t id = le64(chunk_ + pos + 8);
  const auto begin = static_cast<uint32_t>(pos + kRecordHeaderSize);
  const auto end = static_cast<uint32_t>(pos + length - 4);
  std::string why = decoder_.decode(begin, end, tree_);
  if (why.empty()) {
    reset_record(record_);  // to_record() leaves some fields unset
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
      skip_record(fmt::format(" (id {}) at offset 0x{:x}: {}{}", id, place_.offset + pos, why,
                              bad_end ? "; its end does not repeat its size" : ""));
    }
    return false;
  }
  ++out_->numbered;
  ++out_->read;
  if (in_free_space) ++out_->recovered;
  record_.line = out_->numbered;
  record_.recovered = in_free_space;
  (*emit_)(record_);
  return true;
}

}  // namespace certdiag::evtx
