#pragma once
// The raw built-in signature table behind catalog/functions.h (private).

#include <vector>

#include "catalog/functions.h"

namespace omen::catalog {

// Every built-in signature, sorted by name. Built once; immutable.
const std::vector<FunctionSignature>& BuiltinFunctionTable();

}  // namespace omen::catalog
