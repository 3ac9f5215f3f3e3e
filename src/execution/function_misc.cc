// Smaller built-ins: format, quote_ident, quote_literal, to_hex, scale,
// make_date, make_timestamp and to_timestamp(double precision).

#include <cmath>
#include <string>

#include "common/type_io.h"
#include "common/type_io_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

std::string QuoteIdent(const std::string& s) {
  bool plain = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (plain) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

std::string QuoteLiteral(const std::string& s) {
  std::string r = s.find('\\') != std::string::npos ? "E'" : "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') r += c;
    r += c;
  }
  return r + "'";
}

Status QuoteIdentFn(const std::vector<Value>& a, Value* out) {
  out->s = QuoteIdent(a[0].s);
  return Status::OK();
}

Status QuoteLiteralFn(const std::vector<Value>& a, Value* out) {
  out->s = QuoteLiteral(a[0].s);
  return Status::OK();
}

std::string OutputText(const Value& v) { return v.type.IsString() ? v.s : FormatValue(v); }

// format(fmt, args...): %s, %I, %L, %% and the %n$ position prefix.
Status Format(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  const std::string& f = a[0].s;
  std::string r;
  size_t next_arg = 1;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      r += f[i];
      continue;
    }
    if (++i >= f.size()) return Status(sqlstate::kInvalidParameterValue, "unterminated format() type specifier");
    if (f[i] == '%') {
      r += '%';
      continue;
    }
    size_t arg = next_arg;
    size_t j = i;
    size_t pos = 0;
    while (j < f.size() && f[j] >= '0' && f[j] <= '9') pos = pos * 10 + static_cast<size_t>(f[j++] - '0');
    if (j < f.size() && f[j] == '$' && j > i) {
      arg = pos;
      i = j + 1;
    }
    if (i >= f.size()) return Status(sqlstate::kInvalidParameterValue, "unterminated format() type specifier");
    char spec = f[i];
    if (spec != 's' && spec != 'I' && spec != 'L') {
      Status s(sqlstate::kInvalidParameterValue, std::string("unrecognized format() type specifier \"") + spec + "\"");
      s.WithHint("For a single \"%\" use \"%%\".");
      return s;
    }
    if (arg >= a.size()) return Status(sqlstate::kInvalidParameterValue, "too few arguments for format()");
    next_arg = arg + 1;
    const Value& v = a[arg];
    if (spec == 's') {
      if (!v.is_null) r += OutputText(v);
    } else if (spec == 'I') {
      if (v.is_null) {
        return Status(sqlstate::kInvalidParameterValue, "null values cannot be formatted as an SQL identifier");
      }
      r += QuoteIdent(OutputText(v));
    } else {
      r += v.is_null ? "NULL" : QuoteLiteral(OutputText(v));
    }
  }
  out->s = std::move(r);
  return Status::OK();
}

Status ToHex(const std::vector<Value>& a, Value* out) {
  uint64_t v = a[0].type.id == TypeId::kInt64 ? static_cast<uint64_t>(a[0].i)
                                              : static_cast<uint32_t>(static_cast<int32_t>(a[0].i));
  static const char* kHex = "0123456789abcdef";
  std::string r;
  do {
    r.insert(r.begin(), kHex[v & 15]);
    v >>= 4;
  } while (v != 0);
  out->s = std::move(r);
  return Status::OK();
}

Status Scale(const std::vector<Value>& a, Value* out) {
  if (a[0].n.IsNaN() || a[0].n.IsInf()) {
    out->is_null = true;
    return Status::OK();
  }
  out->i = a[0].n.scale();
  return Status::OK();
}

// Days for y-m-d (negative years are BC); 22008 when the date is invalid.
Result<int64_t> MakeDays(int64_t y, int64_t m, int64_t d) {
  auto bad = [&]() {
    return Status(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + std::to_string(y) + "-" +
                                                        (m < 10 ? "0" : "") + std::to_string(m) + "-" +
                                                        (d < 10 ? "0" : "") + std::to_string(d));
  };
  if (y == 0 || m < 1 || m > 12 || d < 1 || d > 31) return bad();
  int64_t astro = y < 0 ? y + 1 : y;
  int64_t days = typeio::DaysFromCivil(astro, static_cast<int>(m), static_cast<int>(d));
  int64_t cy;
  int cm, cd;
  typeio::CivilFromDays(days, &cy, &cm, &cd);
  if (cm != m) return bad();  // e.g. February 30th rolled over
  return days;
}

Status MakeDate(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(out->i, MakeDays(a[0].i, a[1].i, a[2].i));
  return Status::OK();
}

Status MakeTimestamp(const std::vector<Value>& a, Value* out) {
  OMEN_ASSIGN_OR_RETURN(int64_t days, MakeDays(a[0].i, a[1].i, a[2].i));
  int64_t h = a[3].i, mi = a[4].i;
  double sec = a[5].d;
  if (h < 0 || h > 24 || mi < 0 || mi > 59 || !(sec >= 0) || sec > 60 ||
      (h == 24 && (mi > 0 || sec > 0))) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "time field value out of range: %lld:%02lld:%02g", static_cast<long long>(h),
                  static_cast<long long>(mi), sec);
    return Status(sqlstate::kDatetimeFieldOverflow, buf);
  }
  int64_t micros = (h * 3600 + mi * 60) * 1000000 + static_cast<int64_t>(std::rint(sec * 1000000));
  out->i = days * typeio::kMicrosPerDay + micros;
  return Status::OK();
}

Status ToTimestamp(const std::vector<Value>& a, Value* out) {
  if (a.size() == 2) return ToTimestampText(a, out);
  double s = a[0].d;
  if (std::isnan(s)) return Status(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  if (std::isinf(s)) {
    out->i = s > 0 ? typeio::kTsPosInf : typeio::kTsNegInf;
    return Status::OK();
  }
  double micros = std::rint(s * 1000000.0) - 10957.0 * static_cast<double>(typeio::kMicrosPerDay);
  // PostgreSQL's range: 4714-11-24 BC .. 294277-01-01 (exclusive), in microseconds since 2000.
  if (micros < -211813488000000000.0 || micros >= 9223371331200000000.0) {
    return Status(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + typeio::FormatFloat8(s) + "\"");
  }
  out->i = static_cast<int64_t>(micros);
  return Status::OK();
}

}  // namespace

void AddMiscFunctions(std::vector<NamedFn>* fns) {
  std::vector<NamedFn> add = {
      {"quote_ident", kRow<&QuoteIdentFn>},
      {"quote_literal", kRow<&QuoteLiteralFn>},
      {"format", kRowLax<&Format>},
      {"to_hex", kRow<&ToHex>},
      {"scale", kRow<&Scale>},
      {"make_date", kRow<&MakeDate>},
      {"make_timestamp", kRow<&MakeTimestamp>},
      {"to_timestamp", kRow<&ToTimestamp>},
  };
  fns->insert(fns->end(), add.begin(), add.end());
}

}  // namespace omen::execution::internal
