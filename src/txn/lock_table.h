#pragma once
// Table locks in PostgreSQL's eight modes (txn/transaction_manager.h
// invariant 7 describes the protocol; TransactionManager::LockTable and
// ReleaseTableLocks, defined in lock_table.cc, implement it).
//
// A table is named by its catalog OID. Conflicts are PostgreSQL's table
// (https://www.postgresql.org/docs/15/explicit-locking.html):
//   ACCESS SHARE         conflicts with ACCESS EXCLUSIVE
//   ROW SHARE            EXCLUSIVE, ACCESS EXCLUSIVE
//   ROW EXCLUSIVE        SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE, ACCESS EXCLUSIVE
//   SHARE UPDATE EXCL.   SHARE UPDATE EXCLUSIVE and every mode above it
//   SHARE                ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE, SHARE ROW EXCLUSIVE, ...
//   SHARE ROW EXCLUSIVE  everything but ACCESS SHARE and ROW SHARE
//   EXCLUSIVE            everything but ACCESS SHARE
//   ACCESS EXCLUSIVE     everything
// The three weak modes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) conflict with
// no weak mode; they take the fast path (a slot in the transaction, no
// mutex) while no transaction holds or awaits a strong mode on a table of
// the same partition.

#include <atomic>
#include <cstdint>
#include <string_view>

namespace omen::txn {

enum class TableLockMode : uint8_t {
  kAccessShare = 1,
  kRowShare,
  kRowExclusive,
  kShareUpdateExclusive,
  kShare,
  kShareRowExclusive,
  kExclusive,
  kAccessExclusive,
};

using table_lock_id_t = uint32_t;  // the table's catalog OID

// Whether a lock held in `held` blocks a request for `wanted` by another transaction.
bool TableLockConflicts(TableLockMode held, TableLockMode wanted);
// A weak mode: eligible for the fast path.
inline bool IsFastPathMode(TableLockMode m) { return m <= TableLockMode::kRowExclusive; }
inline uint16_t TableLockBit(TableLockMode m) { return static_cast<uint16_t>(1u << static_cast<int>(m)); }
// PostgreSQL's name of the mode in LOCK TABLE ("ACCESS EXCLUSIVE").
std::string_view TableLockModeName(TableLockMode m);

// A transaction's fast-path slots: weak table locks other transactions see
// without a mutex. Written by the owning session only; read by a strong
// locker scanning for conflicts. The slot's `modes` is stored after its
// `oid` (and cleared first), both sequentially consistent.
struct FastPathLocks {
  static constexpr int kSlots = 16;
  struct Slot {
    std::atomic<table_lock_id_t> oid{0};
    std::atomic<uint16_t> modes{0};  // TableLockBit of each weak mode held
  };
  Slot slots[kSlots];
  int used = 0;  // owner only: slots [0, used) have been used this transaction
};

}  // namespace omen::txn
