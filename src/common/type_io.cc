// PostgreSQL 15 input/output functions and casts for every OmenDB type.

#include "common/type_io.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

#include "common/array.h"
#include "common/interval.h"
#include "common/reg_names.h"
#include "common/time_zone.h"
#include "common/type_io_internal.h"
#include "common/vector.h"

namespace omen {
namespace typeio {

namespace {
// Shortest round-trip digits of v as "d.ddde±XX", reformatted the way
// PostgreSQL's ryu-based float output does: fixed notation when the decimal
// exponent is in [-4, max_fixed_exp), otherwise d.ddde+XX.
std::string FormatShortest(const char* sci, int max_fixed_exp) {
  std::string_view s(sci);
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  size_t epos = s.find('e');
  std::string mant(s.substr(0, epos));
  int exp = std::atoi(std::string(s.substr(epos + 1)).c_str());
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= max_fixed_exp) {
    out += mant;
    out += exp < 0 ? "e-" : "e+";
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out += "0";
    out += std::to_string(a);
    return out;
  }
  if (exp < 0) {
    out += "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
    out += digits + std::string(static_cast<size_t>(exp) + 1 - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(exp) + 1) + "." + digits.substr(static_cast<size_t>(exp) + 1);
  }
  return out;
}

std::string FormatSpecial(double v) {
  if (std::isnan(v)) return "NaN";
  return v > 0 ? "Infinity" : "-Infinity";
}
}  // namespace

std::string FormatFloat8(double v) {
  if (!std::isfinite(v)) return FormatSpecial(v);
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  *res.ptr = '\0';
  return FormatShortest(buf, 15);
}

namespace {
// Whether the decimal text is exactly halfway between f and a neighbour.
bool IsFloatTie(const char* text, float f) {
  double d = std::strtod(text, nullptr);
  double lo = (static_cast<double>(f) + std::nextafter(f, -HUGE_VALF)) / 2;
  double hi = (static_cast<double>(f) + std::nextafter(f, HUGE_VALF)) / 2;
  return d == lo || d == hi;
}
}  // namespace

std::string FormatFloat4(double v) {
  if (!std::isfinite(v)) return FormatSpecial(v);
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  float f = static_cast<float>(v);
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::scientific);
  *res.ptr = '\0';
  // PostgreSQL's float4 Ryu does not accept a shortest form that lies exactly
  // on the rounding boundary; take the next precision that round-trips instead.
  if (IsFloatTie(buf, f)) {
    int digits = 0;
    for (const char* p = buf; *p != '\0' && *p != 'e'; ++p) digits += (*p >= '0' && *p <= '9');
    for (int p = digits + 1; p <= 9; ++p) {
      std::snprintf(buf, sizeof(buf), "%.*e", p - 1, static_cast<double>(f));
      if (std::strtof(buf, nullptr) == f && !IsFloatTie(buf, f)) break;
    }
    // Drop trailing zeros of the mantissa, as the shortest form would.
    std::string s(buf);
    size_t e = s.find('e');
    size_t end = e;
    while (end > 0 && s[end - 1] == '0') --end;
    if (end > 0 && s[end - 1] == '.') --end;
    s = s.substr(0, end) + s.substr(e);
    return FormatShortest(s.c_str(), 6);
  }
  return FormatShortest(buf, 6);
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 - 10957;
}

void CivilFromDays(int64_t days, int64_t* y, int* m, int* d) {
  int64_t z = days + 10957 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

int DayOfWeek(int64_t days) {
  // 2000-01-01 was a Saturday.
  int64_t r = (days + 6) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r);
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t Utf8Offset(std::string_view s, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
  }
  return s.size();
}

std::string_view StripTrailingSpaces(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace typeio

namespace {

using typeio::kDateNegInf;
using typeio::kDatePosInf;
using typeio::kMicrosPerDay;
using typeio::kTsNegInf;
using typeio::kTsPosInf;

// PostgreSQL's ranges: dates 4714-11-24 BC .. 5874897-12-31, timestamps
// 4714-11-24 BC .. 294276-12-31 23:59:59.999999 (in days since 2000-01-01).
constexpr int64_t kMinDays = -2451545;
constexpr int64_t kMaxDateDays = 2145031948;
constexpr int64_t kEndTimestampDays = 106751983;  // 294277-01-01

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

Status BadSyntax(std::string_view type_name, std::string_view text) {
  SqlState code = (type_name == "date" || type_name.substr(0, 9) == "timestamp")
                      ? sqlstate::kInvalidDatetimeFormat
                      : sqlstate::kInvalidTextRepresentation;
  return Status(code, "invalid input syntax for type " + std::string(type_name) + ": \"" +
                          std::string(text) + "\"");
}

Status FieldOutOfRange(std::string_view text) {
  return Status(sqlstate::kDatetimeFieldOverflow,
                "date/time field value out of range: \"" + std::string(text) + "\"");
}

Status IntOutOfRange(TypeId id) {
  const char* name = id == TypeId::kInt16 ? "smallint" : id == TypeId::kInt32 ? "integer" : "bigint";
  return Status(sqlstate::kNumericValueOutOfRange, std::string(name) + " out of range");
}

void IntRange(TypeId id, int64_t* lo, int64_t* hi) {
  if (id == TypeId::kInt16) {
    *lo = INT16_MIN;
    *hi = INT16_MAX;
  } else if (id == TypeId::kInt32) {
    *lo = INT32_MIN;
    *hi = INT32_MAX;
  } else {
    *lo = INT64_MIN;
    *hi = INT64_MAX;
  }
}

Value Make(Type t) {
  Value v;
  v.type = t;
  v.is_null = false;
  return v;
}

Value MakeInt(Type t, int64_t i) {
  Value v = Make(t);
  v.i = i;
  return v;
}

Value MakeDouble(Type t, double d) {
  Value v = Make(t);
  v.d = t.id == TypeId::kFloat32 ? static_cast<double>(static_cast<float>(d)) : d;
  return v;
}

Value MakeString(Type t, std::string s) {
  Value v = Make(t);
  v.s = std::move(s);
  return v;
}

Result<Value> ParseInt(std::string_view text, Type type) {
  std::string_view t = Trim(text);
  size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
  if (i >= t.size()) return BadSyntax(type.ToString(), text);
  unsigned __int128 mag = 0;
  bool overflow = false;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return BadSyntax(type.ToString(), text);
    mag = mag * 10 + static_cast<unsigned>(t[i] - '0');
    if (mag > (static_cast<unsigned __int128>(1) << 64)) overflow = true, mag = static_cast<unsigned __int128>(1) << 64;
  }
  __int128 v = neg ? -static_cast<__int128>(mag) : static_cast<__int128>(mag);
  int64_t lo, hi;
  IntRange(type.id, &lo, &hi);
  if (overflow || v < lo || v > hi) {
    return Status(sqlstate::kNumericValueOutOfRange, "value \"" + std::string(text) +
                                                         "\" is out of range for type " + type.ToString());
  }
  return MakeInt(type, static_cast<int64_t>(v));
}

Result<Value> ParseFloat(std::string_view text, Type type) {
  std::string t(Trim(text));
  std::string_view body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  double d;
  if (EqualsNoCase(t, "nan")) {
    d = std::numeric_limits<double>::quiet_NaN();
  } else if (EqualsNoCase(body, "infinity") || EqualsNoCase(body, "inf")) {
    d = neg ? -HUGE_VAL : HUGE_VAL;
  } else {
    if (t.empty()) return BadSyntax(type.ToString(), text);
    for (char c : t) {
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        return BadSyntax(type.ToString(), text);
      }
    }
    errno = 0;
    char* end = nullptr;
    d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return BadSyntax(type.ToString(), text);
    bool out_of_range = errno == ERANGE && (std::isinf(d) || d == 0);
    if (type.id == TypeId::kFloat32 && !out_of_range) {
      float f = static_cast<float>(d);
      out_of_range = std::isinf(f) || (f == 0 && d != 0);
    }
    if (out_of_range) {
      return Status(sqlstate::kNumericValueOutOfRange,
                    "\"" + std::string(text) + "\" is out of range for type " + type.ToString());
    }
  }
  return MakeDouble(type, d);
}

Result<Value> ParseBool(std::string_view text) {
  std::string_view t = Trim(text);
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    if (t.size() < min_len || t.size() > word.size()) return false;
    return EqualsNoCase(t, word.substr(0, t.size()));
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || t == "1") {
    return MakeInt(TypeId::kBool, 1);
  }
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || t == "0") {
    return MakeInt(TypeId::kBool, 0);
  }
  return BadSyntax("boolean", text);
}

// Applies a varchar(n)/char(n) length limit. `explicit_cast` truncates;
// otherwise only trailing spaces may be cut (22001 else). char(n) pads.
Result<std::string> ApplyLength(std::string s, Type type, bool explicit_cast) {
  if (type.id == TypeId::kChar && type.typmod < 0) return s;
  if ((type.id != TypeId::kVarchar && type.id != TypeId::kChar) || type.typmod < 0) return s;
  size_t n = static_cast<size_t>(type.typmod);
  size_t len = typeio::Utf8Length(s);
  if (len > n) {
    size_t cut = typeio::Utf8Offset(s, n);
    if (!explicit_cast) {
      for (size_t i = cut; i < s.size(); ++i) {
        if (s[i] != ' ') {
          return Status(sqlstate::kStringDataRightTruncation,
                        "value too long for type " + type.ToString());
        }
      }
    }
    s.resize(cut);
    len = n;
  }
  if (type.id == TypeId::kChar && len < n) s.append(n - len, ' ');
  return s;
}

// Reads min_digits..max_digits decimal digits at *i into *out; false if too few.
bool ReadNumber(std::string_view t, size_t* i, int64_t* out, size_t min_digits, size_t max_digits) {
  size_t start = *i;
  int64_t v = 0;
  while (*i < t.size() && t[*i] >= '0' && t[*i] <= '9' && *i - start < max_digits) {
    v = v * 10 + (t[*i] - '0');
    ++*i;
  }
  *out = v;
  return *i - start >= min_digits;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Validates y-m-d (`rest` is the text after the date: a trailing " BC" flips the year).
Status CheckedDays(int64_t y, int64_t m, int64_t d, std::string_view rest, std::string_view text, int64_t* days) {
  bool bc = rest.size() >= 3 && EqualsNoCase(rest.substr(rest.size() - 3), " bc");
  if (y == 0 || m < 1 || m > 12 || d < 1) return FieldOutOfRange(text);
  if (bc) y = 1 - y;
  if (d > DaysInMonth(y, static_cast<int>(m))) return FieldOutOfRange(text);
  *days = typeio::DaysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
  return Status::OK();
}

// Parses "YYYY-MM-DD[ BC]" or "YYYYMMDD" into days; leaves *i after the date.
Status ParseDatePart(std::string_view t, std::string_view text, std::string_view type_name, size_t* i,
                     int64_t* days) {
  int64_t y, m, d;
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (*i == 0 && digits == 8 && (digits == t.size() || t[digits] == ' ' || t[digits] == 'T')) {  // YYYYMMDD
    ReadNumber(t, i, &y, 4, 4);
    ReadNumber(t, i, &m, 2, 2);
    ReadNumber(t, i, &d, 2, 2);
    return CheckedDays(y, m, d, t.substr(*i), text, days);
  }
  if (!ReadNumber(t, i, &y, 1, 9) || *i >= t.size() || t[*i] != '-') return BadSyntax(type_name, text);
  ++*i;
  if (!ReadNumber(t, i, &m, 1, 2) || *i >= t.size() || t[*i] != '-') return BadSyntax(type_name, text);
  ++*i;
  if (!ReadNumber(t, i, &d, 1, 2)) return BadSyntax(type_name, text);
  return CheckedDays(y, m, d, t.substr(*i), text, days);
}

bool SpecialDateWord(std::string_view t, bool timestamp, int64_t* out) {
  if (EqualsNoCase(t, "infinity") || EqualsNoCase(t, "+infinity")) {
    *out = timestamp ? kTsPosInf : kDatePosInf;
    return true;
  }
  if (EqualsNoCase(t, "-infinity")) {
    *out = timestamp ? kTsNegInf : kDateNegInf;
    return true;
  }
  if (EqualsNoCase(t, "epoch")) {
    *out = timestamp ? -10957 * kMicrosPerDay : -10957;
    return true;
  }
  return false;
}

Result<Value> ParseDate(std::string_view text) {
  std::string_view t = Trim(text);
  int64_t days;
  if (SpecialDateWord(t, false, &days)) return MakeInt(TypeId::kDate, days);
  size_t i = 0;
  OMEN_RETURN_IF_ERROR(ParseDatePart(t, text, "date", &i, &days));
  if (days < kMinDays || days > kMaxDateDays) {
    return Status(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  }
  return MakeInt(TypeId::kDate, days);
}

// Parses " HH:MM[:SS[.frac]]" and an optional zone (an offset, an
// abbreviation or a zone name); returns micros of day and the zone given.
Status ParseTimePart(std::string_view t, std::string_view text, std::string_view type_name, size_t i,
                     int64_t* micros, std::optional<TimeZone>* zone) {
  *micros = 0;
  zone->reset();
  if (i < t.size() && (t[i] == ' ' || t[i] == 'T' || t[i] == 't')) {
    ++i;
    while (i < t.size() && t[i] == ' ') ++i;
  }
  if (i >= t.size()) return Status::OK();
  if (t.size() - i == 2 && EqualsNoCase(t.substr(i), "bc")) return Status::OK();
  int64_t h = 0, m = 0, s = 0, frac = 0;
  if (t[i] >= '0' && t[i] <= '9') {
    if (!ReadNumber(t, &i, &h, 1, 2) || i >= t.size() || t[i] != ':') return BadSyntax(type_name, text);
    ++i;
    if (!ReadNumber(t, &i, &m, 2, 2)) return BadSyntax(type_name, text);
    if (i < t.size() && t[i] == ':') {
      ++i;
      if (!ReadNumber(t, &i, &s, 2, 2)) return BadSyntax(type_name, text);
      if (i < t.size() && t[i] == '.') {
        ++i;
        int64_t scale = 100000;
        size_t start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
          if (i - start < 6) {
            frac += (t[i] - '0') * scale;
            scale /= 10;
          } else if (i - start == 6 && t[i] >= '5') {
            frac += 1;  // rounds to the nearest microsecond
          }
          ++i;
        }
        if (i == start) return BadSyntax(type_name, text);
      }
    }
  }
  while (i < t.size() && t[i] == ' ') ++i;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    bool neg = t[i++] == '-';
    int64_t zh = 0, zm = 0;
    if (!ReadNumber(t, &i, &zh, 1, 2)) return BadSyntax(type_name, text);
    if (i < t.size() && t[i] == ':') ++i;
    ReadNumber(t, &i, &zm, 0, 2);
    *zone = TimeZone::Fixed(static_cast<int32_t>((neg ? -1 : 1) * (zh * 3600 + zm * 60)));
  } else if (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i])) &&
             !(t.size() - i == 2 && EqualsNoCase(t.substr(i), "bc"))) {
    size_t start = i;
    while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '/' ||
                            t[i] == '_' || t[i] == '-' || t[i] == '+')) {
      ++i;
    }
    std::string_view name = t.substr(start, i - start);
    *zone = LookupTimeZone(name);
    if (!zone->has_value()) {
      std::string lower(name);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return Status(sqlstate::kInvalidParameterValue, "time zone \"" + lower + "\" not recognized");
    }
  }
  while (i < t.size() && t[i] == ' ') ++i;
  if (i + 2 == t.size() && EqualsNoCase(t.substr(i), "bc")) i += 2;
  if (i != t.size()) return BadSyntax(type_name, text);
  if (h > 24 || m > 59 || s > 60 || (h == 24 && (m > 0 || s > 0 || frac > 0))) return FieldOutOfRange(text);
  *micros = ((h * 60 + m) * 60 + s) * 1000000 + frac;
  return Status::OK();
}

Result<Value> ParseTimestamp(std::string_view text, Type type) {
  std::string_view t = Trim(text);
  std::string name = type.ToString();
  int64_t ts;
  if (SpecialDateWord(t, true, &ts)) return MakeInt(type, ts);
  size_t i = 0;
  int64_t days, micros;
  std::optional<TimeZone> zone;
  OMEN_RETURN_IF_ERROR(ParseDatePart(t, text, name, &i, &days));
  OMEN_RETURN_IF_ERROR(ParseTimePart(t, text, name, i, &micros, &zone));
  if (days < kMinDays || days >= kEndTimestampDays) {
    return Status(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::string(text) + "\"");
  }
  ts = days * kMicrosPerDay + micros;
  if (type.id == TypeId::kTimestampTz) ts = zone ? zone->ToUtc(ts) : ThreadTimeZone().ToUtc(ts);
  return MakeInt(type, ts);
}

std::string FormatYear(int64_t y) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld", static_cast<long long>(y <= 0 ? 1 - y : y));
  return buf;
}

std::string FormatDate(int64_t days) {
  if (days == kDatePosInf) return "infinity";
  if (days == kDateNegInf) return "-infinity";
  int64_t y;
  int m, d;
  typeio::CivilFromDays(days, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "-%02d-%02d", m, d);
  return FormatYear(y) + buf + (y <= 0 ? " BC" : "");
}

std::string FormatTimestamp(int64_t ts, bool tz) {
  if (ts == kTsPosInf) return "infinity";
  if (ts == kTsNegInf) return "-infinity";
  int32_t offset = tz ? ThreadTimeZone().OffsetAtUtc(ts) : 0;
  ts += int64_t{offset} * 1000000;
  int64_t days = ts >= 0 ? ts / kMicrosPerDay : -((-ts + kMicrosPerDay - 1) / kMicrosPerDay);
  int64_t rem = ts - days * kMicrosPerDay;
  int64_t y;
  int m, d;
  typeio::CivilFromDays(days, &y, &m, &d);
  int64_t secs = rem / 1000000, frac = rem % 1000000;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "-%02d-%02d %02lld:%02lld:%02lld", m, d, static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  std::string out = FormatYear(y) + buf;
  if (frac != 0) {
    char f[16];
    std::snprintf(f, sizeof(f), ".%06lld", static_cast<long long>(frac));
    std::string fs(f);
    while (fs.back() == '0') fs.pop_back();
    out += fs;
  }
  if (tz) out += FormatUtcOffset(offset);
  if (y <= 0) out += " BC";
  return out;
}

}  // namespace

Result<Value> ParseValue(std::string_view text, Type type) {
  switch (type.id) {
    case TypeId::kBool:
      return ParseBool(text);
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return ParseInt(text, type);
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return ParseFloat(text, type);
    case TypeId::kNumeric: {
      OMEN_ASSIGN_OR_RETURN(Numeric n, Numeric::Parse(text));
      OMEN_ASSIGN_OR_RETURN(n, n.ApplyTypmod(type.typmod));
      Value v = Make(type);
      v.n = std::move(n);
      return v;
    }
    case TypeId::kDate:
      return ParseDate(text);
    case TypeId::kInterval: {
      OMEN_ASSIGN_OR_RETURN(Interval iv, ParseInterval(text));
      return MakeString(type, EncodeInterval(iv));
    }
    case TypeId::kArray:
      return ParseArray(text, type);
    case TypeId::kAnyElement:
    case TypeId::kAnyArray:
      return Status(sqlstate::kFeatureNotSupported, "cannot accept a value of type " + type.ToString());
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return ParseTimestamp(text, type);
    case TypeId::kNull:
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar: {
      OMEN_ASSIGN_OR_RETURN(std::string s, ApplyLength(std::string(text), type, false));
      return MakeString(type, std::move(s));
    }
    case TypeId::kName:
      // namein truncates to NAMEDATALEN - 1 bytes (at a character boundary).
    {
      size_t n = std::min<size_t>(text.size(), 63);
      while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xc0) == 0x80) --n;
      return MakeString(type, std::string(text.substr(0, n)));
    }
    case TypeId::kSingleChar:
      return MakeString(type, std::string(text.substr(0, 1)));
    case TypeId::kPgNodeTree:
      return MakeString(type, std::string(text));
    case TypeId::kOid: {
      OMEN_ASSIGN_OR_RETURN(Value v, ParseInt(text, Type(TypeId::kInt64)));
      // oidin accepts -2^31..2^32-1; negative values wrap as in PostgreSQL.
      if (v.i < INT32_MIN || v.i > UINT32_MAX) {
        return Status(SqlState("22003"), "value \"" + std::string(text) + "\" is out of range for type oid");
      }
      return MakeInt(type, static_cast<uint32_t>(v.i));
    }
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc: {
      OMEN_ASSIGN_OR_RETURN(uint32_t oid, ParseRegValue(type.id, text));
      return MakeInt(type, oid);
    }
  }
  return Status(sqlstate::kInternalError, "unknown type");
}

std::string FormatValue(const Value& v) {
  switch (v.type.id) {
    case TypeId::kBool:
      return v.i ? "t" : "f";
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return std::to_string(v.i);
    case TypeId::kFloat32:
      return typeio::FormatFloat4(v.d);
    case TypeId::kFloat64:
      return typeio::FormatFloat8(v.d);
    case TypeId::kNumeric:
      return v.n.ToString();
    case TypeId::kDate:
      return FormatDate(v.i);
    case TypeId::kTimestamp:
      return FormatTimestamp(v.i, false);
    case TypeId::kTimestampTz:
      return FormatTimestamp(v.i, true);
    case TypeId::kInterval:
      return FormatInterval(DecodeInterval(v.s));
    case TypeId::kArray:
      return FormatArray(v);
    case TypeId::kOid:
      return std::to_string(static_cast<uint32_t>(v.i));
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      return FormatRegValue(v.type.id, static_cast<uint32_t>(v.i));
    default:
      return v.s;
  }
}

namespace {

Status NoCast(Type from, Type to) {
  return Status(SqlState("42846"), "cannot cast type " + from.ToString() + " to " + to.ToString());
}

Result<int64_t> CheckIntRange(__int128 v, TypeId id) {
  int64_t lo, hi;
  IntRange(id, &lo, &hi);
  if (v < lo || v > hi) return IntOutOfRange(id);
  return static_cast<int64_t>(v);
}

Result<Value> CastToInt(const Value& v, Type target) {
  const char* tname = target.id == TypeId::kInt16 ? "smallint" : target.id == TypeId::kInt32 ? "integer" : "bigint";
  switch (v.type.id) {
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      // oid -> int4 reinterprets the 32 bits, as PostgreSQL's binary-coercible cast.
      return MakeInt(target, target.id == TypeId::kInt32 ? static_cast<int32_t>(v.i) : v.i);
    case TypeId::kBool:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: {
      OMEN_ASSIGN_OR_RETURN(int64_t i, CheckIntRange(v.i, target.id));
      return MakeInt(target, i);
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double r = std::rint(v.d);
      // -2^63 is exact in double; 2^63 is the first value out of range.
      if (std::isnan(r) || r < -9223372036854775808.0 || r >= 9223372036854775808.0) return IntOutOfRange(target.id);
      OMEN_ASSIGN_OR_RETURN(int64_t i, CheckIntRange(static_cast<int64_t>(r), target.id));
      return MakeInt(target, i);
    }
    case TypeId::kNumeric: {
      if (v.n.IsNaN()) return Status(sqlstate::kFeatureNotSupported, std::string("cannot convert NaN to ") + tname);
      if (v.n.IsInf()) {
        return Status(sqlstate::kFeatureNotSupported, std::string("cannot convert infinity to ") + tname);
      }
      Result<int64_t> r = v.n.ToInt64();
      if (!r.ok()) return IntOutOfRange(target.id);
      OMEN_ASSIGN_OR_RETURN(int64_t i, CheckIntRange(*r, target.id));
      return MakeInt(target, i);
    }
    default:
      return NoCast(v.type, target);
  }
}

Result<Value> CastToFloat(const Value& v, Type target) {
  double d;
  switch (v.type.id) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      d = static_cast<double>(v.i);
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      d = v.d;
      break;
    case TypeId::kNumeric:
      d = v.n.ToDouble();
      // numeric_float8 goes through float8in: a finite value it cannot hold is 22003.
      if (!v.n.IsInf() && !v.n.IsNaN() && (std::isinf(d) || (d == 0 && v.n.Sign() != 0))) {
        return Status(sqlstate::kNumericValueOutOfRange,
                      "\"" + v.n.ToString() + "\" is out of range for type double precision");
      }
      break;
    default:
      return NoCast(v.type, target);
  }
  if (target.id == TypeId::kFloat32 && std::isfinite(d)) {
    float f = static_cast<float>(d);
    if (std::isinf(f)) return Status(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
    if (f == 0 && d != 0) return Status(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return MakeDouble(target, d);
}

Result<Value> CastToNumeric(const Value& v, Type target) {
  Numeric n;
  switch (v.type.id) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      n = Numeric::FromInt64(v.i);
      break;
    case TypeId::kFloat32: {
      if (!std::isfinite(v.d)) {
        n = Numeric::FromDouble(v.d);
        break;
      }
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.6g", v.d);  // FLT_DIG, as float4_numeric
      OMEN_ASSIGN_OR_RETURN(n, Numeric::Parse(buf));
      break;
    }
    case TypeId::kFloat64:
      n = Numeric::FromDouble(v.d);
      break;
    case TypeId::kNumeric:
      n = v.n;
      break;
    default:
      return NoCast(v.type, target);
  }
  OMEN_ASSIGN_OR_RETURN(n, n.ApplyTypmod(target.typmod));
  Value out = Make(target);
  out.n = std::move(n);
  return out;
}

// Casts among date, timestamp and timestamptz; timestamptz is a UTC instant
// that the others meet as the session zone's wall time.
Result<Value> CastTemporal(const Value& v, Type target) {
  int64_t x = v.i;
  bool from_date = v.type.id == TypeId::kDate;
  bool to_date = target.id == TypeId::kDate;
  bool from_tz = v.type.id == TypeId::kTimestampTz;
  bool to_tz = target.id == TypeId::kTimestampTz;
  if (from_date && !to_date) {
    if (x == kDatePosInf) return MakeInt(target, kTsPosInf);
    if (x == kDateNegInf) return MakeInt(target, kTsNegInf);
    if (x >= kEndTimestampDays) return Status(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
    int64_t local = x * kMicrosPerDay;
    return MakeInt(target, to_tz ? ThreadTimeZone().ToUtc(local) : local);
  }
  if (from_tz != to_tz && !from_date) x = from_tz ? ThreadTimeZone().ToLocal(x) : ThreadTimeZone().ToUtc(x);
  if (!from_date && to_date) {
    if (x == kTsPosInf) return MakeInt(target, kDatePosInf);
    if (x == kTsNegInf) return MakeInt(target, kDateNegInf);
    int64_t days = x >= 0 ? x / kMicrosPerDay : -((-x + kMicrosPerDay - 1) / kMicrosPerDay);
    return MakeInt(target, days);
  }
  return MakeInt(target, x);
}

}  // namespace

Result<Value> CastValue(const Value& v, Type target, CastContext ctx) {
  if (v.is_null) {
    Value n;
    n.type = target;
    return n;
  }
  const Type& from = v.type;
  if (target.IsOidLike() && (from.IsOidLike() || from.IsInteger())) {
    if (from.IsInteger() && (v.i < INT32_MIN || v.i > UINT32_MAX)) {
      return Status(SqlState("22003"), "OID out of range");
    }
    return MakeInt(target, static_cast<uint32_t>(v.i));
  }
  if (target.id == TypeId::kSingleChar && (from.IsString() || from.id == TypeId::kNull)) {
    return ParseValue(v.s, target);
  }
  if (target.IsString() || target.id == TypeId::kNull) {
    std::string s;
    if (from.id == TypeId::kChar) {
      s = std::string(typeio::StripTrailingSpaces(v.s));
    } else {
      s = from.IsString() || from.id == TypeId::kNull ? v.s : FormatValue(v);
    }
    // PostgreSQL's bool -> text gives 'true'/'false', unlike boolout.
    if (from.id == TypeId::kBool) s = v.i ? "true" : "false";
    OMEN_ASSIGN_OR_RETURN(s, ApplyLength(std::move(s), target, ctx == CastContext::kExplicit));
    return MakeString(target, std::move(s));
  }
  if (from.IsString() || from.id == TypeId::kNull) {
    std::string_view text = v.s;
    if (from.id == TypeId::kChar) text = typeio::StripTrailingSpaces(text);
    return ParseValue(text, target);
  }
  if (target.id == TypeId::kArray) {
    if (from.id != TypeId::kArray) return NoCast(from, target);
    // Element by element (array_map), as PostgreSQL's array coercion.
    int32_t lower = 1;
    std::vector<Value> elems = DecodeArray(v.s, from.ElementType(), &lower);
    for (Value& e : elems) {
      OMEN_ASSIGN_OR_RETURN(e, CastValue(e, target.ElementType(), ctx));
    }
    return MakeArrayValue(target, elems, lower);
  }
  switch (target.id) {
    case TypeId::kBool:
      if (from.id == TypeId::kBool) return MakeInt(target, v.i);
      if (from.IsInteger()) return MakeInt(target, v.i != 0 ? 1 : 0);
      return NoCast(from, target);
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return CastToInt(v, target);
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return CastToFloat(v, target);
    case TypeId::kNumeric:
      return CastToNumeric(v, target);
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      if (!from.IsTemporal()) return NoCast(from, target);
      return CastTemporal(v, target);
    default:
      return NoCast(from, target);
  }
}

namespace {

// Integer widening/narrowing and int -> float over the raw arrays.
bool FastCast(const Vector& in, Type target, Vector* out, Status* status) {
  const Type& from = in.type();
  size_t n = in.size();
  const uint8_t* nulls = in.nulls();
  if (from.IsInteger() && target.IsInteger()) {
    int64_t lo, hi;
    IntRange(target.id, &lo, &hi);
    const int64_t* src = in.i64();
    int64_t* dst = out->i64();
    for (size_t i = 0; i < n; ++i) {
      if (!nulls[i] && (src[i] < lo || src[i] > hi)) {
        *status = IntOutOfRange(target.id);
        return true;
      }
      dst[i] = src[i];
    }
  } else if (from.IsInteger() && target.id == TypeId::kFloat64) {
    const int64_t* src = in.i64();
    double* dst = out->f64();
    for (size_t i = 0; i < n; ++i) dst[i] = static_cast<double>(src[i]);
  } else if (from.IsInteger() && target.id == TypeId::kNumeric && target.typmod < 0) {
    const int64_t* src = in.i64();
    Numeric* dst = out->num();
    for (size_t i = 0; i < n; ++i) dst[i] = Numeric::FromInt64(src[i]);
  } else if (from.id == TypeId::kFloat32 && target.id == TypeId::kFloat64) {
    const double* src = in.f64();
    double* dst = out->f64();
    for (size_t i = 0; i < n; ++i) dst[i] = src[i];
  } else {
    return false;
  }
  uint8_t* onull = out->nulls();
  for (size_t i = 0; i < n; ++i) onull[i] = nulls[i];
  return true;
}

}  // namespace

Status CastVector(const Vector& in, Type target, CastContext ctx, Vector* out) {
  size_t n = in.size();
  out->Resize(n);
  Status status;
  if (FastCast(in, target, out, &status)) return status;
  for (size_t i = 0; i < n; ++i) {
    if (in.IsNull(i)) {
      out->SetNull(i, true);
      continue;
    }
    OMEN_ASSIGN_OR_RETURN(Value v, CastValue(in.GetValue(i), target, ctx));
    out->SetValue(i, v);
  }
  return Status::OK();
}

}  // namespace omen
