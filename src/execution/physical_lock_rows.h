#pragma once
// kLockRows: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE.
// Streaming: for each input row, locks the row of each target (its row id in
// the target's row_id_column; one per locked table of a join, subquery or
// view) and passes the row on, one row at a time so that a LIMIT above stops
// the locking as soon as it has its rows (PostgreSQL's LockRows under
// Limit). Per target row, by the storage outcome:
//   locked                -> next target;
//   busy (SKIP LOCKED)    -> the input row is skipped;  busy (NOWAIT) -> 55P03;
//   deleted concurrently  -> the input row is skipped (READ COMMITTED) or 40001;
//   changed concurrently  -> READ COMMITTED: once every target is locked, the
//                            row is re-evaluated with the newest versions of
//                            the locked rows (lock_rows_recheck.h) and that
//                            is emitted, or the row is skipped;
//                            REPEATABLE READ / SERIALIZABLE: 40001.
// Locks are held until the transaction ends (storage/table.h LockRowFor),
// also those taken for a row that is then skipped (as in PostgreSQL).

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
