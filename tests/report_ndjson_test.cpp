// NDJSON read back for `certdiag merge`: a damaged line is an error naming the line and what is
// wrong with it, never an exception.
#include <gtest/gtest.h>

#include <sstream>

#include "report/ndjson.h"

namespace certdiag {
namespace {

const std::string kHeader = R"({"type":"header","schema":"certdiag/1","signals":true})";

std::string error_of(const std::string& second_line) {
  std::istringstream in(kHeader + "\n" + second_line + "\n");
  const NdjsonRun run = read_ndjson(in);
  return run.error.empty() ? "" : std::to_string(run.error_line) + ": " + run.error;
}

TEST(ReadNdjson, NamesTheLineAndTheValueOfTheWrongType) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"type":"signal","rule":"r","source":"a.log","line":"12"})",
       "2: 'line' must be a number (0 or more), not a string"},
      {R"({"type":"signal","rule":"r","line":-1})",
       "2: 'line' must be a number (0 or more), not a number"},
      {R"({"type":"signal","rule":7})", "2: 'rule' must be a string, not a number"},
      {R"({"type":"signal","time":true})", "2: 'time' must be a time string, not a boolean"},
      {R"({"type":"signal","match_end":4294967296})", "2: 'match_end' is too large: 4294967296"},
      {R"({"type":"signal","captures":{"status":403}})",
       "2: capture 'status' must be a string, not a number"},
      {R"({"type":"signal","captures":[]})", "2: 'captures' must be an object, not an array"},
      {R"({"type":"summary","inputs":{}})", "2: 'inputs' must be a list, not an object"},
      {R"({"type":"summary","inputs":[1]})", "2: 'inputs' must be objects, not a number"},
      {R"({"type":"summary","inputs":[{"records":"9"}]})",
       "2: 'records' must be a number (0 or more), not a string"},
      {R"({"type":"summary","errors":[{"source":null,"message":[]}]})",
       "2: 'message' must be a string, not an array"},
      {R"({"type":"summary","skipped":[{}]})", "2: 'skipped' must hold strings, not an object"},
      {R"({"type":"summary","signals":"3"})",
       "2: 'signals' must be a number (0 or more), not a string"},
      {R"({"type":3})", "2: 'type' must be a string, not a number"},
      {R"({"type":"header","schema":"certdiag/1","signals":"yes"})",
       "2: 'signals' must be true or false, not a string"},
      {R"([1,2])", "2: not a JSON object"},
      {R"({"type":"other"})", "2: unknown line type 'other'"},
      {R"({"type":"signal","rule":"r","source":"a.log","line":12,"time":null})", ""},
  };
  for (const auto& [line, expected] : cases) EXPECT_EQ(error_of(line), expected) << line;
}

}  // namespace
}  // namespace certdiag
