// Signatures of the interval and array operators, functions and aggregates,
// with PostgreSQL 15's pg_proc OIDs (operators: their oprcode's OID).
// TypeId::kAnyElement / kAnyArray stand for anycompatible / anycompatiblearray
// (and anyelement / anyarray): catalog/functions.cc resolves them per call.

#include "catalog/function_table_internal.h"

namespace omen::catalog {

std::vector<FunctionSignature> IntervalAndArraySignatures() {
  using K = FunctionKind;
  using T = TypeId;
  struct Row {
    uint32_t oid;
    const char* name;
    FunctionKind kind;
    std::vector<TypeId> args;
    TypeId ret;
    bool strict;
  };
  const Row rows[] = {
      // interval comparison and arithmetic
      {1162, "=", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},      // interval_eq
      {1163, "<>", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},     // interval_ne
      {1164, "<", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},      // interval_lt
      {1165, "<=", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},     // interval_le
      {1166, ">=", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},     // interval_ge
      {1167, ">", K::kScalar, {T::kInterval, T::kInterval}, T::kBool, true},      // interval_gt
      {1169, "+", K::kScalar, {T::kInterval, T::kInterval}, T::kInterval, true},  // interval_pl
      {1170, "-", K::kScalar, {T::kInterval, T::kInterval}, T::kInterval, true},  // interval_mi
      {1168, "-", K::kScalar, {T::kInterval}, T::kInterval, true},                // interval_um
      {1618, "*", K::kScalar, {T::kInterval, T::kFloat64}, T::kInterval, true},   // interval_mul
      {1624, "*", K::kScalar, {T::kFloat64, T::kInterval}, T::kInterval, true},   // mul_d_interval
      {1326, "/", K::kScalar, {T::kInterval, T::kFloat64}, T::kInterval, true},   // interval_div
      {2071, "+", K::kScalar, {T::kDate, T::kInterval}, T::kTimestamp, true},  // date_pl_interval
      {2546, "+", K::kScalar, {T::kInterval, T::kDate}, T::kTimestamp, true},  // interval_pl_date
      {2072, "-", K::kScalar, {T::kDate, T::kInterval}, T::kTimestamp, true},  // date_mi_interval
      {2032,
       "+",
       K::kScalar,
       {T::kTimestamp, T::kInterval},
       T::kTimestamp,
       true},  // timestamp_pl_interval
      {2548,
       "+",
       K::kScalar,
       {T::kInterval, T::kTimestamp},
       T::kTimestamp,
       true},  // interval_pl_timestamp
      {2033,
       "-",
       K::kScalar,
       {T::kTimestamp, T::kInterval},
       T::kTimestamp,
       true},  // timestamp_mi_interval
      {2031, "-", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kInterval, true},  // timestamp_mi
      {1189,
       "+",
       K::kScalar,
       {T::kTimestampTz, T::kInterval},
       T::kTimestampTz,
       true},  // timestamptz_pl_interval
      {2549,
       "+",
       K::kScalar,
       {T::kInterval, T::kTimestampTz},
       T::kTimestampTz,
       true},  // interval_pl_timestamptz
      {1190,
       "-",
       K::kScalar,
       {T::kTimestampTz, T::kInterval},
       T::kTimestampTz,
       true},  // timestamptz_mi_interval
      {1188,
       "-",
       K::kScalar,
       {T::kTimestampTz, T::kTimestampTz},
       T::kInterval,
       true},  // timestamptz_mi
      // interval functions
      {1172,
       "date_part",
       K::kScalar,
       {T::kText, T::kInterval},
       T::kFloat64,
       true},  // interval_part
      {6204,
       "extract",
       K::kScalar,
       {T::kText, T::kInterval},
       T::kNumeric,
       true},  // extract_interval
      {1218,
       "date_trunc",
       K::kScalar,
       {T::kText, T::kInterval},
       T::kInterval,
       true},  // interval_trunc
      {2711,
       "justify_interval",
       K::kScalar,
       {T::kInterval},
       T::kInterval,
       true},  // interval_justify_interval
      {1175,
       "justify_hours",
       K::kScalar,
       {T::kInterval},
       T::kInterval,
       true},  // interval_justify_hours
      {1295,
       "justify_days",
       K::kScalar,
       {T::kInterval},
       T::kInterval,
       true},  // interval_justify_days
      {2058,
       "age",
       K::kScalar,
       {T::kTimestamp, T::kTimestamp},
       T::kInterval,
       true},                                                          // timestamp_age
      {2059, "age", K::kScalar, {T::kTimestamp}, T::kInterval, true},  // age (from current_date)
      {1199,
       "age",
       K::kScalar,
       {T::kTimestampTz, T::kTimestampTz},
       T::kInterval,
       true},                                                            // timestamptz_age
      {1386, "age", K::kScalar, {T::kTimestampTz}, T::kInterval, true},  // age (from current_date)
      // AT TIME ZONE
      {1159, "timezone", K::kScalar, {T::kText, T::kTimestampTz}, T::kTimestamp, true},       // timestamptz_zone
      {2069, "timezone", K::kScalar, {T::kText, T::kTimestamp}, T::kTimestampTz, true},       // timestamp_zone
      {1026, "timezone", K::kScalar, {T::kInterval, T::kTimestampTz}, T::kTimestamp, true},   // timestamptz_izone
      {2070, "timezone", K::kScalar, {T::kInterval, T::kTimestamp}, T::kTimestampTz, true},   // timestamp_izone
      {3464,
       "make_interval",
       K::kScalar,
       {T::kInt32, T::kInt32, T::kInt32, T::kInt32, T::kInt32, T::kInt32, T::kFloat64},
       T::kInterval,
       true},
      {2113, "sum", K::kAggregate, {T::kInterval}, T::kInterval, false},  // interval_pl
      {2106, "avg", K::kAggregate, {T::kInterval}, T::kInterval, false},  // interval_avg
      {2128, "max", K::kAggregate, {T::kInterval}, T::kInterval, false},  // interval_larger
      {2144, "min", K::kAggregate, {T::kInterval}, T::kInterval, false},  // interval_smaller
      // array operators
      {744, "=", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},        // array_eq
      {390, "<>", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},       // array_ne
      {391, "<", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},        // array_lt
      {392, ">", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},        // array_gt
      {393, "<=", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},       // array_le
      {396, ">=", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},       // array_ge
      {2748, "@>", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},      // arraycontains
      {2749, "<@", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},      // arraycontained
      {2747, "&&", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kBool, true},      // arrayoverlap
      {383, "||", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kAnyArray, false},  // array_cat
      {378, "||", K::kScalar, {T::kAnyArray, T::kAnyElement}, T::kAnyArray, false},  // array_append
      {379,
       "||",
       K::kScalar,
       {T::kAnyElement, T::kAnyArray},
       T::kAnyArray,
       false},  // array_prepend
      // array functions
      {383, "array_cat", K::kScalar, {T::kAnyArray, T::kAnyArray}, T::kAnyArray, false},
      {378, "array_append", K::kScalar, {T::kAnyArray, T::kAnyElement}, T::kAnyArray, false},
      {379, "array_prepend", K::kScalar, {T::kAnyElement, T::kAnyArray}, T::kAnyArray, false},
      {3167, "array_remove", K::kScalar, {T::kAnyArray, T::kAnyElement}, T::kAnyArray, false},
      {3277, "array_position", K::kScalar, {T::kAnyArray, T::kAnyElement}, T::kInt32, false},
      {3278,
       "array_position",
       K::kScalar,
       {T::kAnyArray, T::kAnyElement, T::kInt32},
       T::kInt32,
       false},
      {395, "array_to_string", K::kScalar, {T::kAnyArray, T::kText}, T::kText, true},
      {384, "array_to_string", K::kScalar, {T::kAnyArray, T::kText, T::kText}, T::kText, false},
      {2092, "array_upper", K::kScalar, {T::kAnyArray, T::kInt32}, T::kInt32, true},
      {2091, "array_lower", K::kScalar, {T::kAnyArray, T::kInt32}, T::kInt32, true},
      {2176, "array_length", K::kScalar, {T::kAnyArray, T::kInt32}, T::kInt32, true},
      {748, "array_ndims", K::kScalar, {T::kAnyArray}, T::kInt32, true},
      {747, "array_dims", K::kScalar, {T::kAnyArray}, T::kText, true},
      {3179, "cardinality", K::kScalar, {T::kAnyArray}, T::kInt32, true},
      {394, "string_to_array", K::kScalar, {T::kText, T::kText}, T::kArray, false},
      {376, "string_to_array", K::kScalar, {T::kText, T::kText, T::kText}, T::kArray, false},
      {2335, "array_agg", K::kAggregate, {T::kAnyElement}, T::kAnyArray, false},
      {2050, "max", K::kAggregate, {T::kAnyArray}, T::kAnyArray, false},  // array_larger
      {2051, "min", K::kAggregate, {T::kAnyArray}, T::kAnyArray, false},  // array_smaller
  };
  std::vector<FunctionSignature> out;
  for (const Row& r : rows) {
    // string_to_array is the one fixed array result: text[].
    Type ret = r.ret == T::kArray ? Type::ArrayOf(Type(T::kText)) : Type(r.ret);
    out.push_back(MakeSignature(r.oid, r.name, r.kind, r.args, ret, r.strict));
  }
  return out;
}

}  // namespace omen::catalog
