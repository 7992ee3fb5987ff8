// A pack's samples are checked the same way for `certdiag rules check` and the test suite.
#include <gtest/gtest.h>

#include "match/samples.h"

namespace certdiag {
namespace {

std::vector<std::string> sample_errors(const std::string& pack) {
  const auto loaded = load_packs({{"pack.yaml", pack}});
  std::vector<std::string> out;
  for (const auto& error : loaded.errors) out.push_back(error.to_string());
  if (!out.empty()) return out;
  const Matcher matcher(loaded.rules);
  for (const auto& error : check_samples(loaded.rules, matcher)) out.push_back(error.to_string());
  return out;
}

TEST(CheckSamples, ReportsEachSampleTheSignalGetsWrongWithItsLine) {
  EXPECT_EQ(sample_errors("signals:\n"
                          "  - id: test.expired\n"
                          "    match: {message: 'certificate has expired'}\n"
                          "    samples:\n"
                          "      match:\n"
                          "        - 'The certificate has expired'\n"
                          "        - 'The certificate expired'\n"
                          "      no-match:\n"
                          "        - 'The certificate has not expired'\n"
                          "        - 'A certificate has expired?'\n"),
            (std::vector<std::string>{
                "pack.yaml:7: signal 'test.expired': this match sample does not raise it",
                "pack.yaml:10: signal 'test.expired': this no-match sample raises it"}));
}

TEST(CheckSamples, BuildsRecordsFromNamedFields) {
  EXPECT_EQ(
      sample_errors("signals:\n"
                    "  - id: test.event\n"
                    "    match: {provider: '^Schannel$', event_id: 36887, "
                    "data.AlertDesc: '^42$', level: error}\n"
                    "    samples:\n"
                    "      match:\n"
                    "        - {provider: Schannel, event_id: '36887', data.AlertDesc: '42', "
                    "level: error}\n"
                    "      no-match:\n"
                    "        - {provider: Schannel, event_id: '36887', data.AlertDesc: '46', "
                    "level: error}\n"
                    "        - {provider: Schannel, event_id: 'x1', level: error}\n"),
      (std::vector<std::string>{
          "pack.yaml:9: signal 'test.event': sample field 'event_id' is not a match field, or its "
          "value is not one"}));
}

}  // namespace
}  // namespace certdiag
