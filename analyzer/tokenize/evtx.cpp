#include "tokenize/evtx.h"

#include <fmt/format.h>

#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "tokenize/evtx/chunk_reader.h"
#include "tokenize/evtx/format.h"

namespace certdiag {
namespace {

using evtx::kChunkHeaderSize;
using evtx::kChunkSize;
using evtx::kFileHeaderSize;
using evtx::kMaxProblems;
using evtx::le32;

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

// Chunks in flight per decoding thread: enough to keep threads busy while the oldest is
// handed on, few enough that memory stays a few chunks per thread.
constexpr size_t kChunksPerJob = 4;

// A chunk read from the file, then decoded, then handed on in file order.
struct ChunkWork {
  std::vector<uint8_t> bytes = std::vector<uint8_t>(kChunkSize);
  size_t size = 0;
  evtx::ChunkPlace place;
  evtx::ChunkOutcome outcome;
  std::vector<Record> records;  // the first `used` are this chunk's; the rest keep capacity
  size_t used = 0;
  std::exception_ptr failure;
  bool taken = false;
  bool done = false;

  void start(size_t index) {
    place.index = index;
    place.offset = kFileHeaderSize + index * kChunkSize;
    outcome = {};
    used = 0;
    failure = nullptr;
    taken = done = false;
  }
  // Decodes the chunk, keeping its records; an exception (memory exhausted) goes to the reader.
  void decode(evtx::ChunkReader& reader) {
    try {
      // Swapped, not copied: the reader gets back a record whose strings keep their capacity,
      // and sets every field of it for the next event.
      reader.read(bytes.data(), size, place, outcome, [this](Record& record) {
        if (used == records.size()) records.emplace_back();
        std::swap(records[used++], record);
      });
    } catch (...) {
      failure = std::current_exception();
    }
  }
};

class Reader {
 public:
  Reader(const RecordSink& sink, EvtxStats& stats) : sink_(sink), stats_(stats) {}

  void run(ByteStream& stream, unsigned jobs) {
    if (!read_file_header(stream)) return;
    if (jobs <= 1) {
      read_in_turn(stream);
    } else {
      read_in_parallel(stream, jobs);
    }
    if (!stream.error().empty()) stats_.error = stream.error();
    finish();
  }

 private:
  bool read_file_header(ByteStream& stream) {
    uint8_t header[kFileHeaderSize];
    const size_t got = read_full(stream, header, kFileHeaderSize);
    stats_.bytes = got;
    if (!stream.error().empty()) {
      stats_.error = stream.error();
      return false;
    }
    const bool magic =
        got >= kEvtxMagic.size() && std::memcmp(header, kEvtxMagic.data(), kEvtxMagic.size()) == 0;
    if (!magic || got < kFileHeaderSize) {
      stats_.error_kind = InputErrorKind::corrupt;
      stats_.error = magic ? "not a readable .evtx file: shorter than its 4096-byte header"
                           : "not a readable .evtx file: no ElfFile signature";
      // The rest is counted, not kept: every byte of an input is accounted for.
      for (size_t count; (count = read_full(stream, header, sizeof header)) > 0;) {
        stats_.bytes += count;
      }
      return false;
    }
    keeps_crc_ = (le32(header + 120) & evtx::kNoCrc32Flag) == 0;
    declared_chunks_ = evtx::le16(header + 42);
    if (keeps_crc_ && evtx::crc32(header, 120) != le32(header + 124)) {
      problem("the file header's checksum does not match; its chunks are read anyway");
    }
    return true;
  }

  // Reads the next chunk into `work`; false at the end of the file.
  bool read_chunk(ByteStream& stream, size_t index, ChunkWork& work) {
    if (at_end_) return false;
    work.size = read_full(stream, work.bytes.data(), kChunkSize);
    stats_.bytes += work.size;
    if (work.size < kChunkSize) at_end_ = true;
    if (work.size == 0) return false;
    work.start(index);
    work.place.file_keeps_crc = keeps_crc_;
    work.place.declared_by_file = index < declared_chunks_;
    return true;
  }

  // One chunk at a time on this thread, each record handed on as it is decoded.
  void read_in_turn(ByteStream& stream) {
    ChunkWork work;
    evtx::ChunkReader reader;
    for (size_t index = 0; read_chunk(stream, index, work); ++index) {
      const uint64_t first = number_;
      if (work.size >= kChunkHeaderSize) {
        reader.read(work.bytes.data(), work.size, work.place, work.outcome, [&](Record& record) {
          record.line += first;
          sink_(record);
        });
      }
      account(work);
    }
  }

  // Chunks decoded by `jobs` threads (this one among them), handed on in file order: a window of
  // chunks is in flight, this thread reading the next ones, decoding while it waits and handing
  // on the oldest once it is decoded.
  void read_in_parallel(ByteStream& stream, unsigned jobs) {
    const size_t window = jobs * kChunksPerJob;
    std::vector<ChunkWork> works(window);
    std::mutex mutex;
    std::condition_variable wake;
    size_t next_read = 0, next_taken = 0, next_handed = 0;
    bool stop = false;
    // Takes the oldest chunk not yet taken, under the lock; null when there is none.
    const auto take = [&]() -> ChunkWork* {
      if (next_taken == next_read) return nullptr;
      ChunkWork& work = works[next_taken++ % window];
      work.taken = true;
      return &work;
    };
    const auto decode = [&](ChunkWork& work, evtx::ChunkReader& reader,
                            std::unique_lock<std::mutex>& lock) {
      lock.unlock();
      if (work.size >= kChunkHeaderSize) work.decode(reader);
      lock.lock();
      work.done = true;
      wake.notify_all();
    };
    const auto help = [&] {
      evtx::ChunkReader reader;
      std::unique_lock lock(mutex);
      for (;;) {
        wake.wait(lock, [&] { return stop || next_taken < next_read; });
        if (stop) return;
        decode(*take(), reader, lock);
      }
    };
    std::vector<std::thread> helpers;
    // Stops and joins the helpers however this function is left.
    struct Joiner {
      std::vector<std::thread>& threads;
      std::mutex& mutex;
      std::condition_variable& wake;
      bool& stop;
      ~Joiner() {
        {
          std::lock_guard lock(mutex);
          stop = true;
        }
        wake.notify_all();
        for (auto& thread : threads) thread.join();
      }
    } joiner{helpers, mutex, wake, stop};
    for (unsigned i = 1; i < jobs; ++i) helpers.emplace_back(help);

    evtx::ChunkReader reader;
    std::unique_lock lock(mutex);
    for (;;) {
      // Reading the file is this thread's alone; the window's free slots are too.
      while (next_read - next_handed < window && !at_end_) {
        ChunkWork& work = works[next_read % window];
        lock.unlock();
        const bool more = read_chunk(stream, next_read, work);
        lock.lock();
        if (!more) break;
        ++next_read;
        wake.notify_all();
      }
      if (next_handed == next_read) break;
      ChunkWork& oldest = works[next_handed % window];
      while (!oldest.done) {
        if (ChunkWork* work = take()) {
          decode(*work, reader, lock);
        } else {
          wake.wait(lock);
        }
      }
      lock.unlock();
      hand_on(oldest);
      lock.lock();
      ++next_handed;
    }
  }

  // Hands on the records of a decoded chunk, numbered in file order.
  void hand_on(ChunkWork& work) {
    if (work.failure) std::rethrow_exception(work.failure);
    const uint64_t first = number_;
    for (size_t i = 0; i < work.used; ++i) {
      Record& record = work.records[i];
      record.line += first;
      sink_(record);
    }
    account(work);
  }

  // Adds a chunk's counts and problems, its record numbers made the file's.
  void account(const ChunkWork& work) {
    const evtx::ChunkOutcome& outcome = work.outcome;
    if (work.size < kChunkSize) {
      problem(fmt::format("the file ends {} bytes into chunk {}: it was cut short", work.size,
                          work.place.index));
    }
    for (const evtx::ChunkProblem& line : outcome.problems) {
      problem(line.record == 0 ? line.text
                               : fmt::format("record {}{}", number_ + line.record, line.text));
    }
    more_problems_ += outcome.more_problems;
    if (outcome.unsigned_empty) unsigned_chunks_.push_back(work.place.index);
    number_ += outcome.numbered;
    stats_.records_read += outcome.read;
    stats_.records_recovered += outcome.recovered;
    stats_.records_skipped += outcome.skipped;
    stats_.records_total += outcome.read + outcome.skipped;
  }

  void problem(std::string line) {
    if (problems_.size() < kMaxProblems) {
      problems_.push_back(std::move(line));
    } else {
      ++more_problems_;
    }
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
  bool at_end_ = false;
  uint64_t number_ = 0;
  std::vector<size_t> unsigned_chunks_;
  std::vector<std::string> problems_;
  uint64_t more_problems_ = 0;
};

}  // namespace

EvtxStats read_evtx(ByteStream& stream, const RecordSink& sink, unsigned jobs) {
  EvtxStats stats;
  Reader(sink, stats).run(stream, jobs);
  return stats;
}

}  // namespace certdiag
