#include "execution/physical_lock_rows.h"

#include <utility>
#include <vector>

#include "execution/dml_support.h"
#include "execution/expression_executor.h"
#include "storage/table.h"

namespace omen::execution {

namespace {

// READ COMMITTED's re-check of a locked row whose newest committed version
// is newer than the snapshot: that version, run through the plan's scan,
// filters and projection, into *out (one row of the operator's types).
// False when it no longer qualifies. 40001 for plan shapes it cannot re-run.
Result<bool> Recheck(ExecState& state, const sql::LogicalOperator& lock, storage::Table& table,
                     storage::row_id_t row, DataChunk* out) {
  const sql::LogicalOperator* node = lock.children[0].get();
  while (node != nullptr && node->kind == sql::LogicalOpKind::kSort) node = node->children[0].get();
  if (node == nullptr || node->kind != sql::LogicalOpKind::kProjection) return SerializationFailure();
  const sql::LogicalOperator* projection = node;
  std::vector<const sql::LogicalOperator*> filters;
  node = node->children[0].get();
  while (node != nullptr && node->kind == sql::LogicalOpKind::kFilter) {
    filters.push_back(node);
    node = node->children[0].get();
  }
  if (node == nullptr || node->kind != sql::LogicalOpKind::kGet || !node->emit_row_id ||
      node->table == nullptr || node->table->data.get() != &table) {
    return SerializationFailure();
  }
  std::vector<Value> values;
  if (!table.FetchLatest(row, node->column_ids, &values)) return false;
  OMEN_ASSIGN_OR_RETURN(bool in_range, IndexConditionHolds(state, *node, table, row));
  if (!in_range) return false;
  values.push_back(Value::Int64(static_cast<int64_t>(row)));
  DataChunk scan_row(node->types);
  scan_row.AppendRow(values);
  std::vector<uint32_t> sel;
  if (node->filter) {
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *node->filter, scan_row, &sel));
    if (sel.empty()) return false;
  }
  for (auto it = filters.rbegin(); it != filters.rend(); ++it) {
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *(*it)->filter, scan_row, &sel));
    if (sel.empty()) return false;
  }
  DataChunk result;
  for (const sql::BoundExprPtr& e : projection->exprs) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *e, scan_row, &v));
    result.columns.push_back(std::move(v));
  }
  result.size = 1;
  *out = std::move(result);
  return true;
}

}  // namespace

Result<PushResult> PhysicalLockRows::Produce(ExecState& state, const ChunkConsumer& consumer) {
  storage::UndoLog* undo = state.ctx->undo;
  if (undo == nullptr || undo->txn() == nullptr || op_.table == nullptr || !op_.table->data) {
    return Status(sqlstate::kInternalError, "row locks need a transaction");
  }
  storage::Table& table = *op_.table->data;
  const auto strength = static_cast<storage::RowLockStrength>(op_.lock_strength);
  const auto policy = op_.lock_wait == 1   ? storage::LockWaitPolicy::kSkip
                      : op_.lock_wait == 2 ? storage::LockWaitPolicy::kError
                                           : storage::LockWaitPolicy::kBlock;
  const bool read_committed = undo->txn()->isolation() == txn::IsolationLevel::kReadCommitted;
  const size_t id_col = static_cast<size_t>(op_.row_id_column);
  bool parent_done = false;
  Result<PushResult> r = children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    for (size_t i = 0; i < chunk.size; ++i) {
      OMEN_RETURN_IF_ERROR(state.CheckCancel());
      auto row = static_cast<storage::row_id_t>(chunk.columns[id_col].i64()[i]);
      OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome outcome,
                            table.LockRowFor(row, strength, policy, undo));
      DataChunk one;
      switch (outcome) {
        case storage::WriteOutcome::kBusy:
          if (policy == storage::LockWaitPolicy::kSkip) continue;
          return Status(sqlstate::kLockNotAvailable,
                        "could not obtain lock on row in relation \"" + op_.table->name + "\"");
        case storage::WriteOutcome::kGone:
          if (read_committed) continue;
          return SerializationFailure(true);
        case storage::WriteOutcome::kChanged: {
          if (!read_committed) return SerializationFailure();
          OMEN_ASSIGN_OR_RETURN(bool qualifies, Recheck(state, op_, table, row, &one));
          if (!qualifies) continue;
          break;
        }
        case storage::WriteOutcome::kDone:
          one = DataChunk(op_.types);
          one.AppendRow(chunk, i);
          break;
      }
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(one));
      if (res == PushResult::kFinished) {
        parent_done = true;
        return res;
      }
    }
    return PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(r.status());
  return parent_done ? PushResult::kFinished : PushResult::kNeedMore;
}

}  // namespace omen::execution
