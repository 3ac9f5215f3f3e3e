#pragma once
// Private to sql/: helpers the optimizer rules share — conjunct splitting,
// column-reference collection and remapping (correlated subqueries
// included), and plan cloning.

#include <functional>
#include <string>
#include <vector>

#include "sql/logical_plan.h"

namespace omen::sql {

// Flattens nested kAnd into `out` (takes ownership). Null input adds nothing.
void SplitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>* out);
// AND of `conjuncts`: null if empty, the single one if one.
BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> conjuncts);

// Positions of the evaluating operator's input row that `e` reads: its
// kColumnRefs and, inside subquery plans at nesting n, kOuterColumnRef{depth n}.
void CollectColumns(const BoundExpr& e, std::vector<int>* out);
// Same over every expression of a plan whose outer row is at `level`.
void CollectPlanColumns(const LogicalOperator& op, int level, std::vector<int>* out);
bool ContainsSubquery(const BoundExpr& e);
// Whether `e` calls a volatile function (random(), nextval(), ...).
bool IsVolatile(const BoundExpr& e);
// Whether a subquery inside `e` reads the evaluating operator's row.
bool HasCorrelatedSubquery(const BoundExpr& e);

// Rewrites every position p that `e` reads (as CollectColumns) to map(p).
// Subquery plans that need rewriting are cloned first (copy on write).
void RemapColumns(BoundExpr* e, const std::function<int(int)>& map);
void RemapPlanColumns(LogicalOperator* op, int level, const std::function<int(int)>& map);

// Deep copy of a plan tree (subquery plans inside expressions stay shared).
LogicalOperatorPtr ClonePlan(const LogicalOperator& op);

// Calls fn on every expression slot of `op` (not its children).
void ForEachExpr(LogicalOperator* op, const std::function<void(BoundExprPtr&)>& fn);
void ForEachExpr(const LogicalOperator& op, const std::function<void(const BoundExpr&)>& fn);

// The operator symbol or function name of a kFunction (empty otherwise).
std::string OperatorOf(const BoundExpr& e);

BoundExprPtr MakeColumnRef(int index, Type type);

}  // namespace omen::sql
