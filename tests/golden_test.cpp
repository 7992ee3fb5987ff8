// End-to-end golden tests: each folder under tests/golden/ holds `cmd` (a shell command that
// starts with `certdiag`, run from the project root), the expected `stdout` and the `exit`
// status. Regenerate after an intended change: CERTDIAG_UPDATE_GOLDEN=1
// build/release/tests/certdiag_binary_tests --gtest_filter='Scenario/Golden.*'
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "run_binary.h"

namespace {

namespace fs = std::filesystem;
using certdiag::testing_support::read_file;
using certdiag::testing_support::run_certdiag;

const fs::path kRoot = CERTDIAG_SOURCE_DIR;

std::vector<std::string> scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kRoot / "tests/golden")) {
    if (fs::exists(entry.path() / "cmd")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Elapsed time and today's date are the only output that differs between runs; the rules
// digest changes with every pack edit, the commit with every commit and the version with every
// release, which these tests do not pin (cli_analyze_test checks that the headers carry them).
std::string normalize(std::string text) {
  text = std::regex_replace(text, std::regex(R"(in \d+\.\d+ s)"), "in X s");
  // The reports' "certdiag 0.2.0 · rules fnv1a64:…" line ("·" is two bytes, so no literal).
  text = std::regex_replace(text, std::regex(R"(certdiag [0-9][^ ]* ([^ ]+) rules [^ ]+)"),
                            "certdiag X $1 rules X");
  // A report may wrap these sentences anywhere between their words: the breaks are kept.
  text = std::regex_replace(
      text,
      std::regex(R"(today \(\d{4}-\d\d-\d\d\)(\s+)is(\s+)[0-9,]+(\s+)days?(\s+)(later|earlier))"),
      "today (X)$1is$2N$3days$4$5");
  text = std::regex_replace(
      text,
      std::regex(
          R"(Today \(\d{4}-\d\d-\d\d\)(\s+)it(\s+)(has(\s+)been(\s+)expired(\s+)for|expires(\s+)in))"
          R"((\s+)[0-9,]+(\s+)days?\.)"),
      "Today (X)$1it$2$3$8N$9days.");
  for (const char* field : {"rules_digest", "version", "commit", "now"}) {
    text = std::regex_replace(text, std::regex(fmt::format(R"("{}": ?"[^"]*")", field)),
                              fmt::format(R"("{}": "X")", field));
  }
  return std::regex_replace(text, std::regex(R"("elapsed_s": ?[0-9.e+-]+)"), R"("elapsed_s": 0)");
}

class Golden : public testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedOutputAndExitStatus) {
  const fs::path dir = kRoot / "tests/golden" / GetParam();
  std::string command = read_file(dir / "cmd");
  while (!command.empty() && (command.back() == '\n' || command.back() == ' ')) command.pop_back();
  ASSERT_EQ(command.find('\''), std::string::npos) << "cmd must not contain single quotes";
  const auto outcome = run_certdiag(command);
  const std::string out = normalize(outcome.out);
  if (std::getenv("CERTDIAG_UPDATE_GOLDEN")) {
    std::ofstream(dir / "stdout", std::ios::binary) << out;
    std::ofstream(dir / "exit") << outcome.status << '\n';
    GTEST_SKIP() << "updated " << dir;
  }
  EXPECT_EQ(out, read_file(dir / "stdout")) << "command: " << command;
  EXPECT_EQ(std::to_string(outcome.status) + "\n", read_file(dir / "exit"))
      << "command: " << command;
}

INSTANTIATE_TEST_SUITE_P(Scenario, Golden, testing::ValuesIn(scenarios()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
