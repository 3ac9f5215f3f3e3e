#pragma once
// Helpers shared by common/type_io.cc and the execution/ function kernels.
// Not part of the public contract; owned by the types engineer.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace omen::typeio {

// PostgreSQL's date/timestamp infinities (date: int32 limits, timestamp: int64).
inline constexpr int64_t kDateNegInf = INT32_MIN;
inline constexpr int64_t kDatePosInf = INT32_MAX;
inline constexpr int64_t kTsNegInf = INT64_MIN;
inline constexpr int64_t kTsPosInf = INT64_MAX;
inline constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

// float8out / float4out with extra_float_digits = 1 (shortest round trip).
std::string FormatFloat8(double v);
std::string FormatFloat4(double v);

// Days since 2000-01-01 <-> proleptic Gregorian (year <= 0 is 1 - year BC).
int64_t DaysFromCivil(int64_t y, int m, int d);
void CivilFromDays(int64_t days, int64_t* y, int* m, int* d);
// Day of week, 0 = Sunday.
int DayOfWeek(int64_t days);

// Number of UTF-8 characters (bytes that are not continuation bytes).
size_t Utf8Length(std::string_view s);
// Byte offset of the character with index `chars` (or s.size()).
size_t Utf8Offset(std::string_view s, size_t chars);

// bpchar semantics: the string without trailing spaces.
std::string_view StripTrailingSpaces(std::string_view s);

}  // namespace omen::typeio
