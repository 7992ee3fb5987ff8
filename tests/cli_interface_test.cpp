// The command line as a user meets it: --version and the report headers, --format-in, bash
// completion, the man page, explain and lookup on what reports show, and the text report's
// summary lines.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "model/build_info.h"
#include "rules/loader.h"
#include "run_binary.h"
#include "temp_dir.h"

namespace certdiag {
namespace {

namespace fs = std::filesystem;
using testing_support::run_certdiag;
using Json = nlohmann::json;

using testing_support::TempDir;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t columns(std::string_view text) {
  size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// ---- Versions

TEST(Version, PrintsTheVersionTheCommitAndTheBuiltInRulesDigest) {
  const auto run = run_certdiag("certdiag --version");
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, fmt::format("certdiag {}\ncommit {}\nrules {}\n", build_version(),
                                 build_commit(), load_packs(builtin_packs()).rules.digest));
  EXPECT_EQ(build_version(), CERTDIAG_PROJECT_VERSION);
  if (fs::exists(fs::path(CERTDIAG_SOURCE_DIR) / ".git")) {
    EXPECT_NE(build_commit(), "unknown");
  }
}

TEST(Version, JsonAndNdjsonHeadersCarryTheVersionAndTheCommit) {
  const std::string log = "samples/configmgr/ai-2011/AIUpdateSvc.log";
  const Json json = Json::parse(run_certdiag("certdiag --format json " + log).out);
  EXPECT_EQ(json.at("version"), build_version());
  EXPECT_EQ(json.at("commit"), build_commit());
  EXPECT_EQ(json.at("summary").at("rules_digest"), load_packs(builtin_packs()).rules.digest);
  const auto ndjson = lines_of(run_certdiag("certdiag --format ndjson " + log).out);
  ASSERT_FALSE(ndjson.empty());
  const Json header = Json::parse(ndjson.front());
  EXPECT_EQ(header.at("type"), "header");
  EXPECT_EQ(header.at("version"), build_version());
  EXPECT_EQ(header.at("commit"), build_commit());
  EXPECT_EQ(header.at("rules_digest"), load_packs(builtin_packs()).rules.digest);
}

// ---- Input formats

TEST(FormatIn, EvtxIsAcceptedAndListed) {
  const auto run =
      run_certdiag("certdiag --format json --format-in evtx samples/windows/evtx/system.evtx");
  EXPECT_EQ(run.status, 0);
  const Json json = Json::parse(run.out);
  EXPECT_EQ(json.at("summary").at("inputs").at(0).at("format"), "evtx");
  EXPECT_EQ(json.at("summary").at("records"), 1881);
  EXPECT_NE(run_certdiag("certdiag --print formats-in").out.find("\nevtx\n"), std::string::npos);
}

TEST(FormatIn, EvtxOnATextFileIsAnUnreadableInput) {
  const auto run = run_certdiag(
      "certdiag --format json --format-in evtx samples/configmgr/ai-2011/AIUpdateSvc.log");
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(Json::parse(run.out).at("summary").at("unreadable"), 1);
}

TEST(Tz, ABadZoneIsAUsageErrorNamingTheOption) {
  const auto run =
      run_certdiag("certdiag --tz Europe/Berln samples/configmgr/ai-2011/AIUpdateSvc.log 2>&1");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("--tz: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)"),
            std::string::npos)
      << run.out;
}

TEST(Tz, JsonStaysInUtc) {
  const auto utc = run_certdiag(
      "certdiag --format json --as-of 2026-01-01 samples/configmgr/ai-2011/AIUpdateSvc.log");
  const auto zoned = run_certdiag(
      "certdiag --format json --as-of 2026-01-01 --tz Asia/Tokyo "
      "samples/configmgr/ai-2011/AIUpdateSvc.log");
  Json a = Json::parse(utc.out);
  Json b = Json::parse(zoned.out);
  for (Json* json : {&a, &b}) {
    json->at("summary").erase("elapsed_s");
    json->at("summary").erase("now");
  }
  EXPECT_EQ(a, b);
}

TEST(Context, IsRefusedWithRedactSinceTheLinesAroundAreNotRedacted) {
  const auto run = run_certdiag(
      "certdiag --redact -n 2 samples/configmgr/ai-2011/AIUpdateSvc.log 2>&1 >/dev/null");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("--context cannot be used with --redact"), std::string::npos) << run.out;
}

TEST(Context, StdinSaysInOneLineThatItHasNone) {
  const auto run = run_certdiag(
      "certdiag -n 2 --max-signatures 0 - < samples/configmgr/ai-2011/AIUpdateSvc.log");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("\n    (context not available: it is not a file on disk (stdin or an "
                         "archive member))\n"),
            std::string::npos)
      << run.out;
}

// ---- Progress on a terminal (under script(1), which gives certdiag a terminal)

// A run still reading stdin after the first second shows the progress line; Ctrl-C erases it.
TEST(Progress, CtrlCErasesTheProgressLine) {
  TempDir dir;
  const fs::path typescript = dir.path() / "typescript";
  const auto run = run_certdiag(fmt::format(
      "script -qfec \"(cat samples/configmgr/ai-2011/AIUpdateSvc.log; sleep 4) | "
      "\\\"$CERTDIAG\\\" - >/dev/null & p=\\$!; sleep 2; kill -INT \\$p; wait \\$p; echo "
      "rc=\\$?\" {} >/dev/null",
      typescript.string()));
  const std::string screen = testing_support::read_file(typescript.string());
  const size_t progress = screen.rfind("1 inputs");
  ASSERT_NE(progress, std::string::npos) << screen;
  EXPECT_NE(screen.find("\r\x1b[Krc=130", progress), std::string::npos) << screen;
}

TEST(Coverage, AllListsEveryFamilyWrittenEitherWay) {
  const std::string command =
      "certdiag --max-signatures 0 --as-of 2012-01-01 samples/configmgr/ai-2011/AIUpdateSvc.log "
      "--coverage";
  const auto related = run_certdiag(command);
  const auto joined = run_certdiag(command + "=all");
  const auto apart = run_certdiag(command + " all");
  EXPECT_NE(related.out.find("left out (--coverage=all lists them)"), std::string::npos);
  EXPECT_EQ(related.out.find("missing  om "), std::string::npos) << related.out;
  EXPECT_NE(joined.out.find("missing  om "), std::string::npos) << joined.out;
  const auto coverage = [](const std::string& out) { return out.substr(out.find("\ncoverage (")); };
  EXPECT_EQ(coverage(joined.out), coverage(apart.out)) << "the report but its elapsed time";
  EXPECT_EQ(apart.status, 1);
}

// ---- Bash completion: what <TAB> offers after the words given, in an empty folder.

std::string complete(const std::string& words) {
  TempDir dir;
  const fs::path script = dir.path() / "complete.sh";
  std::ofstream(script) << "cd \"$(dirname \"$0\")\"\n"
                        << "certdiag() { \"$CERTDIAG\" \"$@\"; }\n"
                        << "source <(certdiag --print bash-completion)\n"
                        << "COMP_WORDS=(" << words << ")\n"
                        << "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                        << "_certdiag\necho \"${COMPREPLY[*]}\"\n";
  return run_certdiag("bash " + script.string()).out;
}

TEST(BashCompletion, OffersEveryReportFormatAndInputFormat) {
  EXPECT_EQ(complete("certdiag --format ''"), "text json ndjson markdown html csv\n");
  EXPECT_EQ(complete("certdiag --format-in ev"),
            "event-csv event-text event-xml event-list evtx\n");
}

TEST(BashCompletion, CompletesCommandsWithoutADash) {
  EXPECT_EQ(complete("certdiag exp"), "explain\n");
  EXPECT_EQ(complete("certdiag m"), "merge\n");
  EXPECT_EQ(complete("certdiag l"), "lookup\n");
}

TEST(BashCompletion, CompletesTheValuesOfPrintAndEmitNotFileNames) {
  EXPECT_EQ(complete("certdiag --print ''"), "man bash-completion formats-in catalog\n");
  EXPECT_EQ(complete("certdiag --format ndjson --emit ''"), "signals\n");
  EXPECT_EQ(complete("certdiag --since ''"), "\n");
}

TEST(BashCompletion, ExplainCompletesSignalIdsToo) {
  EXPECT_EQ(complete("certdiag explain cm.ccmsetup.dir"), "cm.ccmsetup.directory-list-87d00454\n");
}

// ---- Man page

TEST(ManPage, SynopsisListsEveryCommand) {
  const std::string man = run_certdiag("certdiag --print man").out;
  const std::string synopsis = man.substr(0, man.find(".SH DESCRIPTION"));
  for (const char* command : {"explain", "rules", "merge", "lookup"}) {
    EXPECT_NE(synopsis.find(fmt::format(".B certdiag {}\n", command)), std::string::npos)
        << command;
  }
}

// ---- explain and lookup answer for what reports show

TEST(Explain, ExplainsASignalIdThatEvidenceShows) {
  const auto run = run_certdiag("certdiag explain cm.ccmsetup.directory-list-87d00454");
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out,
            "cm.ccmsetup.directory-list-87d00454 (signal)\n"
            "ccmsetup could not list the content directory (0x87d00454)\n\n"
            "Matches a record when:\n"
            "  message ~ /GetDirectoryList failed with a non-recoverable failure, 0x87d00454/\n\n"
            "Used by:\n"
            "  cm.client.no-pki-cert (error) — The client has no usable PKI client "
            "authentication certificate: sets its confidence\n\n"
            "Defined in patterns/configmgr/client-communication.yaml:200\n");
}

TEST(Explain, EverySignalIdInJsonEvidenceIsExplained) {
  const Json json =
      Json::parse(run_certdiag("certdiag --format json samples/configmgr/client/no-pki-cert/").out);
  std::set<std::string> rules;
  for (const Json& diagnosis : json.at("diagnoses")) {
    for (const Json& evidence : diagnosis.at("evidence")) rules.insert(evidence.at("rule"));
  }
  EXPECT_GE(rules.size(), 2u);
  for (const std::string& rule : rules) {
    const auto run = run_certdiag("certdiag explain " + rule);
    EXPECT_EQ(run.status, 0) << rule;
    EXPECT_EQ(run.out.substr(0, rule.size() + 9), rule + " (signal)") << rule;
  }
}

TEST(Lookup, KnowsTheConfigMgrCodeARuleAndTheSamplesUse) {
  const auto run = run_certdiag("certdiag lookup 0x87d00454");
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out.substr(0, run.out.find("  (source:")),
            "0x87D00454  ConfigMgr  ccmsetup could not get the content directory list "
            "(\"GetDirectoryList failed with a non-recoverable failure\"); Microsoft's example "
            "logs it right after CCMHTTP reports CCM_E_NO_CLIENT_PKI_CERT");
}

// ---- The text report's summary

TEST(TextSummary, FitsOneHundredColumnsAndBreaksBetweenCounts) {
  const auto lines = lines_of(run_certdiag("certdiag --color never samples/").out);
  ASSERT_GE(lines.size(), 2u);
  // Open problems only in the counts; resolved ones and healthy signs apart.
  EXPECT_EQ(lines[0], "certdiag: 52 errors, 15 warnings · 4 resolved · 4 healthy signs");
  EXPECT_LE(columns(lines[0]), 100u) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("          · 132 sources, ")) << lines[1];
  EXPECT_NE(lines[1].find(" not understood · 0 unreadable · in "), std::string::npos) << lines[1];
}

TEST(TextSummary, NotReadLineIsCappedAndCounts) {
  TempDir dir;
  fs::copy_file(fs::path(CERTDIAG_SOURCE_DIR) / "samples/configmgr/ai-2011/AIUpdateSvc.log",
                dir.path() / "AIUpdateSvc.log");
  for (int i = 0; i < 300; ++i) {
    std::ofstream(dir.path() / fmt::format("screenshot-of-the-console-{:03}.png", i)) << "png";
  }
  const std::string out = run_certdiag("certdiag --color never " + dir.path().string()).out;
  const size_t start = out.find("not read (not logs):");
  ASSERT_NE(start, std::string::npos) << out;
  const std::string line = out.substr(start, out.find('\n', start) - start);
  EXPECT_TRUE(line.ends_with("… (300 files)")) << line;
  EXPECT_EQ(columns(line), columns("not read (not logs):") + 200 + columns(" (300 files)"));
}

}  // namespace
}  // namespace certdiag
