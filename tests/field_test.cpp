// The field corpus: real excerpts from public posts (tests/field/manifest.yaml says where each
// comes from and what the post found wrong). Every excerpt is analysed by the certdiag binary; an
// entry is right when every expected diagnosis is reported, no forbidden one is, and a quiet entry
// raises no warning or error. Every miss fails the test.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "run_binary.h"

namespace {

namespace fs = std::filesystem;
using certdiag::testing_support::run_certdiag;

const fs::path kCorpus = fs::path(CERTDIAG_SOURCE_DIR) / "tests/field";

struct Entry {
  std::string file;
  std::vector<std::string> expect;
  std::vector<std::string> forbid;
  std::vector<std::string> args;
  bool quiet = false;
  bool trap = false;
};

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node) {
    for (const auto& item : node) out.push_back(item.as<std::string>());
  }
  return out;
}

std::vector<Entry> load_manifest() {
  std::vector<Entry> entries;
  for (const auto& node : YAML::LoadFile((kCorpus / "manifest.yaml").string())["entries"]) {
    Entry entry;
    entry.file = node["file"].as<std::string>();
    entry.expect = strings(node["expect"]);
    entry.forbid = strings(node["forbid"]);
    entry.args = strings(node["args"]);
    entry.quiet = node["quiet"] && node["quiet"].as<bool>();
    entry.trap = node["trap"] && node["trap"].as<bool>();
    entries.push_back(entry);
  }
  return entries;
}

std::string text_field(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return "";
  return found->get_ref<const std::string&>();
}

// What is wrong with certdiag's answer for one entry; empty when it is right.
std::string judge(const Entry& entry) {
  std::string command = "certdiag --format json";
  for (const auto& arg : entry.args) command += " " + arg;
  command += " tests/field/" + entry.file;
  const auto outcome = run_certdiag(command);
  const auto report = nlohmann::json::parse(outcome.out, nullptr, false);
  if (report.is_discarded() || !report.contains("diagnoses")) return "no JSON report";
  std::set<std::string> reported;
  std::string problems;
  for (const auto& diagnosis : report["diagnoses"]) {
    const std::string id = text_field(diagnosis, "id");
    const std::string severity = text_field(diagnosis, "severity");
    reported.insert(id);
    if (entry.quiet && (severity == "error" || severity == "warning")) {
      problems += " raised " + id + " (" + severity + ")";
    }
  }
  for (const auto& id : entry.expect) {
    if (!reported.count(id)) problems += " missed " + id;
  }
  for (const auto& id : entry.forbid) {
    if (reported.count(id)) problems += " raised forbidden " + id;
  }
  return problems;
}

TEST(FieldCorpus, ManifestListsEveryExcerptWithItsExpectation) {
  const auto entries = load_manifest();
  std::set<std::string> listed;
  const std::regex id_shape(R"([a-z0-9]+(\.[a-z0-9-]+)+)");
  int traps = 0;
  for (const auto& entry : entries) {
    EXPECT_TRUE(listed.insert(entry.file).second) << "listed twice: " << entry.file;
    EXPECT_TRUE(fs::exists(kCorpus / entry.file)) << "missing excerpt: " << entry.file;
    EXPECT_TRUE(!entry.expect.empty() || !entry.forbid.empty() || entry.quiet)
        << entry.file << " checks nothing";
    for (const auto& id : entry.expect) EXPECT_TRUE(std::regex_match(id, id_shape)) << id;
    for (const auto& id : entry.forbid) EXPECT_TRUE(std::regex_match(id, id_shape)) << id;
    traps += entry.trap;
  }
  for (const auto& item : fs::directory_iterator(kCorpus)) {
    const std::string name = item.path().filename().string();
    if (name != "manifest.yaml") {
      EXPECT_TRUE(listed.count(name)) << "not in the manifest: " << name;
    }
  }
  EXPECT_GE(entries.size(), 40u);
  EXPECT_GE(traps, 12);
}

TEST(FieldCorpus, EveryExcerptIsDiagnosedAsThePostSays) {
  const auto entries = load_manifest();
  int right = 0;
  for (const auto& entry : entries) {
    const std::string problems = judge(entry);
    if (problems.empty()) {
      ++right;
    } else {
      ADD_FAILURE() << entry.file << ":" << problems;
    }
  }
  std::cout << "field: " << right << "/" << entries.size() << " right\n";
}

}  // namespace
