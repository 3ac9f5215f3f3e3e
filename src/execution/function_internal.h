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
