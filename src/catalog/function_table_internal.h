#pragma once
// The raw built-in signature table behind catalog/functions.h (private).

#include <utility>
#include <vector>

#include "catalog/functions.h"

namespace omen::catalog {

// One signature from a table row's fields (the tables below build theirs so).
inline FunctionSignature MakeSignature(uint32_t oid, const char* name, FunctionKind kind,
                                       std::vector<TypeId> args, Type ret, bool strict,
                                       TypeId variadic = TypeId::kNull) {
  FunctionSignature sig;
  sig.oid = oid;
  sig.name = name;
  sig.kind = kind;
  sig.args = std::move(args);
  sig.variadic = variadic;
  sig.ret = ret;
  sig.strict = strict;
  return sig;
}

// Every built-in signature, sorted by name. Built once; immutable.
const std::vector<FunctionSignature>& BuiltinFunctionTable();

// The interval and array signatures (function_table_types.cc), appended to
// the table above.
std::vector<FunctionSignature> IntervalAndArraySignatures();

// The window functions (function_table_window.cc), appended likewise.
std::vector<FunctionSignature> WindowSignatures();

}  // namespace omen::catalog
