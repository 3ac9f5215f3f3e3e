// The window functions, with PostgreSQL's pg_proc OIDs. Polymorphic
// arguments (anyelement / anycompatible) are declared kNull; the binder
// derives the result type from the actual arguments (bind_window.cc).

#include "catalog/function_table_internal.h"

namespace omen::catalog {

std::vector<FunctionSignature> WindowSignatures() {
  using T = TypeId;
  struct Row {
    uint32_t oid;
    const char* name;
    std::vector<TypeId> args;
    TypeId ret;
  };
  static const Row kRows[] = {
      {3100, "row_number", {}, T::kInt64},
      {3101, "rank", {}, T::kInt64},
      {3102, "dense_rank", {}, T::kInt64},
      {3103, "percent_rank", {}, T::kFloat64},
      {3104, "cume_dist", {}, T::kFloat64},
      {3105, "ntile", {T::kInt32}, T::kInt32},
      {3106, "lag", {T::kNull}, T::kNull},
      {3107, "lag", {T::kNull, T::kInt32}, T::kNull},
      {3108, "lag", {T::kNull, T::kInt32, T::kNull}, T::kNull},
      {3109, "lead", {T::kNull}, T::kNull},
      {3110, "lead", {T::kNull, T::kInt32}, T::kNull},
      {3111, "lead", {T::kNull, T::kInt32, T::kNull}, T::kNull},
      {3112, "first_value", {T::kNull}, T::kNull},
      {3113, "last_value", {T::kNull}, T::kNull},
      {3114, "nth_value", {T::kNull, T::kInt32}, T::kNull},
  };
  std::vector<FunctionSignature> out;
  for (const Row& r : kRows) {
    out.push_back(MakeSignature(r.oid, r.name, FunctionKind::kWindow, r.args, Type(r.ret), false));
  }
  return out;
}

}  // namespace omen::catalog
