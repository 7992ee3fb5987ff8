// Whole runs of the binary whose outputs must agree: any number of jobs gives the same report,
// and merging the signals of per-file runs gives the report of one run over all the files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "run_binary.h"
#include "temp_dir.h"

namespace certdiag {
namespace {

using testing_support::run_certdiag;
using testing_support::TempDir;

// Elapsed time and the time the report was made differ between any two runs.
std::string without_elapsed(const std::string& text) {
  const std::string out =
      std::regex_replace(text, std::regex(R"("elapsed_s": ?[0-9.e+-]+)"), R"("elapsed_s": 0)");
  return std::regex_replace(out, std::regex(R"("now": ?"[^"]*")"), R"("now": "X")");
}

const std::vector<std::string> kFiles = {
    "samples/configmgr/ai-2011/AIUpdateSvc.log", "samples/configmgr/ai-2018/AIUpdateSvc.log",
    "samples/configmgr/ai-console-2007/smsexec.log", "samples/configmgr/ai-healthy/AIUpdateSvc.log",
    "tests/data/bundle/case123.zip"};

std::string all_files() {
  std::string out;
  for (const auto& file : kFiles) out += " " + file;
  return out;
}

TEST(Analyze, OutputIsTheSameForAnyNumberOfJobs) {
  const auto one = run_certdiag("certdiag --format json --as-of 2026-01-01 --jobs 1" + all_files() +
                                " samples/");
  const auto four = run_certdiag("certdiag --format json --as-of 2026-01-01 --jobs 4" +
                                 all_files() + " samples/");
  EXPECT_EQ(one.status, four.status);
  EXPECT_NE(one.out.find("\"cm.ai.cert-expired\""), std::string::npos);
  EXPECT_EQ(without_elapsed(one.out), without_elapsed(four.out));
}

// One .evtx file alone gets every job for its chunks; its report, damaged or not, and every
// signal with its record number, must be those of one job.
TEST(Analyze, EvtxChunksReadInParallelGiveTheSameReport) {
  const std::string dir = "../shared/data/evtx/";
  if (!std::filesystem::exists(std::filesystem::path(CERTDIAG_SOURCE_DIR) / dir))
    GTEST_SKIP() << dir << " is absent";
  for (const std::string file :
       {"security.evtx", "system.evtx", "security_bad_string_cache.evtx",
        "sample_with_a_bad_chunk_magic.evtx", "Microsoft-Windows-CAPI2-Operational.evtx",
        "MSExchange_Management_wec.evtx", "Application_no_crc32.evtx"}) {
    for (const std::string format : {"json", "ndjson --emit signals"}) {
      const std::string command =
          "certdiag --as-of 2026-01-01 --format " + format + " " + dir + file;
      const auto one = run_certdiag(command + " --jobs 1");
      const auto four = run_certdiag(command + " --jobs 4");
      EXPECT_NE(one.out.find("\"records_total\""), std::string::npos) << file;
      EXPECT_EQ(one.status, four.status) << file;
      EXPECT_EQ(without_elapsed(one.out), without_elapsed(four.out))
          << file << " --format " << format;
    }
  }
}

TEST(Merge, MergingPerFileSignalsEqualsOneRunOverAllFiles) {
  const TempDir scratch;
  const auto& dir = scratch.path();
  std::string parts;
  for (size_t i = 0; i < kFiles.size(); ++i) {
    const std::string part = (dir / ("part" + std::to_string(i) + ".ndjson")).string();
    run_certdiag("certdiag --format ndjson --emit signals --as-of 2026-01-01 -o " + part + " " +
                 kFiles[i]);
    parts += " " + part;
  }
  const auto merged = run_certdiag("certdiag merge --format json --as-of 2026-01-01" + parts);
  const auto whole = run_certdiag("certdiag --format json --as-of 2026-01-01" + all_files());
  EXPECT_EQ(merged.status, whole.status);
  EXPECT_NE(whole.out.find("\"confidence\": \"high\""), std::string::npos);
  EXPECT_EQ(without_elapsed(merged.out), without_elapsed(whole.out));
}

TEST(Merge, RefusesNdjsonWithoutSignals) {
  const TempDir scratch;
  const auto& dir = scratch.path();
  const std::string part = (dir / "plain.ndjson").string();
  run_certdiag("certdiag --format ndjson -o " + part +
               " samples/configmgr/ai-2011/AIUpdateSvc.log");
  const auto merged = run_certdiag("certdiag merge " + part + " 2>&1");
  EXPECT_EQ(merged.status, 2);
  EXPECT_EQ(merged.out, "certdiag: " + part +
                            ": holds no signals: write it with --format ndjson --emit signals\n");
}

TEST(Merge, LeavesOutAFileWithADamagedLineAndMergesTheRest) {
  const TempDir scratch;
  const auto& dir = scratch.path();
  const std::string good = (dir / "good.ndjson").string();
  const std::string bad = (dir / "bad.ndjson").string();
  run_certdiag("certdiag --format ndjson --emit signals -o " + good +
               " samples/configmgr/ai-healthy/AIUpdateSvc.log");
  std::ofstream(bad) << R"({"type":"header","schema":"certdiag/1","signals":true})"
                     << "\n"
                     << R"({"type":"signal","rule":"cm.ai.sync-forbidden","line":"12"})"
                     << "\n";
  const auto merged = run_certdiag("certdiag merge --format json " + bad + " " + good + " 2>" +
                                   (dir / "err").string());
  EXPECT_EQ(merged.status, 3);
  EXPECT_EQ(testing_support::read_file((dir / "err").string()),
            "certdiag: " + bad + ":2: 'line' must be a number (0 or more), not a string\n");
  EXPECT_NE(merged.out.find("\"name\": \"samples/configmgr/ai-healthy/AIUpdateSvc.log\""),
            std::string::npos);
  EXPECT_NE(merged.out.find("\"source\": \"" + bad + ":2\""), std::string::npos);
}

}  // namespace
}  // namespace certdiag
