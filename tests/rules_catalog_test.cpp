// The diagnosis catalog is a public interface: the diagnoses of the shipped packs, each listed in
// the README (a generated table), explained by `certdiag explain`, and shown firing by at least
// one golden test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rules/loader.h"
#include "run_binary.h"

namespace certdiag {
namespace {

// The catalog is the diagnoses of the shipped packs: a new one is YAML, samples and goldens.
std::vector<std::string> catalog_ids() {
  std::vector<std::string> ids;
  for (const auto& rule : load_packs(builtin_packs()).rules.diagnoses) ids.push_back(rule.id);
  return ids;
}

const std::string kReadme = std::string(CERTDIAG_SOURCE_DIR) + "/README.md";

// The table under "## What it finds", from its header row to the first line that is not a row.
std::pair<size_t, size_t> catalog_table_span(const std::string& readme) {
  const size_t section = readme.find("\n## What it finds\n");
  if (section == std::string::npos) return {std::string::npos, 0};
  const size_t begin = readme.find("\n| id |", section);
  if (begin == std::string::npos) return {std::string::npos, 0};
  size_t end = begin + 1;
  while (end < readme.size() && readme[end] == '|') end = readme.find('\n', end) + 1;
  return {begin + 1, end};
}

TEST(Catalog, ShippedPacksLoadAndNameEachDiagnosisOnce) {
  const auto result = load_packs(builtin_packs());
  for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
  auto ids = catalog_ids();
  EXPECT_GE(ids.size(), 30u);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

// Like the man page, the README's table is generated (certdiag --print catalog); this keeps the
// committed copy equal to it. CERTDIAG_UPDATE_GOLDEN=1 rewrites it with the goldens.
TEST(Catalog, ReadmeTableIsTheGeneratedOne) {
  std::string readme = testing_support::read_file(kReadme);
  const auto [begin, end] = catalog_table_span(readme);
  ASSERT_NE(begin, std::string::npos) << "README.md has no table under ## What it finds";
  const auto generated = testing_support::run_certdiag("certdiag --print catalog");
  ASSERT_EQ(generated.status, 0);
  if (std::getenv("CERTDIAG_UPDATE_GOLDEN")) {
    readme.replace(begin, end - begin, generated.out);
    std::ofstream(kReadme, std::ios::binary) << readme;
    return;
  }
  EXPECT_EQ(readme.substr(begin, end - begin), generated.out)
      << "regenerate with CERTDIAG_UPDATE_GOLDEN=1 (see tests/golden_test.cpp)";
}

TEST(Catalog, EveryIdIsExplained) {
  for (const auto& id : catalog_ids()) {
    const auto outcome = testing_support::run_certdiag("certdiag explain " + id);
    EXPECT_EQ(outcome.status, 0) << id;
    EXPECT_EQ(outcome.out.rfind(id + " (", 0), 0u) << outcome.out;
  }
}

TEST(Catalog, EveryIdFiresInAGoldenTest) {
  std::string all;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CERTDIAG_SOURCE_DIR) + "/tests/golden")) {
    all += testing_support::read_file((entry.path() / "stdout").string());
  }
  for (const auto& id : catalog_ids()) {
    const bool in_text = all.find(" " + id + "  open · confidence") != std::string::npos ||
                         all.find(" " + id + "  resolved at ") != std::string::npos;
    const bool in_json = all.find("\"id\": \"" + id + "\"") != std::string::npos ||
                         all.find("\"id\":\"" + id + "\"") != std::string::npos;
    EXPECT_TRUE(in_text || in_json) << id << " fires in no golden test";
  }
}

}  // namespace
}  // namespace certdiag
