#include "match/matcher.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "match/prefilter.h"
#include "model/thread_scratch.h"
#include "model/utf8.h"
#include "rules/match_fields.h"

namespace certdiag {
namespace {

constexpr size_t kMaxEvidenceText = 4096;

RE2::Options regex_options(bool case_sensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  return options;
}

// A rule's regex, compiled the first time a record needs it: most rules never hit a record of
// a run, and the message scan needs only the set, so start-up compiles each regex once (the
// loader validated them already). Safe to use from several threads at once.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, bool case_sensitive)
      : pattern_(std::move(pattern)), case_sensitive_(case_sensitive) {}

  const RE2& get() const {
    std::call_once(once_, [this] {
      regex_ = std::make_unique<RE2>(pattern_, regex_options(case_sensitive_));
    });
    return *regex_;
  }

 private:
  std::string pattern_;
  bool case_sensitive_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> regex_;
};

// How a field test reads its value: decided once, not by comparing names per record. A test of
// the source's own fields (format, path) holds for all of its records or for none.
enum class TestKind { event_id, provider, source, other };

TestKind test_kind(std::string_view field) {
  if (field == "event_id") return TestKind::event_id;
  if (field == "provider") return TestKind::provider;
  return TestKind::other;
}

// One compiled field test.
struct CompiledTest {
  std::string field;
  std::unique_ptr<LazyRegex> regex;  // text fields
  std::vector<uint32_t> ids;         // event_id
  const MatchField* row = nullptr;
  size_t memo_slot = 0;  // where each thread remembers this test's answers
  bool negated = false;  // the record passes when the test does not hold
  TestKind kind = test_kind(field);

  std::optional<std::string_view> value(const Record& record, const SourceInfo& source) const {
    return row->read(record, source, field);
  }
};

// A signal rule, or one alternative of it (its common tests and the alternative's).
struct CompiledRule {
  const SignalRule* rule = nullptr;
  std::unique_ptr<LazyRegex> message;  // null when the rule does not test the message
  std::vector<CompiledTest> others;
  bool tests_source = false;  // some of `others` test the source (TestKind::source)
  bool alternative = false;   // one of the rule's alternatives, compiled in the order written
};

// Message regexes scanned in one pass: set member i is the matcher's message regex members[i].
struct MessageScan {
  std::unique_ptr<RE2::Set> set;
  std::vector<int> members;
  // False when the regexes do not fit in one set's memory: each is then run on its own.
  bool compiled = false;
};

// The set of `patterns` (indexes into the matcher's message regexes), compiled. The set is
// case-sensitive; case-insensitive rules carry (?i) so both kinds share one scan. A pattern the
// set refuses is left out: its rule's own regex does not compile either, and matches nothing.
MessageScan compile_scan(const std::vector<std::string>& patterns,
                         const std::vector<int>& indexes) {
  MessageScan scan;
  scan.set = std::make_unique<RE2::Set>(regex_options(true), RE2::UNANCHORED);
  for (const int index : indexes) {
    if (scan.set->Add(patterns[static_cast<size_t>(index)], nullptr) >= 0) {
      scan.members.push_back(index);
    }
  }
  scan.compiled = scan.members.empty() || scan.set->Compile();
  return scan;
}

}  // namespace

// Lets maps keyed by std::string be searched with a string_view, without a copy.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct Matcher::Impl {
  std::vector<CompiledRule> rules;
  // Message regex i (as the set holds it) belongs to rules[set_rule[i]].
  std::vector<std::string> set_patterns;
  std::vector<size_t> set_rule;
  // The message regexes of rules that also need an event id, by id: only records with one of
  // its ids can raise such a rule, so its own regex runs on those; the set is smaller for it.
  std::unordered_map<uint32_t, std::vector<int>> message_by_event_id;
  std::vector<int> scanned;  // the other message regexes, which the set scans
  // The scanned regexes, compiled when the first message is matched: RE2 takes longer to
  // compile the set than the rest of the start-up together, and an input may hold no message.
  mutable std::once_flag all_once;
  mutable std::atomic<bool> all_ready{false};
  mutable MessageScan all;
  // The prefilter, built once `prefilter_after` messages were matched (on any thread): asking
  // RE2 for the literals of every regex costs about as much as the rest of the start-up, which
  // a short input would not win back.
  bool prefilter_wanted = false;
  size_t prefilter_after = 0;
  mutable std::once_flag prefilter_once;
  mutable std::atomic<bool> prefilter_ready{false};
  mutable std::unique_ptr<MessagePrefilter> prefilter;
  // The message regexes the prefilter cannot filter, scanned on the messages it rules out.
  mutable MessageScan unfiltered;
  // Records whose set scan ran out of memory (RE2's DFA), matched rule by rule instead.
  mutable std::atomic<uint64_t> set_failures{0};
  // Tells this matcher's cached answers from those of any earlier one, even one that lived at
  // the same address.
  const uint64_t generation = next_generation();
  // Rules without a message regex: by the event ids they need, or tested on every record.
  std::unordered_map<uint32_t, std::vector<size_t>> by_event_id;
  size_t memo_slots = 0;  // field tests (CompiledTest::memo_slot)
  std::vector<size_t> on_every_record;
  std::string error;

  static uint64_t next_generation() {
    static std::atomic<uint64_t> count{0};
    return ++count;
  }

  // Adds a rule to a list of those keyed by one event id, once if it names the id twice.
  template <class Index>
  static void add_once(std::vector<Index>& list, Index index) {
    if (list.empty() || list.back() != index) list.push_back(index);
  }

  // Compiles one rule (or one alternative of it) with these tests.
  void add(const SignalRule& rule, const std::vector<FieldTest>& tests, bool alternative) {
    CompiledRule compiled;
    compiled.rule = &rule;
    compiled.alternative = alternative;
    for (const auto& test : tests) {
      // A negated message test cannot pick records out in the set scan: it is tested after.
      if (test.field == "message" && !test.negated) {
        compiled.message = std::make_unique<LazyRegex>(test.pattern, rule.case_sensitive);
        set_patterns.push_back((rule.case_sensitive ? "" : "(?i)") + test.pattern);
        set_rule.push_back(rules.size());
      } else {
        CompiledTest compiled_test{test.field,   nullptr,
                                   test.ids,     find_match_field(test.field),
                                   memo_slots++, test.negated};
        if (!compiled_test.row) {
          error = "signal '" + rule.id + "': unknown match field '" + test.field + "'";
          continue;
        }
        if (compiled_test.row->of_source) {
          compiled_test.kind = TestKind::source;
          compiled.tests_source = true;
        }
        if (compiled_test.kind != TestKind::event_id) {
          compiled_test.regex = std::make_unique<LazyRegex>(test.pattern, rule.case_sensitive);
        }
        compiled.others.push_back(std::move(compiled_test));
      }
    }
    // The cheapest test first: an event id is an integer compare.
    const auto picks_by_id = [](const CompiledTest& test) {
      return test.kind == TestKind::event_id && !test.negated;
    };
    std::stable_partition(compiled.others.begin(), compiled.others.end(), picks_by_id);
    const auto id_test = std::find_if(compiled.others.begin(), compiled.others.end(), picks_by_id);
    const bool by_id = id_test != compiled.others.end();
    const int message = static_cast<int>(set_patterns.size()) - 1;
    if (compiled.message && !by_id) {
      scanned.push_back(message);
    } else if (compiled.message) {
      for (uint32_t id : id_test->ids) add_once(message_by_event_id[id], message);
    } else if (by_id) {
      for (uint32_t id : id_test->ids) add_once(by_event_id[id], rules.size());
    } else {
      on_every_record.push_back(rules.size());
    }
    rules.push_back(std::move(compiled));
  }

  // Whether a field test's regex matches a value. Field values (providers, channels, status
  // codes) repeat across millions of records, so each thread remembers recent answers, for the
  // matcher that last used it.
  bool test_value(const CompiledTest& test, std::string_view value) const {
    // One test's answers: the last value asked (consecutive records mostly share it), and
    // the others seen.
    struct Slot {
      std::string last;
      bool last_matched = false;
      bool has_last = false;
      std::unordered_map<std::string, bool, ViewHash, std::equal_to<>> answers;
    };
    struct Memo {
      uint64_t generation = 0;
      std::vector<Slot> slots;
    };
    thread_local ThreadScratch<Memo> kept_memo;
    Memo& memo = kept_memo.get();
    if (memo.generation != generation) {
      memo.slots.clear();
      memo.slots.resize(memo_slots);
      memo.generation = generation;
    }
    Slot& slot = memo.slots[test.memo_slot];
    if (slot.has_last && slot.last == value) return slot.last_matched;
    bool matched;
    if (const auto it = slot.answers.find(value); it != slot.answers.end()) {
      matched = it->second;
    } else {
      matched = RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), test.regex->get());
      // Bounded: high-cardinality fields just recompute.
      if (slot.answers.size() >= 4096) slot.answers.clear();
      slot.answers.emplace(value, matched);
    }
    slot.last.assign(value);
    slot.last_matched = matched;
    slot.has_last = true;
    return matched;
  }

  // Whether a field test holds on a record, before any negation.
  bool holds(const CompiledTest& test, const Record& record, const SourceInfo& source) const {
    if (test.kind == TestKind::event_id) {
      return record.event_id &&
             std::find(test.ids.begin(), test.ids.end(), *record.event_id) != test.ids.end();
    }
    if (test.kind == TestKind::provider) {
      // An event's provider matches by Name or by EventSourceName.
      return test_value(test, record.component) ||
             (!record.provider_alias.empty() && test_value(test, record.provider_alias));
    }
    const auto value = test.value(record, source);
    return value && test_value(test, *value);
  }

  // Whether the record passes the rule's tests other than its message regex; those of the
  // source were decided once for it (SourcePlan).
  bool passes_others(const CompiledRule& compiled, const Record& record,
                     const SourceInfo& source) const {
    return std::all_of(compiled.others.begin(), compiled.others.end(), [&](const auto& test) {
      return test.kind == TestKind::source || holds(test, record, source) != test.negated;
    });
  }

  // What the tests of a source's own fields decide for all of its records: which rules it lets
  // through. Records come source by source, so each thread keeps the plan of its last source.
  struct SourcePlan {
    uint64_t generation = 0;
    std::string format;
    std::string name;
    std::vector<char> allowed;            // per rule
    std::vector<size_t> on_every_record;  // the matcher's, less those the source rules out
  };

  const SourcePlan& plan_for(const SourceInfo& source) const {
    thread_local ThreadScratch<SourcePlan> kept_plan;
    SourcePlan& plan = kept_plan.get();
    if (plan.generation == generation && plan.format == source.format && plan.name == source.name) {
      return plan;
    }
    plan.generation = generation;
    plan.format = source.format;
    plan.name = source.name;
    const Record none;
    plan.allowed.assign(rules.size(), 1);
    for (size_t i = 0; i < rules.size(); ++i) {
      if (!rules[i].tests_source) continue;
      plan.allowed[i] = std::all_of(
          rules[i].others.begin(), rules[i].others.end(), [&](const CompiledTest& test) {
            return test.kind != TestKind::source || holds(test, none, source) != test.negated;
          });
    }
    plan.on_every_record.clear();
    std::copy_if(on_every_record.begin(), on_every_record.end(),
                 std::back_inserter(plan.on_every_record),
                 [&](size_t index) { return plan.allowed[index] != 0; });
    return plan;
  }

  void emit(const CompiledRule& compiled, const Record& record, const SourceInfo& source,
            std::vector<Signal>& out) const {
    Signal signal;
    signal.text = evidence_text(record);
    if (compiled.message) {
      std::string_view matched;
      if (!capture(compiled.message->get(), record.message, signal.captures, &matched)) {
        return;  // the set and the rule disagree only if the rule was not in the set
      }
      const size_t begin = static_cast<size_t>(matched.data() - record.message.data());
      if (begin + matched.size() <= signal.text.size()) {
        signal.match_begin = static_cast<uint32_t>(begin);
        signal.match_end = static_cast<uint32_t>(begin + matched.size());
      }
    }
    for (const auto& test : compiled.others) {
      if (test.negated || !test.regex || test.regex->get().NamedCapturingGroups().empty()) continue;
      if (const auto value = test.value(record, source)) {
        capture(test.regex->get(), *value, signal.captures);
      }
    }
    std::sort(signal.captures.begin(), signal.captures.end(),
              [](const Capture& a, const Capture& b) { return a.name < b.name; });
    signal.rule = compiled.rule->id;
    signal.source = source.name;
    signal.line = record.line;
    signal.time = record.time;
    signal.time_assumed = record.time_assumed;
    signal.local_time = record.local_time;
    signal.host = record.host;
    if (record.event_id && is_event_log(source.format)) {
      signal.provider = record.component;
      signal.event_id = record.event_id;
    }
    signal.level = record.level;
    signal.recovered = record.recovered;
    out.push_back(std::move(signal));
  }

  void build_prefilter() const {
    const RE2::Options set_options = regex_options(true);
    // The rules' own sample messages are log text: what is common there filters little.
    std::vector<std::string_view> samples;
    for (const auto& compiled : rules) {
      if (compiled.alternative && &compiled != &rules.front() &&
          (&compiled - 1)->rule == compiled.rule) {
        continue;  // the rule's samples were taken with its first alternative
      }
      for (const auto* list : {&compiled.rule->samples_match, &compiled.rule->samples_no_match}) {
        for (const auto& sample : *list) {
          for (const auto& field : sample.fields) {
            if (field.name == "message") samples.push_back(field.value);
          }
        }
      }
    }
    std::vector<std::string> patterns;
    for (const int message : scanned)
      patterns.push_back(set_patterns[static_cast<size_t>(message)]);
    prefilter = std::make_unique<MessagePrefilter>(patterns, set_options, samples);
    std::vector<int> unfiltered_members;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (prefilter->unfiltered(i)) unfiltered_members.push_back(scanned[i]);
    }
    if (!unfiltered_members.empty()) unfiltered = compile_scan(set_patterns, unfiltered_members);
    prefilter_ready.store(true, std::memory_order_release);
  }

  // The scan of every message regex, compiled on first use (on any thread).
  const MessageScan& all_messages() const {
    if (!all_ready.load(std::memory_order_acquire)) {
      std::call_once(all_once, [this] {
        all = compile_scan(set_patterns, scanned);
        all_ready.store(true, std::memory_order_release);
      });
    }
    return all;
  }

  // The prefilter, or null while it is not built (yet).
  const MessagePrefilter* ready_prefilter() const {
    if (prefilter_ready.load(std::memory_order_acquire)) return prefilter.get();
    if (!prefilter_wanted) return nullptr;
    thread_local uint64_t counted_generation = 0;
    thread_local size_t counted = 0;
    if (counted_generation != generation) {
      counted_generation = generation;
      counted = 0;
    }
    if (++counted < prefilter_after) return nullptr;
    std::call_once(prefilter_once, [this] { build_prefilter(); });
    return prefilter.get();
  }

  // Appends to `hits` the message regexes of `scan` that match `message` (in set order).
  void scan_message(const MessageScan& scan, std::string_view message,
                    std::vector<int>& hits) const {
    if (scan.members.empty()) return;
    const size_t before = hits.size();
    thread_local ThreadScratch<std::vector<int>> kept_found;
    std::vector<int>& found = kept_found.get();
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (scan.compiled) scan.set->Match(message, &found, &info);
    if (!scan.compiled || info.kind != RE2::Set::kNoError) {
      // No set scan (or it failed, e.g. its DFA ran out of memory): each rule's own regex says
      // which would have hit.
      if (scan.compiled) ++set_failures;
      found.clear();
      hits.resize(before);
      for (const int member : scan.members) {
        if (message_matches(member, message)) hits.push_back(member);
      }
      return;
    }
    for (const int index : found) hits.push_back(scan.members[static_cast<size_t>(index)]);
  }

  // Appends to `hits` the message regexes of the rules keyed by the record's event id that
  // match its message, trying the rules' other tests first: other providers use the same ids.
  void match_by_event_id(const Record& record, const SourceInfo& source,
                         std::vector<int>& hits) const {
    const auto it = message_by_event_id.find(*record.event_id);
    if (it == message_by_event_id.end()) return;
    for (const int member : it->second) {
      if (passes_others(rules[set_rule[static_cast<size_t>(member)]], record, source) &&
          message_matches(member, record.message)) {
        hits.push_back(member);
      }
    }
  }

  // Whether message regex `member` matches, by its rule's own regex.
  bool message_matches(int member, std::string_view message) const {
    const auto& compiled = rules[set_rule[static_cast<size_t>(member)]];
    return RE2::PartialMatch(re2::StringPiece(message.data(), message.size()),
                             compiled.message->get());
  }

  // Runs `regex` over `text` and appends its named captures (and sets `matched` to the whole
  // match when given); false when it does not match.
  static bool capture(const RE2& regex, std::string_view text, std::vector<Capture>& out,
                      std::string_view* matched = nullptr) {
    std::vector<re2::StringPiece> pieces(static_cast<size_t>(regex.NumberOfCapturingGroups()) + 1);
    if (!regex.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                     pieces.data(), static_cast<int>(pieces.size()))) {
      return false;
    }
    for (const auto& [name, index] : regex.NamedCapturingGroups()) {
      const auto& piece = pieces[static_cast<size_t>(index)];
      if (piece.data() != nullptr) out.push_back({name, std::string(piece.data(), piece.size())});
    }
    if (matched) *matched = std::string_view(pieces[0].data(), pieces[0].size());
    return true;
  }

  // Windows event logs and their exports: their lines name provider, event id and level (a .NET
  // trace's source and id are not worth the columns).
  static bool is_event_log(std::string_view format) {
    return format == "evtx" || format.starts_with("event-");
  }

  // The message, or for an event stored without one (.evtx) its data as Name=value pairs (the
  // line shows its provider and id); for other records without a message, what record_text says.
  static std::string evidence_text(const Record& record) {
    std::string buffer;
    if (record.message.empty() && record.event_id) {
      append_event_data(record, kMaxEvidenceText, buffer);
      return std::string(utf8_prefix(buffer, kMaxEvidenceText));
    }
    return std::string(
        utf8_prefix(record_text(record, kMaxEvidenceText, buffer), kMaxEvidenceText));
  }
};

Matcher::Matcher(const RuleSet& rules, MatcherOptions options) : impl_(std::make_unique<Impl>()) {
  for (const auto& rule : rules.signals) {
    if (rule.alternatives.empty()) {
      impl_->add(rule, rule.tests, false);
      continue;
    }
    for (const auto& alternative : rule.alternatives) {
      std::vector<FieldTest> tests = rule.tests;
      tests.insert(tests.end(), alternative.begin(), alternative.end());
      impl_->add(rule, tests, true);
    }
  }
  impl_->prefilter_wanted = options.prefilter && impl_->error.empty() && !impl_->scanned.empty();
  impl_->prefilter_after = options.prefilter_after_messages;
  if (impl_->prefilter_wanted && impl_->prefilter_after == 0) {
    impl_->all_messages();
    impl_->build_prefilter();
  }
}

bool Matcher::prefiltering() const { return impl_->prefilter_wanted; }

Matcher::~Matcher() = default;

std::string_view MatcherOptions::prefilter_from_environment() {
  const char* value = std::getenv("CERTDIAG_PREFILTER");
  return value == nullptr ? std::string_view() : std::string_view(value);
}

bool Matcher::ok() const { return impl_->error.empty(); }
const std::string& Matcher::error() const { return impl_->error; }

std::string Matcher::warning() const {
  if (impl_->all_ready.load(std::memory_order_acquire) && !impl_->all.compiled) {
    return "the rule regexes do not fit in memory together: each was run on its own (slower)";
  }
  if (const uint64_t failures = impl_->set_failures) {
    return fmt::format(
        "the rule regex set ran out of memory on {} record{}: they were matched rule by rule",
        failures, failures == 1 ? "" : "s");
  }
  return {};
}

void Matcher::match(const Record& record, const SourceInfo& source,
                    std::vector<Signal>& out) const {
  thread_local ThreadScratch<std::vector<int>> kept_hits;
  std::vector<int>& hits = kept_hits.get();
  hits.clear();
  if (!record.message.empty()) {
    if (!impl_->scanned.empty()) {
      // A message the prefilter rules out can match only the regexes it cannot filter.
      const MessagePrefilter* prefilter = impl_->ready_prefilter();
      const bool any = !prefilter || prefilter->may_match(record.message);
      if (any) {
        impl_->scan_message(impl_->all_messages(), record.message, hits);
      } else {
        impl_->scan_message(impl_->unfiltered, record.message, hits);
      }
    }
    if (record.event_id) impl_->match_by_event_id(record, source, hits);
    std::sort(hits.begin(), hits.end());
  }
  const auto& plan = impl_->plan_for(source);
  thread_local ThreadScratch<std::vector<size_t>> kept_passed;
  std::vector<size_t>& passed = kept_passed.get();
  passed.clear();
  const auto test = [&](size_t index) {
    if (plan.allowed[index] && impl_->passes_others(impl_->rules[index], record, source)) {
      passed.push_back(index);
    }
  };
  for (int hit : hits) test(impl_->set_rule[static_cast<size_t>(hit)]);
  const auto test_all = [&](const std::vector<size_t>& indices) {
    for (size_t index : indices) test(index);
  };
  if (record.event_id) {
    if (const auto it = impl_->by_event_id.find(*record.event_id); it != impl_->by_event_id.end()) {
      test_all(it->second);
    }
  }
  test_all(plan.on_every_record);
  for (size_t index : passed) {
    const auto& compiled = impl_->rules[index];
    // A rule's alternatives are compiled in the order written: the first that holds speaks.
    if (compiled.alternative && std::any_of(passed.begin(), passed.end(), [&](size_t other) {
          return other < index && impl_->rules[other].rule == compiled.rule;
        })) {
      continue;
    }
    impl_->emit(compiled, record, source, out);
  }
}

}  // namespace certdiag
