#pragma once
// Private to the execution/ function implementations: the kernel families
// that FindScalarKernel's registry instantiates from the signature table.

#include <string>
#include <string_view>
#include <vector>

#include "catalog/functions.h"
#include "execution/functions.h"

namespace omen::execution::internal {

// The operator kernel for an operator signature (name is the symbol); nullptr if none.
ScalarKernel OperatorKernel(const catalog::FunctionSignature& sig);
// The kernel for a named scalar function signature; nullptr if none.
ScalarKernel NamedFunctionKernel(const catalog::FunctionSignature& sig);

// Kernels of the interval signatures (function_interval.cc) and of the array
// signatures (function_array.cc), by oid; nullptr for any other oid.
ScalarKernel IntervalKernel(uint32_t oid);
ScalarKernel ArrayKernel(uint32_t oid);
// Kernels of timezone(zone, timestamp[tz]), i.e. AT TIME ZONE
// (function_timezone.cc), by oid; nullptr for any other oid.
ScalarKernel TimeZoneKernel(uint32_t oid);

// Aggregate states over intervals (sum, avg, min, max) and array_agg
// (aggregates_types.cc); nullptr for other aggregates.
std::unique_ptr<AggregateState> MakeTypesAggregateState(const std::string& name, const std::vector<Type>& arg_types,
                                                        Type result);

// The kernel for |/ ||/ prefix @ and ^@ (function_format.cc); nullptr for other operators.
ScalarKernel FormatOperatorKernel(const catalog::FunctionSignature& sig);

// The kernel for a regular-expression match operator (~, ~*, !~, !~*).
ScalarKernel RegexOperatorKernel(const std::string& op);

// Row-at-a-time implementation used by the long tail of scalar functions:
// computes *out (already typed with the call's result type) from non-NULL
// arguments (strict) or possibly-NULL ones (non-strict).
using ValueFn = Status (*)(const std::vector<Value>& args, Value* out);

// The result's null mask for a strict function: any argument NULL.
void StrictNulls(const std::vector<const Vector*>& args, size_t n, Vector* out);

// PostgreSQL LIKE (backslash escapes; case-insensitive folds ASCII).
bool LikeMatch(std::string_view text, std::string_view pattern, bool case_insensitive);

}  // namespace omen::execution::internal
