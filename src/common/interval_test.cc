#include "common/interval.h"

#include <gtest/gtest.h>

namespace omen {
namespace {

std::string RoundTrip(const char* text) {
  Result<Interval> iv = ParseInterval(text);
  if (!iv.ok()) return "ERROR " + std::string(iv.status().code().code());
  return FormatInterval(*iv);
}

TEST(IntervalTest, ParsesPostgresForms) {
  EXPECT_EQ(RoundTrip("1 day"), "1 day");
  EXPECT_EQ(RoundTrip("1 mon 2 days 03:04:05.5"), "1 mon 2 days 03:04:05.5");
  EXPECT_EQ(RoundTrip("-1 year"), "-1 years");
  EXPECT_EQ(RoundTrip("@ 1 hour ago"), "-01:00:00");
  EXPECT_EQ(RoundTrip("1.5 hours"), "01:30:00");
  EXPECT_EQ(RoundTrip("P1Y2M3DT4H5M6.5S"), "1 year 2 mons 3 days 04:05:06.5");
  EXPECT_EQ(RoundTrip("P0001-02-03T04:05:06"), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(RoundTrip("1-2"), "1 year 2 mons");
  EXPECT_EQ(RoundTrip("-1 day +02:00"), "-1 days +02:00:00");
  EXPECT_EQ(RoundTrip("0"), "00:00:00");
}

TEST(IntervalTest, RejectsBadInput) {
  EXPECT_EQ(RoundTrip("nonsense"), "ERROR 22007");
  EXPECT_EQ(RoundTrip("1 day 2 days"), "ERROR 22007");
  EXPECT_EQ(RoundTrip("2147483648 days"), "ERROR 22015");
  EXPECT_EQ(RoundTrip("25:61"), "ERROR 22015");
}

TEST(IntervalTest, ComparesBySpan) {
  Interval mon{1, 0, 0}, thirty{0, 30, 0}, hours{0, 0, 720 * kMicrosPerHour};
  EXPECT_EQ(CompareIntervals(mon, thirty), 0);
  EXPECT_EQ(CompareIntervals(thirty, hours), 0);
  EXPECT_EQ(HashInterval(mon), HashInterval(hours));
  EXPECT_LT(CompareIntervals(Interval{0, 1, 0}, Interval{0, 0, 25 * kMicrosPerHour}), 0);
  Interval back = DecodeInterval(EncodeInterval(Interval{-3, 7, -123456789}));
  EXPECT_EQ(back.months, -3);
  EXPECT_EQ(back.days, 7);
  EXPECT_EQ(back.micros, -123456789);
}

}  // namespace
}  // namespace omen
