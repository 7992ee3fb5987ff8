#include <date/date.h>
#include <gtest/gtest.h>

#include <string>

#include "model/time_parse.h"

namespace certdiag {
namespace {

std::string show(const std::optional<Time>& time) {
  return time ? date::format("%FT%TZ", *time) : std::string("none");
}

struct Case {
  std::string_view date;  // only for CMTrace cases
  std::string_view text;
  std::string_view expected;
};

TEST(TimeParse, ReadsCmtraceTimes) {
  const Case cases[] = {
      {"06-26-2015", "14:24:33.329+420", "2015-06-26T21:24:33.329Z"},
      {"08-01-2013", "08:51:08.954-570", "2013-07-31T23:21:08.954Z"},
      {"9-3-2026", "10:00:00.1234567+480", "2026-09-03T18:00:00.123Z"},
      {"12-31-2023", "23:30:00.000+60", "2024-01-01T00:30:00.000Z"},
      {"01-01-2024", "00:10:00.000-120", "2023-12-31T22:10:00.000Z"},
      {"02-29-2024", "1:2:3", "2024-02-29T01:02:03.000Z"},
      {"01-01-2024", "00:00:00.999999999", "2024-01-01T00:00:00.999Z"},
      {"01-01-2024", "00:00:00.5+0", "2024-01-01T00:00:00.500Z"},
      // Out of range or malformed: never a guess.
      {"13-01-2024", "00:00:00.000+0", "none"},
      {"00-01-2024", "00:00:00.000+0", "none"},
      {"02-30-2024", "00:00:00.000+0", "none"},
      {"02-29-2023", "00:00:00.000+0", "none"},
      {"01-01-0000", "00:00:00.000+0", "none"},
      {"01-01-2024", "24:00:00.000+0", "none"},
      {"01-01-2024", "25:00:00.000+0", "none"},
      {"01-01-2024", "10:60:00.000+0", "none"},
      {"01-01-2024", "10:00:61.000+0", "none"},
      {"01-01-2024", "10:00:00.0000000000+0", "none"},
      {"01-01-2024", "10:00:00.000+", "none"},
      {"01-01-2024", "10:00:00.000+x1", "none"},
      {"01-01-2024", "10:00:00.000+99999", "none"},
      {"01-01-2024", "10:00", "none"},
      {"01-01-2024", "", "none"},
      {"", "10:00:00.000+0", "none"},
      {"2024-01-01", "10:00:00.000+0", "none"},
      {"01-01-2024x", "10:00:00.000+0", "none"},
      {"01-01-2024", std::string_view("10:00:\0\0.000", 12), "none"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(show(parse_cmtrace_time(c.date, c.text)), c.expected) << c.date << " " << c.text;
  }
}

TEST(TimeParse, KeepsLocalTimeAsWritten) {
  std::string local = "previous value";
  assign_local_time(local, "06-26-2015", "14:24:33.329+420");
  EXPECT_EQ(local, "06-26-2015 14:24:33.329 +420");
  assign_local_time(local, "9-3-2026", "10:00:00.5");
  EXPECT_EQ(local, "9-3-2026 10:00:00.5");
  assign_local_time(local, "", "10:00:00.5-60");
  EXPECT_EQ(local, "10:00:00.5 -60");
  assign_local_time(local, "Fri", "Mar 26 10:43:41.547 1999 Eastern Standard Time");
  EXPECT_EQ(local, "Fri Mar 26 10:43:41.547 1999 Eastern Standard Time");
}

TEST(TimeParse, ReadsRfc1123Times) {
  const Case cases[] = {
      {"", "Tue, 26 Apr 2011 04:51:58 GMT", "2011-04-26T04:51:58.000Z"},
      {"", "Tue, 26 Apr 2011 04:51:58 UTC", "2011-04-26T04:51:58.000Z"},
      {"", "Tue, 26 Apr 2011 04:51:58 +0200", "2011-04-26T02:51:58.000Z"},
      {"", "Sat, 1 Jan 2000 00:00:00 GMT", "2000-01-01T00:00:00.000Z"},
      {"", "Wed, 26 Apr 2011 04:51:58 GMT", "none"},  // weekday disagrees
      {"", "Tue, 31 Apr 2011 04:51:58 GMT", "none"},
      {"", "Tue, 26 Foo 2011 04:51:58 GMT", "none"},
      {"", "Tue, 26 Apr 2011 24:51:58 GMT", "none"},
      {"", "Tue, 26 Apr 2011 04:51:58", "none"},
      {"", "Tue, 26 Apr 2011 04:51:58 GMT trailing", "none"},
      {"", "", "none"},
  };
  for (const Case& c : cases) EXPECT_EQ(show(parse_rfc1123(c.text)), c.expected) << c.text;
}

TEST(TimeParse, ReadsIso8601Times) {
  const Case cases[] = {
      {"", "2024-02-14T11:31:44Z", "2024-02-14T11:31:44.000Z"},
      {"", "2024-02-14 11:31:44", "2024-02-14T11:31:44.000Z"},
      {"", "2011-04-26T04:51:58.1234567Z", "2011-04-26T04:51:58.123Z"},
      {"", "2011-04-26T04:51:58.999999999Z", "2011-04-26T04:51:58.999Z"},
      {"", "2024-02-14T11:31:44+05:30", "2024-02-14T06:01:44.000Z"},
      {"", "2024-02-14T11:31:44-0800", "2024-02-14T19:31:44.000Z"},
      {"", "2024-02-14T23:31:44.5-01", "2024-02-15T00:31:44.500Z"},
      {"", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.000Z"},
      {"", "2024-13-14T11:31:44Z", "none"},
      {"", "2024-02-14T11:31:44.1234567890Z", "none"},
      {"", "2024-02-14T11:31:44+25:00", "none"},
      {"", "2024-02-14X11:31:44Z", "none"},
      {"", "2024-02-14T11:31", "none"},
      {"", "2024-02-14T11:31:44ZZ", "none"},
      {"", "0000-01-01T00:00:00Z", "none"},
  };
  for (const Case& c : cases) EXPECT_EQ(show(parse_iso8601(c.text)), c.expected) << c.text;
}

TEST(TimeParse, FindsTimestampsInFreeText) {
  const Case cases[] = {
      {"", "at 2024-02-14T11:31:44.5Z: done", "2024-02-14T11:31:44.5Z"},
      {"", "2024-02-14 11:31:44,123 INFO", "2024-02-14 11:31:44"},
      {"", "x 2024-02-14T11:31:44+01:00 y", "2024-02-14T11:31:44+01:00"},
      {"", "sent Tue, 26 Apr 2011 04:51:58 GMT:", "Tue, 26 Apr 2011 04:51:58 GMT"},
      {"", "Sat, 1 Jan 2000 00:00:00 GMT", "Sat, 1 Jan 2000 00:00:00 GMT"},
      {"", "1-2-3 2024-02-14 no time", ""},
      {"", "12024-02-14T11:31:44Z", ""},
      {"", " GMT at the start", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(find_timestamp(c.text), c.expected) << c.text;
}

TEST(TimeParse, TellsTheDayMonthOrderADateProves) {
  EXPECT_EQ(date_order_evidence("23.08.2023 10:21:06"), DateOrder::dmy);
  EXPECT_EQ(date_order_evidence("19/02/2019 13:49:35"), DateOrder::dmy);
  EXPECT_EQ(date_order_evidence("11/19/2009 11:35:01 AM"), DateOrder::mdy);
  EXPECT_EQ(date_order_evidence("2020/07/05 15:29:16"), DateOrder::ymd);
  EXPECT_EQ(date_order_evidence("09/09/2022 05:36:04"), DateOrder::unknown);
  EXPECT_EQ(date_order_evidence("13/13/2022 05:36:04"), DateOrder::unknown);
  EXPECT_EQ(date_order_evidence("Time"), DateOrder::unknown);
  EXPECT_EQ(parse_date_order("dmy"), DateOrder::dmy);
  EXPECT_EQ(parse_date_order("DMY"), std::nullopt);
}

TEST(TimeParse, ReadsLocalDatesInTheGivenOrder) {
  const struct {
    std::string_view text;
    DateOrder order;
    std::optional<std::string> expected;
  } cases[] = {
      {"9/9/2022 5:36:06 AM", DateOrder::mdy, "2022-09-09T05:36:06.000Z"},
      {"6/13/2014 10:13:39 PM", DateOrder::mdy, "2014-06-13T22:13:39.000Z"},
      {"12/1/2014 12:00:00 AM", DateOrder::mdy, "2014-12-01T00:00:00.000Z"},
      {"08/05/2023 10:21:05", DateOrder::dmy, "2023-05-08T10:21:05.000Z"},
      {"08/05/2023 10:21:05", DateOrder::unknown, "2023-08-05T10:21:05.000Z"},
      {"03.07.2019 14:17:54", DateOrder::mdy, "2019-07-03T14:17:54.000Z"},  // dots: day first
      {"12-28-2018 16:06:39.391", DateOrder::mdy, "2018-12-28T16:06:39.391Z"},
      {"2020/07/05 15:29:16", DateOrder::dmy, "2020-07-05T15:29:16.000Z"},
      {"16.05.2024 07:14:01,5", DateOrder::dmy, "2024-05-16T07:14:01.500Z"},
      {"19/02/2019 13:49:35", DateOrder::mdy, std::nullopt},
      {"31.02.2020 10:00:00", DateOrder::dmy, std::nullopt},
      {"1/2/2020 13:00:00 PM", DateOrder::mdy, std::nullopt},
      {"1/2/2020 10:00", DateOrder::mdy, std::nullopt},
      {"1/2/20 10:00:00", DateOrder::mdy, std::nullopt},
      {"1/2/2020 10:00:00 tomorrow", DateOrder::mdy, std::nullopt},
  };
  for (const auto& c : cases) {
    const auto time = parse_local_date_time(c.text, c.order);
    if (!c.expected) {
      EXPECT_FALSE(time) << c.text;
      continue;
    }
    ASSERT_TRUE(time) << c.text;
    EXPECT_EQ(date::format("%FT%TZ", *time), *c.expected) << c.text;
  }
}

}  // namespace
}  // namespace certdiag
