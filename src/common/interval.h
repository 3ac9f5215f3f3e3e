#pragma once
// PostgreSQL's interval: months, days and microseconds kept apart (a month
// is not a fixed number of days, nor a day a fixed number of hours across
// DST), with PostgreSQL 15's text input (interval_in: '1 day 02:00',
// '@ 1 hour ago', '1-2', ISO 8601 'P1Y2M3DT4H'), output (IntervalStyle
// postgres) and ordering: intervals compare by their span with
// 1 mon = 30 days and 1 day = 24 h, so '1 mon' = '30 days'.
//
// In a Value or Vector an interval is string physical: the 16 bytes of
// EncodeInterval (months, days, micros; host byte order).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace omen {

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerHour = 3600LL * kMicrosPerSecond;
inline constexpr int64_t kIntervalMicrosPerDay = 24 * kMicrosPerHour;

std::string EncodeInterval(const Interval& iv);
// REQUIRES: bytes.size() == 16 (written by EncodeInterval).
Interval DecodeInterval(std::string_view bytes);

// The span PostgreSQL orders by: micros + (months * 30 + days) days.
__int128 IntervalSpan(const Interval& iv);
// <0, 0, >0 by span.
int CompareIntervals(const Interval& a, const Interval& b);
// Consistent with CompareIntervals == 0.
size_t HashInterval(const Interval& iv);

// interval_in. Errors: 22007 'invalid input syntax for type interval: "x"',
// 22015 'interval field value out of range: "x"', 22008 'interval out of range'.
Result<Interval> ParseInterval(std::string_view text);
// interval_out with IntervalStyle postgres: '1 year 2 mons 3 days 04:05:06.5'.
std::string FormatInterval(const Interval& iv);

// 22008 "interval out of range".
Status IntervalOutOfRange();

// Units of interval input and of date_part/date_trunc on intervals
// (PostgreSQL's deltatktbl, names compared on their first 10 characters).
enum class IntervalUnit : uint8_t {
  kNone,
  kIgnore,
  kAgo,
  kMicro,
  kMilli,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kTimezone
};
// REQUIRES: `name` lower-cased. kNone when it is no unit.
IntervalUnit IntervalUnitFromName(std::string_view name);

}  // namespace omen
