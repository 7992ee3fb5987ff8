#include <fmt/format.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <cctype>
#include <random>

#include "match/template_miner.h"

namespace certdiag {
namespace {

Record error_record(std::string message, uint64_t line = 1) {
  Record record;
  record.level = Level::error;
  record.line = line;
  record.message = std::move(message);
  return record;
}

// The clusters of a miner, one debug line each, largest first.
std::vector<std::string> clusters_of(const TemplateMiner& miner, size_t n = 100) {
  std::vector<std::string> out;
  for (const auto& cluster : miner.top(n)) out.push_back(debug_string(cluster));
  return out;
}

struct MaskCase {
  std::string_view text;
  std::string_view masked;
};

void PrintTo(const MaskCase& mask, std::ostream* out) { *out << '"' << mask.text << '"'; }

// A test name from the text masked ("port 443" → port_443), numbered so that it stays unique.
std::string mask_case_name(const testing::TestParamInfo<MaskCase>& param) {
  std::string name = std::to_string(param.index) + "_";
  for (const char c : param.param.text.substr(0, 40)) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

class Masking : public testing::TestWithParam<MaskCase> {};

TEST_P(Masking, MasksVariablePartsOfATokenAndKeepsItsPunctuation) {
  EXPECT_EQ(mask_text(GetParam().text), GetParam().masked);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Masking,
    testing::Values(
        MaskCase{"port 443", "port <NUM>"}, MaskCase{"-2147012889", "<NUM>"},
        MaskCase{"1,234 items", "<NUM> items"}, MaskCase{"3.5 s", "<NUM> s"},
        MaskCase{"99%", "<NUM>"}, MaskCase{"0x80244021.", "<HEX>."},
        MaskCase{"(0x87D00215)", "(<HEX>)"}, MaskCase{"80072EE2", "<HEX>"},
        MaskCase{"80244021", "<NUM>"}, MaskCase{"deadbeef", "deadbeef"},
        MaskCase{"thumbprint 3B1EFD3A66EA28B16697394703A72CA340A05BD5", "thumbprint <HEX>"},
        MaskCase{"{8E5B6C4A-0E6B-4C55-A1F2-3D9A4B7C2E10}", "{<GUID>}"},
        MaskCase{"8e5b6c4a-0e6b-4c55-a1f2-3d9a4b7c2e10,", "<GUID>,"}, MaskCase{"10.0.0.1", "<IP>"},
        MaskCase{"10.0.0.1:443", "<IP>"}, MaskCase{"[fe80::1]", "[<IP>]"},
        MaskCase{"2001:db8::8a2e:370:7334", "<IP>"}, MaskCase{"300.1.1.1", "<NUM>"},
        MaskCase{"C:\\Windows\\ccmsetup\\ccmsetup.log", "<PATH>"},
        MaskCase{"'\\\\CM01\\SMS_PS1\\inboxes'", "'<PATH>'"}, MaskCase{"CONTOSO\\svc-cm", "<PATH>"},
        MaskCase{"/ccm_system/request", "<PATH>"},
        MaskCase{"https://cm01.contoso.com/ccm_system/request", "<PATH>"},
        MaskCase{"and/or", "and/or"}, MaskCase{"04:51:58", "<TIME>"},
        MaskCase{"04:51:58.123+420", "<TIME>"}, MaskCase{"2011-04-26T04:51:58Z", "<TIME>"},
        MaskCase{"2011-04-26", "<TIME>"}, MaskCase{"4/26/2011 4:51:58 PM", "<TIME> <TIME> PM"},
        MaskCase{"04-26-2011", "<TIME>"}, MaskCase{"26.04.2011", "<TIME>"},
        MaskCase{"error=0x80244021", "error=<HEX>"}, MaskCase{"code=\"5\"", "code=\"<NUM>\""},
        MaskCase{"KB4054234", "KB4054234"}, MaskCase{"a  b\t\r\nc", "a b c"},
        MaskCase{"Scan failed", "Scan failed"}),
    mask_case_name);

TEST(TemplateMiner, NewSignaturesAreErrorsAndWarningsExceptIisRequests) {
  Record record = error_record("Failed to connect");
  EXPECT_TRUE(is_new_signature(record, "cmtrace"));
  EXPECT_FALSE(is_new_signature(record, "iis-w3c"));
  record.level = Level::warning;
  EXPECT_TRUE(is_new_signature(record, "event-xml"));
  record.level = Level::info;
  EXPECT_FALSE(is_new_signature(record, "cmtrace"));
}

TEST(TemplateMiner, MaskedTemplatesRegexMatchesTheOriginalText) {
  for (std::string_view text :
       {"port 443.", "(0x87D00215)", "{8E5B6C4A-0E6B-4C55-A1F2-3D9A4B7C2E10}", "10.0.0.1:443",
        "[fe80::1]", "C:\\Windows\\x.log.", "04:51:58.123+420", "2011-04-26T04:51:58Z",
        "error=0x80244021", "99%", "a+b (c) [d] $e ^f"}) {
    const RE2 regex(template_regex(mask_text(text)));
    ASSERT_TRUE(regex.ok()) << regex.error();
    EXPECT_TRUE(RE2::PartialMatch(text, regex)) << text << " vs /" << regex.pattern() << "/";
  }
}

TEST(TemplateMiner, ClustersConnectionFailuresToDifferentHostsAndPortsIntoOne) {
  TemplateMiner miner;
  miner.add(error_record("Failed to connect to 10.0.0.1 port 443", 3), "a.log");
  miner.add(error_record("Failed to connect to 10.0.0.27 port 8443", 9), "a.log");
  miner.add(error_record("Failed to connect to 192.168.1.4 port 80", 12), "a.log");
  EXPECT_EQ(clusters_of(miner),
            std::vector<std::string>{"3 \"Failed to connect to <IP> port <NUM>\" error a.log:3"});
}

TEST(TemplateMiner, ReplacesATokenThatVariesWithAWildcard) {
  TemplateMiner miner;
  miner.add(error_record("Failed to open the catalog store"), "a.log");
  miner.add(error_record("Failed to open the certificate store"), "a.log");
  EXPECT_EQ(clusters_of(miner),
            std::vector<std::string>{"2 \"Failed to open the <*> store\" error a.log:1"});
}

TEST(TemplateMiner, KeepsDifferentMessagesApart) {
  TemplateMiner miner;
  miner.add(error_record("Failed to connect to 10.0.0.1 port 443", 1), "a.log");
  miner.add(error_record("Scan failed with error = 0x80244021.", 2), "a.log");
  miner.add(error_record("Failed to download the policy body", 3), "a.log");
  miner.add(error_record("Unable to find a matching certificate in the store", 4), "a.log");
  miner.add(error_record("Scan failed with error = 0x80072EE2.", 5), "a.log");
  EXPECT_EQ(clusters_of(miner),
            (std::vector<std::string>{
                "2 \"Scan failed with error = <HEX>.\" error a.log:2",
                "1 \"Failed to connect to <IP> port <NUM>\" error a.log:1",
                "1 \"Failed to download the policy body\" error a.log:3",
                "1 \"Unable to find a matching certificate in the store\" error a.log:4",
            }));
}

TEST(TemplateMiner, RecordsLevelsAndWhatAllRecordsShare) {
  TemplateMiner miner;
  Record first = error_record("Scan failed with error = 0x80244021.");
  first.component = "WUAHandler";
  Record second = first;
  second.level = Level::warning;
  second.message = "Scan failed with error = 0x80244022.";
  miner.add(first, "a.log");
  miner.add(second, "a.log");
  const auto clusters = miner.top(1);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].levels, (std::vector<Level>{Level::error, Level::warning}));
  EXPECT_EQ(clusters[0].component, "WUAHandler");
  EXPECT_EQ(clusters[0].event_id, std::nullopt);

  Record other = second;
  other.component = "ScanAgent";
  miner.add(other, "a.log");
  EXPECT_EQ(miner.top(1)[0].component, "");
}

TEST(TemplateMiner, CapsTheExampleAtAUtf8Boundary) {
  TemplateMiner miner(MinerLimits{.max_example_bytes = 10});
  miner.add(error_record("Fehler größer als erwartet"), "a.log");
  EXPECT_EQ(miner.top(1)[0].example.text, "Fehler gr");  // "ö" would straddle byte 10
}

TEST(TemplateMiner, ClustersALongMessageOnItsFirstTokens) {
  TemplateMiner miner(MinerLimits{.max_tokens = 4});
  miner.add(error_record("one two three four five six"), "a.log");
  miner.add(error_record("one two three four seven"), "a.log");
  EXPECT_EQ(clusters_of(miner),
            std::vector<std::string>{"2 \"one two three four …\" error a.log:1"});
  EXPECT_EQ(template_regex("one two three four …"), R"(one\s+two\s+three\s+four)");
}

TEST(TemplateMiner, EvictsTheLeastRecentlyUsedOfTheSmallestClustersBeyondItsBound) {
  TemplateMiner miner(MinerLimits{.max_clusters = 3});
  miner.add(error_record("alpha failed twice"), "a.log");
  miner.add(error_record("alpha failed twice"), "a.log");
  miner.add(error_record("beta went away"), "a.log");
  miner.add(error_record("gamma is missing here now"), "a.log");
  miner.add(error_record("delta stopped"), "a.log");  // evicts beta: smallest, least recent
  EXPECT_EQ(miner.size(), 3u);
  EXPECT_EQ(miner.evicted(), 1u);
  EXPECT_EQ(miner.records(), 5u);
  EXPECT_EQ(clusters_of(miner), (std::vector<std::string>{
                                    "2 \"alpha failed twice\" error a.log:1",
                                    "1 \"gamma is missing here now\" error a.log:1",
                                    "1 \"delta stopped\" error a.log:1",
                                }));
  for (int i = 0; i < 5000; ++i) {
    miner.add(error_record(fmt::format("message number {} of kind k{}", i, i * 7919)), "a.log");
  }
  EXPECT_LE(miner.size(), 3u);
}

TEST(TemplateMiner, MergesInInputOrderWhateverOrderTheInputsWereMinedIn) {
  const std::vector<std::vector<std::string>> inputs = {
      {"Scan failed with error = 0x80244021.", "Failed to connect to 10.0.0.1 port 443"},
      {"Failed to connect to 10.0.0.2 port 80",
       "Policy download failed for {8E5B6C4A-0E6B-4C55-"
       "A1F2-3D9A4B7C2E10}"},
      {"Scan failed with error = 0x80072EE2.", "Failed to open the catalog store",
       "Failed to open the certificate store"},
  };
  const auto mine = [&](const std::vector<size_t>& schedule) {
    std::vector<TemplateMiner> miners(inputs.size());
    for (size_t i : schedule) {  // the order threads happen to finish in
      for (size_t line = 0; line < inputs[i].size(); ++line) {
        miners[i].add(error_record(inputs[i][line], line + 1), fmt::format("in{}.log", i));
      }
    }
    TemplateMiner merged;
    for (const auto& miner : miners) merged.merge(miner);  // always input order
    return clusters_of(merged);
  };
  const auto expected = std::vector<std::string>{
      "2 \"Scan failed with error = <HEX>.\" error in0.log:1",
      "2 \"Failed to connect to <IP> port <NUM>\" error in0.log:2",
      "2 \"Failed to open the <*> store\" error in2.log:2",
      "1 \"Policy download failed for {<GUID>}\" error in1.log:2",
  };
  EXPECT_EQ(mine({0, 1, 2}), expected);
  EXPECT_EQ(mine({2, 0, 1}), expected);
  EXPECT_EQ(mine({1, 2, 0}), expected);
}

TEST(TemplateMiner, MergingEqualsMiningTheInputsInOne) {
  std::mt19937 random(7);
  std::vector<std::string> lines;
  for (int i = 0; i < 200; ++i) {
    lines.push_back(
        fmt::format("Download of content {} failed with 0x{:08X}", random() % 50, random()));
    lines.push_back(fmt::format("Retry {} of {} for job {}", random() % 5, 5, random()));
  }
  TemplateMiner whole;
  TemplateMiner first;
  TemplateMiner second;
  for (size_t i = 0; i < lines.size(); ++i) {
    whole.add(error_record(lines[i], i + 1), "a.log");
    (i < lines.size() / 2 ? first : second).add(error_record(lines[i], i + 1), "a.log");
  }
  TemplateMiner merged;
  merged.merge(first);
  merged.merge(second);
  EXPECT_EQ(clusters_of(merged), clusters_of(whole));
  EXPECT_EQ(merged.records(), 400u);
}

TEST(TemplateMiner, ReinsertsAClusterAsAWhole) {
  TemplateMiner miner;
  miner.add(error_record("Scan failed with error = 0x80244021."), "a.log");
  Cluster cluster;
  cluster.template_text = "Scan failed with error = <HEX>.";
  cluster.count = 41;
  cluster.levels = {Level::warning};
  cluster.example = {"b.log", 7, std::nullopt, "Scan failed with error = 0x1."};
  miner.add_cluster(cluster);
  EXPECT_EQ(
      clusters_of(miner),
      std::vector<std::string>{"42 \"Scan failed with error = <HEX>.\" error,warning a.log:1"});
}

TEST(TemplateMiner, ClustersAnEventWithoutAMessageOnItsProviderIdAndData) {
  TemplateMiner miner;
  Record record;
  record.level = Level::error;
  record.component = "Microsoft-Windows-CertificateServicesClient-AutoEnrollment";
  record.event_id = 13;
  record.data = {{"0", "Machine"}, {"1", "0x800706ba"}};
  miner.add(record, "System.evtx");
  const auto clusters = miner.top(1);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].template_text,
            "Microsoft-Windows-CertificateServicesClient-AutoEnrollment <NUM>: 0=Machine, 1=<HEX>");
  EXPECT_FALSE(clusters[0].from_message);
  EXPECT_EQ(clusters[0].event_id, 13u);
}

TEST(TemplateMiner, IgnoresARecordWithoutText) {
  TemplateMiner miner;
  miner.add(error_record(" \r\n"), "a.log");
  EXPECT_EQ(miner.size(), 0u);
  EXPECT_EQ(miner.records(), 0u);
}

}  // namespace
}  // namespace certdiag
