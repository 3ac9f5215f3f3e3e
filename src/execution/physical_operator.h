#pragma once
// Physical operators and the per-execution state they share.
//
// Design (push-based, produce/consume):
// 1. A PhysicalOperator is immutable after the plan generator builds it; all
//    per-run state (hash tables, sort buffers, counters of a LIMIT) lives in
//    state objects created inside Produce(), split into a global part (one
//    per run, shared by future worker threads) and a local part (one per
//    worker; today there is exactly one worker).
// 2. Produce() pushes DataChunks to its consumer. A streaming operator
//    (filter, projection, limit, join probe) calls its child's Run() with a
//    consumer that transforms each chunk and pushes it on: these form one
//    pipeline. A pipeline breaker (join build side, aggregation, sort,
//    distinct, set operations, DML) first drains its input pipeline into its
//    sink state, then acts as the source of the next pipeline.
// 3. A consumer returns kFinished to stop its producers early (LIMIT,
//    EXISTS); producers stop pulling input as soon as they see it.
//    A consumer may take (move from) the chunk it is given; a producer never
//    reuses a pushed chunk without re-initializing it.
// 4. Cancellation is checked between chunks.
// 5. Run() may be called many times (correlated subqueries, nested loops):
//    each call starts from a fresh state; loops()/rows() accumulate for
//    EXPLAIN ANALYZE.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/functional/function_ref.h"
#include "common/memory_budget.h"
#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"
#include "execution/executor.h"
#include "sql/logical_plan.h"

namespace omen::execution {

enum class PushResult : uint8_t { kNeedMore, kFinished };

// Non-owning: a consumer is only called during the Produce/Run call it is
// passed to (a callable's lifetime is the full expression that passes it).
using ChunkConsumer = absl::FunctionRef<Result<PushResult>(DataChunk& chunk)>;

// State shared by all operators of one Execute() call (and its subqueries).
// Not thread-safe.
struct ExecState {
  ExecutionContext* ctx = nullptr;
  // Outer rows of correlated subqueries, innermost last:
  // kOuterColumnRef{depth d} reads outer_rows[size - d].
  std::vector<std::vector<Value>> outer_rows;
  // Runs a subquery plan, pushing its rows to `consumer` (set by executor.cc).
  std::function<Status(const sql::LogicalOperator& plan, const ChunkConsumer& consumer)> run_subquery;
  // Per-subquery caches of uncorrelated results (owned by expression evaluation).
  struct SubqueryCache;
  std::unordered_map<const void*, std::shared_ptr<SubqueryCache>> subquery_caches;
  // WITH RECURSIVE: the working table of each running kRecursiveCte, by cte_id.
  std::unordered_map<int, const std::vector<DataChunk>*> work_tables;

  // 57014 when the statement was cancelled.
  Status CheckCancel() const;
};

class PhysicalOperator {
 public:
  explicit PhysicalOperator(const sql::LogicalOperator& op) : op_(op) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  // Produces every output chunk into `consumer`; counts rows and loops.
  Result<PushResult> Run(ExecState& state, const ChunkConsumer& consumer);

  const sql::LogicalOperator& logical() const { return op_; }
  const std::vector<Type>& types() const { return op_.types; }
  std::vector<std::unique_ptr<PhysicalOperator>>& children() { return children_; }
  const std::vector<std::unique_ptr<PhysicalOperator>>& children() const { return children_; }

  // EXPLAIN: the node's title ("Seq Scan on t") and its detail lines.
  virtual std::string Name() const = 0;
  virtual std::vector<std::string> Details() const { return {}; }
  uint64_t rows() const { return rows_; }
  uint64_t loops() const { return loops_; }

 protected:
  virtual Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) = 0;

  const sql::LogicalOperator& op_;
  std::vector<std::unique_ptr<PhysicalOperator>> children_;

 private:
  uint64_t rows_ = 0;
  uint64_t loops_ = 0;
};

// Builds the physical operator tree for `op` (which must outlive it).
Result<std::unique_ptr<PhysicalOperator>> CreatePhysicalPlan(const sql::LogicalOperator& op);

// Runs `child` to completion collecting its chunks (a pipeline breaker's
// sink), charging them to `memory` when given (53200 past the budget).
Status Materialize(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out,
                   MemoryReservation* memory = nullptr);

}  // namespace omen::execution
