// --context N: the lines of the source around each evidence line, as grep -C shows them. They
// are read again from the files after the analysis, one pass per file, keeping only the lines
// asked for, so memory does not grow with the input. Inputs that are no longer there as read
// (stdin, archive members, compressed or binary files, a file that changed) have none, and say
// why in one line.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/summary.h"

namespace certdiag {

struct ContextLine {
  uint64_t number = 0;
  std::string text;  // as decoded, at most kMaxContextBytes
};

inline constexpr size_t kMaxContextBytes = 4096;

class EvidenceContext {
 public:
  // Reads, for each source in `wanted` (display name and line numbers), the `lines` lines before
  // and after each wanted line.
  static EvidenceContext read(const std::vector<SourceSummary>& sources,
                              const std::map<std::string, std::vector<uint64_t>>& wanted,
                              size_t lines);

  // The lines before (`after` false) or after `line` in `source`, in order; empty when there are
  // none or the source has no context.
  std::vector<const ContextLine*> around(const std::string& source, uint64_t line,
                                         bool after) const;

  // Why a source has no context ("context not available: <stdin> is not a file on disk"), or
  // empty when it has.
  std::string unavailable(const std::string& source) const;

  // The lines before or after an evidence line as grep -C writes them with file names
  // ("a.log-309-  text", made visible); before the first line of a source without context, the
  // one line that says why ("(a.log: context not available: …)"), once per source in `noted`.
  std::vector<std::string> grep_lines(const Signal& signal, bool after,
                                      std::set<std::string>& noted) const;

 private:
  struct SourceLines {
    std::string reason;                    // non-empty: no context
    std::map<uint64_t, ContextLine> kept;  // by line number
  };
  std::map<std::string, SourceLines> sources_;
  size_t lines_ = 0;
};

}  // namespace certdiag
