#pragma once
// The planner's rewrite pass over a bound logical plan. The binder produces
// a naive plan (Gets without filters, joins in FROM order with their ON
// conditions, WHERE as a kFilter above them); Optimize:
//   1. splits conditions into conjuncts and pushes each to the lowest
//      operator that has its columns: a kGet's filter, a join's condition
//      (a WHERE conjunct over both sides of a cross join makes it an inner
//      join; not below the nullable side of an outer join);
//   2. extracts equi-join keys (left_keys/right_keys, same types) so joins
//      run as hash joins;
//   3. orders chains of inner/cross joins greedily so that each next table is
//      connected to the ones already joined by an equi-join predicate
//      (smallest estimated input first), restoring the original column
//      order with a projection on top;
//   4. chooses index access for a kGet: equality on an index's leading
//      columns, IN lists and ranges on its first column, and ORDER BY key
//      [DESC] LIMIT n over a single-table query (ordered index scan).
// Column references are rewritten wherever operators move. Subquery plans
// inside expressions are optimized too. The result computes the same rows.

#include "common/status.h"
#include "sql/logical_plan.h"

namespace omen::sql {

Result<LogicalOperatorPtr> Optimize(LogicalOperatorPtr plan);

}  // namespace omen::sql
