#include "model/summary.h"

#include <algorithm>

namespace certdiag {
namespace {

// Keeps a few distinct values for coverage; consecutive records mostly repeat the last one.
void remember(std::vector<std::string>& seen, const std::string& value) {
  if (value.empty() || (!seen.empty() && seen.back() == value) || seen.size() >= 32) return;
  if (std::find(seen.begin(), seen.end(), value) == seen.end()) seen.push_back(value);
}

}  // namespace

void SourceSummary::note(const Record& record) {
  if (record.time) {
    if (!first_time || *record.time < *first_time) first_time = record.time;
    if (!last_time || *record.time > *last_time) last_time = record.time;
  }
  remember(hosts, record.host);
  if (record.event_id) {
    remember(channels, record.channel);
    remember(providers, record.component);
  }
}

std::optional<Time> RunSummary::first_time() const {
  std::optional<Time> first;
  for (const auto& source : sources) {
    if (source.first_time && (!first || *source.first_time < *first)) first = source.first_time;
  }
  return first;
}

std::optional<Time> RunSummary::last_time() const {
  std::optional<Time> last;
  for (const auto& source : sources) {
    if (source.last_time && (!last || *source.last_time > *last)) last = source.last_time;
  }
  return last;
}

void RunSummary::set_as_of(const std::optional<Time>& given, Time today) {
  now = today;
  const auto newest = last_time();
  as_of = given.value_or(newest.value_or(now));
  as_of_basis = given ? AsOfBasis::given : newest ? AsOfBasis::newest_record : AsOfBasis::now;
}

bool RunSummary::read_in_full() const {
  return errors.empty() && total(&SourceSummary::records_skipped) == 0;
}

uint64_t RunSummary::total(uint64_t SourceSummary::*field) const {
  uint64_t sum = 0;
  for (const auto& source : sources) {
    if (source.duplicate_of.empty()) sum += source.*field;
  }
  return sum;
}

}  // namespace certdiag
