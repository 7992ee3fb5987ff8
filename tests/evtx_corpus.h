// The real .evtx corpora the reader is tested on, in ../shared/data (next to the repository,
// never copied into it): healthy logs of many channels and some damaged ones in evtx/, 277 logs
// of attack techniques in evtx-attack/. Tests skip, saying why, when they are absent.
#pragma once

#if !defined(_WIN32)
#include <sys/resource.h>
#endif

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/record.h"

namespace certdiag::testing {

inline std::filesystem::path shared_evtx_dir(const std::string& name) {
  return std::filesystem::path(CERTDIAG_SOURCE_DIR) / ".." / "shared" / "data" / name;
}

// The .evtx files of a corpus folder in name order; empty when the folder is absent.
inline std::vector<std::filesystem::path> evtx_files(const std::string& name) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(shared_evtx_dir(name), error)) {
    if (entry.path().extension() == ".evtx") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// Peak resident memory of this process in KiB; 0 on Windows, where memory is measured on the
// Debian build.
inline long peak_rss_kib() {
#if !defined(_WIN32)
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
#else
  return 0;
#endif
}

// A record's fields as one line, without its number (readers number records differently).
inline std::string fields_of(const Record& record) {
  std::string text = debug_string(record);
  const size_t space = text.find(' ');
  return space == std::string::npos ? std::string() : text.substr(space + 1);
}

}  // namespace certdiag::testing
