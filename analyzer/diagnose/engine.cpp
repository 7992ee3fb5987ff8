#include "diagnose/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "diagnose/expiry_text.h"
#include "diagnose/text_template.h"
#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

using Set = std::vector<const Signal*>;

// Orders signals by time (unknown first), then by where they were read.
bool earlier(const Signal* a, const Signal* b) {
  if (a->time != b->time) return a->time < b->time;
  if (a->source != b->source) return a->source < b->source;
  if (a->line != b->line) return a->line < b->line;
  return a->rule < b->rule;
}

struct Filters {
  std::optional<Time> after;
  std::optional<Time> before;
  std::optional<ExpiryState> expiry;
  std::string expiry_capture;
  std::vector<const CaptureTest*> captures;
  bool across_hosts = false;
};

bool captures_pass(const std::vector<Capture>& captures, const Filters& filters) {
  return std::all_of(filters.captures.begin(), filters.captures.end(),
                     [&](const CaptureTest* test) { return capture_passes(captures, *test); });
}

using Dropped = std::vector<const SignalStore::Dropped*>;

std::string joined(const std::vector<Capture>& captures) {
  std::string out;
  for (const auto& capture : captures) out += '\n' + capture.name + '=' + capture.value;
  return out;
}

// Evaluates conditions over the signals of one scope group (sorted by `earlier`).
class Evaluator {
 public:
  // `run` holds the signals of every host, for conditions that look across hosts.
  Evaluator(const Set& group, const Set& run, const Dropped& dropped,
            const DiagnoseOptions& options)
      : group_(group), run_(run), dropped_(dropped), options_(options) {}

  // The signals that support the condition; empty when it does not hold.
  Set evaluate(const Condition& condition, const Set& base, Filters filters = {}) const {
    if (condition.after) filters.after = condition.after;
    if (condition.before) filters.before = condition.before;
    if (condition.expiry) {
      filters.expiry = condition.expiry;
      filters.expiry_capture = condition.expiry_capture;
    }
    for (const auto& test : condition.captures) filters.captures.push_back(&test);
    if (condition.across_hosts) filters.across_hosts = true;
    Set result;
    uint64_t uncounted = 0;  // dropped signals the leaves stand for
    if (!condition.signal.empty()) {
      for (const Signal* signal : filters.across_hosts ? run_ : group_) {
        if (signal->rule == condition.signal && passes(*signal, filters)) result.push_back(signal);
      }
      if (!result.empty() && !filters.after && !filters.before && !filters.expiry &&
          !filters.across_hosts) {
        for (const auto* entry : dropped_) {
          if (entry->rule == condition.signal && captures_pass(entry->captures, filters))
            uncounted += entry->count;
        }
      }
    } else if (!condition.any.empty()) {
      for (const auto& child : condition.any) append(result, evaluate(child, base, filters));
    } else if (!condition.all.empty() || !condition.sequence.empty()) {
      const bool ordered = condition.all.empty();
      std::vector<Set> parts;
      for (const auto& child : ordered ? condition.sequence : condition.all) {
        parts.push_back(evaluate(child, base, filters));
        if (parts.back().empty()) return {};
      }
      if (!(ordered ? in_sequence(parts, condition.within) : together(parts, condition.within)))
        return {};
      for (const auto& part : parts) append(result, part);
    } else {
      for (const Signal* signal : base) {
        if (passes(*signal, filters)) result.push_back(signal);
      }
    }
    if (result.empty()) return {};
    std::sort(result.begin(), result.end(), earlier);
    result.erase(std::unique(result.begin(), result.end()), result.end());

    const bool windowed = condition.within && condition.all.empty() && condition.sequence.empty();
    if (condition.count) {
      const uint64_t n =
          windowed ? densest_window(result, *condition.within) : result.size() + uncounted;
      if (!compare(n, *condition.count)) return {};
    }
    if (!condition.absent.empty() && !absent_after(result, condition.absent)) return {};
    return result;
  }

 private:
  bool passes(const Signal& signal, const Filters& filters) const {
    if (!captures_pass(signal.captures, filters)) return false;
    if (filters.after && (!signal.time || *signal.time <= *filters.after)) return false;
    if (filters.before && (!signal.time || *signal.time >= *filters.before)) return false;
    if (filters.expiry) {
      const std::string* value = signal.capture(filters.expiry_capture);
      const auto expires = value ? parse_loose_time(*value) : std::nullopt;
      if (!expires) return false;
      if (*filters.expiry == ExpiryState::expired) return *expires < options_.as_of;
      return *expires >= options_.as_of && *expires <= options_.as_of + options_.renewal_window;
    }
    return true;
  }

  static void append(Set& into, const Set& from) {
    into.insert(into.end(), from.begin(), from.end());
  }

  static bool compare(uint64_t n, const CountTest& test) {
    if (test.op == ">=") return n >= test.value;
    if (test.op == ">") return n > test.value;
    if (test.op == "<=") return n <= test.value;
    if (test.op == "<") return n < test.value;
    return n == test.value;
  }

  // The largest number of timed signals that fit in one window.
  static uint64_t densest_window(const Set& sorted, std::chrono::milliseconds window) {
    uint64_t best = 0;
    size_t start = 0;
    for (size_t end = 0; end < sorted.size(); ++end) {
      if (!sorted[end]->time) continue;
      while (!sorted[start]->time || *sorted[end]->time - *sorted[start]->time > window) ++start;
      best = std::max<uint64_t>(best, end - start + 1);
    }
    return best;
  }

  // Whether one signal of each part falls in a common window (any times, without a window).
  static bool together(const std::vector<Set>& parts,
                       std::optional<std::chrono::milliseconds> window) {
    if (!window) return true;
    std::vector<std::pair<Time, size_t>> events;
    for (size_t i = 0; i < parts.size(); ++i) {
      for (const Signal* signal : parts[i]) {
        if (signal->time) events.emplace_back(*signal->time, i);
      }
    }
    std::sort(events.begin(), events.end());
    std::vector<size_t> inside(parts.size(), 0);
    size_t covered = 0;
    size_t start = 0;
    for (const auto& [time, part] : events) {
      if (inside[part]++ == 0) ++covered;
      while (time - events[start].first > *window) {
        if (--inside[events[start].second] == 0) --covered;
        ++start;
      }
      if (covered == parts.size()) return true;
    }
    return false;
  }

  // Whether the parts occur in order (each at or after the previous), within the window.
  static bool in_sequence(const std::vector<Set>& parts,
                          std::optional<std::chrono::milliseconds> window) {
    for (const Signal* first : parts[0]) {
      if (!first->time) continue;
      Time at = *first->time;
      bool complete = true;
      for (size_t i = 1; i < parts.size() && complete; ++i) {
        const auto next = std::find_if(parts[i].begin(), parts[i].end(),
                                       [&](const Signal* s) { return s->time && *s->time >= at; });
        complete = next != parts[i].end();
        if (complete) at = *(*next)->time;
      }
      if (complete && (!window || at - *first->time <= *window)) return true;
    }
    return false;
  }

  // True when no signal of the given ids comes after the latest supporting signal.
  bool absent_after(const Set& support, const std::vector<std::string>& ids) const {
    const Signal* last = support.back();
    for (const Signal* signal : group_) {
      if (std::find(ids.begin(), ids.end(), signal->rule) == ids.end()) continue;
      if (!last->time || !signal->time || *signal->time >= *last->time) return false;
    }
    return true;
  }

  const Set& group_;
  const Set& run_;
  const Dropped& dropped_;
  const DiagnoseOptions& options_;
};

// Records a diagnosis whose condition failed on a group where some of its signals are present
// (with the captured values it tests).
void note_near_miss(const DiagnosisRule& rule, const Set& group, std::vector<NearMiss>& out) {
  NearMiss miss;
  miss.id = rule.id;
  for (const auto& named : named_signals(rule.when)) {
    const auto count =
        static_cast<uint64_t>(std::count_if(group.begin(), group.end(), [&](const Signal* s) {
          return s->rule == named.id && named.accepts(s->captures);
        }));
    if (count > 0) {
      miss.present.emplace_back(named.id, count);
    } else {
      miss.missing.push_back(named.id);
    }
  }
  if (miss.present.empty()) return;
  for (const Signal* signal : group) {
    if (!signal->host.empty()) {
      miss.host = signal->host;
      break;
    }
  }
  // Under `any`, one present signal would do: what failed is a filter, not a missing signal.
  if (miss.missing.empty() || !rule.when.any.empty()) {
    miss.missing.clear();
    miss.note =
        "its signals are there, but not in the order, time window, count, date range or expiry "
        "state it needs";
  }
  out.push_back(std::move(miss));
}

// The group a signal belongs to under a rule's scope. A signal without the capture a correlation
// scope groups by (a layout that does not keep it, such as Event Viewer list rows) joins the
// group of its source.
std::string scope_key(const DiagnosisRule& rule, std::string_view host, std::string_view source,
                      const std::vector<Capture>& captures) {
  switch (rule.scope) {
    case Scope::host:
      return lower(host);
    case Scope::source:
      return lower(host) + '\n' + std::string(source);
    case Scope::bundle:
      return std::string();
    case Scope::correlation:
      for (const auto& capture : captures) {
        if (capture.name == rule.correlate_by) return lower(host) + '\n' + lower(capture.value);
      }
      return lower(host) + '\n' + std::string(source) + '\n';
  }
  return std::string();
}

// The words for {not_after_as_of} and {not_after_today}, from the first supporting signal
// whose captured NotAfter reads as a date.
struct ExpiryWords {
  std::string as_of, today;
};

std::optional<ExpiryWords> expiry_words(const Set& support, const DiagnoseOptions& options) {
  for (const Signal* signal : support) {
    const std::string* value = signal->capture("not_after");
    const auto not_after = value ? parse_loose_time(*value) : std::nullopt;
    if (!not_after) continue;
    return ExpiryWords{expiry_as_of_text(*not_after, options.as_of),
                       expiry_today_text(*not_after, options.as_of, options.now)};
  }
  return std::nullopt;
}

std::string fill_expiry(std::string text, const std::optional<ExpiryWords>& expiry) {
  if (!expiry) return text;
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string*>{"{not_after_as_of}", &expiry->as_of},
        {"{not_after_today}", &expiry->today}}) {
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
      text.replace(at, name.size(), *value);
      at += value->size();
    }
  }
  return text;
}

Diagnosis conclude(const DiagnosisRule& rule, const Evaluator& evaluator, const Set& group,
                   const Set& support, uint64_t dropped, const DiagnoseOptions& options) {
  Diagnosis diagnosis;
  diagnosis.id = rule.id;
  diagnosis.title = rule.title;
  diagnosis.severity = rule.severity;
  for (const auto& entry : rule.severity_when) {
    if (!evaluator.evaluate(entry.when, support).empty()) {
      diagnosis.severity = entry.severity;
      break;
    }
  }
  // A rule that earns no confidence states none: medium.
  if (rule.confidence_high || rule.confidence_medium) {
    diagnosis.confidence = Confidence::low;
    if (rule.confidence_medium && !evaluator.evaluate(*rule.confidence_medium, group).empty()) {
      diagnosis.confidence = Confidence::medium;
    }
    if (rule.confidence_high && !evaluator.evaluate(*rule.confidence_high, group).empty()) {
      diagnosis.confidence = Confidence::high;
    }
  }
  // The group's host: with conditions across hosts, support may hold the other end's signals.
  diagnosis.host = group.front()->host;
  if (diagnosis.confidence != Confidence::high) {
    for (const auto& alternative : rule.alternatives) {
      if (!alternative.when || !evaluator.evaluate(*alternative.when, group).empty())
        diagnosis.alternatives.push_back(alternative);
    }
  }
  // Two signals of one record (a data-keyed and a text-keyed rule) are one piece of evidence.
  Set records;
  std::set<std::pair<std::string_view, uint64_t>> seen;
  for (const Signal* signal : support) {
    if (seen.emplace(signal->source, signal->line).second) records.push_back(signal);
  }
  diagnosis.count = records.size() + dropped;
  for (const Signal* signal : support) {
    if (!signal->time) continue;
    if (!diagnosis.first_seen || *signal->time < *diagnosis.first_seen)
      diagnosis.first_seen = signal->time;
    if (!diagnosis.last_seen || *signal->time > *diagnosis.last_seen)
      diagnosis.last_seen = signal->time;
  }
  for (const Signal* signal : records) {
    if (diagnosis.evidence.size() == options.max_evidence) break;
    diagnosis.evidence.push_back(*signal);
  }
  std::vector<std::string> paragraphs;
  if (!rule.explanation.empty()) paragraphs.push_back(rule.explanation);
  for (const auto& fact : rule.facts) {
    if (!evaluator.evaluate(fact.when, support).empty()) paragraphs.push_back(fact.text);
  }
  const auto expiry = expiry_words(support, options);
  std::string explanation;
  for (const auto& paragraph : paragraphs) {
    const std::string text = fill_template(fill_expiry(paragraph, expiry), support);
    if (text.empty()) continue;  // a paragraph that only said what the date means today
    if (!explanation.empty()) explanation += '\n';
    explanation += text;
  }
  diagnosis.explanation = explanation;
  for (const auto& step : rule.remediation)
    diagnosis.remediation.push_back(fill_template(step, support));
  diagnosis.references = rule.references;
  if (!rule.detail.empty()) diagnosis.detail = fill_template(rule.detail, support);
  if (!rule.resolved_by.empty() && diagnosis.last_seen) {
    for (const Signal* signal : group) {
      if (signal->time && *signal->time > *diagnosis.last_seen &&
          std::find(rule.resolved_by.begin(), rule.resolved_by.end(), signal->rule) !=
              rule.resolved_by.end()) {
        diagnosis.resolved_at = signal->time;
        break;
      }
    }
  }
  return diagnosis;
}

// Folds the diagnosis of one scope group into the one already found for the same id and host.
void merge_into(Diagnosis& into, Diagnosis&& from, size_t max_evidence) {
  into.count += from.count;
  into.severity = std::max(into.severity, from.severity);
  into.confidence = std::max(into.confidence, from.confidence);
  if (into.confidence == Confidence::high) into.alternatives.clear();
  if (from.first_seen && (!into.first_seen || *from.first_seen < *into.first_seen))
    into.first_seen = from.first_seen;
  if (from.last_seen && (!into.last_seen || *from.last_seen > *into.last_seen))
    into.last_seen = from.last_seen;
  for (auto& signal : from.evidence) {
    if (into.evidence.size() < max_evidence) into.evidence.push_back(std::move(signal));
  }
  if (!from.resolved_at) into.resolved_at.reset();
}

bool near(const Diagnosis& a, const Diagnosis& b, std::chrono::milliseconds window) {
  for (const auto& x : a.evidence) {
    for (const auto& y : b.evidence) {
      if (x.time && y.time && (*x.time > *y.time ? *x.time - *y.time : *y.time - *x.time) <= window)
        return true;
    }
  }
  return false;
}

void apply_supersedes(const RuleSet& rules, std::vector<Diagnosis>& diagnoses,
                      std::vector<NearMiss>* near_misses) {
  std::vector<bool> hidden(diagnoses.size(), false);
  for (const auto& strong : diagnoses) {
    const DiagnosisRule* rule = rules.find_diagnosis(strong.id);
    if (!rule || rule->supersedes.empty()) continue;
    for (size_t i = 0; i < diagnoses.size(); ++i) {
      const auto& weak = diagnoses[i];
      if (lower(weak.host) != lower(strong.host)) continue;
      if (std::find(rule->supersedes.begin(), rule->supersedes.end(), weak.id) ==
          rule->supersedes.end())
        continue;
      if (hidden[i] || (rule->supersede_within && !near(strong, weak, *rule->supersede_within)))
        continue;
      hidden[i] = true;
      if (near_misses) {
        near_misses->push_back(
            {weak.id,
             weak.host,
             {},
             {},
             fmt::format("superseded by {}, which explains the same evidence", strong.id)});
      }
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < diagnoses.size(); ++i) {
    if (hidden[i]) continue;
    if (kept != i) diagnoses[kept] = std::move(diagnoses[i]);
    ++kept;
  }
  diagnoses.resize(kept);
}

bool starts_with_any(std::string_view id, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& prefix) { return id.starts_with(prefix); });
}

// A finding that explains another one nearby (a CAPI2 chain error under a TLS failure) adds its
// detail to that one's explanation; both stay reported.
void add_details(const RuleSet& rules, std::vector<Diagnosis>& diagnoses) {
  std::vector<std::string> additions(diagnoses.size());
  for (const auto& source : diagnoses) {
    const DiagnosisRule* rule = rules.find_diagnosis(source.id);
    if (!rule || source.detail.empty()) continue;
    for (size_t i = 0; i < diagnoses.size(); ++i) {
      const auto& target = diagnoses[i];
      if (&target == &source || lower(target.host) != lower(source.host)) continue;
      if (!starts_with_any(target.id, rule->adds_detail_to)) continue;
      if (!near(source, target, rule->detail_within)) continue;
      if (additions[i].find(source.detail) == std::string::npos)
        additions[i] += '\n' + source.detail;
    }
  }
  for (size_t i = 0; i < diagnoses.size(); ++i) diagnoses[i].explanation += additions[i];
}

}  // namespace

std::vector<Capture> SignalStore::keyed(const Signal& signal) const {
  std::vector<Capture> out;
  for (const auto& capture : signal.captures) {
    if (std::find(keyed_captures_.begin(), keyed_captures_.end(), capture.name) !=
        keyed_captures_.end())
      out.push_back(capture);
  }
  return out;
}

void SignalStore::add(Signal signal) {
  ++total_;
  std::vector<Capture> captures = keyed(signal);
  const std::string key =
      signal.rule + '\n' + lower(signal.host) + '\n' + signal.source + joined(captures);
  auto& kept = kept_[key];
  if (kept.size() < kKeepPerKey) {
    kept.push_back(signals_.size());
    signals_.push_back(std::move(signal));
    return;
  }
  // Keep the latest in the last slot, so first and last times stay right.
  auto& dropped = dropped_[key];
  if (dropped.count++ == 0) dropped = {signal.rule, signal.host, signal.source, captures, 1};
  signals_[kept.back()] = std::move(signal);
}

void SignalStore::add_all(std::vector<Signal>& signals) {
  for (auto& signal : signals) add(std::move(signal));
  signals.clear();
}

void SignalStore::absorb(SignalStore&& other) {
  for (auto& signal : other.signals_) add(std::move(signal));
  for (auto& [key, entry] : other.dropped_) {
    auto& dropped = dropped_[key];
    if (dropped.count == 0)
      dropped = entry;
    else
      dropped.count += entry.count;
    total_ += entry.count;
  }
  other = SignalStore();
}

std::vector<Diagnosis> diagnose(const RuleSet& rules, const SignalStore& store,
                                const DiagnoseOptions& options,
                                std::vector<NearMiss>* near_misses) {
  std::vector<Diagnosis> found;
  Set run;
  for (const auto& signal : store.signals()) run.push_back(&signal);
  std::sort(run.begin(), run.end(), earlier);
  for (const auto& rule : rules.diagnoses) {
    std::map<std::string, Set> groups;
    for (const auto& signal : store.signals()) {
      groups[scope_key(rule, signal.host, signal.source, signal.captures)].push_back(&signal);
    }
    std::map<std::string, size_t> by_host;  // lower-case host → index in found
    for (auto& [key, group] : groups) {
      std::sort(group.begin(), group.end(), earlier);
      Dropped group_dropped;  // signals counted but not kept
      for (const auto& [unused, entry] : store.dropped()) {
        if (scope_key(rule, entry.host, entry.source, entry.captures) == key)
          group_dropped.push_back(&entry);
      }
      const Evaluator evaluator(group, run, group_dropped, options);
      const Set support = evaluator.evaluate(rule.when, group);
      if (support.empty()) {
        if (near_misses) note_near_miss(rule, group, *near_misses);
        continue;
      }
      if (rule.unless && !evaluator.evaluate(*rule.unless, group).empty()) {
        if (near_misses) {
          near_misses->push_back({rule.id,
                                  group.front()->host,
                                  {},
                                  {},
                                  "its signals are there, but other evidence decides for another "
                                  "diagnosis"});
        }
        continue;
      }
      // The dropped signals of a rule, and of its keyed capture values, that support it.
      std::set<std::pair<std::string, std::string>> supporting;
      for (const Signal* signal : support)
        supporting.emplace(signal->rule, joined(store.keyed(*signal)));
      uint64_t dropped = 0;
      for (const auto* entry : group_dropped) {
        if (supporting.contains({entry->rule, joined(entry->captures)})) dropped += entry->count;
      }
      Diagnosis diagnosis = conclude(rule, evaluator, group, support, dropped, options);
      const std::string host = lower(diagnosis.host);
      if (const auto it = by_host.find(host); it != by_host.end()) {
        merge_into(found[it->second], std::move(diagnosis), options.max_evidence);
      } else {
        by_host[host] = found.size();
        found.push_back(std::move(diagnosis));
      }
    }
  }
  apply_supersedes(rules, found, near_misses);
  add_details(rules, found);
  if (near_misses) {
    // A source-scoped rule may fail in one source of a host and fire in another.
    std::erase_if(*near_misses, [&](const NearMiss& miss) {
      return miss.note.empty() && std::any_of(found.begin(), found.end(), [&](const Diagnosis& d) {
               return d.id == miss.id && lower(d.host) == lower(miss.host);
             });
    });
  }
  std::stable_sort(found.begin(), found.end(), [](const Diagnosis& a, const Diagnosis& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (lower(a.host) != lower(b.host)) return lower(a.host) < lower(b.host);
    return a.id < b.id;
  });
  return found;
}

}  // namespace certdiag
