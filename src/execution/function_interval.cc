// interval operators and functions (PostgreSQL 15's timestamp.c): span
// comparison, interval arithmetic, date/timestamp ± interval with month and
// day steps on the calendar, timestamp - timestamp, age, justify_*,
// date_part/extract/date_trunc on intervals and make_interval. timestamptz
// steps months and days on the session zone's calendar (timestamptz_pl_interval).

#include <cmath>
#include <ctime>
#include <string>
#include <unordered_map>

#include "common/interval.h"
#include "common/time_zone.h"
#include "common/type_io_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

using typeio::kMicrosPerDay;

constexpr int64_t kMinTsDays = -2451545;   // 4714-11-24 BC
constexpr int64_t kEndTsDays = 106751983;  // 294277-01-01

Interval Iv(const Value& v) { return DecodeInterval(v.s); }
void SetIv(Value* out, const Interval& iv) { out->s = EncodeInterval(iv); }

Status TimestampOutOfRange() {
  return Status(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

bool IsInfiniteTs(int64_t ts) { return ts == typeio::kTsPosInf || ts == typeio::kTsNegInf; }

bool ValidTs(int64_t ts) {
  return ts >= kMinTsDays * kMicrosPerDay && ts < kEndTsDays * kMicrosPerDay;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// A finite timestamp as calendar fields.
struct Tm {
  int64_t year;
  int month, day;
  int64_t tod;  // microseconds of the day
};

Tm SplitTs(int64_t ts) {
  Tm t;
  int64_t days = FloorDiv(ts, kMicrosPerDay);
  t.tod = ts - days * kMicrosPerDay;
  typeio::CivilFromDays(days, &t.year, &t.month, &t.day);
  return t;
}

Result<int64_t> JoinTs(int64_t year, int month, int day, int64_t tod) {
  if (year < -4713 - 1 || year > 294277) return TimestampOutOfRange();
  int64_t days = typeio::DaysFromCivil(year, month, day);
  if (days < kMinTsDays || days >= kEndTsDays) return TimestampOutOfRange();
  return days * kMicrosPerDay + tod;
}

// timestamp_pl_interval.
Result<int64_t> TsPlusInterval(int64_t ts, const Interval& span) {
  if (IsInfiniteTs(ts)) return ts;
  if (span.months != 0) {
    Tm t = SplitTs(ts);
    int64_t mon = t.month + static_cast<int64_t>(span.months);
    if (mon > 12) {
      t.year += (mon - 1) / 12;
      mon = (mon - 1) % 12 + 1;
    } else if (mon < 1) {
      t.year += mon / 12 - 1;
      mon = mon % 12 + 12;
    }
    int dim =
        t.year < -5000000 || t.year > 5000000 ? 31 : DaysInMonth(t.year, static_cast<int>(mon));
    if (t.day > dim) t.day = dim;
    OMEN_ASSIGN_OR_RETURN(ts, JoinTs(t.year, static_cast<int>(mon), t.day, t.tod));
  }
  if (span.days != 0) {
    int64_t days = FloorDiv(ts, kMicrosPerDay);
    int64_t tod = ts - days * kMicrosPerDay;
    days += span.days;
    if (days < kMinTsDays || days >= kEndTsDays) return TimestampOutOfRange();
    ts = days * kMicrosPerDay + tod;
  }
  if (__builtin_add_overflow(ts, span.micros, &ts) || !ValidTs(ts)) return TimestampOutOfRange();
  return ts;
}

Result<Interval> Negate(const Interval& a) {
  if (a.months == INT32_MIN || a.days == INT32_MIN || a.micros == INT64_MIN)
    return IntervalOutOfRange();
  return Interval{-a.months, -a.days, -a.micros};
}

Result<Interval> AddIntervals(const Interval& a, const Interval& b, bool subtract) {
  Interval r;
  bool overflow = subtract ? (__builtin_sub_overflow(a.months, b.months, &r.months) ||
                              __builtin_sub_overflow(a.days, b.days, &r.days) ||
                              __builtin_sub_overflow(a.micros, b.micros, &r.micros))
                           : (__builtin_add_overflow(a.months, b.months, &r.months) ||
                              __builtin_add_overflow(a.days, b.days, &r.days) ||
                              __builtin_add_overflow(a.micros, b.micros, &r.micros));
  if (overflow) return IntervalOutOfRange();
  return r;
}

bool FitsInt32(double d) { return !std::isnan(d) && d >= -2147483648.0 && d < 2147483648.0; }
bool FitsInt64(double d) {
  return !std::isnan(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0;
}
double TsRound(double j) { return std::rint(j * 1000000.0) / 1000000.0; }

// interval_mul (and interval_div as multiplication by 1 / factor, with
// PostgreSQL's separate rounding of each step).
Result<Interval> ScaleInterval(const Interval& span, double factor, bool divide) {
  if (divide && factor == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
  auto scale = [&](double x) { return divide ? x / factor : x * factor; };
  Interval r;
  double m = scale(span.months), d = scale(span.days);
  if (!FitsInt32(m) || !FitsInt32(d)) return IntervalOutOfRange();
  r.months = static_cast<int32_t>(m);
  r.days = static_cast<int32_t>(d);
  double month_remainder_days = TsRound((m - r.months) * 30);
  double sec_remainder =
      TsRound((d - r.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400);
  if (std::fabs(sec_remainder) >= 86400) {
    int extra = static_cast<int>(sec_remainder / 86400);
    if (__builtin_add_overflow(r.days, extra, &r.days)) return IntervalOutOfRange();
    sec_remainder -= extra * 86400.0;
  }
  if (__builtin_add_overflow(r.days, static_cast<int32_t>(month_remainder_days), &r.days))
    return IntervalOutOfRange();
  double t = std::rint(scale(static_cast<double>(span.micros)) + sec_remainder * 1000000.0);
  if (!FitsInt64(t)) return IntervalOutOfRange();
  r.micros = static_cast<int64_t>(t);
  return r;
}

Result<Interval> JustifyHours(Interval r) {
  int64_t whole = r.micros / kMicrosPerDay;
  r.micros -= whole * kMicrosPerDay;
  if (whole < INT32_MIN || whole > INT32_MAX ||
      __builtin_add_overflow(r.days, static_cast<int32_t>(whole), &r.days)) {
    return IntervalOutOfRange();
  }
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    r.days++;
  }
  return r;
}

Result<Interval> JustifyDays(Interval r) {
  int32_t whole = r.days / 30;
  r.days -= whole * 30;
  if (__builtin_add_overflow(r.months, whole, &r.months)) return IntervalOutOfRange();
  if (r.months > 0 && r.days < 0) {
    r.days += 30;
    r.months--;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= 30;
    r.months++;
  }
  return r;
}

Result<Interval> JustifyInterval(Interval r) {
  if ((r.days > 0 && r.micros > 0) || (r.days < 0 && r.micros < 0)) {
    int32_t whole = r.days / 30;
    r.days -= whole * 30;
    if (__builtin_add_overflow(r.months, whole, &r.months)) return IntervalOutOfRange();
  }
  int64_t wholeday = r.micros / kMicrosPerDay;
  r.micros -= wholeday * kMicrosPerDay;
  if (wholeday < INT32_MIN || wholeday > INT32_MAX ||
      __builtin_add_overflow(r.days, static_cast<int32_t>(wholeday), &r.days)) {
    return IntervalOutOfRange();
  }
  int32_t wholemonth = r.days / 30;
  r.days -= wholemonth * 30;
  if (__builtin_add_overflow(r.months, wholemonth, &r.months)) return IntervalOutOfRange();
  if (r.months > 0 && (r.days < 0 || (r.days == 0 && r.micros < 0))) {
    r.days += 30;
    r.months--;
  } else if (r.months < 0 && (r.days > 0 || (r.days == 0 && r.micros > 0))) {
    r.days -= 30;
    r.months++;
  }
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    r.days++;
  }
  return r;
}

// ---- operators ----------------------------------------------------------

template <int kOp>  // 0 =, 1 <>, 2 <, 3 <=, 4 >, 5 >=
Status CompareIv(const std::vector<Value>& a, Value* out) {
  int c = CompareIntervals(Iv(a[0]), Iv(a[1]));
  bool r = kOp == 0   ? c == 0
           : kOp == 1 ? c != 0
           : kOp == 2 ? c < 0
           : kOp == 3 ? c <= 0
           : kOp == 4 ? c > 0
                      : c >= 0;
  out->i = r ? 1 : 0;
  return Status::OK();
}

template <bool kSubtract>
Status IvPlusIv(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(Interval r, AddIntervals(Iv(a[0]), Iv(a[1]), kSubtract));
  SetIv(out, r);
  return Status::OK();
}

Status IvNegate(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(Interval r, Negate(Iv(a[0])));
  SetIv(out, r);
  return Status::OK();
}

template <bool kIntervalFirst, bool kDivide>
Status IvScale(const std::vector<Value>& a, Value* out) {
  const Value& iv = kIntervalFirst ? a[0] : a[1];
  double f = kIntervalFirst ? a[1].d : a[0].d;
  OMEN_ASSIGN_OR_RETURN(Interval r, ScaleInterval(Iv(iv), f, kDivide));
  SetIv(out, r);
  return Status::OK();
}

// A date or timestamp operand as a timestamp.
Result<int64_t> AsTimestamp(const Value& v) {
  if (v.type.id != TypeId::kDate) return v.i;
  if (v.i == typeio::kDatePosInf) return typeio::kTsPosInf;
  if (v.i == typeio::kDateNegInf) return typeio::kTsNegInf;
  if (v.i >= kEndTsDays)
    return Status(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  return v.i * kMicrosPerDay;
}

// ts + iv, iv + ts, ts - iv (date operands read as their midnight).
template <bool kIntervalFirst, bool kSubtract>
Status TsPlusIv(const std::vector<Value>& a, Value* out) {
  const Value& tv = kIntervalFirst ? a[1] : a[0];
  Interval span = Iv(kIntervalFirst ? a[0] : a[1]);
  if (kSubtract) {
    OMEN_ASSIGN_OR_RETURN(span, Negate(span));
  }
  OMEN_ASSIGN_OR_RETURN(int64_t ts, AsTimestamp(tv));
  if (tv.type.id == TypeId::kTimestampTz && !IsInfiniteTs(ts) && (span.months != 0 || span.days != 0)) {
    // Months and days move the wall clock; the offset is found again after.
    const TimeZone& zone = ThreadTimeZone();
    OMEN_ASSIGN_OR_RETURN(int64_t local, TsPlusInterval(zone.ToLocal(ts), Interval{span.months, span.days, 0}));
    ts = zone.ToUtc(local);
    span.months = 0;
    span.days = 0;
  }
  OMEN_ASSIGN_OR_RETURN(out->i, TsPlusInterval(ts, span));
  return Status::OK();
}

// timestamp_mi: the difference as justify_hours of microseconds.
Status TsMinusTs(const std::vector<Value>& a, Value* out) {
  if (IsInfiniteTs(a[0].i) || IsInfiniteTs(a[1].i)) {
    return Status(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  Interval r;
  if (__builtin_sub_overflow(a[0].i, a[1].i, &r.micros)) return IntervalOutOfRange();
  OMEN_ASSIGN_OR_RETURN(r, JustifyHours(r));
  SetIv(out, r);
  return Status::OK();
}

// ---- functions ----------------------------------------------------------

template <Result<Interval> (*kFn)(Interval)>
Status Justify(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(Interval r, kFn(Iv(a[0])));
  SetIv(out, r);
  return Status::OK();
}

// timestamp_age: the symbolic field-by-field difference.
Result<Interval> Age(int64_t dt1, int64_t dt2) {
  if (IsInfiniteTs(dt1) || IsInfiniteTs(dt2)) return TimestampOutOfRange();
  Tm t1 = SplitTs(dt1), t2 = SplitTs(dt2);
  int64_t usec = t1.tod % kMicrosPerSecond - t2.tod % kMicrosPerSecond;
  int64_t sec = t1.tod / kMicrosPerSecond % 60 - t2.tod / kMicrosPerSecond % 60;
  int64_t min = t1.tod / (60 * kMicrosPerSecond) % 60 - t2.tod / (60 * kMicrosPerSecond) % 60;
  int64_t hour = t1.tod / kMicrosPerHour - t2.tod / kMicrosPerHour;
  int64_t mday = t1.day - t2.day, mon = t1.month - t2.month, year = t1.year - t2.year;
  bool flip = dt1 < dt2;
  int64_t* fields[] = {&usec, &sec, &min, &hour, &mday, &mon, &year};
  if (flip) {
    for (int64_t* f : fields) *f = -*f;
  }
  while (usec < 0) usec += kMicrosPerSecond, sec--;
  while (sec < 0) sec += 60, min--;
  while (min < 0) min += 60, hour--;
  while (hour < 0) hour += 24, mday--;
  while (mday < 0) {
    const Tm& base = flip ? t1 : t2;
    mday += DaysInMonth(base.year, base.month);
    mon--;
  }
  while (mon < 0) mon += 12, year--;
  if (flip) {
    for (int64_t* f : fields) *f = -*f;
  }
  Interval r;
  int64_t months = year * 12 + mon;
  if (months < INT32_MIN || months > INT32_MAX) return IntervalOutOfRange();
  r.months = static_cast<int32_t>(months);
  r.days = static_cast<int32_t>(mday);
  r.micros = ((hour * 60 + min) * 60 + sec) * kMicrosPerSecond + usec;
  return r;
}

int64_t CurrentDateMidnight() {
  // current_date: today in the session zone, at midnight (local time).
  int64_t ts = static_cast<int64_t>(std::time(nullptr)) * kMicrosPerSecond - 10957 * kMicrosPerDay;
  ts = ThreadTimeZone().ToLocal(ts);
  return FloorDiv(ts, kMicrosPerDay) * kMicrosPerDay;
}

// age(): timestamptz arguments compare as session-zone wall times.
Status AgeFn(const std::vector<Value>& a, Value* out) {
  const Value& last = a.back();
  int64_t dt1 = a.size() == 2 ? a[0].i : CurrentDateMidnight();
  int64_t dt2 = last.i;
  if (last.type.id == TypeId::kTimestampTz) {
    if (a.size() == 2) dt1 = ThreadTimeZone().ToLocal(dt1);
    dt2 = ThreadTimeZone().ToLocal(dt2);
  }
  OMEN_ASSIGN_OR_RETURN(Interval r, Age(dt1, dt2));
  SetIv(out, r);
  return Status::OK();
}

Status MakeInterval(const std::vector<Value>& a, Value* out) {
  double secs = a[6].d;
  if (std::isinf(secs) || std::isnan(secs)) return IntervalOutOfRange();
  Interval r;
  int32_t t;
  if (__builtin_mul_overflow(static_cast<int32_t>(a[0].i), 12, &t) ||
      __builtin_add_overflow(t, static_cast<int32_t>(a[1].i), &r.months) ||
      __builtin_mul_overflow(static_cast<int32_t>(a[2].i), 7, &t) ||
      __builtin_add_overflow(t, static_cast<int32_t>(a[3].i), &r.days)) {
    return IntervalOutOfRange();
  }
  r.micros = a[4].i * kMicrosPerHour + a[5].i * 60 * kMicrosPerSecond;
  double us = std::rint(secs * 1000000.0);
  if (!FitsInt64(us) || __builtin_add_overflow(r.micros, static_cast<int64_t>(us), &r.micros)) {
    return IntervalOutOfRange();
  }
  SetIv(out, r);
  return Status::OK();
}

}  // namespace

// Declared in function_interval_part.cc.
Status IntervalPart(const std::vector<Value>& a, Value* out);
Status IntervalExtract(const std::vector<Value>& a, Value* out);
Status IntervalTrunc(const std::vector<Value>& a, Value* out);

ScalarKernel IntervalKernel(uint32_t oid) {
  static const auto* table = new std::unordered_map<uint32_t, ScalarKernel>{
      {1162, kRow<&CompareIv<0>>},
      {1163, kRow<&CompareIv<1>>},
      {1164, kRow<&CompareIv<2>>},
      {1165, kRow<&CompareIv<3>>},
      {1167, kRow<&CompareIv<4>>},
      {1166, kRow<&CompareIv<5>>},
      {1169, kRow<&IvPlusIv<false>>},
      {1170, kRow<&IvPlusIv<true>>},
      {1168, kRow<&IvNegate>},
      {1618, kRow<&IvScale<true, false>>},
      {1624, kRow<&IvScale<false, false>>},
      {1326, kRow<&IvScale<true, true>>},
      {2071, kRow<&TsPlusIv<false, false>>},
      {2546, kRow<&TsPlusIv<true, false>>},
      {2072, kRow<&TsPlusIv<false, true>>},
      {2032, kRow<&TsPlusIv<false, false>>},
      {2548, kRow<&TsPlusIv<true, false>>},
      {2033, kRow<&TsPlusIv<false, true>>},
      {1189, kRow<&TsPlusIv<false, false>>},
      {2549, kRow<&TsPlusIv<true, false>>},
      {1190, kRow<&TsPlusIv<false, true>>},
      {2031, kRow<&TsMinusTs>},
      {1188, kRow<&TsMinusTs>},
      {2711, kRow<&Justify<&JustifyInterval>>},
      {1175, kRow<&Justify<&JustifyHours>>},
      {1295, kRow<&Justify<&JustifyDays>>},
      {2058, kRow<&AgeFn>},
      {2059, kRow<&AgeFn>},
      {1199, kRow<&AgeFn>},
      {1386, kRow<&AgeFn>},
      {3464, kRow<&MakeInterval>},
      {1172, kRow<&IntervalPart>},
      {6204, kRow<&IntervalExtract>},
      {1218, kRow<&IntervalTrunc>},
  };
  auto it = table->find(oid);
  return it == table->end() ? nullptr : it->second;
}

}  // namespace omen::execution::internal
