#pragma once
// Vectorized evaluation of bound expressions (sql/bound_expression.h) over a
// DataChunk. Casts are explicit in the tree; functions and operators run the
// kernels of execution/functions.h. AND, OR, CASE and COALESCE evaluate an
// operand only on the rows that still need it, so `CASE WHEN b <> 0 THEN a / b
// END` never divides by zero. Subqueries: see expression_subquery.cc.

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"
#include "execution/physical_operator.h"
#include "sql/bound_expression.h"

namespace omen::execution {

// Evaluates `expr` over rows [0, input.size) of `input` into `out` (reset to
// the expression's type and input.size rows).
Status EvaluateExpression(ExecState& state, const sql::BoundExpr& expr, const DataChunk& input,
                          Vector* out);

// Evaluates `expr` over the rows `sel` (ascending) of `input` into `out`
// (sel.size() rows).
Status EvaluateOnRows(ExecState& state, const sql::BoundExpr& expr, const DataChunk& input,
                      const std::vector<uint32_t>& sel, Vector* out);

// The value of an expression with no input row (LIMIT, index keys, VALUES).
Result<Value> EvaluateScalar(ExecState& state, const sql::BoundExpr& expr);

// The rows of `input` for which `condition` is true (not false, not NULL).
Status EvaluateFilter(ExecState& state, const sql::BoundExpr& condition, const DataChunk& input,
                      std::vector<uint32_t>* sel);

// Subqueries (expression_subquery.cc).
Status EvaluateSubquery(ExecState& state, const sql::BoundExpr& expr, const DataChunk& input,
                        Vector* out);

// Copies slot j of `src` to slot i of `dst` (same physical type).
void CopySlot(Vector* dst, size_t i, const Vector& src, size_t j);
// Resizes `out` to n rows all holding `v`.
void FillConstant(Vector* out, const Value& v, size_t n);

}  // namespace omen::execution
