// Numeric versions of exp, ln, log, log10 and power with PostgreSQL 15's
// result scales (at least 16 significant digits). power() with an integer
// exponent is exact; the transcendental cases are computed in long double
// (about 19 significant digits) and rounded to the result scale, so results
// needing more digits than that are approximate in their trailing digits.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/numeric_internal.h"
#include "execution/function_numeric_math.h"

namespace omen::execution::internal {

namespace {

constexpr int kMinSigDigits = 16;
constexpr int kMaxDisplayScale = 1000;

long double ToLongDouble(const Numeric& n) { return std::strtold(n.ToString().c_str(), nullptr); }

int32_t ClampScale(int32_t rscale) { return std::min(std::max(rscale, 0), kMaxDisplayScale); }

// v rounded to rscale decimals as a Numeric.
Result<Numeric> FromLongDouble(long double v, int32_t rscale) {
  if (!std::isfinite(v)) return Status(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  std::string buf(static_cast<size_t>(rscale) + 5000, '\0');
  int len = std::snprintf(buf.data(), buf.size(), "%.*Lf", rscale, v);
  if (len < 0 || static_cast<size_t>(len) >= buf.size()) {
    return Status(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  buf.resize(static_cast<size_t>(len));
  return Numeric::Parse(buf);
}

// PostgreSQL's estimate_ln_dweight: the decimal weight of ln(x).
int EstimateLnDweight(const Numeric& x) {
  if (x.Sign() <= 0) return 0;
  Numeric lo = *Numeric::Parse("0.9"), hi = *Numeric::Parse("1.1");
  if (x.Compare(lo) >= 0 && x.Compare(hi) <= 0) {
    Result<Numeric> d = x.Sub(Numeric::FromInt64(1));
    if (!d.ok() || d->Sign() == 0) return 0;
    // Decimal exponent of the leading digit of |x - 1|.
    std::string s = d->Abs().ToString();
    size_t point = s.find('.');
    if (point == std::string::npos) point = s.size();
    size_t first = s.find_first_not_of("0.");
    return first < point ? static_cast<int>(point - first - 1) : -static_cast<int>(first - point);
  }
  long double ln = std::log(ToLongDouble(x));
  return static_cast<int>(std::log10(std::fabs(static_cast<double>(ln))));
}

Status CheckLogArg(const Numeric& x) {
  if (x.Sign() == 0 && !x.IsNaN()) return Status(SqlState("2201E"), "cannot take logarithm of zero");
  if (x.Sign() < 0) return Status(SqlState("2201E"), "cannot take logarithm of a negative number");
  return Status::OK();
}

}  // namespace

Result<Numeric> NumericLn(const Numeric& x) {
  if (x.IsNaN() || (x.IsInf() && x.Sign() > 0)) return x;
  OMEN_RETURN_IF_ERROR(CheckLogArg(x));
  int32_t rscale = ClampScale(std::max(kMinSigDigits - EstimateLnDweight(x), x.scale()));
  return FromLongDouble(std::log(ToLongDouble(x)), rscale);
}

Result<Numeric> NumericLog(const Numeric& base, const Numeric& x) {
  if (x.IsNaN() || base.IsNaN()) return *Numeric::Parse("NaN");
  if (x.IsInf() || base.IsInf()) return Status(sqlstate::kFeatureNotSupported, "log of infinity is not supported");
  OMEN_RETURN_IF_ERROR(CheckLogArg(base));
  OMEN_RETURN_IF_ERROR(CheckLogArg(x));
  int dweight = EstimateLnDweight(x) - EstimateLnDweight(base);
  int32_t rscale = ClampScale(std::max({kMinSigDigits - dweight, base.scale(), x.scale()}));
  long double lb = std::log(ToLongDouble(base));
  if (lb == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
  return FromLongDouble(std::log(ToLongDouble(x)) / lb, rscale);
}

Result<Numeric> NumericExp(const Numeric& x) {
  if (x.IsNaN()) return x;
  if (x.IsInf()) return x.Sign() > 0 ? x : Numeric();
  double val = x.ToDouble() * 0.434294481903252;
  val = std::min(std::max(val, -1000.0), 1000.0);
  int32_t rscale = ClampScale(std::max(kMinSigDigits - static_cast<int>(val), x.scale()));
  return FromLongDouble(std::exp(ToLongDouble(x)), rscale);
}

Result<Numeric> NumericPower(const Numeric& base, const Numeric& e) {
  if (base.IsNaN() || e.IsNaN()) return *Numeric::Parse("NaN");
  if (base.IsInf() || e.IsInf()) return std::pow(base.ToDouble(), e.ToDouble()) > 1 ? *Numeric::Parse("Infinity") : Numeric();
  if (base.Sign() == 0 && e.Sign() < 0) {
    return Status(SqlState("2201F"), "zero raised to a negative power is undefined");
  }
  bool integral = e.Compare(e.Trunc(0)) == 0;
  if (integral) {
    Result<int64_t> n64 = e.ToInt64();
    if (n64.ok() && *n64 >= INT32_MIN && *n64 <= INT32_MAX) {
      int32_t rscale = ClampScale(std::max(kMinSigDigits, base.scale()));
      int64_t n = *n64 < 0 ? -*n64 : *n64;
      // Estimated decimal digits of the result: refuse early what would overflow.
      double digits = static_cast<double>(n) * std::log10(std::fabs(base.ToDouble()));
      if (base.Sign() != 0 && *n64 > 0 && digits > 131072 + 1) {
        return Status(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
      }
      if (base.Sign() != 0 && std::fabs(digits) > 131072 + 1) {
        return Numeric().Round(rscale);  // underflows to zero at the result scale
      }
      Numeric result = Numeric::FromInt64(1), b = base;
      while (n > 0) {
        if (n & 1) {
          OMEN_ASSIGN_OR_RETURN(result, result.Mul(b));
        }
        n >>= 1;
        if (n > 0) {
          OMEN_ASSIGN_OR_RETURN(b, b.Mul(b));
        }
        // Keep operands from growing without bound: extra digits beyond the result scale are noise.
        if (b.scale() > rscale + 40) b = b.Round(rscale + 40);
        if (result.scale() > rscale + 40) result = result.Round(rscale + 40);
      }
      if (*n64 < 0) return NumericDivScale(Numeric::FromInt64(1), result, rscale);
      return result.Round(rscale);
    }
  }
  if (base.Sign() < 0) {
    return Status(SqlState("2201F"), "a negative number raised to a non-integer power yields a complex result");
  }
  long double lb = std::log(ToLongDouble(base)), le = ToLongDouble(e);
  double val = static_cast<double>(lb * le) * 0.434294481903252;
  val = std::min(std::max(val, -1000.0), 1000.0);
  int32_t rscale = ClampScale(std::max({kMinSigDigits - static_cast<int>(val), base.scale(), e.scale()}));
  return FromLongDouble(std::pow(ToLongDouble(base), le), rscale);
}

}  // namespace omen::execution::internal
