#pragma once
// Helpers shared by the DML operators: constraint checks over full table
// rows and RETURNING.

#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

// Checks NOT NULL (23502) and the CHECK constraints (23514) of `op.table`
// for every row of `rows` (full rows in column-id order). A CHECK that
// evaluates to NULL passes; each check_exprs[i]->alias is its constraint name.
Status CheckRowConstraints(ExecState& state, const sql::LogicalOperator& op, const DataChunk& rows);

// Evaluates op.returning over `rows` and pushes the result (no-op when there is no RETURNING).
Result<PushResult> EmitReturning(ExecState& state, const sql::LogicalOperator& op, const DataChunk& rows,
                                 const ChunkConsumer& consumer);

// Every column id of the table, in order.
std::vector<int> AllColumnIds(const sql::LogicalOperator& op);

// Runs the DML operator's child to completion (DML never reads rows it writes).
Status MaterializeDmlInput(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out);

}  // namespace omen::execution
