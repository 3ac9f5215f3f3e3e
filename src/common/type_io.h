#pragma once
// PostgreSQL 15 text input/output and casts for every OmenDB type.
// Output matches PostgreSQL with DateStyle ISO, MDY, extra_float_digits 1
// (floats print their shortest round-trip form), bool as t/f.

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"

namespace omen {

// PostgreSQL's input function for `type` (int4in, numeric_in, date_in, ...),
// including the typmod (varchar(n) 22001 on overflow, char(n) blank-padding,
// numeric(p,s) rounding / 22003). Errors: 22P02 bad syntax, 22003 out of
// range, 22007/22008 bad or out-of-range dates and timestamps.
Result<Value> ParseValue(std::string_view text, Type type);

// PostgreSQL's output function for the value's type. REQUIRES: !v.is_null.
std::string FormatValue(const Value& v);

enum class CastContext : uint8_t { kImplicit, kAssignment, kExplicit };

// Converts `v` to `target` as PostgreSQL's CAST (kExplicit), assignment to a
// column (kAssignment) or implicit coercion does. NULL stays NULL (retyped).
// Errors as PostgreSQL: 22003 (int overflow, 'integer out of range'),
// 22P02, 22001 (assignment to varchar(n) too long), 42846 no such cast.
Result<Value> CastValue(const Value& v, Type target, CastContext ctx);

// Vectorized CastValue over rows [0, in.size()): resizes `out` (of type
// `target`) to in.size().
Status CastVector(const class Vector& in, Type target, CastContext ctx, class Vector* out);

}  // namespace omen
