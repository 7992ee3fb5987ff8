#include "report/outline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "model/build_info.h"
#include "report/strings.h"

namespace certdiag {
namespace {

// Open before resolved, the most severe first, then hosts (the unnamed host last), then ids.
bool comes_before(const Diagnosis* a, const Diagnosis* b) {
  const auto key = [](const Diagnosis* d) {
    return std::make_tuple(d->resolved_at.has_value(), -static_cast<int>(d->severity),
                           d->host.empty(), std::string_view(d->host), std::string_view(d->id));
  };
  return key(a) < key(b);
}

std::vector<const Diagnosis*> in_detail_order(const Outline& outline) {
  std::vector<const Diagnosis*> out;
  for (const auto& host : outline.hosts)
    out.insert(out.end(), host.diagnoses.begin(), host.diagnoses.end());
  return out;
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// A word that is a number: decimal, hexadecimal with a digit in it, or 0x-prefixed.
bool is_number_word(std::string_view word) {
  if (word.size() > 2 && word[0] == '0' && (word[1] == 'x' || word[1] == 'X'))
    word.remove_prefix(2);
  const bool has_digit = std::any_of(
      word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return has_digit && std::all_of(word.begin(), word.end(), is_hex);
}

}  // namespace

Outline make_outline(const std::vector<Diagnosis>& diagnoses, bool show_info) {
  Outline outline;
  for (const auto& diagnosis : diagnoses) {
    if (diagnosis.severity == Severity::info && !show_info) {
      outline.healthy.push_back(&diagnosis);
      continue;
    }
    outline.table.push_back(&diagnosis);
    if (diagnosis.resolved_at) {
      ++outline.resolved;
    } else if (diagnosis.severity == Severity::error) {
      ++outline.open_errors;
    } else if (diagnosis.severity == Severity::warning) {
      ++outline.open_warnings;
    } else {
      ++outline.open_info;
    }
  }
  std::stable_sort(outline.table.begin(), outline.table.end(), comes_before);
  std::stable_sort(outline.healthy.begin(), outline.healthy.end(), comes_before);
  for (const Diagnosis* diagnosis : outline.table) {
    auto it = std::find_if(outline.hosts.begin(), outline.hosts.end(),
                           [&](const HostDetails& h) { return h.host == diagnosis->host; });
    if (it == outline.hosts.end()) it = outline.hosts.insert(it, HostDetails{diagnosis->host, {}});
    it->diagnoses.push_back(diagnosis);
  }
  return outline;
}

std::string_view status_name(const Diagnosis& diagnosis) {
  return diagnosis.resolved_at ? "resolved" : "open";
}

std::string host_label(std::string_view host) {
  return host.empty() ? "(no host named)" : make_visible(host);
}

std::string outcome_counts(const Outline& outline) {
  std::string out = fmt::format("{}, {}", plural(outline.open_errors, "error"),
                                plural(outline.open_warnings, "warning"));
  if (outline.open_info > 0) out += fmt::format(", {} info", outline.open_info);
  if (outline.resolved > 0) out += fmt::format(" · {} resolved", outline.resolved);
  if (!outline.healthy.empty()) out += " · " + plural(outline.healthy.size(), "healthy sign");
  return out;
}

std::string healthy_signs_text(const Outline& outline) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_id;
  for (const Diagnosis* diagnosis : outline.healthy) {
    auto it = std::find_if(by_id.begin(), by_id.end(),
                           [&](const auto& entry) { return entry.first == diagnosis->id; });
    if (it == by_id.end()) it = by_id.insert(by_id.end(), {diagnosis->id, {}});
    if (!diagnosis->host.empty()) it->second.push_back(make_visible(diagnosis->host));
  }
  std::string out;
  for (const auto& [id, hosts] : by_id) {
    if (!out.empty()) out += "; ";
    out += id;
    if (!hosts.empty()) out += fmt::format(" ({})", fmt::join(hosts, ", "));
  }
  return out;
}

SharedText shared_text(const Outline& outline, const Diagnosis& diagnosis) {
  SharedText shared;
  for (const Diagnosis* other : in_detail_order(outline)) {
    if (other == &diagnosis) return shared;
    if (other->id != diagnosis.id) continue;
    if (other->remediation != diagnosis.remediation || other->references != diagnosis.references)
      return shared;
    const auto mine = paragraphs(diagnosis.explanation);
    const auto theirs = paragraphs(other->explanation);
    // The first paragraph is the rule's general explanation; the rest are facts of the host.
    if (mine.empty() || theirs.empty() || mine.front() != theirs.front()) return shared;
    shared.earlier = other;
    shared.all_of_it = std::all_of(theirs.begin(), theirs.end(), [&](std::string_view paragraph) {
      return std::find(mine.begin(), mine.end(), paragraph) != mine.end();
    });
    for (const auto paragraph : mine) {
      if (std::find(theirs.begin(), theirs.end(), paragraph) == theirs.end())
        shared.own_paragraphs.push_back(paragraph);
    }
    return shared;
  }
  return shared;
}

std::vector<std::string> other_hosts(const Outline& outline, const Diagnosis& diagnosis) {
  std::vector<std::string> out;
  for (const Diagnosis* other : in_detail_order(outline)) {
    if (other->id != diagnosis.id || other->host == diagnosis.host) continue;
    const std::string label = host_label(other->host);
    if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(label);
  }
  return out;
}

std::string evidence_key(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isalnum(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view word = text.substr(i, end - i);
    out += is_number_word(word) ? std::string_view("#") : word;
    i = end;
  }
  return out;
}

std::vector<EvidenceGroup> distinct_evidence(const std::vector<Signal>& evidence, size_t max,
                                             size_t* distinct_total) {
  std::vector<EvidenceGroup> groups;
  std::map<std::string, size_t> index;  // rule and key → group
  for (const auto& signal : evidence) {
    const std::string key = signal.rule + '\x1f' + evidence_key(signal.text);
    const auto [it, added] = index.try_emplace(key, groups.size());
    if (added) groups.push_back({&signal, &signal, 0});
    EvidenceGroup& group = groups[it->second];
    ++group.count;
    group.last = &signal;
  }
  if (distinct_total) *distinct_total = groups.size();
  if (groups.size() > max) groups.resize(max);
  return groups;
}

std::string inputs_text(const RunSummary& summary, const std::vector<Diagnosis>& diagnoses) {
  std::vector<std::pair<std::string, size_t>> formats;
  std::set<std::string> hosts;
  for (const auto& source : summary.sources) {
    auto it = std::find_if(formats.begin(), formats.end(),
                           [&](const auto& entry) { return entry.first == source.format; });
    if (it == formats.end()) it = formats.insert(formats.end(), {source.format, 0});
    ++it->second;
    for (const auto& host : source.hosts) hosts.insert(host);
  }
  for (const auto& diagnosis : diagnoses) {
    if (!diagnosis.host.empty()) hosts.insert(diagnosis.host);
  }
  std::vector<std::string> format_parts;
  for (const auto& [format, count] : formats)
    format_parts.push_back(count > 1 ? fmt::format("{} ×{}", format, count) : format);
  std::string out = plural(summary.sources.size(), "input");
  if (!format_parts.empty()) out += fmt::format(" ({})", fmt::join(format_parts, ", "));
  constexpr size_t kMaxHosts = 8;
  if (!hosts.empty()) {
    std::vector<std::string> shown;
    for (const auto& host : hosts) {
      if (shown.size() == kMaxHosts) break;
      shown.push_back(make_visible(host));
    }
    out += fmt::format(
        " · {} {}{}", hosts.size() == 1 ? "host" : "hosts", fmt::join(shown, ", "),
        hosts.size() > kMaxHosts ? fmt::format(" and {} more", hosts.size() - kMaxHosts) : "");
  }
  if (!summary.errors.empty()) out += fmt::format(" · {} unreadable", summary.errors.size());
  if (!summary.skipped.empty()) out += fmt::format(" · {} not logs", summary.skipped.size());
  return out;
}

std::vector<std::string> read_notes(const SourceSummary& source) {
  std::vector<std::string> out = {fmt::format("{}: {} ({}), {}", make_visible(source.name),
                                              source.format, source.encoding,
                                              make_visible(source.format_reason))};
  const std::string_view order = source.date_order == "dmy"   ? "day first"
                                 : source.date_order == "ymd" ? "year first"
                                                              : "month first";
  if (source.date_order_assumed) {
    out.push_back(fmt::format(
        "dates read {}: none of its dates decides day/month order; --date-order sets it", order));
  } else if (!source.date_order.empty()) {
    out.push_back(fmt::format("dates read {}", order));
  }
  return out;
}

std::string near_miss_text(const NearMiss& miss) {
  std::string seen;
  for (const auto& [id, count] : miss.present)
    seen += fmt::format("{}{} ×{}", seen.empty() ? "" : ", ", id, count);
  std::string out =
      fmt::format("{}{}: ", miss.id, miss.host.empty() ? "" : " on " + make_visible(miss.host));
  if (!seen.empty()) out += "saw " + seen + "; ";
  return out +
         (miss.note.empty() ? fmt::format("missing {}", fmt::join(miss.missing, ", ")) : miss.note);
}

std::vector<const CoverageEntry*> relevant_coverage(const RunSummary& summary,
                                                    const std::vector<Diagnosis>& diagnoses,
                                                    bool all) {
  // "cm" of "cm.ai": families of one product are related.
  const auto product = [](std::string_view family) { return family.substr(0, family.find('.')); };
  std::set<std::pair<std::string, std::string_view>> held;  // host, product
  for (const auto& entry : summary.coverage) {
    if (!entry.sources.empty()) held.emplace(entry.host, product(entry.family));
  }
  std::vector<const CoverageEntry*> out;
  for (const auto& entry : summary.coverage) {
    const bool fired = std::any_of(diagnoses.begin(), diagnoses.end(), [&](const Diagnosis& d) {
      return d.id.starts_with(entry.family + ".");
    });
    if (all || fired || held.contains({entry.host, product(entry.family)})) out.push_back(&entry);
  }
  return out;
}

std::string coverage_heading(const RunSummary& summary, size_t shown, bool all) {
  if (all) return "the logs each family of diagnoses needs";
  std::string out = "the logs each family of diagnoses found in the input needs";
  if (const size_t left_out = summary.coverage.size() - shown; left_out > 0) {
    out += fmt::format("; {} {} for families unrelated to it left out (--coverage=all lists them)",
                       with_commas(left_out), left_out == 1 ? "entry" : "entries");
  }
  return out;
}

std::string made_by_text(const RunSummary& summary) {
  return fmt::format("certdiag {} · rules {}", build_version(),
                     summary.rules_digest.empty() ? "unknown" : summary.rules_digest);
}

}  // namespace certdiag
