// AT TIME ZONE: PostgreSQL 15's timezone(zone, timestamp[tz]) with the zone
// as text (an abbreviation, a tz database name or a POSIX offset) or as an
// interval (hours east of UTC). timestamptz -> the zone's wall time
// (timestamp); timestamp -> the instant that wall time is in the zone.

#include <string>

#include "common/interval.h"
#include "common/time_zone.h"
#include "execution/function_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

bool IsInfinite(int64_t ts) { return ts == INT64_MIN || ts == INT64_MAX; }

Result<TimeZone> ZoneNamed(const std::string& name) {
  std::optional<TimeZone> zone = LookupTimeZone(name);
  if (!zone) {
    return Status(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
  }
  return *zone;
}

// timestamptz_zone / timestamp_zone.
template <bool kToLocal>
Status AtZoneNamed(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(TimeZone zone, ZoneNamed(a[0].s));
  out->i = kToLocal ? zone.ToLocal(a[1].i) : zone.ToUtc(a[1].i);
  return Status::OK();
}

// timestamptz_izone / timestamp_izone: the interval is the offset east.
template <bool kToLocal>
Status AtZoneInterval(const std::vector<Value>& a, Value* out) {
  Interval iv = DecodeInterval(a[0].s);
  if (iv.months != 0 || iv.days != 0) {
    return Status(sqlstate::kInvalidParameterValue, "interval time zone \"" + FormatInterval(iv) +
                                                        "\" must not include months or days");
  }
  int64_t ts = a[1].i;
  if (IsInfinite(ts)) {
    out->i = ts;
    return Status::OK();
  }
  int64_t offset = iv.micros / 1000000 * 1000000;  // whole seconds, as PostgreSQL
  out->i = kToLocal ? ts + offset : ts - offset;
  return Status::OK();
}

}  // namespace

ScalarKernel TimeZoneKernel(uint32_t oid) {
  switch (oid) {
    case 1159: return kRow<&AtZoneNamed<true>>;
    case 2069: return kRow<&AtZoneNamed<false>>;
    case 1026: return kRow<&AtZoneInterval<true>>;
    case 2070: return kRow<&AtZoneInterval<false>>;
    default: return nullptr;
  }
}

}  // namespace omen::execution::internal
