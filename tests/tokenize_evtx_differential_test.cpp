// The native .evtx reader against libevtx, the reader certdiag had before (tests/oracle/): over
// every real file, each record libevtx reads must be read with the same fields, and the native
// reader must read at least as many records in all. Built with -DCERTDIAG_EVTX_ORACLE=ON.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>

#include "evtx_corpus.h"
#include "io/input.h"
#include "oracle/libevtx_reader.h"
#include "tokenize/evtx.h"

namespace certdiag {
namespace {

struct Tally {
  uint64_t files = 0;
  uint64_t native = 0;
  uint64_t oracle = 0;
  uint64_t same = 0;
  // Where libevtx is wrong, the native reader right (checked by eye on the files):
  uint64_t unescaped = 0;     // libevtx writes a string value holding markup unescaped, so its
                              // XML shows elements where the event has text (LiveId's SOAP)
  uint64_t no_rendering = 0;  // libevtx leaves out a record's RenderingInfo (its Message)
  uint64_t missing = 0;       // none of these: a defect
  std::vector<std::string> examples;
};

// The part of a record's fields before its data.
std::string system_part(const std::string& fields) {
  return fields.substr(0, fields.find(" data."));
}

bool has_markup_value(const std::string& fields) {
  return fields.find("=\"<") != std::string::npos;
}

void compare_file(const std::filesystem::path& path, Tally& tally) {
  const std::string bytes = testing::file_bytes(path);
  std::multimap<std::string, std::string> native;  // system part -> fields
  uint64_t count = 0;
  auto stream = memory_stream(bytes);
  const EvtxStats stats = read_evtx(*stream, [&](Record& record) {
    Record without_message = record;
    without_message.message.clear();
    const std::string fields = testing::fields_of(without_message);
    native.emplace(system_part(fields), record.message.empty() ? fields : "msg:" + fields);
    ++count;
  });
  EXPECT_EQ(stats.records_read + stats.records_skipped, stats.records_total) << path;
  EXPECT_EQ(stats.records_read, count) << path;
  EXPECT_EQ(stats.bytes, bytes.size()) << path;
  ++tally.files;
  tally.native += count;

  auto oracle_stream = memory_stream(bytes);
  oracle::read_evtx_with_libevtx(*oracle_stream, [&](Record& record) {
    ++tally.oracle;
    const std::string fields = testing::fields_of(record);
    auto [begin, end] = native.equal_range(system_part(fields));
    for (auto it = begin; it != end; ++it) {
      if (it->second == fields || it->second == "msg:" + fields) {
        ++(it->second == fields ? tally.same : tally.no_rendering);
        native.erase(it);
        return;
      }
    }
    for (auto it = begin; it != end; ++it) {
      if (has_markup_value(it->second)) {
        ++tally.unescaped;
        native.erase(it);
        return;
      }
    }
    ++tally.missing;
    if (tally.examples.size() < 5) {
      tally.examples.push_back(path.filename().string() + " record " + std::to_string(record.line) +
                               ": " + fields);
    }
  });
}

void compare_corpus(const std::string& name) {
  const auto files = testing::evtx_files(name);
  if (files.empty()) {
    GTEST_SKIP() << testing::shared_evtx_dir(name) << " is absent: nothing to compare";
  }
  Tally tally;
  for (const auto& path : files) compare_file(path, tally);
  std::cout << name << ": " << tally.files << " files; libevtx reads " << tally.oracle
            << " records, the native reader " << tally.native << "; of libevtx's, " << tally.same
            << " alike, " << tally.unescaped << " with markup libevtx does not escape, "
            << tally.no_rendering << " whose RenderingInfo libevtx leaves out, " << tally.missing
            << " missing or different\n";
  EXPECT_EQ(tally.missing, 0u) << ::testing::PrintToString(tally.examples);
  EXPECT_GE(tally.native, tally.oracle);
}

TEST(EvtxDifferential, ReadsEveryRecordOfTheHealthyAndDamagedLogsAsLibevtxDoes) {
  compare_corpus("evtx");
}

TEST(EvtxDifferential, ReadsEveryRecordOfTheAttackLogsAsLibevtxDoes) {
  compare_corpus("evtx-attack");
}

}  // namespace
}  // namespace certdiag
