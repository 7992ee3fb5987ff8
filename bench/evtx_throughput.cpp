// Measures the .evtx reader alone: reads every .evtx file under the folders named on the command
// line into memory, then decodes them all, one thread, several rounds, and prints record bytes/s,
// file bytes/s and records/s (the best round). Record bytes are the bytes of the chunks' record
// lists (from the chunk header to its free space), the work a reader does per record.
// With --jobs N (N > 1) it then decodes them again with chunks on N threads and prints the wall
// and CPU time of that, and what N idle cores would take at least: the larger of this thread's
// CPU time and the other threads' share, against the one-thread CPU time.
//
//   evtx_throughput [--rounds N] [--jobs N] DIR...
#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/input.h"
#include "tokenize/evtx.h"

namespace {

// The file's bytes, handed out without a copy, as an opened file would be.
class ViewStream final : public certdiag::ByteStream {
 public:
  explicit ViewStream(std::string_view bytes) : bytes_(bytes) {}
  size_t read(char* buffer, size_t size) override {
    const size_t count = std::min(size, bytes_.size());
    std::memcpy(buffer, bytes_.data(), count);
    bytes_.remove_prefix(count);
    return count;
  }
  const std::string& error() const override { return error_; }

 private:
  std::string_view bytes_;
  std::string error_;
};

double clock_seconds(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// CPU time of this thread: the figure per thread, whatever else the machine runs.
double thread_seconds() { return clock_seconds(CLOCK_THREAD_CPUTIME_ID); }

// Records read from all `contents` with chunks on `jobs` threads.
uint64_t read_all(const std::vector<std::string>& contents, unsigned jobs) {
  uint64_t records = 0;
  for (const std::string& bytes : contents) {
    ViewStream stream(bytes);
    records += certdiag::read_evtx(
                   stream, [](certdiag::Record&) {}, jobs)
                   .records_read;
  }
  return records;
}

uint64_t record_bytes(const std::string& file) {
  uint64_t total = 0;
  for (size_t at = 4096; at + 65536 <= file.size(); at += 65536) {
    if (file.compare(at, 8, std::string("ElfChnk\0", 8)) != 0) continue;
    uint32_t free_offset = 0;
    std::memcpy(&free_offset, file.data() + at + 48, 4);
    if (free_offset > 512 && free_offset <= 65536) total += free_offset - 512;
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  unsigned jobs = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    if (std::string(argv[i]) == "--jobs" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
      continue;
    }
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[i], error)) {
      if (entry.path().extension() == ".evtx") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> contents;
  uint64_t file_bytes = 0, list_bytes = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    contents.push_back(std::move(bytes).str());
    file_bytes += contents.back().size();
    list_bytes += record_bytes(contents.back());
  }
  if (contents.empty()) {
    fmt::print(stderr, "evtx_throughput: no .evtx files under the folders given\n");
    return 2;
  }
  double best = 1e30;
  uint64_t records = 0;
  for (int round = 0; round < rounds; ++round) {
    const double start = thread_seconds();
    records = read_all(contents, 1);
    best = std::min(best, thread_seconds() - start);
  }
  fmt::print(
      "{} files, {:.1f} MB, {:.1f} MB of records, {} records: {:.1f} ms, {:.0f} MB/s of records, "
      "{:.0f} MB/s of file, {:.0f} k records/s (thread CPU time, best of {})\n",
      contents.size(), file_bytes / 1e6, list_bytes / 1e6, records, best * 1e3,
      list_bytes / 1e6 / best, file_bytes / 1e6 / best, records / 1e3 / best, rounds);
  if (jobs < 2) return 0;
  double wall = 1e30, cpu = 0, this_thread = 0, bound = 1e30;
  for (int round = 0; round < rounds; ++round) {
    const double wall_start = clock_seconds(CLOCK_MONOTONIC);
    const double cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    const double thread_start = thread_seconds();
    read_all(contents, jobs);
    const double round_thread = thread_seconds() - thread_start;
    const double round_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    const double round_bound = std::max(round_thread, (round_cpu - round_thread) / (jobs - 1));
    if (round_bound < bound) {
      bound = round_bound;
      cpu = round_cpu;
      this_thread = round_thread;
    }
    wall = std::min(wall, clock_seconds(CLOCK_MONOTONIC) - wall_start);
  }
  fmt::print(
      "--jobs {}: {:.1f} ms wall, {:.1f} ms CPU ({:.1f} ms on the calling thread); on {} idle "
      "cores at least {:.1f} ms: {:.2f}x the one-thread CPU time (best of {})\n",
      jobs, wall * 1e3, cpu * 1e3, this_thread * 1e3, jobs, bound * 1e3, best / bound, rounds);
  return 0;
}
