// Numeric arithmetic. Finite values are coefficient / 10^scale_. The
// coefficient lives in small_ while it has at most 38 digits, otherwise in
// big_ as a decimal digit string. Slow-path arithmetic goes through Dec, a
// sign + digit-string + scale form; fast paths use __int128 with overflow checks.

#include "common/numeric.h"

#include "common/numeric_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace omen {

struct Numeric::Big {
  bool neg = false;
  std::string mag;  // decimal digits, most significant first, no leading zeros
};

namespace {

constexpr int kMaxSmallDigits = 38;
constexpr int kMaxIntegerDigits = 131072;
constexpr int kMaxDisplayScale = 1000;

// A finite decimal: (neg ? -1 : 1) * mag / 10^scale. mag "" is zero.
struct Dec {
  bool neg = false;
  std::string mag;
  int32_t scale = 0;
};

void StripLeadingZeros(std::string* s) {
  size_t k = 0;
  while (k < s->size() && (*s)[k] == '0') ++k;
  s->erase(0, k);
}

std::string U128ToString(unsigned __int128 v) {
  if (v == 0) return "";
  char buf[48];
  int pos = 48;
  while (v != 0) {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  return std::string(buf + pos, 48 - pos);
}

int MagCmp(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string MagAdd(const std::string& a, const std::string& b) {
  std::string r;
  r.reserve(std::max(a.size(), b.size()) + 1);
  int carry = 0;
  size_t i = a.size(), j = b.size();
  while (i > 0 || j > 0 || carry) {
    int d = carry + (i > 0 ? a[--i] - '0' : 0) + (j > 0 ? b[--j] - '0' : 0);
    r.push_back(static_cast<char>('0' + d % 10));
    carry = d / 10;
  }
  std::reverse(r.begin(), r.end());
  StripLeadingZeros(&r);
  return r;
}

// REQUIRES: a >= b.
std::string MagSub(const std::string& a, const std::string& b) {
  std::string r(a);
  int borrow = 0;
  size_t j = b.size();
  for (size_t i = a.size(); i > 0; --i) {
    int d = (a[i - 1] - '0') - borrow - (j > 0 ? b[--j] - '0' : 0);
    borrow = d < 0 ? 1 : 0;
    r[i - 1] = static_cast<char>('0' + (d + 10) % 10);
  }
  StripLeadingZeros(&r);
  return r;
}

std::string MagMul(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return "";
  std::vector<uint32_t> acc(a.size() + b.size(), 0);
  for (size_t i = a.size(); i > 0; --i) {
    uint32_t da = static_cast<uint32_t>(a[i - 1] - '0');
    if (da == 0) continue;
    for (size_t j = b.size(); j > 0; --j) {
      acc[(a.size() - i) + (b.size() - j)] += da * static_cast<uint32_t>(b[j - 1] - '0');
    }
    // Propagate occasionally so the accumulators cannot overflow.
    if ((a.size() - i) % 1000 == 999) {
      for (size_t k = 0; k + 1 < acc.size(); ++k) {
        acc[k + 1] += acc[k] / 10;
        acc[k] %= 10;
      }
    }
  }
  std::string r(acc.size(), '0');
  uint64_t carry = 0;
  for (size_t k = 0; k < acc.size(); ++k) {
    uint64_t d = acc[k] + carry;
    r[acc.size() - 1 - k] = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  StripLeadingZeros(&r);
  return r;
}

// Long division of magnitudes. REQUIRES: d non-empty.
void MagDivMod(const std::string& n, const std::string& d, std::string* q, std::string* r) {
  q->clear();
  r->clear();
  for (char c : n) {
    r->push_back(c);
    StripLeadingZeros(r);
    char count = '0';
    while (MagCmp(*r, d) >= 0) {
      *r = MagSub(*r, d);
      ++count;
    }
    q->push_back(count);
  }
  StripLeadingZeros(q);
}

std::string Shift(const std::string& mag, int32_t k) {
  if (mag.empty() || k <= 0) return mag;
  return mag + std::string(static_cast<size_t>(k), '0');
}

// Sets both to the larger scale.
void Align(Dec* a, Dec* b) {
  if (a->scale < b->scale) {
    a->mag = Shift(a->mag, b->scale - a->scale);
    a->scale = b->scale;
  } else if (b->scale < a->scale) {
    b->mag = Shift(b->mag, a->scale - b->scale);
    b->scale = a->scale;
  }
}

Dec DecAdd(Dec a, Dec b) {
  Align(&a, &b);
  Dec r;
  r.scale = a.scale;
  if (a.neg == b.neg) {
    r.mag = MagAdd(a.mag, b.mag);
    r.neg = a.neg;
  } else if (MagCmp(a.mag, b.mag) >= 0) {
    r.mag = MagSub(a.mag, b.mag);
    r.neg = a.neg;
  } else {
    r.mag = MagSub(b.mag, a.mag);
    r.neg = b.neg;
  }
  if (r.mag.empty()) r.neg = false;
  return r;
}

int DecCmp(Dec a, Dec b) {
  if (a.mag.empty()) a.neg = false;
  if (b.mag.empty()) b.neg = false;
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  Align(&a, &b);
  int c = MagCmp(a.mag, b.mag);
  return a.neg ? -c : c;
}

// Rounds (half away from zero) or truncates to `scale` decimals (scale may grow).
Dec DecRescale(Dec a, int32_t scale, bool round) {
  if (scale >= a.scale) {
    a.mag = Shift(a.mag, scale - a.scale);
    a.scale = scale;
    return a;
  }
  size_t drop = static_cast<size_t>(a.scale - scale);
  bool up = false;
  if (drop > a.mag.size()) {
    a.mag.clear();
  } else {
    size_t keep = a.mag.size() - drop;
    up = round && drop > 0 && a.mag[keep] >= '5';
    a.mag = a.mag.substr(0, keep);
  }
  if (up) a.mag = MagAdd(a.mag, "1");
  StripLeadingZeros(&a.mag);
  a.scale = scale;
  if (a.mag.empty()) a.neg = false;
  return a;
}

// Decimal digit of the coefficient at 10^k (k >= 0 from the right).
int DigitAt(const std::string& mag, int64_t k) {
  if (k < 0 || k >= static_cast<int64_t>(mag.size())) return 0;
  return mag[mag.size() - 1 - static_cast<size_t>(k)] - '0';
}

// PostgreSQL's base-10000 weight and first digit of a value (0, 0 for zero).
void NbaseWeight(const Dec& a, int* weight, int* first) {
  *weight = 0;
  *first = 0;
  if (a.mag.empty()) return;
  int64_t e = static_cast<int64_t>(a.mag.size()) - 1 - a.scale;  // exponent of leading digit
  int64_t w = e >= 0 ? e / 4 : -((-e + 3) / 4);
  int f = 0;
  for (int j = 3; j >= 0; --j) f = f * 10 + DigitAt(a.mag, 4 * w + j + a.scale);
  *weight = static_cast<int>(w);
  *first = f;
}

int32_t SelectDivScale(const Dec& a, const Dec& b) {
  int w1, f1, w2, f2;
  NbaseWeight(a, &w1, &f1);
  NbaseWeight(b, &w2, &f2);
  int qweight = w1 - w2;
  if (f1 <= f2) --qweight;
  int32_t rscale = 16 - qweight * 4;
  rscale = std::max({rscale, a.scale, b.scale, 0});
  return std::min(rscale, kMaxDisplayScale);
}

// Quotient of a / b at `rscale` decimals, rounded or truncated. REQUIRES: b != 0.
Dec DecDiv(const Dec& a, const Dec& b, int32_t rscale, bool round) {
  int32_t e = rscale + b.scale - a.scale;
  std::string n = a.mag, d = b.mag;
  // One extra digit decides the rounding.
  int32_t extra = round ? 1 : 0;
  if (e + extra >= 0) {
    n = Shift(n, e + extra);
  } else {
    d = Shift(d, -(e + extra));
  }
  std::string q, r;
  MagDivMod(n, d, &q, &r);
  Dec out;
  out.neg = (a.neg != b.neg);
  out.mag = q;
  out.scale = rscale + extra;
  if (round) out = DecRescale(out, rscale, true);
  if (out.mag.empty()) out.neg = false;
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

const __int128 kPow10[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
    static_cast<__int128>(10000000000LL), static_cast<__int128>(100000000000LL),
    static_cast<__int128>(1000000000000LL), static_cast<__int128>(10000000000000LL),
    static_cast<__int128>(100000000000000LL), static_cast<__int128>(1000000000000000LL),
    static_cast<__int128>(10000000000000000LL), static_cast<__int128>(100000000000000000LL),
    static_cast<__int128>(1000000000000000000LL)};

// v * 10^k, false on overflow.
bool ScaleUp(__int128 v, int32_t k, __int128* out) {
  while (k > 0) {
    int step = std::min(k, 18);
    if (__builtin_mul_overflow(v, kPow10[step], &v)) return false;
    k -= step;
  }
  *out = v;
  return true;
}

Status OverflowError() {
  return Status(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

}  // namespace

Numeric::Numeric() = default;
Numeric::~Numeric() = default;
Numeric::Numeric(Numeric&&) noexcept = default;
Numeric& Numeric::operator=(Numeric&&) noexcept = default;

Numeric::Numeric(const Numeric& o)
    : small_(o.small_), scale_(o.scale_), kind_(o.kind_),
      big_(o.big_ ? std::make_unique<Big>(*o.big_) : nullptr) {}

Numeric& Numeric::operator=(const Numeric& o) {
  if (this != &o) {
    small_ = o.small_;
    scale_ = o.scale_;
    kind_ = o.kind_;
    big_ = o.big_ ? std::make_unique<Big>(*o.big_) : nullptr;
  }
  return *this;
}

Numeric Numeric::FromInt64(int64_t v) {
  Numeric n;
  n.small_ = v;
  return n;
}

namespace {
Dec ToDec(__int128 small, int32_t scale) {
  Dec d;
  d.neg = small < 0;
  unsigned __int128 m = d.neg ? -static_cast<unsigned __int128>(small) : static_cast<unsigned __int128>(small);
  d.mag = U128ToString(m);
  d.scale = scale;
  return d;
}
}  // namespace

// Helpers bridging Numeric and Dec; members so they can reach the private fields.
struct NumericAccess {
  static Dec Get(const Numeric& n) {
    if (n.big_) return Dec{n.big_->neg, n.big_->mag, n.scale_};
    return ToDec(n.small_, n.scale_);
  }
  static Numeric Make(Dec d) {
    Numeric n;
    StripLeadingZeros(&d.mag);
    n.scale_ = d.scale;
    if (static_cast<int>(d.mag.size()) <= kMaxSmallDigits) {
      __int128 v = 0;
      for (char c : d.mag) v = v * 10 + (c - '0');
      n.small_ = d.neg ? -v : v;
    } else {
      n.big_ = std::make_unique<Numeric::Big>();
      n.big_->neg = d.neg;
      n.big_->mag = std::move(d.mag);
    }
    return n;
  }
  static Result<Numeric> Checked(Dec d) {
    StripLeadingZeros(&d.mag);
    if (static_cast<int64_t>(d.mag.size()) - d.scale > kMaxIntegerDigits) return OverflowError();
    return Make(std::move(d));
  }
  static Numeric Special(Numeric::Kind k) {
    Numeric n;
    n.kind_ = k;
    return n;
  }
  static bool IsPosInf(const Numeric& n) { return n.kind_ == Numeric::Kind::kPosInf; }
};

Numeric Numeric::FromDouble(double v) {
  if (std::isnan(v)) return NumericAccess::Special(Kind::kNaN);
  if (std::isinf(v)) return NumericAccess::Special(v > 0 ? Kind::kPosInf : Kind::kNegInf);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  Result<Numeric> r = Parse(buf);
  return r.ok() ? std::move(r).value() : Numeric();
}

Result<Numeric> Numeric::Parse(std::string_view text) {
  auto bad = [&]() {
    return Status(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
  };
  size_t b = 0, e = text.size();
  while (b < e && IsSpace(text[b])) ++b;
  while (e > b && IsSpace(text[e - 1])) --e;
  std::string_view t = text.substr(b, e - b);
  if (EqualsNoCase(t, "nan")) return NumericAccess::Special(Kind::kNaN);
  for (std::string_view inf : {"infinity", "+infinity", "inf", "+inf"}) {
    if (EqualsNoCase(t, inf)) return NumericAccess::Special(Kind::kPosInf);
  }
  for (std::string_view inf : {"-infinity", "-inf"}) {
    if (EqualsNoCase(t, inf)) return NumericAccess::Special(Kind::kNegInf);
  }
  Dec d;
  size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) d.neg = (t[i++] == '-');
  bool any = false, point = false;
  int64_t frac = 0;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      d.mag.push_back(c);
      any = true;
      if (point) ++frac;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return bad();
  int64_t exp = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) eneg = (t[i++] == '-');
    if (i >= t.size()) return bad();
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      exp = exp * 10 + (t[i] - '0');
      if (exp > 1000000) return bad();
    }
    if (eneg) exp = -exp;
  }
  if (i != t.size()) return bad();
  StripLeadingZeros(&d.mag);
  int64_t scale = frac - exp;
  if (scale < 0) {
    if (!d.mag.empty()) d.mag = Shift(d.mag, static_cast<int32_t>(-scale));
    scale = 0;
  }
  if (scale > 16383) return OverflowError();  // NUMERIC_DSCALE_MAX
  d.scale = static_cast<int32_t>(scale);
  if (d.mag.empty()) d.neg = false;
  return NumericAccess::Checked(std::move(d));
}

std::string Numeric::ToString() const {
  switch (kind_) {
    case Kind::kNaN:
      return "NaN";
    case Kind::kPosInf:
      return "Infinity";
    case Kind::kNegInf:
      return "-Infinity";
    case Kind::kFinite:
      break;
  }
  Dec d = NumericAccess::Get(*this);
  std::string digits = d.mag;
  if (static_cast<int32_t>(digits.size()) <= d.scale) {
    digits = std::string(static_cast<size_t>(d.scale) + 1 - digits.size(), '0') + digits;
  }
  std::string out = d.neg && !d.mag.empty() ? "-" : "";
  size_t int_len = digits.size() - static_cast<size_t>(d.scale);
  out.append(digits, 0, int_len);
  if (d.scale > 0) {
    out.push_back('.');
    out.append(digits, int_len, std::string::npos);
  }
  return out;
}

Result<int64_t> Numeric::ToInt64() const {
  if (kind_ == Kind::kNaN) {
    return Status(sqlstate::kFeatureNotSupported, "cannot convert NaN to bigint");
  }
  if (kind_ != Kind::kFinite) {
    return Status(sqlstate::kFeatureNotSupported, "cannot convert infinity to bigint");
  }
  Status range(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  Dec d = DecRescale(NumericAccess::Get(*this), 0, true);
  if (d.mag.size() > 19) return range;
  __int128 v = 0;
  for (char c : d.mag) v = v * 10 + (c - '0');
  if (d.neg) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return range;
  return static_cast<int64_t>(v);
}

double Numeric::ToDouble() const {
  switch (kind_) {
    case Kind::kNaN:
      return std::nan("");
    case Kind::kPosInf:
      return HUGE_VAL;
    case Kind::kNegInf:
      return -HUGE_VAL;
    case Kind::kFinite:
      break;
  }
  return std::strtod(ToString().c_str(), nullptr);
}

int32_t Numeric::scale() const { return kind_ == Kind::kFinite ? scale_ : 0; }
bool Numeric::IsNaN() const { return kind_ == Kind::kNaN; }
bool Numeric::IsInf() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }

int Numeric::Sign() const {
  switch (kind_) {
    case Kind::kNaN:
      return 0;
    case Kind::kPosInf:
      return 1;
    case Kind::kNegInf:
      return -1;
    case Kind::kFinite:
      break;
  }
  if (big_) return big_->neg ? -1 : 1;
  return small_ < 0 ? -1 : (small_ > 0 ? 1 : 0);
}

Result<Numeric> Numeric::Add(const Numeric& o) const {
  if (kind_ != Kind::kFinite || o.kind_ != Kind::kFinite) {
    if (IsNaN() || o.IsNaN()) return NumericAccess::Special(Kind::kNaN);
    if (IsInf() && o.IsInf() && kind_ != o.kind_) return NumericAccess::Special(Kind::kNaN);
    return IsInf() ? *this : o;
  }
  if (!big_ && !o.big_) {
    __int128 a = small_, b = o.small_, r;
    int32_t s = std::max(scale_, o.scale_);
    if (ScaleUp(a, s - scale_, &a) && ScaleUp(b, s - o.scale_, &b) &&
        !__builtin_add_overflow(a, b, &r) && r < kPow10[18] * kPow10[18] * 100 &&
        r > -(kPow10[18] * kPow10[18] * 100)) {
      Numeric n;
      n.small_ = r;
      n.scale_ = s;
      return n;
    }
  }
  return NumericAccess::Checked(DecAdd(NumericAccess::Get(*this), NumericAccess::Get(o)));
}

Result<Numeric> Numeric::Sub(const Numeric& o) const { return Add(o.Negate()); }

Result<Numeric> Numeric::Mul(const Numeric& o) const {
  if (kind_ != Kind::kFinite || o.kind_ != Kind::kFinite) {
    if (IsNaN() || o.IsNaN()) return NumericAccess::Special(Kind::kNaN);
    int s = Sign() * o.Sign();
    if (s == 0) return NumericAccess::Special(Kind::kNaN);
    return NumericAccess::Special(s > 0 ? Kind::kPosInf : Kind::kNegInf);
  }
  int32_t rscale = scale_ + o.scale_;
  if (!big_ && !o.big_) {
    __int128 r;
    if (!__builtin_mul_overflow(small_, o.small_, &r) && r < kPow10[18] * kPow10[18] * 100 &&
        r > -(kPow10[18] * kPow10[18] * 100)) {
      Numeric n;
      n.small_ = r;
      n.scale_ = rscale;
      if (rscale > kMaxDisplayScale) return NumericAccess::Make(DecRescale(NumericAccess::Get(n), kMaxDisplayScale, true));
      return n;
    }
  }
  Dec a = NumericAccess::Get(*this), b = NumericAccess::Get(o);
  Dec r{a.neg != b.neg, MagMul(a.mag, b.mag), rscale};
  if (r.mag.empty()) r.neg = false;
  if (rscale > kMaxDisplayScale) r = DecRescale(r, kMaxDisplayScale, true);
  return NumericAccess::Checked(std::move(r));
}

Result<Numeric> Numeric::Div(const Numeric& o) const {
  if (kind_ != Kind::kFinite || o.kind_ != Kind::kFinite) {
    if (IsNaN() || o.IsNaN()) return NumericAccess::Special(Kind::kNaN);
    if (IsInf()) {
      if (o.IsInf()) return NumericAccess::Special(Kind::kNaN);
      if (o.Sign() == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
      return o.Sign() > 0 ? *this : Negate();
    }
    return Numeric();  // finite / infinity
  }
  if (o.Sign() == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
  Dec a = NumericAccess::Get(*this), b = NumericAccess::Get(o);
  return NumericAccess::Checked(DecDiv(a, b, SelectDivScale(a, b), true));
}

Result<Numeric> Numeric::Mod(const Numeric& o) const {
  if (kind_ != Kind::kFinite || o.kind_ != Kind::kFinite) {
    if (IsNaN() || o.IsNaN()) return NumericAccess::Special(Kind::kNaN);
    if (IsInf()) {
      if (o.Sign() == 0 && !o.IsInf()) return Status(sqlstate::kDivisionByZero, "division by zero");
      return NumericAccess::Special(Kind::kNaN);
    }
    return *this;  // finite % infinity
  }
  if (o.Sign() == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
  Dec a = NumericAccess::Get(*this), b = NumericAccess::Get(o);
  Dec q = DecDiv(a, b, 0, false);
  Dec prod{q.neg != b.neg, MagMul(q.mag, b.mag), b.scale};
  if (prod.mag.empty()) prod.neg = false;
  prod.neg = !prod.neg;
  Dec r = DecAdd(a, prod);
  r = DecRescale(r, std::max(a.scale, b.scale), false);
  return NumericAccess::Checked(std::move(r));
}

Numeric Numeric::Negate() const {
  Numeric n(*this);
  if (kind_ == Kind::kPosInf) n.kind_ = Kind::kNegInf;
  else if (kind_ == Kind::kNegInf) n.kind_ = Kind::kPosInf;
  else if (big_) n.big_->neg = !n.big_->neg;
  else n.small_ = -small_;
  return n;
}

Numeric Numeric::Abs() const { return Sign() < 0 ? Negate() : *this; }

Numeric Numeric::Round(int32_t scale) const {
  if (kind_ != Kind::kFinite) return *this;
  if (scale > kMaxDisplayScale) scale = kMaxDisplayScale;
  Dec d = DecRescale(NumericAccess::Get(*this), scale, true);
  if (d.scale < 0) d = DecRescale(d, 0, false);
  return NumericAccess::Make(std::move(d));
}

Numeric Numeric::Trunc(int32_t scale) const {
  if (kind_ != Kind::kFinite) return *this;
  if (scale > kMaxDisplayScale) scale = kMaxDisplayScale;
  Dec d = DecRescale(NumericAccess::Get(*this), scale, false);
  if (d.scale < 0) d = DecRescale(d, 0, false);
  return NumericAccess::Make(std::move(d));
}

Result<Numeric> Numeric::ApplyTypmod(int32_t typmod) const {
  if (typmod < 4 || kind_ == Kind::kNaN) return *this;
  int32_t precision = ((typmod - 4) >> 16) & 0xffff;
  int32_t scale = (typmod - 4) & 0xffff;
  std::string detail_prefix =
      "A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale);
  if (IsInf()) {
    Status s(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
    s.WithDetail(detail_prefix + " cannot hold an infinite value.");
    return s;
  }
  Dec d = DecRescale(NumericAccess::Get(*this), scale, true);
  if (static_cast<int64_t>(d.mag.size()) - scale > precision - scale) {
    Status s(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
    s.WithDetail(detail_prefix + " must round to an absolute value less than 10^" +
                 std::to_string(precision - scale) + ".");
    return s;
  }
  return NumericAccess::Make(std::move(d));
}

int Numeric::Compare(const Numeric& o) const {
  auto rank = [](const Numeric& n) {
    switch (n.kind_) {
      case Kind::kNegInf:
        return 0;
      case Kind::kFinite:
        return 1;
      case Kind::kPosInf:
        return 2;
      case Kind::kNaN:
        return 3;
    }
    return 1;
  };
  int ra = rank(*this), rb = rank(o);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra != 1) return 0;
  if (!big_ && !o.big_) {
    __int128 a = small_, b = o.small_;
    int32_t s = std::max(scale_, o.scale_);
    if (ScaleUp(a, s - scale_, &a) && ScaleUp(b, s - o.scale_, &b)) return a < b ? -1 : (a > b ? 1 : 0);
  }
  return DecCmp(NumericAccess::Get(*this), NumericAccess::Get(o));
}

size_t Numeric::Hash() const {
  if (kind_ != Kind::kFinite) return std::hash<int>()(static_cast<int>(kind_) + 1000003);
  if (!big_) {
    __int128 v = small_;
    int32_t s = scale_;
    while (s > 0 && v % 10 == 0) {
      v /= 10;
      --s;
    }
    uint64_t lo = static_cast<uint64_t>(v), hi = static_cast<uint64_t>(v >> 64);
    return std::hash<uint64_t>()(lo ^ (hi * 0x9e3779b97f4a7c15ULL)) ^ (std::hash<int32_t>()(s) << 1);
  }
  Dec d = NumericAccess::Get(*this);
  while (d.scale > 0 && !d.mag.empty() && d.mag.back() == '0') {
    d.mag.pop_back();
    --d.scale;
  }
  if (static_cast<int>(d.mag.size()) <= kMaxSmallDigits) return NumericAccess::Make(std::move(d)).Hash();
  return std::hash<std::string>()(d.mag) ^ (std::hash<int32_t>()(d.scale) << 1) ^ (d.neg ? 1 : 0);
}

namespace {
// floor(sqrt(m)) by Newton's iteration on digit strings.
std::string MagSqrt(const std::string& m) {
  if (m.empty()) return "";
  std::string x((m.size() + 1) / 2 + 1, '0');  // 10^ceil(len/2) >= sqrt(m)
  x[0] = '1';
  for (;;) {
    std::string q, r, half, rem;
    MagDivMod(m, x, &q, &r);
    MagDivMod(MagAdd(x, q), "2", &half, &rem);
    if (MagCmp(half, x) >= 0) return x;
    x = half;
  }
}
}  // namespace

Result<Numeric> NumericSqrt(const Numeric& x) {
  if (x.IsNaN() || (x.IsInf() && x.Sign() > 0)) return x;
  if (x.Sign() < 0) return Status(SqlState("2201F"), "cannot take square root of a negative number");
  Dec a = NumericAccess::Get(x);
  int weight, first;
  NbaseWeight(a, &weight, &first);
  int sweight = (weight + 1) * 4 / 2 - 1;
  int32_t rscale = std::max({16 - sweight, a.scale, 0});
  rscale = std::min(rscale, kMaxDisplayScale);
  // sqrt(C / 10^s) * 10^(r+1) = sqrt(C * 10^(2r + 2 - s)); the extra digit rounds.
  std::string m = Shift(a.mag, 2 * rscale + 2 - a.scale);
  Dec root{false, MagSqrt(m), rscale + 1};
  return NumericAccess::Make(DecRescale(root, rscale, true));
}

Result<Numeric> NumericDivScale(const Numeric& a, const Numeric& b, int32_t rscale) {
  if (b.Sign() == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
  return NumericAccess::Checked(DecDiv(NumericAccess::Get(a), NumericAccess::Get(b), rscale, true));
}

}  // namespace omen
