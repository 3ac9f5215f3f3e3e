// PostgreSQL's formatting functions (formatting.c): to_char for datetimes and
// numbers, to_date / to_timestamp(text, text), plus factorial and
// width_bucket, and the operator spellings |/ ||/ @ ^@ of existing functions.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>

#include "common/time_zone.h"
#include "common/type_io_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

constexpr SqlState kInvalidArgumentForWidthBucket("2201G");

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

bool StartsWithCi(std::string_view s, size_t pos, std::string_view kw) {
  if (s.size() - pos < kw.size()) return false;
  for (size_t k = 0; k < kw.size(); ++k) {
    char c = s[pos + k];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != kw[k]) return false;
  }
  return true;
}

// A name in the case style of the pattern as written: "MONTH", "Month", "month".
std::string Styled(std::string_view name, std::string_view pattern) {
  std::string r(name);
  bool upper0 = pattern[0] >= 'A' && pattern[0] <= 'Z';
  bool upper1 = pattern.size() > 1 && pattern[1] >= 'A' && pattern[1] <= 'Z';
  for (size_t k = 0; k < r.size(); ++k) {
    bool up = k == 0 ? upper0 : upper1;
    char c = r[k];
    if (up && c >= 'a' && c <= 'z') r[k] = static_cast<char>(c - 'a' + 'A');
    if (!up && c >= 'A' && c <= 'Z') r[k] = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

std::string Padded(int64_t v, int width, bool fm) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (!fm && static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return v < 0 ? "-" + digits : digits;
}

// Datetime keywords, longest first where one is a prefix of another.
const char* const kDateKeywords[] = {"A.M.", "P.M.", "HH24", "HH12", "YYYY", "MONTH", "MON", "DAY", "DDD",
                                     "YYY",  "AM",   "PM",   "HH",   "MI",   "SS",    "MS",  "US",  "YY",
                                     "MM",   "DD",   "DY",   "TZ",   "Y",    "D",     "Q"};

struct DateParts {
  int64_t year = 1;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  int64_t days = 0;
  std::string zone;  // the zone abbreviation TZ prints (timestamptz only)
};

DateParts SplitTimestamp(int64_t ts) {
  DateParts p;
  p.days = ts >= 0 ? ts / typeio::kMicrosPerDay : -((-ts + typeio::kMicrosPerDay - 1) / typeio::kMicrosPerDay);
  int64_t rem = ts - p.days * typeio::kMicrosPerDay;
  typeio::CivilFromDays(p.days, &p.year, &p.month, &p.day);
  p.hour = static_cast<int>(rem / 3600000000LL);
  p.minute = static_cast<int>(rem / 60000000LL % 60);
  p.second = static_cast<int>(rem / 1000000 % 60);
  p.micros = rem % 1000000;
  return p;
}

std::string DateField(std::string_view kw, std::string_view written, const DateParts& p, bool fm, bool with_tz) {
  int h12 = p.hour % 12 == 0 ? 12 : p.hour % 12;
  bool pm = p.hour >= 12;
  if (kw == "A.M." || kw == "P.M.") return Styled(pm ? "P.M." : "A.M.", written);
  if (kw == "AM" || kw == "PM") return Styled(pm ? "PM" : "AM", written);
  if (kw == "HH24") return Padded(p.hour, 2, fm);
  if (kw == "HH12" || kw == "HH") return Padded(h12, 2, fm);
  if (kw == "MI") return Padded(p.minute, 2, fm);
  if (kw == "SS") return Padded(p.second, 2, fm);
  if (kw == "MS") return Padded(p.micros / 1000, 3, fm);
  if (kw == "US") return Padded(p.micros, 6, fm);
  if (kw == "YYYY") return Padded(p.year, 4, fm);
  if (kw == "YYY") return Padded(p.year % 1000, 3, fm);
  if (kw == "YY") return Padded(p.year % 100, 2, fm);
  if (kw == "Y") return Padded(p.year % 10, 1, fm);
  if (kw == "MM") return Padded(p.month, 2, fm);
  if (kw == "DD") return Padded(p.day, 2, fm);
  if (kw == "DDD") return Padded(p.days - typeio::DaysFromCivil(p.year, 1, 1) + 1, 3, fm);
  if (kw == "D") return std::to_string(typeio::DayOfWeek(p.days) + 1);
  if (kw == "Q") return std::to_string((p.month - 1) / 3 + 1);
  if (kw == "TZ") return with_tz ? Styled(p.zone, written) : "";
  std::string name;
  if (kw == "MONTH" || kw == "MON") name = kMonths[p.month - 1];
  if (kw == "DAY" || kw == "DY") name = kDays[typeio::DayOfWeek(p.days)];
  if (kw == "MON" || kw == "DY") name.resize(3);
  name = Styled(name, written);
  if (!fm && (kw == "MONTH" || kw == "DAY")) name.resize(9, ' ');
  return name;
}

// Matches a keyword at fmt[pos]; returns its canonical (upper-case) spelling or "".
std::string_view MatchKeyword(std::string_view fmt, size_t pos) {
  for (const char* kw : kDateKeywords) {
    if (StartsWithCi(fmt, pos, kw)) return kw;
  }
  return {};
}

// Copies a quoted literal starting at fmt[*pos] == '"' to *out (when given).
void CopyQuoted(std::string_view fmt, size_t* pos, std::string* out) {
  size_t k = *pos + 1;
  while (k < fmt.size() && fmt[k] != '"') {
    if (fmt[k] == '\\' && k + 1 < fmt.size()) ++k;
    if (out != nullptr) out->push_back(fmt[k]);
    ++k;
  }
  *pos = k < fmt.size() ? k + 1 : k;
}

Status TimestampToChar(int64_t ts, bool with_tz, std::string_view fmt, Value* out) {
  if (ts == typeio::kTsNegInf || ts == typeio::kTsPosInf) {
    out->is_null = true;
    return Status::OK();
  }
  std::string zone;
  if (with_tz) {  // the session zone's wall time
    zone = ThreadTimeZone().AbbreviationAtUtc(ts);
    ts = ThreadTimeZone().ToLocal(ts);
  }
  DateParts p = SplitTimestamp(ts);
  p.zone = std::move(zone);
  std::string r;
  size_t pos = 0;
  while (pos < fmt.size()) {
    bool fm = false;
    if (StartsWithCi(fmt, pos, "FM")) {
      fm = true;
      pos += 2;
    }
    std::string_view kw = MatchKeyword(fmt, pos);
    if (!kw.empty()) {
      r += DateField(kw, fmt.substr(pos, kw.size()), p, fm, with_tz);
      pos += kw.size();
    } else if (fmt[pos] == '"') {
      CopyQuoted(fmt, &pos, &r);
    } else if (fmt[pos] == '\\' && pos + 1 < fmt.size() && fmt[pos + 1] == '"') {
      r.push_back('"');
      pos += 2;
    } else if (pos < fmt.size()) {
      r.push_back(fmt[pos++]);
    }
  }
  out->s = std::move(r);
  return Status::OK();
}

// ---- numeric to_char ---------------------------------------------------------

struct NumFormat {
  int pre = 0, post = 0;
  int zero_start = -1;  // digit index of the first '0' before the point
  int nines_kept = 0;   // fractional positions up to the last '0' (FM keeps them)
  bool fm = false, lead_s = false, trail_s = false, pr = false, mi = false;
};

NumFormat AnalyzeNumFormat(std::string_view fmt) {
  NumFormat f;
  bool point = false;
  for (size_t k = 0; k < fmt.size(); ++k) {
    char c = fmt[k];
    if (c == '"') {
      CopyQuoted(fmt, &k, nullptr);
      --k;
    } else if (c == '9' || c == '0') {
      if (point) {
        ++f.post;
        if (c == '0') f.nines_kept = f.post;
      } else {
        if (c == '0' && f.zero_start < 0) f.zero_start = f.pre;
        ++f.pre;
      }
    } else if (c == '.' || c == 'D' || c == 'd') {
      point = true;
    } else if (StartsWithCi(fmt, k, "FM") || StartsWithCi(fmt, k, "PR") || StartsWithCi(fmt, k, "MI")) {
      char c2 = static_cast<char>(c & ~0x20);
      f.fm = f.fm || c2 == 'F';
      f.pr = f.pr || c2 == 'P';
      f.mi = f.mi || c2 == 'M';
      ++k;
    } else if (c == 'S' || c == 's') {
      (f.pre == 0 && !point ? f.lead_s : f.trail_s) = true;
    }
  }
  return f;
}

struct NumWriter {
  const NumFormat& f;
  bool neg;
  bool slot;  // the floating sign slot before the first digit
  std::string r;
  void Sign() {
    if (!slot) return;
    slot = false;
    if (neg) r.push_back(f.pr ? '<' : '-');
    else if (f.lead_s) r.push_back('+');
    else if (!f.fm || f.pr) r.push_back(' ');
  }
};

Status NumberToChar(const Numeric& value, std::string_view fmt, Value* out) {
  NumFormat f = AnalyzeNumFormat(fmt);
  bool special = value.IsNaN() || value.IsInf();
  std::string text = special ? "" : value.Abs().Round(f.post).ToString();
  size_t dot = text.find('.');
  std::string int_part = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  frac.resize(f.post, '0');
  bool overflow = special || static_cast<int>(int_part.size()) > f.pre;
  bool zero_value = int_part == "0" && frac.find_first_not_of('0') == std::string::npos;
  if (int_part == "0" && f.post > 0) int_part.clear();
  size_t frac_keep = frac.size();
  if (f.fm) {
    while (frac_keep > static_cast<size_t>(f.nines_kept) && frac[frac_keep - 1] == '0') --frac_keep;
  }
  int pre_spaces = f.pre - static_cast<int>(int_part.size());
  NumWriter w{f, value.Sign() < 0, !f.mi && !f.trail_s, {}};
  bool digit_wrote = false, after_point = false;
  int digit_idx = 0, frac_idx = 0;
  for (size_t k = 0; k < fmt.size(); ++k) {
    char c = fmt[k];
    if ((c == '9' || c == '0') && !after_point) {
      int idx = digit_idx++;
      bool forced = f.zero_start >= 0 && idx >= f.zero_start;
      if (overflow) {
        w.Sign();
        w.r.push_back('#');
      } else if (idx < pre_spaces && !forced) {
        if (!f.fm) w.r.push_back(' ');
      } else {
        w.Sign();
        w.r.push_back(idx < pre_spaces ? '0' : int_part[idx - pre_spaces]);
        digit_wrote = true;
      }
    } else if (c == '9' || c == '0') {
      int idx = frac_idx++;
      if (overflow) w.r.push_back('#');
      else if (idx < static_cast<int>(frac_keep)) w.r.push_back(frac[idx]);
    } else if (c == '.' || c == 'D' || c == 'd') {
      after_point = true;
      if (!overflow && f.fm && zero_value && !digit_wrote) w.r.push_back('0');
      w.Sign();
      w.r.push_back('.');
    } else if (c == ',' || c == 'G' || c == 'g') {
      if (digit_wrote || overflow) w.r.push_back(',');
      else if (!f.fm) w.r.push_back(' ');
    } else if (c == '"') {
      CopyQuoted(fmt, &k, &w.r);
      --k;
    } else if (StartsWithCi(fmt, k, "FM")) {
      ++k;
    } else if (StartsWithCi(fmt, k, "PR")) {
      ++k;
      w.r.push_back(w.neg ? '>' : ' ');
    } else if (StartsWithCi(fmt, k, "MI")) {
      ++k;
      if (w.neg) w.r.push_back('-');
      else if (!f.fm) w.r.push_back(' ');
    } else if (c == 'S' || c == 's') {
      if (f.trail_s && (digit_idx > 0 || after_point)) w.r.push_back(w.neg ? '-' : '+');
    } else if (c == 'L' || c == 'l') {
      w.r.push_back(' ');
    } else {
      w.r.push_back(c);
    }
  }
  if (special && value.IsNaN()) {
    // PostgreSQL prints NaN right-aligned in the number's width.
    size_t width = w.r.size();
    w.r = "NaN";
    if (!f.fm && width > 3) w.r.insert(0, width - 3, ' ');
  }
  out->s = std::move(w.r);
  return Status::OK();
}

Numeric ToNumeric(const Value& v) {
  if (v.type.IsInteger()) return Numeric::FromInt64(v.i);
  if (v.type.IsFloat()) return Numeric::FromDouble(v.d);
  return v.n;
}

Status ToChar(const std::vector<Value>& a, Value* out) {
  TypeId t = a[0].type.id;
  if (t == TypeId::kTimestamp || t == TypeId::kTimestampTz) {
    return TimestampToChar(a[0].i, t == TypeId::kTimestampTz, a[1].s, out);
  }
  if (t == TypeId::kDate) return TimestampToChar(a[0].i * typeio::kMicrosPerDay, false, a[1].s, out);
  return NumberToChar(ToNumeric(a[0]), a[1].s, out);
}

// ---- to_date / to_timestamp ---------------------------------------------------

Status BadValue(std::string_view value, std::string_view kw, const char* detail) {
  return Status(sqlstate::kInvalidDatetimeFormat,
                "invalid value \"" + std::string(value) + "\" for \"" + std::string(kw) + "\"" + detail);
}

// Reads a name from kNames (full or 3-letter form, case-insensitive); index or -1.
int ReadName(std::string_view in, size_t* pos, const char* const* names, int count, bool abbrev) {
  for (int k = 0; k < count; ++k) {
    std::string_view name = names[k];
    if (abbrev) name = name.substr(0, 3);
    std::string upper(name);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (StartsWithCi(in, *pos, upper)) {
      *pos += name.size();
      return k;
    }
  }
  return -1;
}

struct ParsedDate {
  int64_t year = 1;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, doy = 0;
  int64_t micros = 0;
  int pm = -1;  // -1 no AM/PM, 0 AM, 1 PM
};

Status ReadInt(std::string_view in, size_t* pos, std::string_view kw, size_t max_len, int64_t* v) {
  while (*pos < in.size() && in[*pos] == ' ') ++*pos;
  size_t start = *pos;
  while (*pos < in.size() && *pos - start < max_len && in[*pos] >= '0' && in[*pos] <= '9') ++*pos;
  if (*pos == start) {
    size_t end = start;
    while (end < in.size() && end - start < std::max<size_t>(max_len, 2) && in[end] != ' ') ++end;
    return BadValue(in.substr(start, end - start), kw, "");
  }
  *v = std::stoll(std::string(in.substr(start, *pos - start)));
  return Status::OK();
}

Status ParseField(std::string_view kw, std::string_view in, size_t* pos, bool greedy, ParsedDate* d) {
  if (kw == "MONTH" || kw == "MON") {
    int m = ReadName(in, pos, kMonths, 12, false);
    if (m < 0) m = ReadName(in, pos, kMonths, 12, true);
    if (m < 0) return BadValue(in.substr(*pos, 3), kw == "MON" ? "Mon" : "Month", "");
    d->month = m + 1;
    return Status::OK();
  }
  if (kw == "DAY" || kw == "DY") {
    if (ReadName(in, pos, kDays, 7, false) < 0 && ReadName(in, pos, kDays, 7, true) < 0) {
      return BadValue(in.substr(*pos, 3), kw == "DY" ? "Dy" : "Day", "");
    }
    return Status::OK();
  }
  if (kw == "AM" || kw == "PM" || kw == "A.M." || kw == "P.M.") {
    bool dots = kw.size() == 4;
    if (StartsWithCi(in, *pos, dots ? "A.M." : "AM") || StartsWithCi(in, *pos, dots ? "P.M." : "PM")) {
      d->pm = (in[*pos] | 0x20) == 'p' ? 1 : 0;
      *pos += kw.size();
      return Status::OK();
    }
    return BadValue(in.substr(*pos, kw.size()), kw, "");
  }
  if (kw == "TZ") return Status(sqlstate::kFeatureNotSupported, "formatting field \"TZ\" is only supported in to_char");
  size_t len = kw == "YYYY" ? 4 : kw == "MS" || kw == "DDD" || kw == "YYY" ? 3 : kw == "US" ? 6 : kw.size() == 1 ? 1 : 2;
  if (greedy && kw != "US" && kw != "MS") len = 20;
  int64_t v = 0;
  OMEN_RETURN_IF_ERROR(ReadInt(in, pos, kw, len, &v));
  if (kw == "YYYY" || kw == "Y") d->year = v;
  else if (kw == "YY") d->year = v < 70 ? 2000 + v : 1900 + v;
  else if (kw == "YYY") d->year = v < 100 ? 2000 + v : 1000 + v;
  else if (kw == "MM") d->month = static_cast<int>(v);
  else if (kw == "DD") d->day = static_cast<int>(v);
  else if (kw == "DDD") d->doy = static_cast<int>(v);
  else if (kw == "HH24" || kw == "HH12" || kw == "HH") {
    d->hour = static_cast<int>(v);
    if (kw != "HH24" && (v < 1 || v > 12)) {
      return Status(sqlstate::kInvalidDatetimeFormat,
                    "hour \"" + std::to_string(v) + "\" is invalid for the 12-hour clock");
    }
  } else if (kw == "MI") d->minute = static_cast<int>(v);
  else if (kw == "SS") d->second = static_cast<int>(v);
  else if (kw == "MS") d->micros = v * 1000;
  else if (kw == "US") d->micros = v;
  return Status::OK();
}

Result<int64_t> ParseToTimestamp(std::string_view in, std::string_view fmt, bool date_only) {
  ParsedDate d;
  size_t fpos = 0, ipos = 0;
  while (fpos < fmt.size()) {
    if (StartsWithCi(fmt, fpos, "FM")) fpos += 2;
    if (fpos >= fmt.size()) break;
    std::string_view kw = MatchKeyword(fmt, fpos);
    if (!kw.empty()) {
      fpos += kw.size();
      bool greedy = fpos >= fmt.size() || MatchKeyword(fmt, fpos).empty();
      if (ipos >= in.size()) break;
      OMEN_RETURN_IF_ERROR(ParseField(kw, in, &ipos, greedy, &d));
    } else if (fmt[fpos] == '"') {
      size_t start = fpos;
      CopyQuoted(fmt, &fpos, nullptr);
      ipos = std::min(in.size(), ipos + (fpos - start - 2));
    } else {
      ++fpos;
      if (ipos < in.size() && !std::isalnum(static_cast<unsigned char>(in[ipos]))) ++ipos;
    }
  }
  if (d.pm == 1 && d.hour < 12) d.hour += 12;
  if (d.pm == 0 && d.hour == 12) d.hour = 0;
  auto out_of_range = Status(sqlstate::kDatetimeFieldOverflow,
                             "date/time field value out of range: \"" + std::string(in) + "\"");
  if (d.doy > 0) {
    if (d.doy > 366) return out_of_range;
    int64_t days = typeio::DaysFromCivil(d.year, 1, 1) + d.doy - 1;
    typeio::CivilFromDays(days, &d.year, &d.month, &d.day);
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.hour > 23 || d.minute > 59 || d.second > 59) return out_of_range;
  int64_t days = typeio::DaysFromCivil(d.year, d.month, d.day);
  int64_t y = 0;
  int m = 0, dd = 0;
  typeio::CivilFromDays(days, &y, &m, &dd);
  if (m != d.month || dd != d.day) return out_of_range;
  if (date_only) return days;
  return days * typeio::kMicrosPerDay + (d.hour * 3600LL + d.minute * 60 + d.second) * 1000000 + d.micros;
}

Status ToDate(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(out->i, ParseToTimestamp(a[0].s, a[1].s, true));
  return Status::OK();
}

// ---- factorial, width_bucket ------------------------------------------------------

Status Factorial(const std::vector<Value>& a, Value* out) {
  int64_t n = a[0].i;
  if (n < 0) return Status(sqlstate::kNumericValueOutOfRange, "factorial of a negative number is undefined");
  Numeric r = Numeric::FromInt64(1);
  for (int64_t k = 2; k <= n; ++k) {
    OMEN_ASSIGN_OR_RETURN(r, r.Mul(Numeric::FromInt64(k)));
  }
  out->n = std::move(r);
  return Status::OK();
}

Status WidthBucket(const std::vector<Value>& a, Value* out) {
  int64_t count = a[3].i;
  if (count <= 0) return Status(kInvalidArgumentForWidthBucket, "count must be greater than zero");
  bool is_float = a[0].type.IsFloat();
  Numeric x = ToNumeric(a[0]), lo = ToNumeric(a[1]), hi = ToNumeric(a[2]);
  bool nan = is_float ? std::isnan(a[0].d) || std::isnan(a[1].d) || std::isnan(a[2].d)
                      : x.IsNaN() || lo.IsNaN() || hi.IsNaN();
  if (nan) return Status(kInvalidArgumentForWidthBucket, "operand, lower bound, and upper bound cannot be NaN");
  bool inf = is_float ? std::isinf(a[1].d) || std::isinf(a[2].d) : lo.IsInf() || hi.IsInf();
  if (inf) return Status(kInvalidArgumentForWidthBucket, "lower and upper bounds must be finite");
  int cmp = lo.Compare(hi);
  if (cmp == 0) return Status(kInvalidArgumentForWidthBucket, "lower bound cannot equal upper bound");
  int64_t bucket = 0;
  bool below = cmp < 0 ? x.Compare(lo) < 0 : x.Compare(lo) > 0;
  bool above = cmp < 0 ? x.Compare(hi) >= 0 : x.Compare(hi) <= 0;
  if (below) {
    bucket = 0;
  } else if (above) {
    if (count == INT32_MAX) return Status(sqlstate::kNumericValueOutOfRange, "integer out of range");
    bucket = count + 1;
  } else if (is_float) {
    double xd = a[0].d, ld = a[1].d, hd = a[2].d;
    double frac = cmp < 0 ? (xd - ld) / (hd - ld) : (ld - xd) / (ld - hd);
    bucket = static_cast<int64_t>(count * frac) + 1;
    if (bucket > count) bucket = count;
  } else {
    OMEN_ASSIGN_OR_RETURN(Numeric num, cmp < 0 ? x.Sub(lo) : lo.Sub(x));
    OMEN_ASSIGN_OR_RETURN(Numeric den, cmp < 0 ? hi.Sub(lo) : lo.Sub(hi));
    OMEN_ASSIGN_OR_RETURN(num, num.Mul(Numeric::FromInt64(count)));
    OMEN_ASSIGN_OR_RETURN(Numeric q, num.Div(den));
    OMEN_ASSIGN_OR_RETURN(bucket, q.Trunc(0).ToInt64());
    bucket = std::min(bucket + 1, count);
  }
  out->i = bucket;
  return Status::OK();
}

}  // namespace

Status ToTimestampText(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(out->i, ParseToTimestamp(a[0].s, a[1].s, false));
  return Status::OK();
}

void AddFormatFunctions(std::vector<NamedFn>* fns) {
  fns->insert(fns->end(), {
                              {"to_char", kRow<&ToChar>},
                              {"to_date", kRow<&ToDate>},
                              {"factorial", kRow<&Factorial>},
                              {"width_bucket", kRow<&WidthBucket>},
                          });
}

ScalarKernel FormatOperatorKernel(const catalog::FunctionSignature& sig) {
  const char* target = sig.name == "|/"    ? "sqrt"
                       : sig.name == "||/" ? "cbrt"
                       : sig.name == "@"   ? "abs"
                       : sig.name == "^@"  ? "starts_with"
                                           : nullptr;
  if (target == nullptr) return nullptr;
  catalog::FunctionSignature named = sig;
  named.name = target;
  return NamedFunctionKernel(named);
}

}  // namespace omen::execution::internal
