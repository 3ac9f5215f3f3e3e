// Date/time scalar functions: now() and friends, date_part, date_trunc.
// timestamptz fields are those of the session zone's wall time.

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "common/time_zone.h"
#include "common/type_io_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

using typeio::kMicrosPerDay;

int64_t NowMicros() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return unix_micros - 10957 * kMicrosPerDay;
}

Status Now(const std::vector<Value>&, Value* out) {
  out->i = NowMicros();
  return Status::OK();
}

Status CurrentDate(const std::vector<Value>&, Value* out) {
  int64_t local = ThreadTimeZone().ToLocal(NowMicros());
  out->i = local >= 0 ? local / kMicrosPerDay : -((-local + kMicrosPerDay - 1) / kMicrosPerDay);
  return Status::OK();
}

Status LocalTimestamp(const std::vector<Value>&, Value* out) {
  out->i = ThreadTimeZone().ToLocal(NowMicros());
  return Status::OK();
}

// A timestamptz as the session zone's wall time; other values unchanged.
Value Local(const Value& v) {
  Value local = v;
  if (v.type.id == TypeId::kTimestampTz) local.i = ThreadTimeZone().ToLocal(v.i);
  return local;
}

bool IsZoneUnit(const std::string& unit) {
  return unit == "timezone" || unit == "timezone_hour" || unit == "timezone_minute";
}

struct Fields {
  int64_t days, year;
  int month, day;
  int64_t micros_of_day;
};

// Splits a finite timestamp; a date argument is read as its midnight.
Fields Split(const Value& v) {
  int64_t ts = v.type.id == TypeId::kDate ? v.i * kMicrosPerDay : v.i;
  Fields f;
  f.days = ts >= 0 ? ts / kMicrosPerDay : -((-ts + kMicrosPerDay - 1) / kMicrosPerDay);
  f.micros_of_day = ts - f.days * kMicrosPerDay;
  typeio::CivilFromDays(f.days, &f.year, &f.month, &f.day);
  return f;
}

bool IsInfinite(const Value& v) {
  if (v.type.id == TypeId::kDate) return v.i == typeio::kDatePosInf || v.i == typeio::kDateNegInf;
  return v.i == typeio::kTsPosInf || v.i == typeio::kTsNegInf;
}

bool IsPositiveInfinity(const Value& v) { return v.i == typeio::kDatePosInf || v.i == typeio::kTsPosInf; }

// Lower-cased unit name with a plural 's' dropped ("Years" -> "year").
std::string Unit(const std::string& text) {
  std::string u;
  for (char c : text) u.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (u.size() > 1 && u.back() == 's' && u != "ms" && u != "us") u.pop_back();
  if (u == "ms" || u == "msec" || u == "millisecon") u = "millisecond";
  if (u == "us" || u == "usec" || u == "microsecon") u = "microsecond";
  if (u == "sec") u = "second";
  if (u == "min") u = "minute";
  if (u == "mon") u = "month";
  if (u == "y" || u == "yr") u = "year";
  return u;
}

Status UnitNotRecognized(const std::string& unit, TypeId t) {
  std::string type_name = t == TypeId::kTimestampTz ? "timestamp with time zone" : "timestamp without time zone";
  return Status(sqlstate::kInvalidParameterValue,
                "unit \"" + unit + "\" not recognized for type " + type_name);
}

int64_t IsoDow(int64_t days) {
  int dow = typeio::DayOfWeek(days);
  return dow == 0 ? 7 : dow;
}

void IsoWeek(int64_t days, int64_t* iso_year, int64_t* week) {
  int64_t thursday = days - (IsoDow(days) - 1) + 3;
  int64_t y;
  int m, d;
  typeio::CivilFromDays(thursday, &y, &m, &d);
  *iso_year = y;
  *week = (thursday - typeio::DaysFromCivil(y, 1, 1)) / 7 + 1;
}

Status DatePart(const std::vector<Value>& a, Value* out) {
  std::string unit = Unit(a[0].s);
  const Value& v = a[1];
  TypeId t = v.type.id == TypeId::kDate ? TypeId::kTimestamp : v.type.id;
  static const char* kKnown[] = {"microsecond", "millisecond", "second", "minute", "hour", "day", "month",
                                 "year", "quarter", "dow", "isodow", "doy", "decade", "century",
                                 "millennium", "week", "epoch", "isoyear", "julian"};
  bool known = false;
  for (const char* k : kKnown) known = known || unit == k;
  if (IsZoneUnit(unit)) {
    if (t != TypeId::kTimestampTz) {
      return Status(sqlstate::kFeatureNotSupported,
                    "unit \"" + a[0].s + "\" not supported for type " +
                        (v.type.id == TypeId::kDate ? "date" : "timestamp without time zone"));
    }
    known = true;
  }
  if (!known) return UnitNotRecognized(a[0].s, t);
  if (IsInfinite(v)) {
    bool monotonic = unit == "epoch" || unit == "year" || unit == "decade" || unit == "century" ||
                     unit == "millennium" || unit == "isoyear" || unit == "julian";
    if (!monotonic) {
      out->is_null = true;
    } else {
      out->d = IsPositiveInfinity(v) ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    return Status::OK();
  }
  Fields f = Split(Local(v));
  int64_t sec_micros = f.micros_of_day % 60000000;
  double r = 0;
  int32_t offset = v.type.id == TypeId::kTimestampTz ? ThreadTimeZone().OffsetAtUtc(v.i) : 0;
  if (unit == "timezone") r = offset;
  else if (unit == "timezone_hour") r = offset / 3600;
  else if (unit == "timezone_minute") r = offset / 60 % 60;
  else if (unit == "microsecond") r = static_cast<double>(sec_micros);
  else if (unit == "millisecond") r = static_cast<double>(sec_micros) / 1000.0;
  else if (unit == "second") r = static_cast<double>(sec_micros) / 1000000.0;
  else if (unit == "minute") r = static_cast<double>(f.micros_of_day / 60000000 % 60);
  else if (unit == "hour") r = static_cast<double>(f.micros_of_day / 3600000000LL);
  else if (unit == "day") r = f.day;
  else if (unit == "month") r = f.month;
  else if (unit == "year") r = static_cast<double>(f.year <= 0 ? f.year - 1 : f.year);
  else if (unit == "quarter") r = (f.month - 1) / 3 + 1;
  else if (unit == "dow") r = typeio::DayOfWeek(f.days);
  else if (unit == "isodow") r = static_cast<double>(IsoDow(f.days));
  else if (unit == "doy") r = static_cast<double>(f.days - typeio::DaysFromCivil(f.year, 1, 1) + 1);
  else if (unit == "decade") r = static_cast<double>(f.year >= 0 ? f.year / 10 : -((8 - (f.year - 1)) / 10));
  else if (unit == "century") r = static_cast<double>(f.year > 0 ? (f.year + 99) / 100 : -((99 - (f.year - 1)) / 100));
  else if (unit == "millennium") r = static_cast<double>(f.year > 0 ? (f.year + 999) / 1000 : -((999 - (f.year - 1)) / 1000));
  else if (unit == "week" || unit == "isoyear") {
    int64_t iso_year, week;
    IsoWeek(f.days, &iso_year, &week);
    r = static_cast<double>(unit == "week" ? week : iso_year);
  } else if (unit == "julian") {
    r = static_cast<double>(f.days + 2451545) + static_cast<double>(f.micros_of_day) / kMicrosPerDay;
  } else {  // epoch
    int64_t ts = v.type.id == TypeId::kDate ? v.i * kMicrosPerDay : v.i;
    r = static_cast<double>(ts + 10957 * kMicrosPerDay) / 1000000.0;
  }
  out->d = r;
  return Status::OK();
}

bool IsTimeUnit(const std::string& unit) {
  return unit == "microsecond" || unit == "millisecond" || unit == "second" || unit == "minute" || unit == "hour";
}

// extract(): date_part's fields as numeric (PostgreSQL 14+), exact for
// sub-second fields, epoch and julian.
Status Extract(const std::vector<Value>& a, Value* out) {
  std::string unit = Unit(a[0].s);
  const Value& v = a[1];
  bool is_date = v.type.id == TypeId::kDate;
  if (is_date && IsTimeUnit(unit)) {
    return Status(sqlstate::kFeatureNotSupported, "unit \"" + a[0].s + "\" not supported for type date");
  }
  Value part;
  part.type = TypeId::kFloat64;
  part.is_null = false;
  OMEN_RETURN_IF_ERROR(DatePart(a, &part));
  if (part.is_null) {
    out->is_null = true;
    return Status::OK();
  }
  if (std::isinf(part.d)) {
    out->n = Numeric::FromDouble(part.d);
    return Status::OK();
  }
  Fields f = Split(Local(v));
  int64_t sec_micros = f.micros_of_day % 60000000;
  // num / divisor is exact at `scale` decimals; Div's extra digits are zeros.
  auto scaled = [](int64_t num, int64_t divisor, int32_t scale) {
    Result<Numeric> q = Numeric::FromInt64(num).Div(Numeric::FromInt64(divisor));
    return q.ok() ? q->Round(scale) : Numeric();
  };
  if (unit == "second") {
    out->n = scaled(sec_micros, 1000000, 6);
  } else if (unit == "millisecond") {
    out->n = scaled(sec_micros, 1000, 3);
  } else if (unit == "epoch" && !is_date) {
    out->n = scaled(v.i + 10957 * kMicrosPerDay, 1000000, 6);
  } else if (unit == "julian" && !is_date) {
    Result<Numeric> frac = Numeric::FromInt64(f.micros_of_day).Div(Numeric::FromInt64(kMicrosPerDay));
    if (!frac.ok()) return frac.status();
    OMEN_ASSIGN_OR_RETURN(out->n, Numeric::FromInt64(f.days + 2451545).Add(*frac));
  } else {
    out->n = Numeric::FromInt64(static_cast<int64_t>(part.d));
  }
  return Status::OK();
}

Status DateTrunc(const std::vector<Value>& a, Value* out) {
  std::string unit = Unit(a[0].s);
  const Value& v = a[1];
  if (IsInfinite(v)) {
    out->i = v.i;
    return Status::OK();
  }
  Fields f = Split(Local(v));
  int64_t day_micros = f.micros_of_day;
  int64_t days = f.days;
  auto year_start = [&](int64_t y) { return typeio::DaysFromCivil(y, 1, 1); };
  if (unit == "microsecond") {
  } else if (unit == "millisecond") {
    day_micros -= day_micros % 1000;
  } else if (unit == "second") {
    day_micros -= day_micros % 1000000;
  } else if (unit == "minute") {
    day_micros -= day_micros % 60000000;
  } else if (unit == "hour") {
    day_micros -= day_micros % 3600000000LL;
  } else {
    day_micros = 0;
    if (unit == "day") {
    } else if (unit == "week") {
      days -= IsoDow(days) - 1;
    } else if (unit == "month") {
      days = typeio::DaysFromCivil(f.year, f.month, 1);
    } else if (unit == "quarter") {
      days = typeio::DaysFromCivil(f.year, (f.month - 1) / 3 * 3 + 1, 1);
    } else if (unit == "year") {
      days = year_start(f.year);
    } else if (unit == "decade") {
      days = year_start(f.year - ((f.year % 10) + 10) % 10);
    } else if (unit == "century") {
      days = year_start(f.year > 0 ? (f.year - 1) / 100 * 100 + 1 : f.year);
    } else if (unit == "millennium") {
      days = year_start(f.year > 0 ? (f.year - 1) / 1000 * 1000 + 1 : f.year);
    } else {
      return UnitNotRecognized(a[0].s, v.type.id);
    }
  }
  out->i = days * kMicrosPerDay + day_micros;
  if (v.type.id == TypeId::kTimestampTz) {
    // timestamptz_trunc: a day or more finds the offset again; smaller units
    // keep the one the value had.
    const TimeZone& zone = ThreadTimeZone();
    out->i = IsTimeUnit(unit) ? out->i - int64_t{zone.OffsetAtUtc(v.i)} * 1000000 : zone.ToUtc(out->i);
  }
  return Status::OK();
}

}  // namespace

void AddDatetimeFunctions(std::vector<NamedFn>* fns) {
  std::vector<NamedFn> add = {
      {"now", kRow<&Now>},
      {"current_timestamp", kRow<&Now>},
      {"localtimestamp", kRow<&LocalTimestamp>},
      {"statement_timestamp", kRow<&Now>},
      {"transaction_timestamp", kRow<&Now>},
      {"clock_timestamp", kRow<&Now>},
      {"current_date", kRow<&CurrentDate>},
      {"date_part", kRow<&DatePart>},
      {"date_trunc", kRow<&DateTrunc>},
      {"extract", kRow<&Extract>},
  };
  fns->insert(fns->end(), add.begin(), add.end());
}

}  // namespace omen::execution::internal
