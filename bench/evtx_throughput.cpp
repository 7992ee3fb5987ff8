// Measures the .evtx reader alone: reads every .evtx file under the folders named on the command
// line into memory, then decodes them all, one thread, several rounds, and prints record bytes/s,
// file bytes/s and records/s (the best round). Record bytes are the bytes of the chunks' record
// lists (from the chunk header to its free space), the work a reader does per record.
//
//   evtx_throughput [--rounds N] DIR...
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

// CPU time of this thread: the figure per thread, whatever else the machine runs.
double thread_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
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
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
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
    records = 0;
    const double start = thread_seconds();
    for (const std::string& bytes : contents) {
      ViewStream stream(bytes);
      const certdiag::EvtxStats stats = certdiag::read_evtx(stream, [](certdiag::Record&) {});
      records += stats.records_read;
    }
    best = std::min(best, thread_seconds() - start);
  }
  fmt::print(
      "{} files, {:.1f} MB, {:.1f} MB of records, {} records: {:.1f} ms, {:.0f} MB/s of records, "
      "{:.0f} MB/s of file, {:.0f} k records/s (thread CPU time, best of {})\n",
      contents.size(), file_bytes / 1e6, list_bytes / 1e6, records, best * 1e3,
      list_bytes / 1e6 / best, file_bytes / 1e6 / best, records / 1e3 / best, rounds);
  return 0;
}
