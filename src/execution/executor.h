#pragma once
// The executor: turns a logical plan into physical operators and runs them as
// push-based vectorized pipelines (morsel-style: sources push DataChunks of
// up to kChunkSize rows through streaming operators into a sink; pipeline
// breakers -- hash join build, aggregation, sort, distinct, set operations --
// are sinks of one pipeline and sources of the next).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"
#include "execution/session_hooks.h"
#include "sql/logical_plan.h"
#include "storage/table.h"

namespace omen::execution {

struct ExecutionContext {
  // $1 is [0], of the bound parameter types; the caller keeps them alive.
  std::span<const Value> parameters;
  storage::UndoLog* undo = nullptr;    // where DML records its changes (required for DML)
  const std::atomic<bool>* cancel = nullptr;  // when set to true: fail with 57014
                                              // "canceling statement due to user request"
  // The session's settings and identity (current_setting, set_config,
  // current_user, ...); null: context-free defaults.
  SessionHooks* session = nullptr;
  // now()/transaction_timestamp() and statement_timestamp(), in
  // ClockTimestampMicros()'s encoding; 0: read the clock.
  int64_t transaction_timestamp = 0;
  int64_t statement_timestamp = 0;
  // statement_timeout: past this point fail with 57014 "canceling statement
  // due to statement timeout" (checked where `cancel` is).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // The catalog version the statement runs against and the session's
  // search_path: system relations (pg_class, ...) and catalog functions
  // (pg_table_is_visible, ...) read them. Null catalog: those fail with XX000.
  // search_path points at the session's (valid for the statement); null: empty.
  std::shared_ptr<const catalog::Catalog> catalog;
  const std::vector<std::string>* search_path = nullptr;
  const std::vector<std::string>& SearchPath() const {
    static const std::vector<std::string> kEmpty;
    return search_path != nullptr ? *search_path : kEmpty;
  }
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

class PhysicalOperator;

// A physical plan built once for a logical plan and run many times (prepared
// statements): each Execute() is exactly Execute(logical(), ...) without the
// per-call plan generation. Operators keep no per-run state (physical_operator.h
// invariant 1). Not thread-safe; the logical plan must outlive this object.
class ReusablePlan {
 public:
  static Result<std::unique_ptr<ReusablePlan>> Create(const sql::LogicalOperator& plan);
  ~ReusablePlan();
  ReusablePlan(const ReusablePlan&) = delete;
  ReusablePlan& operator=(const ReusablePlan&) = delete;

  const sql::LogicalOperator* logical() const { return logical_; }
  Result<uint64_t> Execute(ExecutionContext& ctx, const ResultSink& sink);

 private:
  ReusablePlan() = default;
  const sql::LogicalOperator* logical_ = nullptr;
  std::unique_ptr<PhysicalOperator> root_;
};

}  // namespace omen::execution
