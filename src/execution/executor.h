#pragma once
// The executor: turns a logical plan into physical operators and runs them as
// push-based vectorized pipelines (morsel-style: sources push DataChunks of
// up to kChunkSize rows through streaming operators into a sink; pipeline
// breakers -- hash join build, aggregation, sort, distinct, set operations --
// are sinks of one pipeline and sources of the next).

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"
#include "sql/logical_plan.h"
#include "storage/table.h"

namespace omen::execution {

struct ExecutionContext {
  std::vector<Value> parameters;       // $1 is [0], of the bound parameter types
  storage::UndoLog* undo = nullptr;    // where DML records its changes (required for DML)
  const std::atomic<bool>* cancel = nullptr;  // when set to true: fail with 57014
                                              // "canceling statement due to user request"
};

// Receives result chunks in order. An error stops execution and is returned.
using ResultSink = std::function<Status(DataChunk& chunk)>;

// Runs `plan`. Queries push their rows to `sink`; DML with RETURNING pushes
// the returned rows. Returns the number of rows produced (SELECT) or affected
// (INSERT/UPDATE/DELETE), for the command tag.
Result<uint64_t> Execute(const sql::LogicalOperator& plan, ExecutionContext& ctx, const ResultSink& sink);

// EXPLAIN ANALYZE: runs the plan, discarding output, and returns the plan in
// PostgreSQL's text style with "(actual rows=N loops=N)" per node.
Result<std::string> ExplainAnalyze(const sql::LogicalOperator& plan, ExecutionContext& ctx);

}  // namespace omen::execution
