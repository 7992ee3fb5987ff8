// Replaces what identifies people, machines and networks in a report — user names, DOMAIN\user,
// UPNs, SIDs, IP addresses, host and domain names, certificate thumbprints — with stable
// placeholders ([USER1], [HOST2], [DOMAIN1], …: one value, one placeholder, for the life of one
// Redactor), so that a report can be attached to a public ticket. The patterns that find them
// are report/identifiers.h's. Does not recognise other free text (CA, template or management
// group names), and leaves error codes, KB numbers, times, line numbers, rule ids and the
// product's own texts as they are.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnosis.h"
#include "model/signal.h"
#include "model/summary.h"

namespace certdiag {

class Redactor {
 public:
  enum class Kind { user, domain, host, ip, sid, thumbprint };

  // Names a host of the run (a record's Computer, a machine named by a folder), so that it is
  // replaced wherever it appears — bare in text or inside a file name — not only where a
  // pattern finds it. An FQDN also names its first label and its domain.
  void learn_host(std::string_view host);
  // Collects names that text reveals and that are to be replaced wherever else they appear:
  // the host label and domain of an FQDN, the domain and user of DOMAIN\user, a UPN's domain.
  void learn(std::string_view text);
  void learn(const Diagnosis& diagnosis);
  void learn(const Signal& signal);
  void learn(const RunSummary& summary);

  // `text` with every identifying value replaced. `begin` and `end`, when given, are byte offsets
  // into `text` (a highlighted span) and are moved to the same place in the result.
  std::string redact(std::string_view text, uint32_t* begin = nullptr, uint32_t* end = nullptr);
  // Redacts every field that log text or a name can reach; ids, titles, times and references
  // stay.
  void redact(Diagnosis& diagnosis);
  void redact(Signal& signal);
  void redact(RunSummary& summary);

  // "[HOST3]": the placeholder of `value` (compared without case), numbered on first use.
  std::string placeholder(Kind kind, std::string_view value);

 private:
  struct Known {
    std::string text;
    Kind kind;
    bool fqdn = false;      // rendered as [HOSTn].[DOMAINm]
    bool any_case = false;  // machine-like names match in any case, plain words only as written
  };
  struct Hit;

  void know(std::string_view text, Kind kind, bool fqdn = false);
  std::vector<Hit> find(std::string_view text);
  bool find_known(std::string_view text, size_t from, Hit& hit);
  void learn_hit(const Hit& hit);
  std::string render(std::string_view text, const Hit& hit);
  std::string render_fqdn(std::string_view name);
  bool is_known(std::string_view name, Kind kind) const;

  std::map<std::string, Known> known_by_name_;  // lower-case text → name
  std::vector<Known> known_;                    // longest first
  bool known_sorted_ = true;
  std::map<std::string, unsigned> numbers_[6];  // per kind: normalised value → number
};

// Redacts a whole report in place. Learns first from every field (and from `hosts`, the machines
// the inputs' paths name), so a name is replaced everywhere, wherever it was first found; then
// replaces, diagnoses first, so [HOST1] is the host of the first diagnosis.
void redact_report(std::vector<Diagnosis>& diagnoses, RunSummary& summary,
                   std::vector<Signal>* signals, const std::vector<std::string>& hosts);

}  // namespace certdiag
