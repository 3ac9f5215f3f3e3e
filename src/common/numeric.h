#pragma once
// Numeric: PostgreSQL's exact decimal type (value, NaN, +-Infinity).
// Arithmetic follows PostgreSQL 15's rules for result scale (numeric_add,
// numeric_mul, numeric_div's select_div_scale, ...), rounds half away from
// zero, and reports overflow as 22003 and division by zero as 22012.
// Values with up to 38 significant digits take an __int128 fast path; larger
// ones use a variable-length digit representation, to PostgreSQL's limits
// (131072 digits before the point, 16383 after).
// Value type: copyable, movable, thread-compatible.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace omen {

class Numeric {
 public:
  Numeric();  // zero, scale 0

  static Numeric FromInt64(int64_t v);
  // Exact decimal of the double's shortest round-trip text, as float8::numeric does.
  // NaN -> NaN, +-inf -> +-Infinity.
  static Numeric FromDouble(double v);
  // Parses PostgreSQL numeric input: [+-]digits[.digits][e[+-]digits], NaN,
  // Infinity, -Infinity, surrounding whitespace. 22P02 on bad input.
  static Result<Numeric> Parse(std::string_view text);

  // PostgreSQL's numeric_out: plain notation with exactly scale() decimals.
  std::string ToString() const;
  // 22003 if it does not fit (after rounding half away from zero).
  Result<int64_t> ToInt64() const;
  double ToDouble() const;

  // Display scale (digits after the point).
  int32_t scale() const;
  bool IsNaN() const;
  bool IsInf() const;  // either sign
  int Sign() const;    // -1, 0, 1 (NaN: 0)

  Result<Numeric> Add(const Numeric& o) const;
  Result<Numeric> Sub(const Numeric& o) const;
  Result<Numeric> Mul(const Numeric& o) const;
  Result<Numeric> Div(const Numeric& o) const;  // 22012 on zero divisor
  Result<Numeric> Mod(const Numeric& o) const;
  Numeric Negate() const;
  Numeric Abs() const;
  // Rounds/extends to `scale` decimals (half away from zero), as round(x, s).
  Numeric Round(int32_t scale) const;
  Numeric Trunc(int32_t scale) const;
  // Applies a numeric(p,s) typmod: round to s, 22003 if more than p-s integer digits.
  Result<Numeric> ApplyTypmod(int32_t typmod) const;

  // PostgreSQL order: NaN equals NaN and is larger than everything else.
  int Compare(const Numeric& o) const;
  friend bool operator==(const Numeric& a, const Numeric& b) { return a.Compare(b) == 0; }
  friend bool operator<(const Numeric& a, const Numeric& b) { return a.Compare(b) < 0; }
  // Equal values (1.0 and 1.00) hash equally.
  size_t Hash() const;

  Numeric(const Numeric& o);
  Numeric& operator=(const Numeric& o);
  Numeric(Numeric&&) noexcept;             // defined in numeric.cc, where Big is complete
  Numeric& operator=(Numeric&&) noexcept;
  ~Numeric();

 private:
  friend struct NumericAccess;  // numeric.cc's bridge to the digit-string slow path
  struct Big;  // variable-length representation, used beyond the fast path
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };
  __int128 small_ = 0;  // coefficient when big_ == nullptr: value = small_ / 10^scale_
  int32_t scale_ = 0;
  Kind kind_ = Kind::kFinite;
  std::unique_ptr<Big> big_;
};

}  // namespace omen
