// The order and grouping the reports for people share: the answer first, each host once, the
// why and fix once per id, and evidence as distinct lines.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/outline.h"

namespace certdiag {
namespace {

Diagnosis make(std::string id, Severity severity, std::string host, bool resolved = false) {
  Diagnosis diagnosis;
  diagnosis.id = std::move(id);
  diagnosis.severity = severity;
  diagnosis.host = std::move(host);
  diagnosis.explanation = "Shared paragraph.";
  diagnosis.remediation = {"Do this."};
  if (resolved) diagnosis.resolved_at = Time{};
  return diagnosis;
}

std::string table_order(const Outline& outline) {
  std::string out;
  for (const Diagnosis* diagnosis : outline.table) {
    out += fmt::format("{}{}@{}({}) ", diagnosis->resolved_at ? "resolved " : "", diagnosis->id,
                       diagnosis->host, severity_name(diagnosis->severity));
  }
  return out;
}

Signal signal(std::string text, uint64_t line, std::string rule = "r") {
  Signal out;
  out.rule = std::move(rule);
  out.source = "a.log";
  out.line = line;
  out.text = std::move(text);
  return out;
}

TEST(ReportOutline, TableListsOpenProblemsBySeverityThenHostAndResolvedOnesLast) {
  const std::vector<Diagnosis> diagnoses = {
      make("a.fixed", Severity::error, "", true), make("b.warn", Severity::warning, "APP01"),
      make("c.err", Severity::error, ""), make("d.err", Severity::error, "APP02"),
      make("e.err", Severity::error, "APP01")};
  const Outline outline = make_outline(diagnoses, false);
  EXPECT_EQ(table_order(outline),
            "e.err@APP01(error) d.err@APP02(error) c.err@(error) b.warn@APP01(warning) "
            "resolved a.fixed@(error) ");
  EXPECT_EQ(outcome_counts(outline), "3 errors, 1 warning · 1 resolved");
}

TEST(ReportOutline, DetailsAreGroupedPerHostInTableOrder) {
  const std::vector<Diagnosis> diagnoses = {make("b.warn", Severity::warning, "APP01"),
                                            make("d.err", Severity::error, "APP02"),
                                            make("e.err", Severity::error, "APP01")};
  const Outline outline = make_outline(diagnoses, false);
  ASSERT_EQ(outline.hosts.size(), 2u);
  EXPECT_EQ(outline.hosts[0].host, "APP01");
  ASSERT_EQ(outline.hosts[0].diagnoses.size(), 2u);
  EXPECT_EQ(outline.hosts[0].diagnoses[0]->id, "e.err");
  EXPECT_EQ(outline.hosts[0].diagnoses[1]->id, "b.warn");
  EXPECT_EQ(outline.hosts[1].host, "APP02");
}

TEST(ReportOutline, InfoDiagnosesFoldIntoHealthySignsUnlessAskedFor) {
  const std::vector<Diagnosis> diagnoses = {make("om.cert.loaded", Severity::info, "SCOM01"),
                                            make("om.cert.loaded", Severity::info, "SCOM02"),
                                            make("tls.ok", Severity::info, "")};
  const Outline folded = make_outline(diagnoses, false);
  EXPECT_TRUE(folded.table.empty());
  EXPECT_EQ(healthy_signs_text(folded), "om.cert.loaded (SCOM01, SCOM02); tls.ok");
  EXPECT_EQ(outcome_counts(folded), "0 errors, 0 warnings · 3 healthy signs");
  const Outline shown = make_outline(diagnoses, true);
  EXPECT_EQ(shown.table.size(), 3u);
  EXPECT_EQ(outcome_counts(shown), "0 errors, 0 warnings, 3 info");
}

TEST(ReportOutline, WhyAndFixAreStatedOnceAndLaterHostsKeepOnlyTheirOwnParagraphs) {
  std::vector<Diagnosis> diagnoses = {make("x.err", Severity::error, "APP01"),
                                      make("x.err", Severity::error, "APP02"),
                                      make("x.err", Severity::error, "APP03")};
  diagnoses[0].explanation = "Shared paragraph.\nOnly on APP01.";
  diagnoses[1].explanation = "Shared paragraph.\nOnly on APP02.";
  diagnoses[2].remediation = {"Something else."};
  const Outline outline = make_outline(diagnoses, false);
  EXPECT_EQ(shared_text(outline, diagnoses[0]).earlier, nullptr);
  const SharedText second = shared_text(outline, diagnoses[1]);
  EXPECT_EQ(second.earlier, &diagnoses[0]);
  EXPECT_FALSE(second.all_of_it);
  ASSERT_EQ(second.own_paragraphs.size(), 1u);
  EXPECT_EQ(second.own_paragraphs[0], "Only on APP02.");
  // A different fix is stated in full.
  EXPECT_EQ(shared_text(outline, diagnoses[2]).earlier, nullptr);
  EXPECT_EQ(other_hosts(outline, diagnoses[0]), (std::vector<std::string>{"APP02", "APP03"}));
}

TEST(ReportOutline, EvidenceKeyMasksNumbersHexAndTimesButNotWords) {
  EXPECT_EQ(evidence_key("Error 0x80090308 at 04:51:58 in SMS_AI, thread BEEF, id 8EBC7D60"),
            "Error # at #:#:# in SMS_AI, thread BEEF, id #");
}

TEST(ReportOutline, NearIdenticalEvidenceLinesBecomeOneWithCountAndLast) {
  const std::vector<Signal> evidence = {signal("retry 1 failed: 403", 10), signal("other text", 11),
                                        signal("retry 2 failed: 403", 12),
                                        signal("retry 3 failed: 403", 14),
                                        signal("retry 4 failed: 403", 15, "other.rule")};
  size_t distinct = 0;
  const auto groups = distinct_evidence(evidence, 2, &distinct);
  EXPECT_EQ(distinct, 3u);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].first->line, 10u);
  EXPECT_EQ(groups[0].last->line, 14u);
  EXPECT_EQ(groups[0].count, 3u);
  EXPECT_EQ(groups[1].first->line, 11u);
  EXPECT_EQ(groups[1].count, 1u);
}

TEST(ReportOutline, CoverageListsOnlyFamiliesOfProductsTheInputHoldsOrThatFired) {
  RunSummary summary;
  summary.coverage = {{"APP01", "cm.ai", "AIUpdateSvc.log", {"AIUpdateSvc.log"}},
                      {"APP01", "cm.client", "CcmMessaging.log", {}},
                      {"APP01", "om", "Operations Manager event log", {}},
                      {"APP01", "tls", "System event log", {}}};
  const std::vector<Diagnosis> diagnoses = {make("tls.untrusted", Severity::error, "APP02")};
  std::string shown;
  for (const CoverageEntry* entry : relevant_coverage(summary, diagnoses, false))
    shown += entry->family + ":" + entry->log + " ";
  EXPECT_EQ(shown, "cm.ai:AIUpdateSvc.log cm.client:CcmMessaging.log tls:System event log ");
  EXPECT_EQ(coverage_heading(summary, 3, false),
            "the logs each family of diagnoses found in the input needs; 1 entry for families "
            "unrelated to it left out (--coverage=all lists them)");
  EXPECT_EQ(relevant_coverage(summary, diagnoses, true).size(), 4u);
  EXPECT_EQ(coverage_heading(summary, 4, true), "the logs each family of diagnoses needs");
}

}  // namespace
}  // namespace certdiag
