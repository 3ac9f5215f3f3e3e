#pragma once
// Time zones as PostgreSQL 15 uses them: the session TimeZone setting, zone
// names in timestamptz input and AT TIME ZONE. A zone is an IANA zone read
// from /usr/share/zoneinfo (Debian's tzdata) through absl, or a fixed offset
// (a POSIX spec without DST rules such as "UTC+3" or "<+02>-02").
//
// Timestamps here are PostgreSQL's: microseconds since 2000-01-01 00:00 UTC
// (timestamptz) or of local wall-clock time (timestamp). Infinite values
// (INT64_MIN / INT64_MAX) pass through every conversion unchanged.
//
// The session zone is thread-local, like the reg* resolver: the connection
// that binds or runs a statement installs its TimeZone setting for its
// thread; timestamptz text I/O and casts read it. The default is UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <absl/time/time.h>

namespace omen {

class TimeZone {
 public:
  TimeZone();  // UTC

  // The zone a canonical name (as CanonicalTimeZoneName returns) denotes;
  // nullopt when it names none.
  static std::optional<TimeZone> FromCanonical(std::string_view name);
  // A zone always `seconds_east` of UTC.
  static TimeZone Fixed(int32_t seconds_east) { return TimeZone(absl::FixedTimeZone(seconds_east)); }

  // Seconds east of UTC in effect at UTC instant `ts`.
  int32_t OffsetAtUtc(int64_t ts) const;
  // The zone's abbreviation at UTC instant `ts` ("CET", "EDT", "+0530").
  std::string AbbreviationAtUtc(int64_t ts) const;
  // The offset PostgreSQL gives local wall time `local`: the only one, the
  // offset before the transition in a DST gap, and the offset after it in
  // an overlap (DetermineTimeZoneOffset).
  int32_t OffsetForLocal(int64_t local) const;
  // UTC instant -> local wall time, and back with OffsetForLocal.
  int64_t ToLocal(int64_t ts) const;
  int64_t ToUtc(int64_t local) const;

 private:
  explicit TimeZone(absl::TimeZone tz) : tz_(tz) {}
  absl::TimeZone tz_;
};

// check_timezone(): the name SHOW prints for a TimeZone setting value, or
// nullopt when it is not one. Accepts zone names from the tz database (case
// insensitive, answered in the database's spelling: "europe/berlin" ->
// "Europe/Berlin"), a number of hours east of UTC ("+02", "-3.5" ->
// "<+02>-02", "<-03:30>+03:30") and POSIX specs without DST rules ("UTC+3").
std::optional<std::string> CanonicalTimeZoneName(std::string_view value);

// The zone `name` denotes in AT TIME ZONE, timezone() and timestamptz input:
// a timezone abbreviation (PST, EST, CEST, ...), a tz database zone or a
// POSIX spec ("+05" is five hours west, as in PostgreSQL). nullopt: unknown.
std::optional<TimeZone> LookupTimeZone(std::string_view name);

// The calling thread's session zone (UTC when none was installed).
const TimeZone& ThreadTimeZone();
// Installs the zone a canonical setting value names for the calling thread
// (UTC when it names none). Cheap when the name has not changed.
void SetThreadTimeZone(std::string_view canonical_name);

// An offset in seconds east of UTC as timestamptz output writes it:
// "+01", "+05:30", "-03:30", "+00:53:28".
std::string FormatUtcOffset(int32_t seconds);

}  // namespace omen
