// Turns records into signals: the message regexes of the loaded rules sit in one RE2::Set, so a
// record's message is scanned once whatever the number of rules; a rule's own regex runs only
// after its set member hit, to check it and extract named captures. A rule that also tests an
// event id is left out of the set: its own regex runs on the records of that id. Messages that
// hold none of the literals the regexes need skip the set (match/prefilter.h). Regexes are
// compiled when the first record needs them. Does not correlate signals; see diagnose/.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "model/signal.h"
#include "rules/rule_set.h"

namespace certdiag {

struct MatcherOptions {
  // Skip the message regex scan on messages that hold none of the literals the regexes need
  // (match/prefilter.h); the signals are the same either way. To compare, CERTDIAG_PREFILTER in
  // the environment turns it off ("off") or builds it before the first message ("at-once").
  bool prefilter = prefilter_from_environment() != "off";
  // The prefilter is built once this many messages were matched (0: at once).
  size_t prefilter_after_messages = prefilter_from_environment() == "at-once" ? 0 : 20000;
  static std::string_view prefilter_from_environment();
};

class Matcher {
 public:
  explicit Matcher(const RuleSet& rules, MatcherOptions options = {});
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // False when a rule tests a field the matcher does not know (error() says which). The
  // regexes are compiled as records need them; one RE2 refuses matches nothing (the loader
  // refuses such packs first).
  bool ok() const;
  const std::string& error() const;
  // Empty, or why matching was slower than it should be (the regexes did not fit in one set,
  // or its scan ran out of memory on some records); the signals are the same either way.
  std::string warning() const;
  // Whether messages go through the prefilter (once it is built).
  bool prefiltering() const;

  // Appends the signals that `record` raises. Safe to call from several threads at once.
  void match(const Record& record, const SourceInfo& source, std::vector<Signal>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certdiag
