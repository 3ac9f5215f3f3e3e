#pragma once
// The raw built-in signature table behind catalog/functions.h (private).

#include <vector>

#include "catalog/functions.h"

namespace omen::catalog {

// Every built-in signature, sorted by name. Built once; immutable.
const std::vector<FunctionSignature>& BuiltinFunctionTable();

// The interval and array signatures (function_table_types.cc), appended to
// the table above.
std::vector<FunctionSignature> IntervalAndArraySignatures();

// The window functions (function_table_window.cc), appended likewise.
std::vector<FunctionSignature> WindowSignatures();

}  // namespace omen::catalog
