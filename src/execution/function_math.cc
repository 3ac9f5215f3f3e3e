// Numeric-category scalar functions (abs, round, sqrt, power, ...): row
// implementations behind NamedFunctionKernel, dispatching on argument type.

#include <cmath>
#include <random>
#include <string>

#include "common/numeric_internal.h"
#include "execution/function_numeric_math.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

SqlState kInvalidArgumentForPower("2201F");
SqlState kInvalidArgumentForLog("2201E");

// Wrappers: the address of a standard library function is not portable.
double Rint(double x) { return std::rint(x); }
double Trunc(double x) { return std::trunc(x); }
double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }
double Ln(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }

Status IntRange(TypeId t, int64_t v) {
  int64_t lo = t == TypeId::kInt16 ? INT16_MIN : t == TypeId::kInt32 ? INT32_MIN : INT64_MIN;
  int64_t hi = t == TypeId::kInt16 ? INT16_MAX : t == TypeId::kInt32 ? INT32_MAX : INT64_MAX;
  if (v < lo || v > hi) {
    const char* name = t == TypeId::kInt16 ? "smallint" : t == TypeId::kInt32 ? "integer" : "bigint";
    return Status(sqlstate::kNumericValueOutOfRange, std::string(name) + " out of range");
  }
  return Status::OK();
}

Status SetDouble(Value* out, double d) {
  if (std::isinf(d)) return Status(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  out->d = out->type.id == TypeId::kFloat32 ? static_cast<float>(d) : d;
  return Status::OK();
}

Status Abs(const std::vector<Value>& a, Value* out) {
  const Value& v = a[0];
  if (v.type.IsInteger()) {
    if (v.i == INT64_MIN) return IntRange(TypeId::kInt32, INT64_MIN);
    OMEN_RETURN_IF_ERROR(IntRange(v.type.id, -v.i));
    out->i = v.i < 0 ? -v.i : v.i;
  } else if (v.type.IsFloat()) {
    out->d = std::fabs(v.d);
  } else {
    out->n = v.n.Abs();
  }
  return Status::OK();
}

// round/trunc/ceil/floor share the shape: floats by <cmath>, numeric by scale.
template <double (*kFloat)(double), int kMode>
Status Rounding(const std::vector<Value>& a, Value* out) {
  const Value& v = a[0];
  if (v.type.IsFloat()) {
    out->d = kFloat(v.d);
    return Status::OK();
  }
  int32_t scale = a.size() > 1 ? static_cast<int32_t>(a[1].i) : 0;
  if (kMode == 0) {
    out->n = v.n.Round(scale);
  } else if (kMode == 1) {
    out->n = v.n.Trunc(scale);
  } else {
    // ceil (2) / floor (3): truncate, then step away when something was cut.
    Numeric t = v.n.Trunc(0);
    int cmp = v.n.Compare(t);
    Numeric one = Numeric::FromInt64(1);
    if (kMode == 2 && cmp > 0) t = *t.Add(one);
    if (kMode == 3 && cmp < 0) t = *t.Sub(one);
    out->n = t;
  }
  return Status::OK();
}

Status Sign(const std::vector<Value>& a, Value* out) {
  const Value& v = a[0];
  if (v.type.IsFloat()) {
    out->d = v.d > 0 ? 1.0 : (v.d < 0 ? -1.0 : 0.0);
  } else {
    out->n = v.n.IsNaN() ? v.n : Numeric::FromInt64(v.n.Sign());
  }
  return Status::OK();
}

Status Sqrt(const std::vector<Value>& a, Value* out) {
  if (a[0].type.id == TypeId::kNumeric) {
    OMEN_ASSIGN_OR_RETURN(out->n, NumericSqrt(a[0].n));
    return Status::OK();
  }
  if (a[0].d < 0) return Status(kInvalidArgumentForPower, "cannot take square root of a negative number");
  return SetDouble(out, std::sqrt(a[0].d));
}

Status Cbrt(const std::vector<Value>& a, Value* out) { return SetDouble(out, std::cbrt(a[0].d)); }

Status Power(const std::vector<Value>& a, Value* out) {
  if (a[0].type.id == TypeId::kNumeric) {
    OMEN_ASSIGN_OR_RETURN(out->n, NumericPower(a[0].n, a[1].n));
    return Status::OK();
  }
  double x = a[0].d, y = a[1].d;
  if (x == 0 && y < 0) return Status(kInvalidArgumentForPower, "zero raised to a negative power is undefined");
  if (x < 0 && std::floor(y) != y) {
    return Status(kInvalidArgumentForPower, "a negative number raised to a non-integer power yields a complex result");
  }
  double r = std::pow(x, y);
  if (r == 0 && x != 0 && std::isfinite(y) && std::isfinite(x)) {
    return Status(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return SetDouble(out, r);
  out->d = r;
  return Status::OK();
}

Status Exp(const std::vector<Value>& a, Value* out) {
  if (a[0].type.id == TypeId::kNumeric) {
    OMEN_ASSIGN_OR_RETURN(out->n, NumericExp(a[0].n));
    return Status::OK();
  }
  double r = std::exp(a[0].d);
  if (std::isinf(r) && std::isfinite(a[0].d)) return SetDouble(out, r);
  out->d = r;
  return Status::OK();
}

template <double (*kLog)(double)>
Status Log(const std::vector<Value>& a, Value* out) {
  if (a[0].type.id == TypeId::kNumeric) {
    if (a.size() == 2) {
      OMEN_ASSIGN_OR_RETURN(out->n, NumericLog(a[0].n, a[1].n));
    } else if (kLog == static_cast<double (*)(double)>(Ln)) {
      OMEN_ASSIGN_OR_RETURN(out->n, NumericLn(a[0].n));
    } else {
      OMEN_ASSIGN_OR_RETURN(out->n, NumericLog(Numeric::FromInt64(10), a[0].n));
    }
    return Status::OK();
  }
  double x = a[0].d;
  if (x == 0) return Status(kInvalidArgumentForLog, "cannot take logarithm of zero");
  if (x < 0) return Status(kInvalidArgumentForLog, "cannot take logarithm of a negative number");
  out->d = kLog(x);
  return Status::OK();
}

template <double (*kFn)(double)>
Status FloatFn(const std::vector<Value>& a, Value* out) {
  out->d = kFn(a[0].d);
  return Status::OK();
}

double Degrees(double x) { return x * (180.0 / M_PI); }
double Radians(double x) { return x * (M_PI / 180.0); }

Status Mod(const std::vector<Value>& a, Value* out) {
  if (a[0].type.IsInteger()) {
    if (a[1].i == 0) return Status(sqlstate::kDivisionByZero, "division by zero");
    out->i = a[1].i == -1 ? 0 : a[0].i % a[1].i;
    return Status::OK();
  }
  OMEN_ASSIGN_OR_RETURN(out->n, a[0].n.Mod(a[1].n));
  return Status::OK();
}

Status Div(const std::vector<Value>& a, Value* out) {
  if (a[1].n.Sign() == 0 && !a[1].n.IsNaN()) return Status(sqlstate::kDivisionByZero, "division by zero");
  // Exact integer quotient: (a - a mod b) / b has no fractional part.
  OMEN_ASSIGN_OR_RETURN(Numeric rem, a[0].n.Mod(a[1].n));
  OMEN_ASSIGN_OR_RETURN(Numeric diff, a[0].n.Sub(rem));
  OMEN_ASSIGN_OR_RETURN(Numeric q, diff.Div(a[1].n));
  out->n = q.Trunc(0);
  return Status::OK();
}

template <bool kLcm>
Status GcdLcm(const std::vector<Value>& a, Value* out) {
  int64_t x = a[0].i, y = a[1].i;
  __int128 p = x, q = y;
  if (p < 0) p = -p;
  if (q < 0) q = -q;
  __int128 g0 = p, g1 = q;
  while (g1 != 0) {
    __int128 t = g0 % g1;
    g0 = g1;
    g1 = t;
  }
  __int128 r = g0;
  if (kLcm) r = (x == 0 || y == 0) ? 0 : p / g0 * q;
  if (r > INT64_MAX) return IntRange(a[0].type.id, INT64_MIN);
  OMEN_RETURN_IF_ERROR(IntRange(a[0].type.id, static_cast<int64_t>(r)));
  out->i = static_cast<int64_t>(r);
  return Status::OK();
}

Status Random(const std::vector<Value>&, Value* out) {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  out->d = std::uniform_real_distribution<double>(0.0, 1.0)(gen);
  return Status::OK();
}

Status Pi(const std::vector<Value>&, Value* out) {
  out->d = M_PI;
  return Status::OK();
}

}  // namespace

void AddMathFunctions(std::vector<NamedFn>* fns) {
  std::vector<NamedFn> add = {
      {"abs", kRow<&Abs>},
      {"round", kRow<&Rounding<Rint, 0>>},
      {"trunc", kRow<&Rounding<Trunc, 1>>},
      {"ceil", kRow<&Rounding<Ceil, 2>>},
      {"ceiling", kRow<&Rounding<Ceil, 2>>},
      {"floor", kRow<&Rounding<Floor, 3>>},
      {"sign", kRow<&Sign>},
      {"sqrt", kRow<&Sqrt>},
      {"cbrt", kRow<&Cbrt>},
      {"power", kRow<&Power>},
      {"pow", kRow<&Power>},
      {"exp", kRow<&Exp>},
      {"ln", kRow<&Log<Ln>>},
      {"log", kRow<&Log<Log10>>},
      {"log10", kRow<&Log<Log10>>},
      {"sin", kRow<&FloatFn<Sin>>},
      {"cos", kRow<&FloatFn<Cos>>},
      {"tan", kRow<&FloatFn<Tan>>},
      {"degrees", kRow<&FloatFn<Degrees>>},
      {"radians", kRow<&FloatFn<Radians>>},
      {"mod", kRow<&Mod>},
      {"div", kRow<&Div>},
      {"gcd", kRow<&GcdLcm<false>>},
      {"lcm", kRow<&GcdLcm<true>>},
      {"random", kRow<&Random>},
      {"pi", kRow<&Pi>},
  };
  fns->insert(fns->end(), add.begin(), add.end());
}

}  // namespace omen::execution::internal
