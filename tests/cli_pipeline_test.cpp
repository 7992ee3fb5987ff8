// The per-input pipeline: a failure while analysing one input is that input's result.
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

#include "cli/pipeline.h"

namespace certdiag {
namespace {

std::string errors_of(const std::vector<SourceResult>& results) {
  std::string out;
  for (const auto& result : results) {
    for (const auto& error : result.errors)
      out += error.source + " " + std::string(kind_name(error.kind)) + "\n";
  }
  return out;
}

TEST(ResultsOrFailure, OutOfMemoryMakesTheInputUnreadable) {
  const auto results = results_or_failure(
      "huge.evtx", []() -> std::vector<SourceResult> { throw std::bad_alloc(); });
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].summary.format, "");  // nothing of it counts as read
  EXPECT_EQ(errors_of(results), "huge.evtx failed\n");
  EXPECT_EQ(results[0].errors[0].message, "could not be analysed: out of memory");
}

TEST(ResultsOrFailure, AnyExceptionGivesItsReason) {
  const auto results = results_or_failure("a.log", []() -> std::vector<SourceResult> {
    throw std::length_error("basic_string::_M_create");
  });
  EXPECT_EQ(errors_of(results), "a.log failed\n");
  EXPECT_EQ(results[0].errors[0].message, "could not be analysed: basic_string::_M_create");
}

TEST(ResultsOrFailure, KeepsTheResultsOfAnAnalysisThatSucceeds) {
  const auto results = results_or_failure("a.log", [] {
    std::vector<SourceResult> out(2);
    out[0].summary.name = "a.log";
    return out;
  });
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].summary.name, "a.log");
  EXPECT_EQ(errors_of(results), "");
}

}  // namespace
}  // namespace certdiag
