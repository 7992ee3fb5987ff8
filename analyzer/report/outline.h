// What every report for people shares, before any formatting: the summary table's order (open
// problems by severity then host, resolved ones last), the details grouped per host, the info
// diagnoses folded into "healthy signs", and evidence collapsed into distinct lines. Does not
// format anything; text.cpp, markdown.cpp and html.cpp do.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnosis.h"
#include "model/summary.h"

namespace certdiag {

struct HostDetails {
  std::string host;  // empty: the logs name no host
  std::vector<const Diagnosis*> diagnoses;
};

struct Outline {
  std::vector<const Diagnosis*> table;    // open by severity, host, id; then resolved ones
  std::vector<const Diagnosis*> healthy;  // info diagnoses folded into one line
  std::vector<HostDetails> hosts;         // in the order the table first names them
  uint64_t open_errors = 0;
  uint64_t open_warnings = 0;
  uint64_t open_info = 0;  // shown in full (--min-severity info)
  uint64_t resolved = 0;
};

// show_info: info diagnoses are listed like problems instead of folded into healthy signs.
Outline make_outline(const std::vector<Diagnosis>& diagnoses, bool show_info);

// "open" or "resolved".
std::string_view status_name(const Diagnosis& diagnosis);

// "SITE01" or "(no host named)".
std::string host_label(std::string_view host);

// "2 errors, 1 warning · 1 resolved · 3 healthy signs": open problems only in the counts.
std::string outcome_counts(const Outline& outline);

// "om.cert.loaded (SCOM01, SCOM02); tls.ok (WEB01)": the healthy signs on one line.
std::string healthy_signs_text(const Outline& outline);

// The why and fix of a diagnosis whose id the report has shown in full for another host: that
// diagnosis, whether all of its why applies here too, and the paragraphs only this one has.
// `earlier` is null when this one is the first, or its fix or general paragraph differ, so it
// shows them in full.
struct SharedText {
  const Diagnosis* earlier = nullptr;
  bool all_of_it = false;  // every paragraph of the earlier why holds here too
  std::vector<std::string_view> own_paragraphs;
};
SharedText shared_text(const Outline& outline, const Diagnosis& diagnosis);

// The other hosts a diagnosis's id is reported for, in detail order.
std::vector<std::string> other_hosts(const Outline& outline, const Diagnosis& diagnosis);

// One distinct evidence line: signals whose text differs only in numbers, GUIDs and hex values
// from the same rule, with the first one as the example.
struct EvidenceGroup {
  const Signal* first = nullptr;
  const Signal* last = nullptr;
  uint64_t count = 0;
};

// The distinct lines of the evidence, in order of first appearance, at most `max` of them;
// `distinct_total` (when given) receives how many there are in all.
std::vector<EvidenceGroup> distinct_evidence(const std::vector<Signal>& evidence, size_t max,
                                             size_t* distinct_total = nullptr);

// The text with its digit runs (and the hex words around them) replaced by '#': the key that
// makes near-identical lines one.
std::string evidence_key(std::string_view text);

// The formats, hosts and count of the inputs: "9 inputs (cmtrace ×5, evtx ×4) · hosts SITE01,
// SITE02".
std::string inputs_text(const RunSummary& summary, const std::vector<Diagnosis>& diagnoses);

// --why: how an input was read ("a.log: cmtrace (UTF-8), <reason>"), then a note on the order
// its dates were read in, when it has locale dates.
std::vector<std::string> read_notes(const SourceSummary& source);

// --why: what a diagnosis that did not fire saw and what it missed ("om.auth.failed on SCOM01:
// saw om.x ×2; missing om.y").
std::string near_miss_text(const NearMiss& miss);

// --coverage: the entries worth showing: per host, the families of a product the host's input
// holds a log of ("cm.client" when it holds one for "cm.ai"), and those a diagnosis fired for;
// the others would only list logs unrelated to the case. `all` (--coverage=all): every entry.
std::vector<const CoverageEntry*> relevant_coverage(const RunSummary& summary,
                                                    const std::vector<Diagnosis>& diagnoses,
                                                    bool all);

// What the coverage section lists, for its heading: "the logs each family of diagnoses found in
// the input needs; 12 entries for families unrelated to it left out (--coverage=all lists them)".
std::string coverage_heading(const RunSummary& summary, size_t shown, bool all);

// "certdiag 0.1.0 · rules xxh3:…": what made the report.
std::string made_by_text(const RunSummary& summary);

}  // namespace certdiag
