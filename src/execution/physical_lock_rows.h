#pragma once
// kLockRows: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE.
// Streaming: locks the row of each input row (its row id in column
// op.row_id_column) and passes the row on, one row at a time so that a
// LIMIT above stops the locking as soon as it has its rows (PostgreSQL's
// LockRows under Limit). Per row, by the storage outcome:
//   locked                -> emitted;
//   busy (SKIP LOCKED)    -> skipped;  busy (NOWAIT) -> 55P03;
//   deleted concurrently  -> skipped (READ COMMITTED) or 40001;
//   changed concurrently  -> READ COMMITTED re-evaluates the scan's filters
//                            and the projection on the newest version
//                            (EvalPlanQual) and emits that, or skips the row;
//                            REPEATABLE READ / SERIALIZABLE: 40001.
// Locks are held until the transaction ends (storage/table.h LockRowFor).

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalLockRows : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "LockRows"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
