#pragma once
// Private to sql/: the optimizer's rewrite rules, applied by Optimize in
// this order. Each takes and returns a plan computing the same rows.

#include <vector>

#include "sql/logical_plan.h"

namespace omen::sql {

// Pushes `conjuncts` (over op's output) and every filter/join condition
// below it as far down as is correct; kFilter nodes disappear where possible.
LogicalOperatorPtr PushDownPredicates(LogicalOperatorPtr op, std::vector<BoundExprPtr> conjuncts);

// Greedy ordering of inner/cross join chains, plus equi-key extraction on
// every join.
LogicalOperatorPtr OrderJoins(LogicalOperatorPtr op);
void ExtractJoinKeys(LogicalOperator* join);

// Index access for kGets with filters, and ORDER BY key LIMIT n.
LogicalOperatorPtr ChooseIndexes(LogicalOperatorPtr op);

// Estimated output rows of a plan (for join ordering).
double EstimateRows(const LogicalOperator& op);

}  // namespace omen::sql
