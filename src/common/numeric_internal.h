#pragma once
// Numeric functions beyond numeric.h's arithmetic, used by execution/'s
// function kernels. Private to the types engineer's files.

#include "common/numeric.h"

namespace omen {

// PostgreSQL's numeric_sqrt: result scale max(16 - sweight, dscale), rounded
// half away from zero. 2201F for negative input; NaN -> NaN; Infinity -> Infinity.
Result<Numeric> NumericSqrt(const Numeric& x);

// a / b rounded half away from zero to exactly `rscale` decimals. 22012 on zero b.
// REQUIRES: both finite.
Result<Numeric> NumericDivScale(const Numeric& a, const Numeric& b, int32_t rscale);

}  // namespace omen
