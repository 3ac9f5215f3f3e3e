#pragma once
// Helpers shared by the DML operators: constraint checks over full table
// rows, RETURNING, and PhysicalDml, the base of INSERT, UPDATE and DELETE.

#include <cstdint>
#include <string>
#include <vector>

#include <absl/container/flat_hash_set.h>

#include "execution/physical_operator.h"
#include "storage/table.h"

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
Status MaterializeDmlInput(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out,
                           MemoryReservation* memory = nullptr);

// 40001 "could not serialize access due to concurrent update" (or delete).
Status SerializationFailure(bool deleted = false);

// Whether the newest version of `row` satisfies the index condition of the
// scan `get` (true without one): part of READ COMMITTED's re-check.
Result<bool> IndexConditionHolds(ExecState& state, const sql::LogicalOperator& get,
                                 const storage::Table& table, storage::row_id_t row);

// The run shared by INSERT, UPDATE and DELETE: reads the whole child first,
// then for each input chunk applies the change (ApplyChunk), counts the rows
// it returns as affected and emits RETURNING over them.
class PhysicalDml : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const final {
    return std::string(Verb()) + " on " + (op_.table ? op_.table->name : "?");
  }
  // Rows changed by the last run (the command tag's count).
  uint64_t affected() const { return affected_; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) final;

  // "Insert", "Update" or "Delete" (EXPLAIN's operator name).
  virtual const char* Verb() const = 0;
  // Applies the change for one input chunk, then replaces *chunk with the full
  // table rows RETURNING is evaluated over (one per affected row).
  virtual Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) = 0;
  // Called at the start of every run, before the first ApplyChunk.
  virtual void BeginRun() {}
  // An empty chunk of the rows RETURNING is evaluated over: the table's full
  // row, followed by the child's row when op.returning_child (FROM/USING).
  DataChunk ReturningChunk(const storage::Table& table, const DataChunk& child) const;
  // Appends `full` (and row i of `child` when op.returning_child) to *out.
  void AppendReturning(DataChunk* out, std::vector<Value> full, const DataChunk& child,
                       size_t i) const;

  // For a row id from the child: fetches the full row (the version the
  // statement's snapshot sees) into *full. False when the row was already
  // handled in this run or is not visible.
  // Every column id of the target table.
  const std::vector<int>& AllColumns() const { return all_columns_; }
  bool FetchOnce(ExecState& state, const storage::Table& table, storage::row_id_t row,
                 std::vector<Value>* full);

  // What to do after a write found the row's newest committed version newer
  // than the snapshot (storage::WriteOutcome::kChanged). READ COMMITTED
  // (PostgreSQL's EvalPlanQual): locks the row (waiting for its writer),
  // fetches its newest version in the child's row layout (*child_row: one
  // row, the row id last) and re-checks the child's predicates on it; false
  // when the row no longer qualifies (deleted, or fails the predicate), and
  // the caller skips it. REPEATABLE READ and SERIALIZABLE: 40001. When the
  // child is not a plain (filtered) scan of the target table (UPDATE ...
  // FROM, DELETE ... USING), the child plan is rerun with the target's scan
  // replaced by that one newest row (*child_row: its first output row).
  Result<bool> Recheck(ExecState& state, storage::Table& table, storage::row_id_t row,
                       DataChunk* child_row);

 private:
  uint64_t affected_ = 0;
  std::vector<int> all_columns_;
  absl::flat_hash_set<storage::row_id_t> seen_;
};

}  // namespace omen::execution
