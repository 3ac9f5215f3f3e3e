#pragma once
// Functions over the catalog the statement runs against (ExecutionContext::
// catalog): format_type, pg_get_expr, pg_get_indexdef, pg_get_constraintdef,
// pg_get_viewdef, pg_table_is_visible and friends, pg_get_userbyid,
// pg_encoding_to_char, pg_relation_is_publishable, pg_get_function_result /
// _arguments, the *_description functions (NULL: OmenDB stores no comments)
// and has_*_privilege (true: every role may use every object until GRANT exists).

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "common/vector.h"
#include "execution/physical_operator.h"
#include "sql/bound_expression.h"

namespace omen::execution {

// True when `oid` is one of the functions above.
bool IsCatalogFunction(uint32_t oid);

// Evaluates catalog function `e` over n rows of `args` into `out`.
// XX000 when the ExecutionContext carries no catalog.
Status EvaluateCatalogFunction(ExecState& state, const sql::BoundExpr& e,
                               const std::vector<const Vector*>& args, size_t n, Vector* out);

}  // namespace omen::execution
