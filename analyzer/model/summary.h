// RunSummary: what a run read and how, so that reports account for every line and every
// input. Filled by cli/, rendered by report/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/cluster.h"
#include "model/diagnosis.h"
#include "model/input_error.h"
#include "model/record.h"

namespace certdiag {

struct SourceSummary {
  std::string name;
  std::string format;         // tokenizer that read it
  std::string format_reason;  // why: the bytes or lines that decided
  std::string encoding;
  uint64_t bytes = 0;
  uint64_t lines = 0;        // lines read (a split long line counts once)
  uint64_t lines_split = 0;  // lines longer than the limit, split
  uint64_t records = 0;
  uint64_t lines_in_records = 0;
  uint64_t lines_structure = 0;  // headers, directives, separators
  uint64_t lines_not_understood = 0;
  uint64_t times_unparsed = 0;
  std::string date_order;              // day/month order of its locale dates ("dmy", "mdy"), if any
  bool date_order_assumed = false;     // taken by default: no date of its own decided it
  uint64_t message_bytes_dropped = 0;  // text past the message size limit
  uint64_t invalid_bytes = 0;          // replaced while decoding
  uint64_t records_total = 0;          // binary logs: records the file holds
  uint64_t records_skipped = 0;        // binary logs: records that could not be read
  uint64_t records_recovered = 0;      // .evtx: of records, remains of overwritten events
  std::vector<std::string> problems;   // bad records or chunks, one line each (capped)
  std::optional<Time> first_time;
  std::optional<Time> last_time;
  std::string digest;        // "xxh3:<hash>/<bytes>" of the bytes read; empty when none were
  std::string duplicate_of;  // an earlier source with the same content; its signals are dropped
  // What the records name, for coverage (a few of each; not reported on their own).
  std::vector<std::string> hosts;
  std::vector<std::string> channels;
  std::vector<std::string> providers;

  // Notes a record read from the source: its time, and its host, channel and provider for
  // coverage.
  void note(const Record& record);
};

// Whether a host's input holds a log that a diagnosis family needs (--coverage).
struct CoverageEntry {
  std::string host;
  std::string family;                // "om", "tls", "cm.ai", …
  std::string log;                   // the log it needs, in words
  std::vector<std::string> sources;  // the inputs that hold it; empty when it is missing
};

// A source whose content (bytes) equals an earlier one's, so it was analysed once.
struct Duplicate {
  std::string source;
  std::string same_as;
};

// How the reference time was chosen: given with --as-of, the newest record time of the input
// (when the logs were collected), or now when no record has a time.
enum class AsOfBasis { given, newest_record, now };

struct RunSummary {
  std::vector<SourceSummary> sources;
  std::vector<InputError> errors;    // inputs that could not be opened or read
  std::vector<std::string> skipped;  // files in folders whose names say they are not logs
  // Sources with the same content as an earlier one, in input order.
  std::vector<Duplicate> duplicates;
  uint64_t signals = 0;
  // Templates of the error and warning records that no rule matched, most records first: the
  // top --max-signatures of new_signature_templates.
  std::vector<Cluster> new_signatures;
  uint64_t new_signature_templates = 0;
  std::vector<NearMiss> near_misses;    // --why
  std::vector<CoverageEntry> coverage;  // --coverage
  double elapsed_s = 0;
  std::string rules_digest;
  Time as_of;  // reference time for expiry
  AsOfBasis as_of_basis = AsOfBasis::given;
  Time now;  // when the report was made, to say what the reference time means today

  std::optional<Time> first_time() const;
  std::optional<Time> last_time() const;
  // Sets `now` and the reference time: `given`, else the newest record's time, else `now`.
  void set_as_of(const std::optional<Time>& given, Time now);
  // Whether every input was read, each in full (else the exit status is 3).
  bool read_in_full() const;
  // The sum of a count over the sources, each content once (duplicates left out).
  uint64_t total(uint64_t SourceSummary::*field) const;
};

}  // namespace certdiag
