// interval_in / interval_out after PostgreSQL 15's datetime.c
// (ParseDateTime, DecodeInterval, DecodeISO8601Interval, EncodeInterval).

#include "common/interval.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace omen {

std::string EncodeInterval(const Interval& iv) {
  std::string s(16, '\0');
  std::memcpy(s.data(), &iv.months, 4);
  std::memcpy(s.data() + 4, &iv.days, 4);
  std::memcpy(s.data() + 8, &iv.micros, 8);
  return s;
}

Interval DecodeInterval(std::string_view bytes) {
  Interval iv;
  if (bytes.size() < 16) return iv;
  std::memcpy(&iv.months, bytes.data(), 4);
  std::memcpy(&iv.days, bytes.data() + 4, 4);
  std::memcpy(&iv.micros, bytes.data() + 8, 8);
  return iv;
}

__int128 IntervalSpan(const Interval& iv) {
  int64_t days = static_cast<int64_t>(iv.months) * 30 + iv.days;
  return static_cast<__int128>(iv.micros) + static_cast<__int128>(days) * kIntervalMicrosPerDay;
}

int CompareIntervals(const Interval& a, const Interval& b) {
  __int128 x = IntervalSpan(a), y = IntervalSpan(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

size_t HashInterval(const Interval& iv) {
  unsigned __int128 s = static_cast<unsigned __int128>(IntervalSpan(iv));
  uint64_t lo = static_cast<uint64_t>(s), hi = static_cast<uint64_t>(s >> 64);
  return static_cast<size_t>((lo * 0x9e3779b97f4a7c15ULL) ^
                             (hi + 0x7f4a7c159e3779b9ULL + (lo << 6)));
}

Status IntervalOutOfRange() {
  return Status(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

namespace {

// PostgreSQL's pg_itm_in: the fields DecodeInterval accumulates.
struct ItmIn {
  int64_t usec = 0;
  int32_t mday = 0, mon = 0, year = 0;
};

enum class Err { kOk, kBadFormat, kFieldOverflow };

bool AddMul64(int64_t val, int64_t mul, int64_t* sum) {
  int64_t p;
  return !__builtin_mul_overflow(val, mul, &p) && !__builtin_add_overflow(*sum, p, sum);
}

bool AdjustFractMicros(double frac, int64_t scale, ItmIn* t) {
  if (frac == 0) return true;
  frac *= static_cast<double>(scale);
  int64_t usec = static_cast<int64_t>(frac);
  frac -= static_cast<double>(usec);
  if (frac > 0.5)
    ++usec;
  else if (frac < -0.5)
    --usec;
  return !__builtin_add_overflow(t->usec, usec, &t->usec);
}

bool AdjustFractDays(double frac, int scale, ItmIn* t) {
  if (frac == 0) return true;
  frac *= scale;
  int extra = static_cast<int>(frac);
  if (__builtin_add_overflow(t->mday, extra, &t->mday)) return false;
  return AdjustFractMicros(frac - extra, kIntervalMicrosPerDay, t);
}

bool AdjustFractYears(double frac, int scale, ItmIn* t) {
  int extra = static_cast<int>(std::rint(frac * scale * 12));
  return !__builtin_add_overflow(t->mon, extra, &t->mon);
}

bool AdjustMicros(int64_t val, double fval, int64_t scale, ItmIn* t) {
  return AddMul64(val, scale, &t->usec) && AdjustFractMicros(fval, scale, t);
}

bool AdjustDays(int64_t val, int scale, ItmIn* t) {
  int32_t d;
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return !__builtin_mul_overflow(static_cast<int32_t>(val), scale, &d) &&
         !__builtin_add_overflow(t->mday, d, &t->mday);
}

bool AdjustMonths(int64_t val, ItmIn* t) {
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return !__builtin_add_overflow(t->mon, static_cast<int32_t>(val), &t->mon);
}

bool AdjustYears(int64_t val, int scale, ItmIn* t) {
  int32_t y;
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return !__builtin_mul_overflow(static_cast<int32_t>(val), scale, &y) &&
         !__builtin_add_overflow(t->year, y, &t->year);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpaceChar(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

enum class Ftype { kNumber, kString, kDate, kTime, kTz, kSpecial };
struct Field {
  std::string text;
  Ftype type;
};

// ParseDateTime, as far as interval input needs it.
Err Tokenize(std::string_view s, std::vector<Field>* out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpaceChar(c)) {
      ++i;
      continue;
    }
    Field f;
    if (IsDigit(c)) {
      while (i < s.size() && IsDigit(s[i])) f.text += s[i++];
      if (i < s.size() && s[i] == ':') {
        f.type = Ftype::kTime;
        while (i < s.size() && (IsDigit(s[i]) || s[i] == ':' || s[i] == '.')) f.text += s[i++];
      } else if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char delim = s[i];
        f.text += s[i++];
        if (i < s.size() && IsDigit(s[i])) {
          f.type = delim == '.' ? Ftype::kNumber : Ftype::kDate;
          while (i < s.size() && IsDigit(s[i])) f.text += s[i++];
          if (i < s.size() && s[i] == delim) {
            f.type = Ftype::kDate;
            while (i < s.size() && (IsDigit(s[i]) || s[i] == delim)) f.text += s[i++];
          }
        } else {
          f.type = Ftype::kDate;
          while (i < s.size() && (IsAlpha(s[i]) || IsDigit(s[i]) || s[i] == delim))
            f.text += ToLower(s[i++]);
        }
      } else {
        f.type = Ftype::kNumber;
      }
    } else if (c == '.') {
      f.text += s[i++];
      while (i < s.size() && IsDigit(s[i])) f.text += s[i++];
      f.type = Ftype::kNumber;
    } else if (IsAlpha(c)) {
      f.type = Ftype::kString;
      while (i < s.size() && IsAlpha(s[i])) f.text += ToLower(s[i++]);
      // A word glued to a date separator, digit or sign is a date or zone
      // token, which interval input never accepts.
      if (i < s.size() &&
          (s[i] == '-' || s[i] == '/' || s[i] == '.' || s[i] == '+' || IsDigit(s[i]))) {
        return Err::kBadFormat;
      }
    } else if (c == '+' || c == '-') {
      f.text += s[i++];
      while (i < s.size() && IsSpaceChar(s[i])) ++i;
      if (i < s.size() && IsDigit(s[i])) {
        f.type = Ftype::kTz;
        while (i < s.size() && (IsDigit(s[i]) || s[i] == ':' || s[i] == '.' || s[i] == '-'))
          f.text += s[i++];
      } else if (i < s.size() && IsAlpha(s[i])) {
        f.type = Ftype::kSpecial;
        while (i < s.size() && IsAlpha(s[i])) f.text += ToLower(s[i++]);
      } else {
        return Err::kBadFormat;
      }
    } else if (std::ispunct(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    } else {
      return Err::kBadFormat;
    }
    out->push_back(std::move(f));
    if (out->size() > 25) return Err::kBadFormat;  // MAXDATEFIELDS
  }
  return Err::kOk;
}

using Unit = IntervalUnit;

}  // namespace

IntervalUnit IntervalUnitFromName(std::string_view token) {
  static const std::pair<const char*, Unit> kUnits[] = {
      {"@", Unit::kIgnore},
      {"ago", Unit::kAgo},
      {"c", Unit::kCentury},
      {"cent", Unit::kCentury},
      {"centuries", Unit::kCentury},
      {"century", Unit::kCentury},
      {"d", Unit::kDay},
      {"day", Unit::kDay},
      {"days", Unit::kDay},
      {"dec", Unit::kDecade},
      {"decade", Unit::kDecade},
      {"decades", Unit::kDecade},
      {"decs", Unit::kDecade},
      {"h", Unit::kHour},
      {"hour", Unit::kHour},
      {"hours", Unit::kHour},
      {"hr", Unit::kHour},
      {"hrs", Unit::kHour},
      {"m", Unit::kMinute},
      {"microsecon", Unit::kMicro},
      {"mil", Unit::kMillennium},
      {"millennia", Unit::kMillennium},
      {"millennium", Unit::kMillennium},
      {"millisecon", Unit::kMilli},
      {"mils", Unit::kMillennium},
      {"min", Unit::kMinute},
      {"mins", Unit::kMinute},
      {"minute", Unit::kMinute},
      {"minutes", Unit::kMinute},
      {"mon", Unit::kMonth},
      {"mons", Unit::kMonth},
      {"month", Unit::kMonth},
      {"months", Unit::kMonth},
      {"ms", Unit::kMilli},
      {"msec", Unit::kMilli},
      {"msecond", Unit::kMilli},
      {"mseconds", Unit::kMilli},
      {"msecs", Unit::kMilli},
      {"qtr", Unit::kQuarter},
      {"quarter", Unit::kQuarter},
      {"s", Unit::kSecond},
      {"sec", Unit::kSecond},
      {"second", Unit::kSecond},
      {"seconds", Unit::kSecond},
      {"secs", Unit::kSecond},
      {"timezone", Unit::kTimezone},
      {"us", Unit::kMicro},
      {"usec", Unit::kMicro},
      {"usecond", Unit::kMicro},
      {"useconds", Unit::kMicro},
      {"usecs", Unit::kMicro},
      {"w", Unit::kWeek},
      {"week", Unit::kWeek},
      {"weeks", Unit::kWeek},
      {"y", Unit::kYear},
      {"year", Unit::kYear},
      {"years", Unit::kYear},
      {"yr", Unit::kYear},
      {"yrs", Unit::kYear},
  };
  std::string_view key = token.substr(0, 10);
  for (const auto& [name, unit] : kUnits) {
    if (key == name) return unit;
  }
  return Unit::kNone;
}

namespace {

// ParseFraction: ".123" -> 0.123 (the whole rest of the field).
Err ParseFraction(const char* cp, double* frac) {
  if (cp[1] == '\0') {
    *frac = 0;
    return Err::kOk;
  }
  errno = 0;
  char* end = nullptr;
  *frac = std::strtod(cp, &end);
  return (*end != '\0' || errno != 0) ? Err::kBadFormat : Err::kOk;
}

// DecodeTime + DecodeTimeForInterval: "h:m", "h:m:s[.f]" or "m:s.f".
Err DecodeTimeField(const std::string& str, ItmIn* t) {
  const char* s = str.c_str();
  char* cp = nullptr;
  errno = 0;
  long long hour = std::strtoll(s, &cp, 10);
  if (errno == ERANGE) return Err::kFieldOverflow;
  if (*cp != ':') return Err::kBadFormat;
  errno = 0;
  long long min = std::strtol(cp + 1, &cp, 10), sec = 0;
  if (errno == ERANGE || min > INT32_MAX || min < INT32_MIN) return Err::kFieldOverflow;
  double fsec = 0;
  if (*cp == '.') {
    double frac;
    if (ParseFraction(cp, &frac) != Err::kOk) return Err::kBadFormat;
    fsec = std::rint(frac * 1000000);
    sec = min;
    min = hour;
    hour = 0;
  } else if (*cp == ':') {
    errno = 0;
    sec = std::strtol(cp + 1, &cp, 10);
    if (errno == ERANGE || sec > INT32_MAX || sec < INT32_MIN) return Err::kFieldOverflow;
    if (*cp == '.') {
      double frac;
      if (ParseFraction(cp, &frac) != Err::kOk) return Err::kBadFormat;
      fsec = std::rint(frac * 1000000);
    } else if (*cp != '\0') {
      return Err::kBadFormat;
    }
  } else if (*cp != '\0') {
    return Err::kBadFormat;
  }
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000) {
    return Err::kFieldOverflow;
  }
  if (!AddMul64(hour, kMicrosPerHour, &t->usec) ||
      !AddMul64(min, 60 * kMicrosPerSecond, &t->usec) ||
      !AddMul64(sec, kMicrosPerSecond, &t->usec) ||
      __builtin_add_overflow(t->usec, static_cast<int64_t>(fsec), &t->usec)) {
    return Err::kFieldOverflow;
  }
  return Err::kOk;
}

// Applies one number (val + fval) in unit `u`; *mask gets the unit's bit.
Err ApplyNumber(Unit u, int64_t val, double fval, ItmIn* t, uint32_t* mask) {
  bool ok = true;
  switch (u) {
    case Unit::kMicro:
      ok = AdjustMicros(val, fval, 1, t);
      break;
    case Unit::kMilli:
      ok = AdjustMicros(val, fval, 1000, t);
      break;
    case Unit::kSecond:
      ok = AdjustMicros(val, fval, kMicrosPerSecond, t);
      break;
    case Unit::kMinute:
      ok = AdjustMicros(val, fval, 60 * kMicrosPerSecond, t);
      break;
    case Unit::kHour:
      ok = AdjustMicros(val, fval, kMicrosPerHour, t);
      break;
    case Unit::kDay:
      ok = AdjustDays(val, 1, t) && AdjustFractMicros(fval, kIntervalMicrosPerDay, t);
      break;
    case Unit::kWeek:
      ok = AdjustDays(val, 7, t) && AdjustFractDays(fval, 7, t);
      break;
    case Unit::kMonth:
      ok = AdjustMonths(val, t) && AdjustFractDays(fval, 30, t);
      break;
    case Unit::kYear:
      ok = AdjustYears(val, 1, t) && AdjustFractYears(fval, 1, t);
      break;
    case Unit::kDecade:
      ok = AdjustYears(val, 10, t) && AdjustFractYears(fval, 10, t);
      break;
    case Unit::kCentury:
      ok = AdjustYears(val, 100, t) && AdjustFractYears(fval, 100, t);
      break;
    case Unit::kMillennium:
      ok = AdjustYears(val, 1000, t) && AdjustFractYears(fval, 1000, t);
      break;
    default:
      return Err::kBadFormat;
  }
  if (!ok) return Err::kFieldOverflow;
  // Seconds with a fraction also claim the milli/micro bits, as DTK_ALL_SECS_M.
  *mask = 1u << static_cast<int>(u);
  if (u == Unit::kSecond && fval != 0)
    *mask |= (1u << static_cast<int>(Unit::kMilli)) | (1u << static_cast<int>(Unit::kMicro));
  return Err::kOk;
}

// A number field: "12", "1.5", "-3", "1-2" (years-months).
Err DecodeNumberField(const std::string& text, Unit* type, ItmIn* t, uint32_t* mask) {
  if (*type == Unit::kNone) *type = Unit::kSecond;
  const char* s = text.c_str();
  char* cp = nullptr;
  errno = 0;
  long long val = std::strtoll(s, &cp, 10);
  if (errno == ERANGE) return Err::kFieldOverflow;
  if (cp == s && *cp != '.' && !(*s == '-' || *s == '+')) return Err::kBadFormat;
  double fval = 0;
  if (*cp == '-') {
    errno = 0;
    long val2 = std::strtol(cp + 1, &cp, 10);
    if (errno == ERANGE || val2 < 0 || val2 >= 12) return Err::kFieldOverflow;
    if (*cp != '\0') return Err::kBadFormat;
    *type = Unit::kMonth;
    if (*s == '-') val2 = -val2;
    int64_t v;
    if (__builtin_mul_overflow(static_cast<int64_t>(val), int64_t{12}, &v) ||
        __builtin_add_overflow(v, val2, &v)) {
      return Err::kFieldOverflow;
    }
    val = v;
  } else if (*cp == '.') {
    if (ParseFraction(cp, &fval) != Err::kOk) return Err::kBadFormat;
    if (*s == '-') fval = -fval;
  } else if (*cp != '\0') {
    return Err::kBadFormat;
  }
  Unit u = *type;
  Err e = ApplyNumber(u, val, fval, t, mask);
  if (u == Unit::kHour) *type = Unit::kDay;
  return e;
}

// DTK_TIME_M: an h:m:s field claims hours, minutes and every seconds unit.
constexpr uint32_t kTimeMask =
    (1u << static_cast<int>(Unit::kHour)) | (1u << static_cast<int>(Unit::kMinute)) |
    (1u << static_cast<int>(Unit::kSecond)) | (1u << static_cast<int>(Unit::kMilli)) |
    (1u << static_cast<int>(Unit::kMicro));

// DecodeInterval: fields right to left, so a unit precedes its number.
Err DecodeFields(const std::vector<Field>& fields, ItmIn* t) {
  Unit type = Unit::kNone;
  bool is_before = false, parsing_unit = false;
  uint32_t fmask = 0;
  for (size_t k = fields.size(); k-- > 0;) {
    const Field& f = fields[k];
    uint32_t tmask = 0;
    switch (f.type) {
      case Ftype::kTime: {
        Err e = DecodeTimeField(f.text, t);
        if (e != Err::kOk) return e;
        tmask = kTimeMask;
        type = Unit::kDay;
        parsing_unit = false;
        break;
      }
      case Ftype::kTz:
        if (f.text.find(':', 1) != std::string::npos) {
          ItmIn sub;
          if (DecodeTimeField(f.text.substr(1), &sub) == Err::kOk) {
            if (f.text[0] == '-') sub.usec = -sub.usec;
            if (__builtin_add_overflow(t->usec, sub.usec, &t->usec)) return Err::kFieldOverflow;
            tmask = kTimeMask;
            type = Unit::kDay;
            parsing_unit = false;
            break;
          }
        }
        [[fallthrough]];
      case Ftype::kDate:
      case Ftype::kNumber: {
        Err e = DecodeNumberField(f.text, &type, t, &tmask);
        if (e != Err::kOk) return e;
        parsing_unit = false;
        break;
      }
      case Ftype::kString:
      case Ftype::kSpecial: {
        if (parsing_unit) return Err::kBadFormat;
        Unit u = f.type == Ftype::kString ? IntervalUnitFromName(f.text) : Unit::kNone;
        if (u == Unit::kIgnore) continue;
        if (u == Unit::kAgo) {
          is_before = true;
        } else if (u == Unit::kNone || u == Unit::kQuarter || u == Unit::kTimezone) {
          return Err::kBadFormat;
        } else {
          type = u;
          parsing_unit = true;
        }
        break;
      }
    }
    if (tmask & fmask) return Err::kBadFormat;
    fmask |= tmask;
  }
  if (fmask == 0 || parsing_unit) return Err::kBadFormat;
  if (is_before) {
    if (t->usec == INT64_MIN || t->mday == INT32_MIN || t->mon == INT32_MIN ||
        t->year == INT32_MIN) {
      return Err::kFieldOverflow;
    }
    t->usec = -t->usec;
    t->mday = -t->mday;
    t->mon = -t->mon;
    t->year = -t->year;
  }
  return Err::kOk;
}

// ParseISO8601Number: a decimal split into integer and fraction.
Err IsoNumber(const char** p, int64_t* ipart, double* fpart) {
  const char* s = *p;
  if (!(IsDigit(*s) || *s == '-' || *s == '.')) return Err::kBadFormat;
  errno = 0;
  char* end = nullptr;
  double val = std::strtod(s, &end);
  if (end == s || errno != 0) return Err::kBadFormat;
  if (val < -1.0e15 || val > 1.0e15) return Err::kFieldOverflow;
  *ipart =
      val >= 0 ? static_cast<int64_t>(std::floor(val)) : -static_cast<int64_t>(std::floor(-val));
  *fpart = val - static_cast<double>(*ipart);
  *p = end;
  return Err::kOk;
}

size_t IsoIntegerWidth(const char* s) {
  if (*s == '-') ++s;
  return std::strspn(s, "0123456789");
}

#define ISO_TRY(expr)              \
  do {                             \
    Err e_ = (expr);               \
    if (e_ != Err::kOk) return e_; \
  } while (0)
#define ISO_ADJ(cond) \
  if (!(cond)) return Err::kFieldOverflow

// The alternative format's date part after its year: "-MM[-DD][T...]".
Err IsoAltDate(const char** str, ItmIn* t, bool* done, bool* to_time) {
  int64_t val;
  double fval;
  ISO_TRY(IsoNumber(str, &val, &fval));
  ISO_ADJ(AdjustMonths(val, t) && AdjustFractDays(fval, 30, t));
  if (**str == '\0') return *done = true, Err::kOk;
  if (**str == 'T') return *to_time = true, ++*str, Err::kOk;
  if (**str != '-') return Err::kBadFormat;
  ++*str;
  ISO_TRY(IsoNumber(str, &val, &fval));
  ISO_ADJ(AdjustDays(val, 1, t) && AdjustFractMicros(fval, kIntervalMicrosPerDay, t));
  if (**str == '\0') return *done = true, Err::kOk;
  if (**str == 'T') return *to_time = true, ++*str, Err::kOk;
  return Err::kBadFormat;
}

// The alternative format's time part after its hours: ":MM[:SS]".
Err IsoAltTime(const char** str, ItmIn* t) {
  int64_t val;
  double fval;
  ISO_TRY(IsoNumber(str, &val, &fval));
  ISO_ADJ(AdjustMicros(val, fval, 60 * kMicrosPerSecond, t));
  if (**str == '\0') return Err::kOk;
  if (**str != ':') return Err::kBadFormat;
  ++*str;
  ISO_TRY(IsoNumber(str, &val, &fval));
  ISO_ADJ(AdjustMicros(val, fval, kMicrosPerSecond, t));
  return **str == '\0' ? Err::kOk : Err::kBadFormat;
}

Err IsoDateUnit(char unit, const char* fieldstart, int64_t val, double fval, bool havefield,
                const char** str, ItmIn* t, bool* datepart, bool* done) {
  switch (unit) {
    case 'Y':
      ISO_ADJ(AdjustYears(val, 1, t) && AdjustFractYears(fval, 1, t));
      return Err::kOk;
    case 'M':
      ISO_ADJ(AdjustMonths(val, t) && AdjustFractDays(fval, 30, t));
      return Err::kOk;
    case 'W':
      ISO_ADJ(AdjustDays(val, 7, t) && AdjustFractDays(fval, 7, t));
      return Err::kOk;
    case 'D':
      ISO_ADJ(AdjustDays(val, 1, t) && AdjustFractMicros(fval, kIntervalMicrosPerDay, t));
      return Err::kOk;
    case 'T':
    case '\0':
      if (IsoIntegerWidth(fieldstart) == 8 && !havefield) {
        ISO_ADJ(AdjustYears(val / 10000, 1, t) && AdjustMonths((val / 100) % 100, t) &&
                AdjustDays(val % 100, 1, t) && AdjustFractMicros(fval, kIntervalMicrosPerDay, t));
        if (unit == '\0') *done = true;
        *datepart = false;
        return Err::kOk;
      }
      [[fallthrough]];
    case '-': {
      if (havefield) return Err::kBadFormat;
      ISO_ADJ(AdjustYears(val, 1, t) && AdjustFractYears(fval, 1, t));
      if (unit == '\0') return *done = true, Err::kOk;
      if (unit == 'T') return *datepart = false, Err::kOk;
      bool to_time = false;
      ISO_TRY(IsoAltDate(str, t, done, &to_time));
      if (to_time) *datepart = false;
      return Err::kOk;
    }
    default:
      return Err::kBadFormat;
  }
}

Err IsoTimeUnit(char unit, const char* fieldstart, int64_t val, double fval, bool havefield,
                const char** str, ItmIn* t, bool* done) {
  switch (unit) {
    case 'H':
      ISO_ADJ(AdjustMicros(val, fval, kMicrosPerHour, t));
      return Err::kOk;
    case 'M':
      ISO_ADJ(AdjustMicros(val, fval, 60 * kMicrosPerSecond, t));
      return Err::kOk;
    case 'S':
      ISO_ADJ(AdjustMicros(val, fval, kMicrosPerSecond, t));
      return Err::kOk;
    case '\0':
      if (IsoIntegerWidth(fieldstart) == 6 && !havefield) {
        ISO_ADJ(AdjustMicros(val / 10000, 0, kMicrosPerHour, t) &&
                AdjustMicros((val / 100) % 100, 0, 60 * kMicrosPerSecond, t) &&
                AdjustMicros(val % 100, 0, kMicrosPerSecond, t) && AdjustFractMicros(fval, 1, t));
        *done = true;
        return Err::kOk;
      }
      [[fallthrough]];
    case ':':
      if (havefield) return Err::kBadFormat;
      ISO_ADJ(AdjustMicros(val, fval, kMicrosPerHour, t));
      *done = true;
      if (unit == '\0') return Err::kOk;
      return IsoAltTime(str, t);
    default:
      return Err::kBadFormat;
  }
}

// DecodeISO8601Interval: "P1Y2M3DT4H5M6S", "P1W", "P0001-02-03T04:05:06".
Err DecodeIso(const std::string& text, ItmIn* t) {
  if (text.size() < 2 || text[0] != 'P') return Err::kBadFormat;
  const char* str = text.c_str() + 1;
  bool datepart = true, havefield = false;
  while (*str != '\0') {
    if (*str == 'T') {
      datepart = false;
      havefield = false;
      ++str;
      continue;
    }
    const char* fieldstart = str;
    int64_t val;
    double fval;
    ISO_TRY(IsoNumber(&str, &val, &fval));
    char unit = *str;
    if (unit != '\0') ++str;
    bool done = false;
    if (datepart) {
      bool was_date = datepart;
      ISO_TRY(IsoDateUnit(unit, fieldstart, val, fval, havefield, &str, t, &datepart, &done));
      if (done) return Err::kOk;
      if (was_date && !datepart) {
        havefield = false;
        continue;
      }
    } else {
      ISO_TRY(IsoTimeUnit(unit, fieldstart, val, fval, havefield, &str, t, &done));
      if (done) return Err::kOk;
    }
    havefield = true;
  }
  return Err::kOk;
}

#undef ISO_TRY
#undef ISO_ADJ

}  // namespace

Result<Interval> ParseInterval(std::string_view text) {
  std::string str(text);
  ItmIn t;
  std::vector<Field> fields;
  Err e = Tokenize(str, &fields);
  if (e == Err::kOk) e = DecodeFields(fields, &t);
  if (e == Err::kBadFormat) {
    t = ItmIn();
    e = DecodeIso(str, &t);
  }
  if (e == Err::kBadFormat) {
    return Status(sqlstate::kInvalidDatetimeFormat,
                  "invalid input syntax for type interval: \"" + str + "\"");
  }
  if (e == Err::kFieldOverflow) {
    return Status(SqlState("22015"), "interval field value out of range: \"" + str + "\"");
  }
  Interval iv;
  int32_t months;
  if (__builtin_mul_overflow(t.year, 12, &months) ||
      __builtin_add_overflow(months, t.mon, &months)) {
    return IntervalOutOfRange();
  }
  iv.months = months;
  iv.days = t.mday;
  iv.micros = t.usec;
  return iv;
}

namespace {

// AddPostgresIntPart.
void AddPart(std::string* out, int64_t value, const char* unit, bool* is_zero, bool* is_before) {
  if (value == 0) return;
  if (!*is_zero) *out += ' ';
  if (*is_before && value > 0) *out += '+';
  *out += std::to_string(value);
  *out += ' ';
  *out += unit;
  if (value != 1) *out += 's';
  *is_before = value < 0;
  *is_zero = false;
}

}  // namespace

std::string FormatInterval(const Interval& iv) {
  int64_t year = iv.months / 12, mon = iv.months % 12;
  int64_t time = iv.micros;
  int64_t hour = time / kMicrosPerHour;
  time -= hour * kMicrosPerHour;
  int64_t min = time / (60 * kMicrosPerSecond);
  time -= min * 60 * kMicrosPerSecond;
  int64_t sec = time / kMicrosPerSecond;
  int64_t fsec = time - sec * kMicrosPerSecond;
  std::string out;
  bool is_zero = true, is_before = false;
  AddPart(&out, year, "year", &is_zero, &is_before);
  AddPart(&out, mon, "mon", &is_zero, &is_before);
  AddPart(&out, iv.days, "day", &is_zero, &is_before);
  if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
    bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
    char buf[96];
    unsigned long long ahour = hour < 0 ? 0ULL - static_cast<unsigned long long>(hour)
                                        : static_cast<unsigned long long>(hour);
    std::snprintf(buf, sizeof(buf), "%s%s%02llu:%02lld:%02lld", is_zero ? "" : " ",
                  minus ? "-" : (is_before ? "+" : ""), ahour,
                  static_cast<long long>(std::llabs(min)), static_cast<long long>(std::llabs(sec)));
    out += buf;
    if (fsec != 0) {
      std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(std::llabs(fsec)));
      std::string f(buf);
      while (f.back() == '0') f.pop_back();
      out += f;
    }
  }
  return out;
}

}  // namespace omen
