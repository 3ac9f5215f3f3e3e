#pragma once
// Private to sql/: row-count and selectivity estimates for the optimizer,
// from storage row counts and ANALYZE statistics (catalog::TableStats).

#include "sql/logical_plan.h"

namespace omen::sql {

// Fraction of `get`'s rows (a kGet) for which `e` (over its output columns)
// is true: statistics when the table was analyzed, fixed guesses otherwise.
double FilterSelectivity(const BoundExpr& e, const LogicalOperator& get);

// Rows a kGet returns: the table's live rows times its filter's selectivity
// (1000 rows when the Get has no storage). At least 1.
double EstimateGetRows(const LogicalOperator& get);

// Distinct values of `key` (over op's output) among op's rows when `key` is a
// column traceable to an analyzed table; -1 when unknown.
double DistinctValues(const LogicalOperator& op, const BoundExpr& key);

}  // namespace omen::sql
