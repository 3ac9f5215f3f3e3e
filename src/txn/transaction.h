#pragma once
// Transaction: one transaction's identity, snapshot and wait state.
// Created and driven by TransactionManager (transaction_manager.h holds the
// invariants). A Connection keeps one Transaction object and reuses it for
// each transaction it runs (Begin gives it a fresh id).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "txn/lock_table.h"

namespace omen::txn {

// Transaction ids and commit timestamps share one 64-bit space: commit
// timestamps are below kTxnIdBase, ids at or above it.
using txn_id_t = uint64_t;
using commit_ts_t = uint64_t;
inline constexpr uint64_t kTxnIdBase = uint64_t{1} << 63;
inline bool IsTxnId(uint64_t ts) { return ts >= kTxnIdBase; }

// What a reader sees: every version committed at or before read_ts, plus its
// own transaction's versions. One comparison for committed versions.
struct Snapshot {
  commit_ts_t read_ts = kTxnIdBase - 1;  // default: everything committed
  txn_id_t txn_id = 0;                   // 0: no own versions
  bool Sees(uint64_t ts) const { return ts <= read_ts || ts == txn_id; }
};

enum class IsolationLevel : uint8_t { kReadCommitted, kRepeatableRead, kSerializable };

class TransactionManager;

class Transaction {
 public:
  txn_id_t id() const { return id_; }
  IsolationLevel isolation() const { return isolation_; }
  // The current snapshot (the statement's under READ COMMITTED).
  const Snapshot& snapshot() const { return snapshot_; }
  bool active() const { return state_ == State::kActive; }

  // SERIALIZABLE bookkeeping (storage calls these; not thread-safe, only the
  // owning session touches its transaction's sets). `table` identifies a table.
  void NoteRead(const void* table) {
    if (isolation_ == IsolationLevel::kSerializable) read_tables_.insert(table);
  }
  void NoteWrite(const void* table) { written_tables_.insert(table); }
  bool wrote() const { return !written_tables_.empty(); }

 private:
  friend class TransactionManager;
  enum class State : uint8_t { kIdle, kActive };

  txn_id_t id_ = 0;
  IsolationLevel isolation_ = IsolationLevel::kReadCommitted;
  Snapshot snapshot_;
  State state_ = State::kIdle;
  // Guarded by the manager's mutex: what this transaction waits for (the
  // deadlock detector's edges) and the condition variable its waiters sleep on.
  std::vector<txn_id_t> waits_for_;
  std::condition_variable ended_;
  absl::flat_hash_set<const void*> read_tables_, written_tables_;
  std::vector<const void*> held_locks_;  // resources locked (LockResource)
  // Table locks (lock_table.h): weak ones in fast-path slots, the others in
  // the manager's table (held_table_locks_ lists them; guarded by its mutex).
  FastPathLocks fast_path_;
  std::vector<table_lock_id_t> held_table_locks_;
  // Every (table, TableLockBit) newly taken, in order (owner only): what a
  // ROLLBACK TO SAVEPOINT releases (TransactionManager::ReleaseTableLocksAfter).
  std::vector<std::pair<table_lock_id_t, uint16_t>> table_lock_log_;
};

}  // namespace omen::txn
