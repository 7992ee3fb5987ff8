// Groups the texts of records that no rule matched into templates, online and in bounded
// memory, after Drain (He et al., ICWS 2017): a fixed-depth tree keyed by token count and the
// first tokens leads to a few candidate clusters, and the most similar one (at least
// `similarity` of its tokens equal) absorbs the message, its differing tokens becoming <*>.
// Numbers, hex, GUIDs, IPs, paths and times are masked before, so they never split a cluster.
// Does not choose which records to feed (see cli/pipeline.cpp) and is not thread-safe: one
// miner per source, merged in input order, gives the same result for any thread schedule.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "match/token_mask.h"
#include "model/cluster.h"
#include "model/record.h"

namespace certdiag {

struct MinerLimits {
  size_t max_clusters = 1000;      // then the least recently used of the smallest is evicted
  size_t max_tokens = 40;          // a longer text is clustered on its first tokens, then "…"
  size_t max_token_bytes = 64;     // a longer unmasked token is <*>
  size_t max_text_bytes = 4096;    // only this much of a text is read
  size_t max_example_bytes = 300;  // cut at a UTF-8 boundary
  size_t prefix_tokens = 2;        // tree depth below the token count
  size_t max_children = 100;       // per tree node; further first tokens share a <*> branch
  double similarity = 0.5;
};

class TemplateMiner {
 public:
  explicit TemplateMiner(MinerLimits limits = {});
  ~TemplateMiner();
  TemplateMiner(TemplateMiner&&) noexcept;
  TemplateMiner& operator=(TemplateMiner&&) noexcept;

  // Clusters one record: its message, or for an event stored without one (.evtx) its
  // provider, id and data. A record with no text is ignored.
  void add(const Record& record, std::string_view source);

  // Re-inserts every cluster of `other` in its order of first appearance, with its count; a
  // cluster this miner already holds keeps its own (earlier) example.
  void merge(const TemplateMiner& other);

  // Inserts a cluster as a whole, e.g. one read back from an NDJSON report.
  void add_cluster(const Cluster& cluster);

  // The `n` largest clusters, most records first, ties by first appearance.
  std::vector<Cluster> top(size_t n) const;

  size_t size() const;       // clusters held
  uint64_t records() const;  // records clustered, those of evicted clusters included
  uint64_t evicted() const;  // clusters dropped to stay within max_clusters

 private:
  struct Impl;
  Impl& impl();
  MinerLimits limits_;
  std::unique_ptr<Impl> impl_;  // created by the first record, so an idle miner costs nothing
};

// One line per cluster for tests: `3 "Failed to connect to <IP> port <NUM>" error a.log:1`.
std::string debug_string(const Cluster& cluster);

// The whitespace-separated tokens of `text` with variable parts masked: "port 443." gives
// {"port", "<NUM>."}. Exposed for tests.
std::vector<std::string> mask_tokens(std::string_view text, const MinerLimits& limits = {});

// Whether a record that raised no signal is one to cluster as a new signature: an error or a
// warning, except an IIS request, whose level comes from its status code, which masking would
// hide.
bool is_new_signature(const Record& record, std::string_view format);

}  // namespace certdiag
