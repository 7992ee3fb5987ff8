#include "oracle/libevtx_reader.h"

#include <fmt/format.h>
#include <libevtx.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "tokenize/event_xml.h"
#include "tokenize/evtx.h"

namespace certdiag::oracle {
namespace {

// libevtx needs random access, so the file is held whole, up to this size.
constexpr uint64_t kMaxBytes = uint64_t{4} << 30;
constexpr size_t kReadStep = size_t{1} << 20;
constexpr size_t kMaxProblems = 20;

constexpr size_t kFileHeaderSize = 4096;
constexpr size_t kChunkSize = 65536;
constexpr size_t kChunkHeaderSize = 512;
constexpr std::string_view kChunkMagic{"ElfChnk\0", 8};
constexpr uint32_t kNoCrc32Flag = 0x4;  // file and chunk flag: checksums are not kept
// A record takes at least 24 bytes, so a chunk holds fewer; a header claiming more is garbage.
constexpr uint64_t kMaxRecordsPerChunk = (kChunkSize - kChunkHeaderSize) / 24;

// Owns a libyal error (libevtx and libbfio each have their own free function) and renders it.
template <typename E, void (*Free)(E**), int (*Backtrace)(E*, char*, size_t)>
class Error {
 public:
  Error() = default;
  Error(const Error&) = delete;
  Error& operator=(const Error&) = delete;
  ~Error() { clear(); }

  // A fresh slot for a call to fill.
  E** out() {
    clear();
    return &error_;
  }
  // The innermost message, which names the cause ("invalid binary XML sub token - unsupported
  // type: 0x49"), on one line without its function name; frees the error.
  std::string take() {
    std::string message = "unknown libevtx error";
    if (error_ != nullptr) {
      std::array<char, 8192> text{};
      if (Backtrace(error_, text.data(), text.size()) > 0) message = first_line(text.data());
    }
    clear();
    return message;
  }

 private:
  static std::string first_line(std::string_view text) {
    text = text.substr(0, text.find_first_of("\r\n"));
    size_t colon = text.find(": ");
    if (colon != std::string_view::npos &&
        text.substr(0, colon).find(' ') == std::string_view::npos) {
      text.remove_prefix(colon + 2);
    }
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.remove_suffix(1);
    return std::string(text);
  }
  void clear() {
    if (error_ != nullptr) Free(&error_);
    error_ = nullptr;
  }

  E* error_ = nullptr;
};

using EvtxError = Error<libevtx_error_t, libevtx_error_free, libevtx_error_backtrace_sprint>;
using BfioError = Error<libbfio_error_t, libbfio_error_free, libbfio_error_backtrace_sprint>;

// A libevtx file opened on a libbfio memory range over bytes the caller keeps alive.
class EvtxFile {
 public:
  EvtxFile() = default;
  EvtxFile(const EvtxFile&) = delete;
  EvtxFile& operator=(const EvtxFile&) = delete;
  ~EvtxFile() {
    EvtxError evtx_error;
    BfioError bfio_error;
    if (open_) libevtx_file_close(file_, evtx_error.out());
    if (file_ != nullptr) libevtx_file_free(&file_, evtx_error.out());
    if (io_ != nullptr) libbfio_handle_free(&io_, bfio_error.out());
  }

  // Returns an empty string on success, else the reason.
  std::string open(std::string& bytes) {
    BfioError bfio_error;
    if (libbfio_memory_range_initialize(&io_, bfio_error.out()) != 1 ||
        libbfio_memory_range_set(io_, reinterpret_cast<uint8_t*>(bytes.data()), bytes.size(),
                                 bfio_error.out()) != 1) {
      return bfio_error.take();
    }
    EvtxError error;
    if (libevtx_file_initialize(&file_, error.out()) != 1 ||
        libevtx_file_open_file_io_handle(file_, io_, LIBEVTX_OPEN_READ, error.out()) != 1) {
      return error.take();
    }
    open_ = true;
    return {};
  }

  libevtx_file_t* get() const { return file_; }

 private:
  libbfio_handle_t* io_ = nullptr;
  libevtx_file_t* file_ = nullptr;
  bool open_ = false;
};

class RecordHandle {
 public:
  RecordHandle() = default;
  RecordHandle(const RecordHandle&) = delete;
  RecordHandle& operator=(const RecordHandle&) = delete;
  ~RecordHandle() {
    EvtxError error;
    if (record_ != nullptr) libevtx_record_free(&record_, error.out());
  }
  libevtx_record_t** out() { return &record_; }
  libevtx_record_t* get() const { return record_; }

 private:
  libevtx_record_t* record_ = nullptr;
};

uint16_t read_u16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at]) | static_cast<uint8_t>(bytes[at + 1])
                                                                     << 8);
}

uint32_t read_u32(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(read_u16(bytes, at)) | static_cast<uint32_t>(read_u16(bytes, at + 2))
                                                          << 16;
}

uint64_t read_u64(std::string_view bytes, size_t at) {
  return static_cast<uint64_t>(read_u32(bytes, at)) | static_cast<uint64_t>(read_u32(bytes, at + 4))
                                                          << 32;
}

uint32_t crc32(std::string_view bytes, uint32_t crc = 0) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (char b : bytes) crc = table[(crc ^ static_cast<uint8_t>(b)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

// What a chunk header says, read apart from libevtx so that lost records can be reported.
// Checksums only explain a loss: a log copied while in use may carry a stale one.
struct Chunk {
  size_t index = 0;
  bool signature = false;
  bool empty = false;     // no records written yet
  bool declares = false;  // a record id range that a chunk can hold
  bool header_checksum_ok = true;
  bool records_checksum_ok = true;
  uint64_t first_id = 0;
  uint64_t last_id = 0;
  uint64_t failed = 0;  // records libevtx found here but could not read
};

std::vector<Chunk> read_chunks(std::string_view bytes) {
  std::vector<Chunk> chunks;
  const bool file_keeps_crc = (read_u32(bytes, 120) & kNoCrc32Flag) == 0;
  for (size_t at = kFileHeaderSize; at + kChunkSize <= bytes.size(); at += kChunkSize) {
    std::string_view data = bytes.substr(at, kChunkSize);
    Chunk chunk;
    chunk.index = chunks.size();
    chunk.signature = data.substr(0, kChunkMagic.size()) == kChunkMagic;
    if (chunk.signature) {
      chunk.first_id = read_u64(data, 24);
      chunk.last_id = read_u64(data, 32);
      const uint32_t free_offset = read_u32(data, 48);
      const bool keeps_crc = file_keeps_crc && (read_u32(data, 120) & kNoCrc32Flag) == 0;
      chunk.empty = free_offset == kChunkHeaderSize;
      chunk.declares = !chunk.empty && chunk.last_id >= chunk.first_id &&
                       chunk.last_id - chunk.first_id < kMaxRecordsPerChunk &&
                       free_offset > kChunkHeaderSize && free_offset <= kChunkSize;
      if (keeps_crc) {
        chunk.header_checksum_ok = crc32(data.substr(128, kChunkHeaderSize - 128),
                                         crc32(data.substr(0, 120))) == read_u32(data, 124);
      }
      if (keeps_crc && chunk.declares) {
        chunk.records_checksum_ok =
            crc32(data.substr(kChunkHeaderSize, free_offset - kChunkHeaderSize)) ==
            read_u32(data, 52);
      }
    }
    chunks.push_back(chunk);
  }
  return chunks;
}

Chunk* chunk_holding(std::vector<Chunk>& chunks, uint64_t id) {
  for (Chunk& chunk : chunks) {
    if (chunk.declares && id >= chunk.first_id && id <= chunk.last_id) return &chunk;
  }
  return nullptr;
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

// Reads the whole stream; returns false with stats.error set when it cannot.
bool read_all(ByteStream& stream, std::string& bytes, EvtxStats& stats) {
  for (;;) {
    const size_t have = bytes.size();
    if (have > kMaxBytes) {
      stats.error = "larger than 4 GiB; .evtx files are read whole into memory";
      return false;
    }
    bytes.resize(have + kReadStep);
    const size_t count = stream.read(bytes.data() + have, kReadStep);
    bytes.resize(have + count);
    if (count == 0) break;
  }
  stats.bytes = bytes.size();
  if (!stream.error().empty()) {
    stats.error = stream.error();
    return false;
  }
  return true;
}

// Reads the records of an opened file into the sink and accounts for them in the stats.
class Reader {
 public:
  Reader(std::string_view bytes, libevtx_file_t* file, const RecordSink& sink, EvtxStats& stats)
      : bytes_(bytes), file_(file), sink_(sink), stats_(stats) {}

  void run() {
    chunks_ = read_chunks(bytes_);
    EvtxError error;
    int count = 0;
    if (libevtx_file_get_number_of_records(file_, &count, error.out()) != 1) {
      stats_.error = "not a readable .evtx file: " + error.take();
      return;
    }
    for (int i = 0; i < count; ++i) read_record(i);
    attribute_failures();
    read_recovered(static_cast<uint64_t>(count));
    account_chunks();
    finish_problems();
  }

 private:
  struct Entry {
    uint64_t id = 0;
    bool id_known = false;
    bool read = false;
  };

  // The XML libevtx renders for a record, or nullopt with the reason in `why`.
  std::optional<std::string_view> render(libevtx_record_t* record, std::string& why) {
    EvtxError error;
    size_t size = 0;
    if (libevtx_record_get_utf8_xml_string_size(record, &size, error.out()) != 1 || size == 0) {
      why = error.take();
      return std::nullopt;
    }
    xml_.resize(size);
    if (libevtx_record_get_utf8_xml_string(record, reinterpret_cast<uint8_t*>(xml_.data()), size,
                                           error.out()) != 1) {
      why = error.take();
      return std::nullopt;
    }
    return std::string_view(xml_.data(), strnlen(xml_.data(), size));
  }

  // Renders and parses a record into record_; returns false with the reason in `why`.
  bool convert(libevtx_record_t* handle, uint64_t number, std::string& why) {
    std::optional<std::string_view> xml = render(handle, why);
    if (!xml) return false;
    record_ = Record{};
    record_.line = number;
    if (!parse_event_xml(*xml, record_)) {
      why = "the XML libevtx renders for it does not parse";
      return false;
    }
    return true;
  }

  void read_record(int index) {
    const uint64_t number = static_cast<uint64_t>(index) + 1;
    ++stats_.records_total;
    EvtxError error;
    RecordHandle handle;
    Entry entry;
    std::string why;
    if (libevtx_file_get_record_by_index(file_, index, handle.out(), error.out()) != 1 ||
        libevtx_record_get_identifier(handle.get(), &entry.id, error.out()) != 1) {
      why = error.take();
    } else {
      entry.id_known = true;
      entry.read = convert(handle.get(), number, why);
    }
    entries_.push_back(entry);
    if (!entry.read) {
      ++stats_.records_skipped;
      record_problems_.push_back(fmt::format("record {}: {}", number, why));
      return;
    }
    ++stats_.records_read;
    read_ids_.push_back(entry.id);
    sink_(record_);
  }

  // Charges each failed record to the chunk that declares its id. Records run in id order, so a
  // failure whose id is unknown takes the one after the last id seen, or, before any, the one
  // its position gives counting back from the next id seen (or on from the first chunk's).
  void attribute_failures() {
    std::optional<uint64_t> last;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const Entry& entry = entries_[i];
      std::optional<uint64_t> id;
      if (entry.id_known) {
        id = entry.id;
      } else if (last) {
        id = *last + 1;
      } else {
        size_t next = i;
        while (next < entries_.size() && !entries_[next].id_known) ++next;
        if (next < entries_.size()) {
          if (entries_[next].id >= next - i) id = entries_[next].id - (next - i);
        } else if (const Chunk* chunk = first_declaring_chunk()) {
          id = chunk->first_id + i;
        }
      }
      if (id && !entry.read) {
        if (Chunk* chunk = chunk_holding(chunks_, *id)) ++chunk->failed;
      }
      if (id) last = id;
    }
  }

  const Chunk* first_declaring_chunk() const {
    for (const Chunk& chunk : chunks_) {
      if (chunk.declares) return &chunk;
    }
    return nullptr;
  }

  const std::vector<uint64_t>& read_ids_sorted() {
    if (sorted_.size() != read_ids_.size()) {
      sorted_ = read_ids_;
      std::sort(sorted_.begin(), sorted_.end());
    }
    return sorted_;
  }

  // Recovered records are events libevtx finds outside the chunks' record lists (a damaged
  // chunk's remains, free space). Those it renders, and that are not already read, are events
  // the file still holds and are read; the rest are fragments, not records, and are passed over.
  void read_recovered(uint64_t regular) {
    EvtxError error;
    int count = 0;
    if (libevtx_file_get_number_of_recovered_records(file_, &count, error.out()) != 1) return;
    const std::vector<uint64_t> regular_ids = read_ids_sorted();
    for (int i = 0; i < count; ++i) {
      RecordHandle handle;
      uint64_t id = 0;
      std::string why;
      if (libevtx_file_get_recovered_record_by_index(file_, i, handle.out(), error.out()) != 1 ||
          libevtx_record_get_identifier(handle.get(), &id, error.out()) != 1) {
        error.take();
        continue;
      }
      if (std::binary_search(regular_ids.begin(), regular_ids.end(), id) ||
          std::find(recovered_ids_.begin(), recovered_ids_.end(), id) != recovered_ids_.end()) {
        continue;
      }
      if (!convert(handle.get(), regular + static_cast<uint64_t>(i) + 1, why)) continue;
      recovered_ids_.push_back(id);
      read_ids_.push_back(id);
      ++stats_.records_total;
      ++stats_.records_read;
      sink_(record_);
    }
  }

  // Records a chunk header declares but nobody found are lost: counted as skipped and reported
  // per chunk, with the chunks whose signature is gone.
  void account_chunks() {
    const uint16_t declared_chunks = read_u16(bytes_, 42);
    std::vector<size_t> unsigned_chunks;
    for (const Chunk& chunk : chunks_) {
      if (!chunk.signature && chunk.index < declared_chunks) unsigned_chunks.push_back(chunk.index);
    }
    if (!unsigned_chunks.empty()) {
      const bool many = unsigned_chunks.size() > 1;
      chunk_problems_.push_back(fmt::format("chunk{} {}: no chunk signature; {} skipped",
                                            many ? "s" : "", ranges(unsigned_chunks),
                                            many ? "they were" : "it was"));
    }
    const std::vector<uint64_t>& ids = read_ids_sorted();
    for (const Chunk& chunk : chunks_) {
      if (!chunk.signature || chunk.empty) continue;
      const size_t offset = kFileHeaderSize + chunk.index * kChunkSize;
      if (!chunk.declares) {
        chunk_problems_.push_back(
            fmt::format("chunk {} at offset 0x{:x}: its header is damaged{}", chunk.index, offset,
                        chunk.header_checksum_ok ? "" : " (its checksum does not match)"));
        continue;
      }
      const uint64_t declared = chunk.last_id - chunk.first_id + 1;
      const auto found =
          static_cast<uint64_t>(std::upper_bound(ids.begin(), ids.end(), chunk.last_id) -
                                std::lower_bound(ids.begin(), ids.end(), chunk.first_id));
      if (found + chunk.failed >= declared) continue;
      const uint64_t lost = declared - found - chunk.failed;
      stats_.records_total += lost;
      stats_.records_skipped += lost;
      std::string why;
      if (!chunk.header_checksum_ok) why += "; its header checksum does not match";
      if (!chunk.records_checksum_ok) why += "; its records checksum does not match";
      chunk_problems_.push_back(fmt::format(
          "chunk {} at offset 0x{:x}: {} of its {} records (ids {}-{}) could not be found{}",
          chunk.index, offset, lost, declared, chunk.first_id, chunk.last_id, why));
    }
    const size_t tail =
        bytes_.size() > kFileHeaderSize ? (bytes_.size() - kFileHeaderSize) % kChunkSize : 0;
    if (tail != 0) {
      chunk_problems_.push_back(fmt::format(
          "the file ends {} bytes into chunk {}: it was cut short", tail, chunks_.size()));
    }
  }

  void finish_problems() {
    std::vector<std::string>& out = stats_.problems;
    for (std::vector<std::string>* list : {&chunk_problems_, &record_problems_}) {
      for (std::string& line : *list) {
        if (out.size() < kMaxProblems) {
          out.push_back(std::move(line));
        } else {
          ++more_;
        }
      }
    }
    if (more_ > 0) out.push_back(fmt::format("… and {} more", more_));
  }

  std::string_view bytes_;
  libevtx_file_t* file_;
  const RecordSink& sink_;
  EvtxStats& stats_;
  std::vector<Chunk> chunks_;
  std::vector<Entry> entries_;  // the regular records in libevtx's order
  std::vector<uint64_t> read_ids_;
  std::vector<uint64_t> sorted_;
  std::vector<uint64_t> recovered_ids_;
  std::vector<std::string> chunk_problems_;
  std::vector<std::string> record_problems_;
  uint64_t more_ = 0;
  std::string xml_;
  Record record_;
};

}  // namespace

EvtxStats read_evtx_with_libevtx(ByteStream& stream, const RecordSink& sink) {
  EvtxStats stats;
  std::string bytes;
  if (!read_all(stream, bytes, stats)) return stats;
  if (bytes.size() < kFileHeaderSize || bytes.compare(0, kEvtxMagic.size(), kEvtxMagic) != 0) {
    stats.error = bytes.size() < kFileHeaderSize && bytes.starts_with(kEvtxMagic)
                      ? "not a readable .evtx file: shorter than its 4096-byte header"
                      : "not a readable .evtx file: no ElfFile signature";
    return stats;
  }
  EvtxFile file;
  if (std::string why = file.open(bytes); !why.empty()) {
    stats.error = "not a readable .evtx file: " + why;
    return stats;
  }
  Reader(bytes, file.get(), sink, stats).run();
  return stats;
}

}  // namespace certdiag::oracle
