#include "execution/physical_lock_rows.h"

#include <utility>

#include "common/sqlstate.h"
#include "execution/dml_support.h"
#include "execution/lock_rows_recheck.h"
#include "storage/table.h"

namespace omen::execution {

namespace {

enum class RowLockResult : uint8_t { kLocked, kChanged, kSkip };

// Locks `target`'s row of input row `i`.
Result<RowLockResult> LockTarget(const sql::RowLockTarget& target, const DataChunk& chunk, size_t i,
                                 bool read_committed, storage::UndoLog* undo) {
  const Vector& ids = chunk.columns[static_cast<size_t>(target.row_id_column)];
  if (ids.IsNull(i)) return RowLockResult::kLocked;  // nothing read from this table
  auto row = static_cast<storage::row_id_t>(ids.i64()[i]);
  const auto strength = static_cast<storage::RowLockStrength>(target.strength);
  const auto policy = target.wait == 1   ? storage::LockWaitPolicy::kSkip
                      : target.wait == 2 ? storage::LockWaitPolicy::kError
                                         : storage::LockWaitPolicy::kBlock;
  OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome outcome,
                        target.table->data->LockRowFor(row, strength, policy, undo));
  switch (outcome) {
    case storage::WriteOutcome::kBusy:
      if (policy == storage::LockWaitPolicy::kSkip) return RowLockResult::kSkip;
      return Status(sqlstate::kLockNotAvailable,
                    "could not obtain lock on row in relation \"" + target.table->name + "\"");
    case storage::WriteOutcome::kGone:
      if (read_committed) return RowLockResult::kSkip;
      return SerializationFailure(true);
    case storage::WriteOutcome::kChanged:
      if (!read_committed) return SerializationFailure();
      return RowLockResult::kChanged;
    case storage::WriteOutcome::kDone:
      break;
  }
  return RowLockResult::kLocked;
}

}  // namespace

Result<PushResult> PhysicalLockRows::Produce(ExecState& state, const ChunkConsumer& consumer) {
  storage::UndoLog* undo = state.ctx->undo;
  if (undo == nullptr || undo->txn() == nullptr) {
    return Status(sqlstate::kInternalError, "row locks need a transaction");
  }
  for (const sql::RowLockTarget& t : op_.lock_targets) {
    if (t.table == nullptr || !t.table->data) {
      return Status(sqlstate::kInternalError, "row lock target without a table");
    }
  }
  const bool read_committed = undo->txn()->isolation() == txn::IsolationLevel::kReadCommitted;
  LockRowsRecheck recheck(state, op_);
  DataChunk one(op_.types);  // the row passed on (reused from row to row)
  bool parent_done = false;
  Result<PushResult> r = children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    for (size_t i = 0; i < chunk.size; ++i) {
      OMEN_RETURN_IF_ERROR(state.CheckCancel());
      bool skip = false, changed = false;
      for (const sql::RowLockTarget& t : op_.lock_targets) {
        OMEN_ASSIGN_OR_RETURN(RowLockResult res, LockTarget(t, chunk, i, read_committed, undo));
        if (res == RowLockResult::kSkip) {
          skip = true;
          break;
        }
        changed = changed || res == RowLockResult::kChanged;
      }
      if (skip) continue;
      if (changed) {
        OMEN_ASSIGN_OR_RETURN(bool qualifies, recheck.Run(chunk, i, &one));
        if (!qualifies) continue;
      } else {
        // A consumer may have taken the previous row's columns.
        if (one.ColumnCount() != op_.types.size()) one = DataChunk(op_.types);
        one.Reset();
        one.AppendRow(chunk, i);
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
