#include "common/time_zone.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/type_io.h"

namespace omen {
namespace {

constexpr int64_t kHour = 3600LL * 1000000;

// Microseconds since 2000-01-01 of a UTC (or wall-clock) time.
int64_t Ts(const char* text) {
  Result<Value> v = ParseValue(text, Type(TypeId::kTimestamp));
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? v->i : 0;
}

TEST(TimeZoneTest, CanonicalNames) {
  EXPECT_EQ(CanonicalTimeZoneName("europe/berlin"), "Europe/Berlin");
  EXPECT_EQ(CanonicalTimeZoneName("UTC"), "UTC");
  EXPECT_EQ(CanonicalTimeZoneName("America/New_York"), "America/New_York");
  EXPECT_EQ(CanonicalTimeZoneName("+02"), "<+02>-02");
  EXPECT_EQ(CanonicalTimeZoneName("2"), "<+02>-02");
  EXPECT_EQ(CanonicalTimeZoneName("-3.5"), "<-03:30>+03:30");
  EXPECT_EQ(CanonicalTimeZoneName("UTC+3"), "UTC+3");
  EXPECT_EQ(CanonicalTimeZoneName("EST5EDT"), "EST5EDT");
  EXPECT_FALSE(CanonicalTimeZoneName("Foo/Bar").has_value());
  EXPECT_FALSE(CanonicalTimeZoneName("").has_value());
  EXPECT_FALSE(CanonicalTimeZoneName("../../etc/passwd").has_value());
  EXPECT_FALSE(CanonicalTimeZoneName("/etc/localtime").has_value());
  EXPECT_FALSE(CanonicalTimeZoneName("zone.tab").has_value());
}

TEST(TimeZoneTest, OffsetsAndDst) {
  std::optional<TimeZone> berlin = TimeZone::FromCanonical("Europe/Berlin");
  ASSERT_TRUE(berlin.has_value());
  EXPECT_EQ(berlin->OffsetAtUtc(Ts("2024-01-15 12:00")), 3600);
  EXPECT_EQ(berlin->OffsetAtUtc(Ts("2024-07-15 12:00")), 7200);
  EXPECT_EQ(berlin->ToLocal(Ts("2024-07-15 12:00")), Ts("2024-07-15 14:00"));
  // The gap reads with the offset before it, the overlap with the one after.
  EXPECT_EQ(berlin->ToUtc(Ts("2024-03-31 02:30")), Ts("2024-03-31 01:30"));
  EXPECT_EQ(berlin->ToUtc(Ts("2024-10-27 02:30")), Ts("2024-10-27 01:30"));
  EXPECT_EQ(berlin->ToUtc(Ts("2024-10-27 01:30")), Ts("2024-10-26 23:30"));
  EXPECT_EQ(berlin->ToUtc(INT64_MAX), INT64_MAX);
  EXPECT_EQ(berlin->ToLocal(INT64_MIN), INT64_MIN);
  std::optional<TimeZone> posix = TimeZone::FromCanonical("UTC+3");
  ASSERT_TRUE(posix.has_value());
  EXPECT_EQ(posix->OffsetAtUtc(0), -3 * 3600);
  std::optional<TimeZone> plus2 = TimeZone::FromCanonical("<+02>-02");
  ASSERT_TRUE(plus2.has_value());
  EXPECT_EQ(plus2->ToUtc(Ts("2024-01-01 12:00")), Ts("2024-01-01 12:00") - 2 * kHour);
  EXPECT_FALSE(TimeZone::FromCanonical("europe/berlin").has_value());  // not canonical
}

TEST(TimeZoneTest, LookupForAtTimeZone) {
  ASSERT_TRUE(LookupTimeZone("PST").has_value());
  EXPECT_EQ(LookupTimeZone("pst")->OffsetAtUtc(0), -8 * 3600);
  EXPECT_EQ(LookupTimeZone("+05")->OffsetAtUtc(0), -5 * 3600);  // POSIX: west
  EXPECT_EQ(LookupTimeZone("asia/kolkata")->OffsetAtUtc(0), 19800);
  EXPECT_FALSE(LookupTimeZone("Foo/Bar").has_value());
}

TEST(TimeZoneTest, FormatUtcOffset) {
  EXPECT_EQ(FormatUtcOffset(0), "+00");
  EXPECT_EQ(FormatUtcOffset(3600), "+01");
  EXPECT_EQ(FormatUtcOffset(19800), "+05:30");
  EXPECT_EQ(FormatUtcOffset(-12600), "-03:30");
  EXPECT_EQ(FormatUtcOffset(3208), "+00:53:28");
}

TEST(TimeZoneTest, ThreadZoneDrivesTimestamptzText) {
  SetThreadTimeZone("Asia/Kolkata");
  Result<Value> v = ParseValue("2024-01-01 12:00", Type(TypeId::kTimestampTz));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(FormatValue(*v), "2024-01-01 12:00:00+05:30");
  EXPECT_EQ(v->i, Ts("2024-01-01 06:30"));
  std::thread other([&] { EXPECT_EQ(FormatValue(*v), "2024-01-01 06:30:00+00"); });  // UTC there
  other.join();
  SetThreadTimeZone("UTC");
  EXPECT_EQ(FormatValue(*v), "2024-01-01 06:30:00+00");
}

}  // namespace
}  // namespace omen
