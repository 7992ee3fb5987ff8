#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenize/plain.h"
#include "tokenizer_feed.h"

namespace certdiag {
namespace {

using Output = testing_support::TokenizerRun;

// Feeds `text` one '\n'-separated line at a time and collects the records' debug strings.
Output tokenize(std::string_view text) {
  return testing_support::feed_lines(
      text, [](RecordSink sink) { return PlainTokenizer(std::move(sink)); });
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(PlainTokenizer, ReadsGoodLines) {
  const Case cases[] = {
      {"2024-02-14T11:31:44Z enrollment failed",
       R"(line=1 time=2024-02-14T11:31:44.000Z level=unknown msg="2024-02-14T11:31:44Z enrollment failed")"},
      {"[2024-02-14 11:31:44.25] local text, read as UTC",
       R"(line=1 time=2024-02-14T11:31:44.250Z level=unknown msg="[2024-02-14 11:31:44.25] local text, read as UTC")"},
      {"at 2024-02-14T11:31:44.1234567+01:00 renewal",
       R"(line=1 time=2024-02-14T10:31:44.123Z level=unknown msg="at 2024-02-14T11:31:44.1234567+01:00 renewal")"},
      {"Sent: Tue, 26 Apr 2011 04:51:58 GMT (retry)",
       R"x(line=1 time=2011-04-26T04:51:58.000Z level=unknown msg="Sent: Tue, 26 Apr 2011 04:51:58 GMT (retry)")x"},
      {"Error 0x87d00454 19/02/2019 13:49:35 ccmsetup 8548 (0x2164)",
       R"x(line=1 level=unknown msg="Error 0x87d00454 19/02/2019 13:49:35 ccmsetup 8548 (0x2164)")x"},
      {"id 12024-02-14T11:31:44Z is not a date",
       R"(line=1 level=unknown msg="id 12024-02-14T11:31:44Z is not a date")"},
      {"  indented\tline", R"(line=1 level=unknown msg="  indented\tline")"},
  };
  for (const Case& c : cases) {
    Output run = tokenize(c.input);
    ASSERT_EQ(run.records.size(), 1u) << c.input;
    EXPECT_EQ(run.records[0], c.expected);
    EXPECT_EQ(run.stats.times_unparsed, 0u);
  }
}

struct BadCase {
  std::string input;
  std::vector<std::string> expected;
  uint64_t not_understood;
  uint64_t times_unparsed;
};

TEST(PlainTokenizer, SurvivesBadLines) {
  const std::string long_line(300000, 'y');
  const BadCase cases[] = {
      {"", {}, 1, 0},
      {" \t ", {}, 1, 0},
      {"2024-13-01T00:00:00Z month 13",
       {R"(line=1 level=unknown msg="2024-13-01T00:00:00Z month 13")"},
       0,
       1},
      {"2024-02-14 25:00:00 hour 25",
       {R"(line=1 level=unknown msg="2024-02-14 25:00:00 hour 25")"},
       0,
       1},
      {"0000-01-01T00:00:00 year 0",
       {R"(line=1 level=unknown msg="0000-01-01T00:00:00 year 0")"},
       0,
       1},
      {"Mon, 26 Apr 2011 04:51:58 GMT wrong weekday",
       {R"(line=1 level=unknown msg="Mon, 26 Apr 2011 04:51:58 GMT wrong weekday")"},
       0,
       1},
      {std::string("\x00\x01\x7f", 3), {R"(line=1 level=unknown msg="\x00\x01\x7f")"}, 0, 0},
      {long_line, {"line=1 level=unknown msg=\"" + long_line + "\""}, 0, 0},
  };
  for (const BadCase& c : cases) {
    Output run = tokenize(c.input);
    EXPECT_EQ(run.records, c.expected) << c.input.substr(0, 80);
    EXPECT_EQ(run.stats.lines_not_understood, c.not_understood) << c.input.substr(0, 80);
    EXPECT_EQ(run.stats.times_unparsed, c.times_unparsed) << c.input.substr(0, 80);
    EXPECT_EQ(
        run.stats.lines_in_records + run.stats.lines_structure + run.stats.lines_not_understood,
        1u);
  }
}

TEST(PlainTokenizer, MakesOneRecordPerLine) {
  Output run = tokenize("one\n\ntwo\nthree");
  EXPECT_EQ(run.records, (std::vector<std::string>{R"(line=1 level=unknown msg="one")",
                                                   R"(line=3 level=unknown msg="two")",
                                                   R"(line=4 level=unknown msg="three")"}));
  EXPECT_EQ(run.stats.lines_in_records, 3u);
  EXPECT_EQ(run.stats.lines_not_understood, 1u);
}

TEST(PlainTokenizer, JoinsPiecesOfASplitLongLine) {
  std::vector<std::string> records;
  PlainTokenizer tokenizer([&](Record& record) { records.push_back(debug_string(record)); });
  tokenizer.feed("2024-02-14T11:31:44Z first", 1);
  tokenizer.feed(" piece", 1);
  tokenizer.feed("next", 2);
  tokenizer.finish();
  EXPECT_EQ(
      records,
      (std::vector<std::string>{
          R"(line=1 time=2024-02-14T11:31:44.000Z level=unknown msg="2024-02-14T11:31:44Z first piece")",
          R"(line=2 level=unknown msg="next")"}));
  EXPECT_EQ(tokenizer.stats().lines_in_records, 2u);
}

}  // namespace
}  // namespace certdiag
