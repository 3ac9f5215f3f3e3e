#pragma once
// Private to sql/: prints bound expressions in PostgreSQL's EXPLAIN style,
// resolving column positions to names through caller-supplied scopes.

#include <functional>
#include <string>
#include <vector>

#include "sql/bound_expression.h"

namespace omen::sql {

struct ExprPrintContext {
  // scopes[0]: names of the evaluating operator's input row; scopes[d]: the
  // row kOuterColumnRef{depth = d} refers to. Missing entries print "$cN".
  std::vector<const std::vector<std::string>*> scopes;
  // Called for each kSubquery; returns its label, e.g. "SubPlan 1". May be empty.
  std::function<std::string(const BoundExpr&)> subquery_label;
};

// ctx may be null: column refs then print their `name` (or alias).
std::string ExprToString(const BoundExpr& e, const ExprPrintContext* ctx);

// The operator symbol or function name of a function oid ("" if unknown).
std::string FunctionName(uint32_t oid);
// Whether `name` is an operator symbol rather than a function name.
bool IsOperatorName(const std::string& name);

}  // namespace omen::sql
