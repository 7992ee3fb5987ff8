// A pack's samples are checked the same way for `certdiag rules check` and the test suite.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "match/samples.h"

namespace certdiag {
namespace {

// The pack's errors, else its samples' errors, each as "kind line"; the messages users read are
// pinned by the command-line tests (bad_input_test.cpp).
std::vector<std::string> sample_errors(const std::string& pack) {
  const auto loaded = load_packs({{"pack.yaml", pack}});
  std::vector<RuleError> errors = loaded.errors;
  if (errors.empty()) errors = check_samples(loaded.rules, Matcher(loaded.rules));
  std::vector<std::string> out;
  for (const auto& error : errors)
    out.push_back(fmt::format("{} {}", kind_name(error.kind), error.line));
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
            (std::vector<std::string>{"sample 7", "sample 10"}));
}

TEST(CheckSamples, BuildsRecordsFromNamedFields) {
  EXPECT_EQ(sample_errors("signals:\n"
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
            (std::vector<std::string>{"invalid 9"}));
}

}  // namespace
}  // namespace certdiag
