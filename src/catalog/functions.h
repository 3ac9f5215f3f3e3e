#pragma once
// Function, operator, aggregate and cast signatures: the data behind pg_proc,
// pg_operator and pg_cast, and PostgreSQL 15's overload resolution over them
// (func_select_candidate / oper_select_candidate, simplified: exact match,
// then candidates reachable by implicit casts, preferring the preferred type
// of each category; 'unknown' literals match anything). Implementations live
// in execution/ and are found by oid. Immutable after start: thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/type_io.h"
#include "common/types.h"

namespace omen::catalog {

// kWindow: a window function (row_number, rank, lag, ...), callable only with
// OVER; its polymorphic arguments are declared kNull (any) and the binder
// derives the result type (bind_window.cc).
enum class FunctionKind : uint8_t { kScalar, kAggregate, kWindow };

// Array expressions the binder builds directly (not callable by name, not in
// AllFunctions): ARRAY[a, b, ...] (arguments of the element type, result the
// array type), a[i] (array, int4 -> element) and a[lo:hi] (array, int4,
// int4 -> array; an omitted bound is INT32_MIN / INT32_MAX).
inline constexpr uint32_t kArrayConstructorOid = 209100;
inline constexpr uint32_t kArraySubscriptOid = 209101;
inline constexpr uint32_t kArraySliceOid = 209102;

struct FunctionSignature {
  uint32_t oid = 0;  // stable, unique; also pg_proc.oid
  std::string name;  // lower case: "abs", "lower", "count", "int4pl" ...
  FunctionKind kind = FunctionKind::kScalar;
  std::vector<TypeId> args;  // declared argument types
  TypeId variadic = TypeId::kNull;  // kNull: not variadic; else the repeated last type
  Type ret;                         // result type (typmod -1)
  bool strict = true;  // NULL in any argument -> NULL out, without calling the kernel
};

// A call site resolved to a signature: the argument types the binder must
// cast each argument to (with CastContext::kImplicit), and the result type.
struct ResolvedFunction {
  const FunctionSignature* sig = nullptr;
  std::vector<Type> arg_types;  // one per actual argument
  Type ret;
};

// name: as written, already lower-cased by the parser unless quoted.
// 42883 "function f(integer, text) does not exist" (with HINT) when nothing
// matches, 42725 when ambiguous. Aggregates are found here too (count(*) is
// ResolveFunction("count", {}) ).
Result<ResolvedFunction> ResolveFunction(std::string_view name, const std::vector<Type>& args);

// Binary (left and right set) or prefix (left = TypeId::kNull not given: use
// ResolvePrefixOperator) operator such as "+", "=", "<>", "||", "~~" (LIKE),
// "!~~" (NOT LIKE), "~~*", "!~~*", "~" (regex). 42883 "operator does not
// exist: integer + text".
Result<ResolvedFunction> ResolveOperator(std::string_view op, Type left, Type right);
Result<ResolvedFunction> ResolvePrefixOperator(std::string_view op, Type operand);

// Whether a cast exists in `ctx` (pg_cast's castcontext, plus unknown -> anything).
bool CanCast(Type from, Type to, CastContext ctx);

// PostgreSQL's select_common_type for UNION/CASE/COALESCE/IN/VALUES:
// 42804 "CASE types integer and text cannot be matched" (context names the
// construct, e.g. "UNION", "CASE", "COALESCE", "VALUES").
Result<Type> CommonType(const std::vector<Type>& types, std::string_view context);

// The I/O functions of every array type (pg_type.typinput, typoutput,
// typreceive, typsend), with PostgreSQL's pg_proc OIDs. They resolve as
// regproc ('pg_catalog.array_in'::regproc, which pgjdbc's type lookup
// compares typinput with) but are not callable from SQL.
struct TypeIoFunction {
  uint32_t oid;
  const char* name;
};
inline constexpr TypeIoFunction kArrayIoFunctions[] = {
    {750, "array_in"}, {751, "array_out"}, {2400, "array_recv"}, {2401, "array_send"}};

// Every signature (for pg_proc).
const std::vector<FunctionSignature>& AllFunctions();
const FunctionSignature* FindFunctionByOid(uint32_t oid);

}  // namespace omen::catalog
