#pragma once
// txn/: transaction ids, commit timestamps, snapshots, waits, deadlock
// detection, table (resource) locks and the commit sequence.
//
// Invariants (the contract with storage/ and main/; see DESIGN.md
// "Storage, versions and concurrency" and "The commit sequence"):
// 1. Ids and timestamps share one 64-bit space: commit timestamps are
//    1..2^63-1 and strictly increasing in commit order; transaction ids are
//    >= 2^63 (kTxnIdBase). A version stamped with ts is visible to snapshot
//    s iff s.Sees(ts): ts <= s.read_ts (committed early enough) or
//    ts == s.txn_id (its own write). An uncommitted version (stamped with a
//    txn id) is thus never visible to another transaction.
// 2. visible_up_to() advances strictly in order: it equals T only when every
//    commit with timestamp <= T has finished stamping its versions. A new
//    snapshot reads visible_up_to(), so it never sees half of a commit.
// 3. The commit sequence (Commit): (a) under the commit mutex, SERIALIZABLE
//    validation then the next timestamp; (b) the commit hook ("the batch goes
//    to the committer", durability plugs in here) with that timestamp, before
//    anything is visible or unlocked; it may fail the commit; (c) the
//    caller's stamp callback writes the timestamp into every version the
//    transaction made; (d) visible_up_to advances (in order); (e) the
//    transaction leaves the active set and every waiter on it wakes.
// 4. Horizon(): the oldest read_ts any active transaction may still use. A
//    version superseded by a committed version with ts <= Horizon() is seen
//    by no snapshot, present or future, and may be reclaimed.
// 5. A row lock is the row's newest version stamped with an uncommitted id
//    (storage/ owns that). Waiting for it is WaitForTransaction: the waiter
//    sleeps on the holder's condition variable until the holder ends, and
//    wakes for cancel, statement_timeout (57014), lock_timeout (55P03) or a
//    deadlock (40P01: the wait-for graph is checked when a wait starts, so
//    the transaction closing a cycle is the victim, at once).
// 6. Resource (table) locks: shared or exclusive, held to transaction end
//    (ReleaseLocks at commit/abort); waits are the same as row waits and take
//    part in the same deadlock detection.
// 7. Table locks (lock_table.h, PostgreSQL's modes, keyed by catalog OID):
//    held to transaction end (End releases them). A weak mode (ACCESS SHARE,
//    ROW SHARE, ROW EXCLUSIVE) goes to a fast-path slot of the transaction
//    when strong_[partition] is 0: the slot is published, then the count is
//    re-read (both sequentially consistent), so a strong locker, which
//    raises the count before scanning every active transaction's slots,
//    either sees the slot or makes the weak locker take the slow path.
//    Strong modes, and weak ones while a strong one is held or awaited in
//    the partition, use table_locks_ under mu_. A request waits for
//    conflicting holders and for earlier conflicting waiters (unless it
//    already holds a lock on the table), in the wait-for graph as above.
// Thread safety: every method is thread-safe; a Transaction is used by one
// session thread at a time (other threads only wait on it through here).

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/status.h"
#include "txn/transaction.h"

namespace omen::txn {

// How long a wait may last and what interrupts it.
struct WaitOptions {
  std::chrono::steady_clock::time_point statement_deadline =
      std::chrono::steady_clock::time_point::max();
  std::chrono::milliseconds lock_timeout{0};  // 0: no limit
  const std::atomic<bool>* cancel = nullptr;  // set: 57014 "canceling statement due to user request"
  bool nowait = false;                        // fail with 55P03 instead of waiting

  // When a wait that starts now must end for lock_timeout (max: never).
  std::chrono::steady_clock::time_point LockDeadline() const {
    return lock_timeout.count() > 0 ? std::chrono::steady_clock::now() + lock_timeout
                                    : std::chrono::steady_clock::time_point::max();
  }
};

enum class LockMode : uint8_t { kShared, kExclusive };

class TransactionManager {
 public:
  // THE COMMIT HOOK: "the batch goes to the committer" (DESIGN.md, the
  // commit sequence step 2; durability plugs in here). Called with the
  // commit timestamp after it is assigned and before anything becomes
  // visible or unlocked, under the commit mutex, so batches reach the
  // committer in timestamp order. A non-OK status fails the commit (the
  // caller then aborts the transaction and reports the error).
  using CommitHook = std::function<Status(commit_ts_t ts)>;

  TransactionManager();
  TransactionManager(const TransactionManager&) = delete;
  TransactionManager& operator=(const TransactionManager&) = delete;

  // Starts `txn` (REQUIRES: not active) with a fresh id and a snapshot.
  void Begin(Transaction& txn, IsolationLevel isolation);
  // A fresh snapshot for `txn` (READ COMMITTED's per-statement snapshot).
  void RefreshSnapshot(Transaction& txn);

  // The commit sequence (invariant 3) for a transaction that wrote (see
  // Transaction::NoteWrite; a read-only one just ends): validation, the
  // timestamp, `to_committer` (the commit hook, may be empty), `stamp`
  // (writes the timestamp into the transaction's versions and publishes
  // whatever else it changed), visibility, wake-ups. On error (40001 from
  // validation, or the hook's) nothing was stamped and `txn` is still
  // active: the caller must undo and Abort it. Returns the timestamp (0 for
  // a read-only transaction).
  // `durable` (may be empty) runs after the commit mutex is released and
  // before `stamp`: it waits for the batch `to_committer` queued, so
  // concurrent commits share one WAL sync while nothing is visible or
  // unlocked before its batch is durable. Its error fails the commit like
  // the hook's (nothing stamped, `txn` still active).
  Result<commit_ts_t> Commit(Transaction& txn, const CommitHook& to_committer,
                             const std::function<void(commit_ts_t)>& stamp,
                             const CommitHook& durable = {});
  // SERIALIZABLE: fails with 40001 now if commit-time validation would fail
  // (a transaction that committed after the snapshot wrote a table `txn`
  // read). Storage calls it before each write, so the error comes as early
  // as PostgreSQL's. OK for the other levels.
  Status CheckSerializable(const Transaction& txn) const;
  // Ends `txn` without a timestamp (after the caller undid its versions).
  void Abort(Transaction& txn);

  // Waits until transaction `holder` is no longer active (returns at once if
  // it already ended). Errors: 40P01, 55P03, 57014 (see WaitOptions).
  Status WaitForTransaction(Transaction& waiter, txn_id_t holder, const WaitOptions& opts);

  // Takes `resource` in `mode` for `txn` until it ends; waits for conflicting
  // holders (S conflicts with X; X with both). Re-taking is a no-op; S->X
  // upgrades when `txn` is the only holder.
  Status LockResource(Transaction& txn, const void* resource, LockMode mode,
                      const WaitOptions& opts);

  // Takes table `oid` in `mode` for `txn` until it ends (invariant 7);
  // waits for conflicting holders. Errors: 40P01, 55P03 (NOWAIT: 'could not
  // obtain lock on relation "<relation>"'; lock_timeout), 57014. *waited
  // (may be null) is set when the call had to wait.
  Status LockTable(Transaction& txn, table_lock_id_t oid, TableLockMode mode,
                   const WaitOptions& opts, std::string_view relation, bool* waited = nullptr);
  // Savepoints: a position in txn's table-lock history, and the release of
  // the locks taken after it (ROLLBACK TO SAVEPOINT, as PostgreSQL does).
  static size_t TableLockPosition(const Transaction& txn) { return txn.table_lock_log_.size(); }
  void ReleaseTableLocksAfter(Transaction& txn, size_t position);

  commit_ts_t visible_up_to() const { return visible_up_to_.load(std::memory_order_acquire); }
  // Invariant 4.
  commit_ts_t Horizon() const;
  // Number of active transactions (tests, monitoring).
  size_t ActiveCount() const;

 private:
  struct ResourceLock {
    absl::flat_hash_map<txn_id_t, LockMode> holders;
  };
  struct CommittedWrites {
    commit_ts_t ts;
    std::vector<const void*> tables;
  };

  // All REQUIRE mu_ held.
  bool WouldDeadlock(txn_id_t waiter) const;
  void End(Transaction& txn);
  // Releases txn's table locks (invariant 7); returns whether a waiter may
  // need waking. Defined in lock_table.cc.
  bool ReleaseTableLocks(Transaction& txn);
  bool FastPathLock(Transaction& txn, table_lock_id_t oid, TableLockMode mode);
  // The transactions whose locks block `txn`'s request (fills txn.waits_for_).
  void TableLockBlockers(Transaction& txn, table_lock_id_t oid, TableLockMode mode);
  void Finish(commit_ts_t ts);  // invariant 2; takes visible_mu_
  Status WaitStep(std::unique_lock<std::mutex>& l, Transaction& waiter,
                  std::condition_variable& cv, const WaitOptions& opts,
                  std::chrono::steady_clock::time_point lock_deadline);
  Status Validate(const Transaction& txn) const;
  void PruneCommittedWrites();

  mutable std::mutex mu_;
  absl::flat_hash_map<txn_id_t, Transaction*> active_;
  txn_id_t next_id_ = kTxnIdBase + 1;
  std::condition_variable resource_cv_;  // woken when any resource lock is released
  absl::flat_hash_map<const void*, ResourceLock> resources_;
  // Table locks (invariant 7): per OID partition, strong modes held or
  // awaited; slow-path holders (mode bits) and waiters, guarded by mu_.
  static constexpr size_t kLockPartitions = 1024;
  std::atomic<uint32_t> strong_[kLockPartitions] = {};
  struct TableLockEntry {
    absl::flat_hash_map<txn_id_t, uint16_t> holders;
    std::vector<std::pair<txn_id_t, TableLockMode>> waiters;  // in arrival order
  };
  absl::flat_hash_map<table_lock_id_t, TableLockEntry> table_locks_;
  std::vector<CommittedWrites> committed_writes_;  // for SERIALIZABLE validation

  std::mutex commit_mu_;  // invariant 3(a)
  commit_ts_t last_ts_ = 0;

  std::mutex visible_mu_;  // invariant 2
  std::set<commit_ts_t> finished_;
  std::atomic<commit_ts_t> visible_up_to_{0};
};

}  // namespace omen::txn
