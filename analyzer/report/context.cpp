#include "report/context.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/input.h"
#include "io/line_reader.h"
#include "model/utf8.h"
#include "report/strings.h"

namespace certdiag {
namespace {

namespace fs = std::filesystem;

// Why `source` cannot be read again as it was read, or empty when it can.
std::string reason_unreadable(const SourceSummary& source) {
  if (source.format == "evtx" || source.format == "x509")
    return "it is a binary file, its lines are records";
  std::error_code error;
  if (source.name == "<stdin>" || !fs::is_regular_file(source.name, error))
    return "it is not a file on disk (stdin or an archive member)";
  const auto size = fs::file_size(source.name, error);
  if (error || size != source.bytes) return "the file is not the bytes that were read";
  return {};
}

// Reads `lines` from the file once, keeping the ones `keep` lists (sorted ranges).
void read_lines(const SourceSummary& source,
                const std::vector<std::pair<uint64_t, uint64_t>>& ranges,
                std::map<uint64_t, ContextLine>& kept, std::string& reason) {
  std::string error;
  auto stream = open_source(InputSource{source.name, source.name, false}, error);
  if (!stream) {
    reason = error;
    return;
  }
  LineReader reader(*stream);
  const uint64_t last = ranges.back().second;
  size_t range = 0;
  std::string_view line;
  while (reader.next(line)) {
    const uint64_t number = reader.line_number();
    if (number > last) break;
    while (range < ranges.size() && ranges[range].second < number) ++range;
    if (range == ranges.size()) break;
    if (number < ranges[range].first || kept.count(number)) continue;  // a split line's rest
    kept[number] = ContextLine{number, std::string(utf8_prefix(line, kMaxContextBytes))};
  }
  if (!reader.error().empty()) reason = reader.error();
}

}  // namespace

EvidenceContext EvidenceContext::read(const std::vector<SourceSummary>& sources,
                                      const std::map<std::string, std::vector<uint64_t>>& wanted,
                                      size_t lines) {
  EvidenceContext context;
  context.lines_ = lines;
  for (const auto& source : sources) {
    const auto it = wanted.find(source.name);
    if (it == wanted.end() || context.sources_.count(source.name)) continue;
    SourceLines& out = context.sources_[source.name];
    out.reason = reason_unreadable(source);
    if (!out.reason.empty()) continue;
    // Merged, sorted ranges of the lines to keep.
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (const uint64_t line : it->second)
      ranges.emplace_back(line > lines ? line - lines : 1, line + lines);
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<uint64_t, uint64_t>> merged;
    for (const auto& range : ranges) {
      if (!merged.empty() && range.first <= merged.back().second + 1) {
        merged.back().second = std::max(merged.back().second, range.second);
      } else {
        merged.push_back(range);
      }
    }
    read_lines(source, merged, out.kept, out.reason);
  }
  return context;
}

std::vector<const ContextLine*> EvidenceContext::around(const std::string& source, uint64_t line,
                                                        bool after) const {
  std::vector<const ContextLine*> out;
  const auto it = sources_.find(source);
  if (it == sources_.end() || !it->second.reason.empty()) return out;
  const uint64_t first = after ? line + 1 : (line > lines_ ? line - lines_ : 1);
  const uint64_t last = after ? line + lines_ : line - 1;
  for (auto kept = it->second.kept.lower_bound(first);
       kept != it->second.kept.end() && kept->first <= last; ++kept)
    out.push_back(&kept->second);
  return out;
}

std::string EvidenceContext::unavailable(const std::string& source) const {
  const auto it = sources_.find(source);
  if (it == sources_.end() || it->second.reason.empty()) return {};
  return "context not available: " + it->second.reason;
}

std::vector<std::string> EvidenceContext::grep_lines(const Signal& signal, bool after,
                                                     std::set<std::string>& noted) const {
  std::vector<std::string> out;
  if (const std::string why = unavailable(signal.source); !why.empty()) {
    if (!after && noted.insert(signal.source).second)
      out.push_back(fmt::format("({}: {})", make_visible(signal.source), why));
    return out;
  }
  for (const ContextLine* line : around(signal.source, signal.line, after))
    out.push_back(fmt::format("{}-{}-  {}", make_visible(signal.source), line->number,
                              make_visible(line->text)));
  return out;
}

}  // namespace certdiag
