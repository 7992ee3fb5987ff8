// The .evtx reader on damaged copies of every real log in ../shared/data/evtx: random bytes
// flipped in every chunk (fixed seed) must cost no crash, no unbounded memory and no record that
// the damage did not touch.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <string>

#include "evtx_corpus.h"
#include "io/input.h"
#include "tokenize/evtx.h"

namespace certdiag {
namespace {

constexpr size_t kHeader = 4096;
constexpr size_t kChunk = 65536;

struct Read {
  std::multimap<std::string, uint64_t> records;  // fields -> line
  std::vector<std::string> in_order;             // line and fields, in the order handed on
  EvtxStats stats;
};

Read read(std::string bytes, unsigned jobs = 1) {
  Read out;
  auto stream = memory_stream(std::move(bytes));
  out.stats = read_evtx(
      *stream,
      [&](Record& record) {
        out.records.emplace(testing::fields_of(record), record.line);
        out.in_order.push_back(debug_string(record));
      },
      jobs);
  return out;
}

// Where the record that holds byte `at` of a chunk starts, walking the records from the chunk
// header as their sizes chain them (over gaps to the next signature); `at` when no record does.
size_t start_of_record_holding(const std::string& chunk, size_t at) {
  size_t pos = 512;
  while (pos < at) {
    uint32_t length = 0;
    if (chunk.compare(pos, 4, std::string("**\0\0", 4)) == 0 && pos + 8 <= chunk.size()) {
      std::memcpy(&length, chunk.data() + pos + 4, 4);
    }
    if (length < 28 || length > chunk.size() - pos) {
      const size_t next = chunk.find(std::string("**\0\0", 4), pos + 1);
      if (next == std::string::npos || next > at) return at;
      pos = next;
    } else if (pos + length > at) {
      return pos;
    } else {
      pos += length;
    }
  }
  return at;
}

// Every chunk gets a damage point: from there on, bytes are flipped at random (the first one
// always), and a few in its header too. The records that end before the record holding the
// damage point depend on no damaged byte (a chunk's names and templates are defined in the
// first record that uses them, never after it; its header's string and template tables are not
// needed), so each must still be read alike. Those records are the ones a copy zeroed from
// that record on gives: a record that read a later byte would read differently there.
TEST(EvtxCorruption, FlippedBytesInEveryChunkLoseOnlyTheRecordsTheyTouch) {
  const auto files = testing::evtx_files("evtx");
  if (files.empty()) GTEST_SKIP() << testing::shared_evtx_dir("evtx") << " is absent";
  std::mt19937 random(20261204);
  const long rss_before = testing::peak_rss_kib();
  uint64_t kept = 0, lost = 0, not_in_clean = 0, damaged_reads = 0;
  for (const auto& path : files) {
    const std::string clean = testing::file_bytes(path);
    for (int round = 0; round < 3; ++round) {
      std::string zeroed = clean, flipped = clean;
      for (size_t at = kHeader; at + kChunk <= clean.size(); at += kChunk) {
        const size_t damage = 512 + random() % (kChunk - 512);
        const size_t undamaged_end = start_of_record_holding(clean.substr(at, kChunk), damage);
        std::fill(zeroed.begin() + static_cast<std::ptrdiff_t>(at + undamaged_end),
                  zeroed.begin() + static_cast<std::ptrdiff_t>(at + kChunk), '\0');
        for (int i = 0; i < 3; ++i) flipped[at + 8 + random() % 504] ^= 1 << (random() % 8);
        const size_t flips = 1 + random() % 64;
        for (size_t i = 0; i < flips; ++i) {
          const size_t where = damage + random() % (kChunk - damage);
          flipped[at + where] ^= static_cast<char>(1 + random() % 255);
        }
        flipped[at + damage] ^= static_cast<char>(1 + random() % 255);
      }
      // No record is cut by the zeros, so each one the zeroed copy gives is one of the clean file.
      Read whole = read(clean);
      const Read expected = read(zeroed);
      for (const auto& [fields, line] : expected.records) {
        auto found = whole.records.find(fields);
        if (found == whole.records.end()) {
          ++not_in_clean;
          std::cout << path.filename() << " round " << round << ": record " << line
                    << " of the zeroed copy is not one of the clean file\n";
          continue;
        }
        whole.records.erase(found);
      }
      Read got = read(flipped);
      ++damaged_reads;
      // Chunks decoded on several threads give the same records, numbers and problems.
      const Read parallel = read(flipped, 4);
      EXPECT_EQ(parallel.in_order, got.in_order) << path << " round " << round;
      EXPECT_EQ(parallel.stats.problems, got.stats.problems) << path << " round " << round;
      EXPECT_EQ(parallel.stats.records_total, got.stats.records_total) << path;
      EXPECT_EQ(parallel.stats.records_skipped, got.stats.records_skipped) << path;
      EXPECT_EQ(got.stats.records_read + got.stats.records_skipped, got.stats.records_total)
          << path;
      EXPECT_EQ(got.stats.records_read, got.records.size()) << path;
      EXPECT_EQ(got.stats.bytes, clean.size()) << path;
      EXPECT_EQ(got.stats.error, "") << path;
      for (const auto& [fields, line] : expected.records) {
        auto found = got.records.find(fields);
        if (found == got.records.end()) {
          ++lost;
          std::cout << path.filename() << " round " << round << ": record " << line
                    << " before the damage is not read alike\n";
          continue;
        }
        got.records.erase(found);
        ++kept;
      }
    }
  }
  std::cout << damaged_reads << " damaged copies: " << kept << " records before the damage read, "
            << lost << " not read alike\n";
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(not_in_clean, 0u);
  EXPECT_GT(kept, 20000u);
#if !defined(__SANITIZE_ADDRESS__)
  // The reader holds one 64 KiB chunk at a time; the test itself holds a few copies of a file.
  EXPECT_LT(testing::peak_rss_kib() - rss_before, 64 * 1024);
#else
  (void)rss_before;
#endif
}

}  // namespace
}  // namespace certdiag
