#pragma once
// READ COMMITTED's re-check of one kLockRows input row whose locked rows
// changed concurrently (PostgreSQL's EvalPlanQual). The operators below the
// kLockRows's projection (the FROM clause and WHERE) are re-evaluated for
// that one row: each locked table's kGet reads the newest committed version
// of its locked row (and re-checks its filter and index condition); each
// recheck leaf (unlocked tables, functions, opaque subqueries, outer joins of
// them) yields the row originally read, carried in the input row. Joins,
// filters and projections run on those single rows, so the result is that
// row recomputed or nothing; a join partner is never searched anew (as in
// PostgreSQL); a LATERAL right side re-runs with the re-checked left row as
// its outer row. Plan shapes it cannot re-run (semi/anti joins, a FULL join
// whose two re-checked sides no longer match, operators other than scans,
// filters, projections and joins) fail with 40001 rather than guess.

#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"
#include "execution/physical_operator.h"
#include "sql/logical_plan.h"

namespace omen::execution {

class LockRowsRecheck {
 public:
  // `lock`: the kLockRows (its plan outlives this object).
  LockRowsRecheck(ExecState& state, const sql::LogicalOperator& lock)
      : state_(state), lock_(lock) {}

  // Re-evaluates input row `row` of `input` (every target's row locked):
  // true with *out holding the recomputed row (the kLockRows's types), false
  // when it no longer qualifies.
  Result<bool> Run(const DataChunk& input, size_t row, DataChunk* out);

 private:
  // The output row of `op` for the current input row into *values; false
  // when it has none.
  Result<bool> Eval(const sql::LogicalOperator& op, std::vector<Value>* values);
  Result<bool> EvalLockedGet(const sql::LogicalOperator& get, const sql::RowLockTarget& target,
                             std::vector<Value>* values);
  Result<bool> EvalJoin(const sql::LogicalOperator& join, std::vector<Value>* values);
  Result<bool> Holds(const sql::BoundExpr& cond, const std::vector<Type>& types,
                     const std::vector<Value>& values);

  ExecState& state_;
  const sql::LogicalOperator& lock_;
  const DataChunk* input_ = nullptr;
  size_t row_ = 0;
};

}  // namespace omen::execution
