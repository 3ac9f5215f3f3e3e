// date_part, extract and date_trunc on intervals (PostgreSQL 15's
// interval_part_common and interval_trunc).

#include <string>

#include "common/interval.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

// interval2itm: the fields PostgreSQL shows.
struct Itm {
  int64_t year, mon, mday, hour, min, sec, usec;
};

Itm Split(const Interval& iv) {
  Itm t;
  t.year = iv.months / 12;
  t.mon = iv.months % 12;
  t.mday = iv.days;
  int64_t time = iv.micros;
  t.hour = time / kMicrosPerHour;
  time -= t.hour * kMicrosPerHour;
  t.min = time / (60 * kMicrosPerSecond);
  time -= t.min * 60 * kMicrosPerSecond;
  t.sec = time / kMicrosPerSecond;
  t.usec = time - t.sec * kMicrosPerSecond;
  return t;
}

std::string Lower(const std::string& s) {
  std::string r;
  for (char c : s) r.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return r;
}

Status NotSupported(const std::string& unit) {
  return Status(sqlstate::kFeatureNotSupported,
                "unit \"" + unit + "\" not supported for type interval");
}
Status NotRecognized(const std::string& unit) {
  return Status(sqlstate::kInvalidParameterValue,
                "unit \"" + unit + "\" not recognized for type interval");
}

// Units of timestamps that intervals have no value for (datetktbl's UNITS).
bool IsTimestampOnlyUnit(const std::string& u) {
  return u == "dow" || u == "doy" || u == "isodow" || u == "isoyear" || u == "julian" || u == "j" ||
         u == "timezone_h" || u == "timezone_m";
}

// The field `unit` of `iv` as a scaled integer: value = *num / 10^*scale.
// *epoch is set for "epoch" (computed by the caller's precision).
Status Field(const std::string& unit_text, const Interval& iv, int64_t* num, int* scale) {
  std::string u = Lower(unit_text);
  IntervalUnit unit = IntervalUnitFromName(u);
  Itm t = Split(iv);
  *scale = 0;
  switch (unit) {
    case IntervalUnit::kMicro:
      *num = t.sec * kMicrosPerSecond + t.usec;
      return Status::OK();
    case IntervalUnit::kMilli:
      *num = t.sec * kMicrosPerSecond + t.usec, *scale = 3;
      return Status::OK();
    case IntervalUnit::kSecond:
      *num = t.sec * kMicrosPerSecond + t.usec, *scale = 6;
      return Status::OK();
    case IntervalUnit::kMinute:
      *num = t.min;
      return Status::OK();
    case IntervalUnit::kHour:
      *num = t.hour;
      return Status::OK();
    case IntervalUnit::kDay:
      *num = t.mday;
      return Status::OK();
    case IntervalUnit::kMonth:
      *num = t.mon;
      return Status::OK();
    case IntervalUnit::kQuarter:
      *num = t.mon / 3 + 1;
      return Status::OK();
    case IntervalUnit::kYear:
      *num = t.year;
      return Status::OK();
    case IntervalUnit::kDecade:
      *num = t.year / 10;
      return Status::OK();
    case IntervalUnit::kCentury:
      *num = t.year / 100;
      return Status::OK();
    case IntervalUnit::kMillennium:
      *num = t.year / 1000;
      return Status::OK();
    case IntervalUnit::kWeek:
    case IntervalUnit::kTimezone:
      return NotSupported(unit_text);
    default:
      break;
  }
  if (u == "epoch") {
    // Years of 365.25 days, months of 30: in microseconds, exactly.
    __int128 secs = static_cast<__int128>(iv.months / 12) * 36525 * 864 +
                    static_cast<__int128>(iv.months % 12) * 30 * 86400 +
                    static_cast<__int128>(iv.days) * 86400;
    __int128 micros = secs * kMicrosPerSecond + iv.micros;
    if (micros < INT64_MIN || micros > INT64_MAX) return IntervalOutOfRange();
    *num = static_cast<int64_t>(micros);
    *scale = 6;
    return Status::OK();
  }
  if (IsTimestampOnlyUnit(u)) return NotSupported(unit_text);
  return NotRecognized(unit_text);
}

int64_t Pow10(int scale) {
  int64_t p = 1;
  for (int i = 0; i < scale; ++i) p *= 10;
  return p;
}

}  // namespace

Status IntervalPart(const std::vector<Value>& a, Value* out) {
  int64_t num;
  int scale;
  OMEN_RETURN_IF_ERROR(Field(a[0].s, DecodeInterval(a[1].s), &num, &scale));
  out->d = static_cast<double>(num) / static_cast<double>(Pow10(scale));
  if (Lower(a[0].s) == "epoch") {
    // date_part's float8 epoch sums in double, as PostgreSQL.
    Interval iv = DecodeInterval(a[1].s);
    out->d = static_cast<double>(iv.micros) / 1000000.0 + 365.25 * 86400 * (iv.months / 12) +
             30.0 * 86400 * (iv.months % 12) + 86400.0 * iv.days;
  }
  return Status::OK();
}

Status IntervalExtract(const std::vector<Value>& a, Value* out) {
  int64_t num;
  int scale;
  OMEN_RETURN_IF_ERROR(Field(a[0].s, DecodeInterval(a[1].s), &num, &scale));
  if (scale == 0) {
    out->n = Numeric::FromInt64(num);
    return Status::OK();
  }
  Result<Numeric> q = Numeric::FromInt64(num).Div(Numeric::FromInt64(Pow10(scale)));
  if (!q.ok()) return q.status();
  out->n = q->Round(scale);
  return Status::OK();
}

Status IntervalTrunc(const std::vector<Value>& a, Value* out) {
  std::string u = Lower(a[0].s);
  IntervalUnit unit = IntervalUnitFromName(u);
  Itm t = Split(DecodeInterval(a[1].s));
  switch (unit) {
    case IntervalUnit::kMillennium:
      t.year = t.year / 1000 * 1000;
      [[fallthrough]];
    case IntervalUnit::kCentury:
      t.year = t.year / 100 * 100;
      [[fallthrough]];
    case IntervalUnit::kDecade:
      t.year = t.year / 10 * 10;
      [[fallthrough]];
    case IntervalUnit::kYear:
      t.mon = 0;
      [[fallthrough]];
    case IntervalUnit::kQuarter:
      t.mon = 3 * (t.mon / 3);
      [[fallthrough]];
    case IntervalUnit::kMonth:
      t.mday = 0;
      [[fallthrough]];
    case IntervalUnit::kDay:
      t.hour = 0;
      [[fallthrough]];
    case IntervalUnit::kHour:
      t.min = 0;
      [[fallthrough]];
    case IntervalUnit::kMinute:
      t.sec = 0;
      [[fallthrough]];
    case IntervalUnit::kSecond:
      t.usec = 0;
      break;
    case IntervalUnit::kMilli:
      t.usec = t.usec / 1000 * 1000;
      break;
    case IntervalUnit::kMicro:
      break;
    case IntervalUnit::kWeek: {
      Status s = NotSupported(a[0].s);
      s.WithDetail("Months usually have fractional weeks.");
      return s;
    }
    case IntervalUnit::kTimezone:
      return NotSupported(a[0].s);
    default:
      return NotRecognized(a[0].s);
  }
  Interval r;
  int64_t months = t.year * 12 + t.mon;
  if (months < INT32_MIN || months > INT32_MAX) return IntervalOutOfRange();
  r.months = static_cast<int32_t>(months);
  r.days = static_cast<int32_t>(t.mday);
  r.micros = ((t.hour * 60 + t.min) * 60 + t.sec) * kMicrosPerSecond + t.usec;
  out->s = EncodeInterval(r);
  return Status::OK();
}

}  // namespace omen::execution::internal
