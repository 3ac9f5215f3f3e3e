#pragma once
// Private: numeric exp/ln/log/power (function_numeric_math.cc).

#include "common/numeric.h"

namespace omen::execution::internal {

Result<Numeric> NumericLn(const Numeric& x);
Result<Numeric> NumericLog(const Numeric& base, const Numeric& x);  // log base `base` of x
Result<Numeric> NumericExp(const Numeric& x);
Result<Numeric> NumericPower(const Numeric& base, const Numeric& e);

}  // namespace omen::execution::internal
