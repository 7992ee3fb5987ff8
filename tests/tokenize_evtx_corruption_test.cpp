// The .evtx reader on damaged copies of every real log in ../shared/data/evtx: random bytes
// flipped in every chunk (fixed seed) must cost no crash, no unbounded memory and no record that
// the damage did not touch.
#include <gtest/gtest.h>
#include <sys/resource.h>

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
  EvtxStats stats;
};

Read read(std::string bytes) {
  Read out;
  auto stream = memory_stream(std::move(bytes));
  out.stats = read_evtx(*stream, [&](Record& record) {
    out.records.emplace(testing::fields_of(record), record.line);
  });
  return out;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Every chunk gets a damage point: from there on, bytes are flipped at random, and a few in its
// header too. A record that ends before its chunk's damage point depends on no damaged byte
// (names and templates are defined where they are first used), so it must still be read: the
// records of a copy zeroed from each damage point on are those records.
TEST(EvtxCorruption, FlippedBytesInEveryChunkLoseOnlyTheRecordsTheyTouch) {
  const auto files = testing::evtx_files("evtx");
  if (files.empty()) GTEST_SKIP() << testing::shared_evtx_dir("evtx") << " is absent";
  std::mt19937 random(20261204);
  const long rss_before = peak_rss_kib();
  uint64_t kept = 0, lost = 0, damaged_reads = 0;
  for (const auto& path : files) {
    const std::string clean = testing::file_bytes(path);
    for (int round = 0; round < 3; ++round) {
      std::string zeroed = clean, flipped = clean;
      for (size_t at = kHeader; at + kChunk <= clean.size(); at += kChunk) {
        const size_t damage = 512 + random() % (kChunk - 512);
        std::fill(zeroed.begin() + static_cast<std::ptrdiff_t>(at + damage),
                  zeroed.begin() + static_cast<std::ptrdiff_t>(at + kChunk), '\0');
        for (int i = 0; i < 3; ++i) flipped[at + 8 + random() % 504] ^= 1 << (random() % 8);
        const size_t flips = 1 + random() % 64;
        for (size_t i = 0; i < flips; ++i) {
          const size_t where = damage + random() % (kChunk - damage);
          flipped[at + where] ^= static_cast<char>(1 + random() % 255);
        }
        flipped[at + damage] ^= static_cast<char>(1 + random() % 255);
      }
      // A record cut by the zeros may still decode, shortened: only those read whole count.
      Read whole = read(clean);
      Read expected;
      for (const auto& [fields, line] : read(zeroed).records) {
        auto found = whole.records.find(fields);
        if (found == whole.records.end()) continue;
        whole.records.erase(found);
        expected.records.emplace(fields, line);
      }
      Read got = read(flipped);
      ++damaged_reads;
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
  // A zeroed copy can let a shortened copy of an event in a chunk's free space stand in for the
  // original, so the comparison is not exact; a handful in tens of thousands is that noise.
  EXPECT_LE(lost * 1000, kept);
#if !defined(__SANITIZE_ADDRESS__)
  // The reader holds one 64 KiB chunk at a time; the test itself holds a few copies of a file.
  EXPECT_LT(peak_rss_kib() - rss_before, 64 * 1024);
#else
  (void)rss_before;
#endif
}

}  // namespace
}  // namespace certdiag
