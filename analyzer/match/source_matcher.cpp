#include "match/source_matcher.h"

namespace certdiag {

SourceMatcher::SourceMatcher(const Matcher& matcher, SourceSummary& summary,
                             TemplateMiner& signatures, std::string host)
    : matcher_(matcher),
      summary_(summary),
      signatures_(signatures),
      host_(std::move(host)),
      info_{summary.name, summary.format} {}

std::vector<Signal>& SourceMatcher::operator()(Record& record) {
  found_.clear();
  if (record.host.empty()) record.host = host_;
  summary_.note(record);
  matcher_.match(record, info_, found_);
  if (found_.empty() && is_new_signature(record, summary_.format))
    signatures_.add(record, summary_.name);  // what no rule knows yet
  return found_;
}

}  // namespace certdiag
