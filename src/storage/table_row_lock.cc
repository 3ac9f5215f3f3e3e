// Table::LockRowFor: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY
// SHARE row locks (table.h invariant 4). Exclusive strengths are a kLock
// entry in the row's version chain (as the READ COMMITTED re-check takes);
// share strengths live in the row group's shared-lock table, under the
// group latch, and are dropped when their transaction commits (StampEntry)
// or rolls back past them (UndoEntry).

#include <memory>
#include <utility>

#include "common/sqlstate.h"
#include "storage/row_group.h"
#include "storage/table.h"
#include "storage/table_impl.h"

namespace omen::storage {

using internal::RowGroup;
using internal::VersionRecord;

uint64_t Table::Impl::SharedHolder(const RowGroup& g, size_t off, uint64_t me, uint8_t strength) {
  if (g.shared_locks == nullptr) return 0;
  auto it = g.shared_locks->find(static_cast<uint32_t>(off));
  if (it == g.shared_locks->end()) return 0;
  const uint8_t weakest = strength >= static_cast<uint8_t>(RowLockStrength::kUpdate)
                              ? static_cast<uint8_t>(RowLockStrength::kKeyShare)
                              : static_cast<uint8_t>(RowLockStrength::kShare);
  for (const RowGroup::SharedLock& l : it->second) {
    if (l.txn != me && l.strength >= weakest) return l.txn;
  }
  return 0;
}

void Table::Impl::ReleaseSharedLock(row_id_t row, uint64_t txn, int prev) {
  if (row >= slots.load(std::memory_order_acquire)) return;
  RowGroup& g = Group(row);
  std::unique_lock<internal::GroupLatch> l(g.latch);
  if (g.shared_locks == nullptr) return;
  auto it = g.shared_locks->find(static_cast<uint32_t>(Offset(row)));
  if (it == g.shared_locks->end()) return;
  std::vector<RowGroup::SharedLock>& holders = it->second;
  for (size_t i = 0; i < holders.size(); ++i) {
    if (holders[i].txn != txn) continue;
    if (prev >= 0) {
      holders[i].strength = static_cast<uint8_t>(prev);
    } else {
      holders.erase(holders.begin() + static_cast<std::ptrdiff_t>(i));
    }
    break;
  }
  if (holders.empty()) g.shared_locks->erase(it);
  if (g.shared_locks->empty()) g.shared_locks.reset();
}

Result<WriteOutcome> Table::LockRowFor(row_id_t row, RowLockStrength strength,
                                       LockWaitPolicy policy, UndoLog* undo) {
  Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire) || undo == nullptr || undo->txn() == nullptr) {
    return Status(sqlstate::kInternalError, "lock of a row that does not exist");
  }
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  txn::Snapshot snap = undo->snapshot();
  const bool exclusive = strength >= RowLockStrength::kNoKeyUpdate;
  WriteOutcome outcome;
  VersionRecord* rec = nullptr;
  int prev = -1;  // the shared strength held before (kShareLock undo)
  {
    std::unique_lock<internal::GroupLatch> l;
    Impl::RowState st;
    for (;;) {
      l = std::unique_lock<internal::GroupLatch>(g.latch);
      st = t.Inspect(g, off, snap);
      // Share locks conflict with exclusive ones only; a holder of the
      // exclusive lock (or of a change) is the version chain's newest entry.
      // FOR KEY SHARE and FOR NO KEY UPDATE (or a non-key update) do not
      // conflict: the key share lock is taken on the committed version
      // below the holder's entries, if the snapshot may lock that one.
      if (st.holder != 0 && strength == RowLockStrength::kKeyShare &&
          st.holder_strength < static_cast<uint8_t>(RowLockStrength::kUpdate)) {
        Impl::RowState below = t.InspectBelow(g, off, snap, st.holder);
        if (!below.changed) st = below;
      }
      if (st.holder == 0 && exclusive) {
        st.holder = Impl::SharedHolder(g, off, snap.txn_id, static_cast<uint8_t>(strength));
      }
      if (st.holder == 0) break;
      l.unlock();
      if (policy != LockWaitPolicy::kBlock) return WriteOutcome::kBusy;
      OMEN_RETURN_IF_ERROR(WaitForHolder(undo, st.holder));
    }
    if (st.gone) return WriteOutcome::kGone;
    outcome = st.changed ? WriteOutcome::kChanged : WriteOutcome::kDone;
    if (st.mine) return outcome;  // its own change or exclusive lock covers every strength
    if (exclusive) {
      rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kLock);
      rec->strength = static_cast<uint8_t>(strength);
      Impl::Link(g, off, rec);
    } else {
      if (g.shared_locks == nullptr) {
        g.shared_locks = std::make_unique<std::unordered_map<uint32_t, std::vector<RowGroup::SharedLock>>>();
      }
      std::vector<RowGroup::SharedLock>& holders = (*g.shared_locks)[static_cast<uint32_t>(off)];
      RowGroup::SharedLock* mine = nullptr;
      for (RowGroup::SharedLock& h : holders) {
        if (h.txn == snap.txn_id) mine = &h;
      }
      if (mine != nullptr && mine->strength >= static_cast<uint8_t>(strength)) return outcome;
      if (mine != nullptr) {
        prev = mine->strength;
        mine->strength = static_cast<uint8_t>(strength);
      } else {
        holders.push_back(RowGroup::SharedLock{snap.txn_id, static_cast<uint8_t>(strength)});
      }
    }
  }
  // A lock makes the transaction commit through the sequence, which stamps
  // (exclusive) or drops (shared) it.
  undo->txn()->NoteWrite(this);
  UndoLog::Entry e;
  e.kind = exclusive ? UndoLog::Entry::Kind::kLock : UndoLog::Entry::Kind::kShareLock;
  e.table = weak_from_this().lock();
  e.row = row;
  e.version = rec;
  if (!exclusive) e.saved = std::make_shared<std::pair<uint64_t, int>>(snap.txn_id, prev);
  undo->Push(std::move(e));
  return outcome;
}

}  // namespace omen::storage
