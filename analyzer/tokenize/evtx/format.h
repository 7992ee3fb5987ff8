// The fixed layout of .evtx files: file header, 64 KiB chunks with their 512-byte header, and
// event records, with little-endian readers and the CRC32 the format uses. Reads no BinXml; see
// tokenize/evtx/binxml.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace certdiag::evtx {

inline constexpr size_t kFileHeaderSize = 4096;
inline constexpr size_t kChunkSize = 65536;
inline constexpr size_t kChunkHeaderSize = 512;
inline constexpr std::string_view kFileMagic{"ElfFile\0", 8};
inline constexpr std::string_view kChunkMagic{"ElfChnk\0", 8};
inline constexpr std::string_view kRecordMagic{"**\0\0", 4};
// Signature, size, id, time, then the BinXml, then the size again.
inline constexpr size_t kRecordHeaderSize = 24;
inline constexpr size_t kMinRecordSize = kRecordHeaderSize + 4;
inline constexpr uint32_t kNoCrc32Flag = 0x4;  // file and chunk flag: checksums are not kept
// A record takes at least 28 bytes, so a chunk holds fewer; a header claiming more is garbage.
inline constexpr uint64_t kMaxRecordsPerChunk = (kChunkSize - kChunkHeaderSize) / kMinRecordSize;

inline uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t le32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // the format and every host certdiag builds for are little-endian
  return v;
}
inline uint64_t le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// CRC-32 (IEEE, as zlib), continuing from `crc`.
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

// What a chunk header says. Read apart from the records: a damaged header only loses the
// accounting of the records it declares, never the records themselves.
struct ChunkHeader {
  bool signature = false;
  bool header_crc_ok = true;
  bool records_crc_ok = true;
  bool declares = false;  // a sane record id range and free space offset
  uint64_t first_id = 0;
  uint64_t last_id = 0;
  uint32_t free_offset = 0;  // where the written records end
  uint64_t declared() const { return declares ? last_id - first_id + 1 : 0; }
};

// Reads the header of a chunk of `size` bytes (`size` ≥ kChunkHeaderSize); checksums are
// checked unless the file or the chunk says they are not kept.
ChunkHeader read_chunk_header(const uint8_t* chunk, size_t size, bool file_keeps_crc);

}  // namespace certdiag::evtx
