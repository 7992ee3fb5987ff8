#include "tokenize/evtx/format.h"

#include <array>

namespace certdiag::evtx {
namespace {

// Slicing-by-8 tables: CRC32 of every record byte is on the reader's hot path.
using CrcTables = std::array<std::array<uint32_t, 256>, 8>;

CrcTables make_tables() {
  CrcTables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (size_t s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
  return t;
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc) {
  static const CrcTables t = make_tables();
  crc = ~crc;
  while (size >= 8) {
    const uint32_t lo = le32(data) ^ crc;
    const uint32_t hi = le32(data + 4);
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    data += 8;
    size -= 8;
  }
  while (size-- > 0) crc = t[0][(crc ^ *data++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

ChunkHeader read_chunk_header(const uint8_t* chunk, size_t size, bool file_keeps_crc) {
  ChunkHeader h;
  h.signature = std::memcmp(chunk, kChunkMagic.data(), kChunkMagic.size()) == 0;
  if (!h.signature) return h;
  h.first_id = le64(chunk + 24);
  h.last_id = le64(chunk + 32);
  h.free_offset = le32(chunk + 48);
  const bool keeps_crc = file_keeps_crc && (le32(chunk + 120) & kNoCrc32Flag) == 0;
  if (keeps_crc) {
    const uint32_t crc = crc32(chunk + 128, kChunkHeaderSize - 128, crc32(chunk, 120));
    h.header_crc_ok = crc == le32(chunk + 124);
  }
  h.declares = h.header_crc_ok && h.free_offset > kChunkHeaderSize && h.free_offset <= size &&
               h.last_id >= h.first_id && h.last_id - h.first_id < kMaxRecordsPerChunk;
  if (keeps_crc && h.declares) {
    h.records_crc_ok =
        crc32(chunk + kChunkHeaderSize, h.free_offset - kChunkHeaderSize) == le32(chunk + 52);
  }
  return h;
}

}  // namespace certdiag::evtx
