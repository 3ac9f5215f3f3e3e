// Table locks: TransactionManager::LockTable and its release
// (transaction_manager.h invariant 7, lock_table.h).

#include "txn/lock_table.h"

#include <algorithm>
#include <string>

#include "common/sqlstate.h"
#include "txn/transaction_manager.h"

namespace omen::txn {

namespace {

using Clock = std::chrono::steady_clock;

// conflicts[m]: the bit set of modes that conflict with mode m (PostgreSQL's
// LockConflicts table; symmetric).
constexpr uint16_t Bit(TableLockMode m) { return static_cast<uint16_t>(1u << static_cast<int>(m)); }
constexpr uint16_t kConflicts[9] = {
    0,
    /* AccessShare */ Bit(TableLockMode::kAccessExclusive),
    /* RowShare */ Bit(TableLockMode::kExclusive) | Bit(TableLockMode::kAccessExclusive),
    /* RowExclusive */
    Bit(TableLockMode::kShare) | Bit(TableLockMode::kShareRowExclusive) |
        Bit(TableLockMode::kExclusive) | Bit(TableLockMode::kAccessExclusive),
    /* ShareUpdateExclusive */
    Bit(TableLockMode::kShareUpdateExclusive) | Bit(TableLockMode::kShare) |
        Bit(TableLockMode::kShareRowExclusive) | Bit(TableLockMode::kExclusive) |
        Bit(TableLockMode::kAccessExclusive),
    /* Share */
    Bit(TableLockMode::kRowExclusive) | Bit(TableLockMode::kShareUpdateExclusive) |
        Bit(TableLockMode::kShareRowExclusive) | Bit(TableLockMode::kExclusive) |
        Bit(TableLockMode::kAccessExclusive),
    /* ShareRowExclusive */
    Bit(TableLockMode::kRowExclusive) | Bit(TableLockMode::kShareUpdateExclusive) |
        Bit(TableLockMode::kShare) | Bit(TableLockMode::kShareRowExclusive) |
        Bit(TableLockMode::kExclusive) | Bit(TableLockMode::kAccessExclusive),
    /* Exclusive */
    Bit(TableLockMode::kRowShare) | Bit(TableLockMode::kRowExclusive) |
        Bit(TableLockMode::kShareUpdateExclusive) | Bit(TableLockMode::kShare) |
        Bit(TableLockMode::kShareRowExclusive) | Bit(TableLockMode::kExclusive) |
        Bit(TableLockMode::kAccessExclusive),
    /* AccessExclusive */ 0x1FE,
};

size_t Partition(table_lock_id_t oid) { return (oid * 2654435761u) >> 22; }  // top 10 bits

}  // namespace

bool TableLockConflicts(TableLockMode held, TableLockMode wanted) {
  return (kConflicts[static_cast<int>(wanted)] & Bit(held)) != 0;
}

std::string_view TableLockModeName(TableLockMode m) {
  switch (m) {
    case TableLockMode::kAccessShare: return "ACCESS SHARE";
    case TableLockMode::kRowShare: return "ROW SHARE";
    case TableLockMode::kRowExclusive: return "ROW EXCLUSIVE";
    case TableLockMode::kShareUpdateExclusive: return "SHARE UPDATE EXCLUSIVE";
    case TableLockMode::kShare: return "SHARE";
    case TableLockMode::kShareRowExclusive: return "SHARE ROW EXCLUSIVE";
    case TableLockMode::kExclusive: return "EXCLUSIVE";
    case TableLockMode::kAccessExclusive: return "ACCESS EXCLUSIVE";
  }
  return "?";
}

bool TransactionManager::FastPathLock(Transaction& txn, table_lock_id_t oid, TableLockMode mode) {
  FastPathLocks& fp = txn.fast_path_;
  const uint16_t bit = Bit(mode);
  std::atomic<uint32_t>& strong = strong_[Partition(oid)];
  for (int i = 0; i < fp.used; ++i) {  // already held: no new request
    const FastPathLocks::Slot& s = fp.slots[i];
    if ((s.modes.load(std::memory_order_relaxed) & bit) != 0 &&
        s.oid.load(std::memory_order_relaxed) == oid) {
      return true;
    }
  }
  if (strong.load(std::memory_order_seq_cst) != 0) return false;
  FastPathLocks::Slot* slot = nullptr;
  for (int i = 0; i < fp.used; ++i) {
    FastPathLocks::Slot& s = fp.slots[i];
    uint16_t held = s.modes.load(std::memory_order_relaxed);
    if (held != 0 && s.oid.load(std::memory_order_relaxed) == oid) {
      if ((held & bit) != 0) return true;
      s.modes.store(static_cast<uint16_t>(held | bit), std::memory_order_seq_cst);
      if (strong.load(std::memory_order_seq_cst) == 0) {
        txn.table_lock_log_.emplace_back(oid, bit);
        return true;
      }
      s.modes.store(held, std::memory_order_seq_cst);
      return false;
    }
    if (held == 0 && slot == nullptr) slot = &s;
  }
  if (slot == nullptr) {
    if (fp.used == FastPathLocks::kSlots) return false;
    slot = &fp.slots[fp.used++];
  }
  // Only the modes store needs to be sequentially consistent (it pairs with
  // the strong count's load below); the oid is published before it.
  slot->oid.store(oid, std::memory_order_release);
  slot->modes.store(bit, std::memory_order_seq_cst);
  if (strong.load(std::memory_order_seq_cst) == 0) {
    txn.table_lock_log_.emplace_back(oid, bit);
    return true;
  }
  slot->modes.store(0, std::memory_order_seq_cst);  // a strong locker came: take the slow path
  return false;
}

void TransactionManager::TableLockBlockers(Transaction& txn, table_lock_id_t oid,
                                           TableLockMode mode) {
  txn.waits_for_.clear();
  const uint16_t conflicts = kConflicts[static_cast<int>(mode)];
  TableLockEntry& e = table_locks_[oid];
  bool holds_some = false;
  for (int i = 0; i < txn.fast_path_.used; ++i) {
    const FastPathLocks::Slot& s = txn.fast_path_.slots[i];
    holds_some |= s.modes.load(std::memory_order_relaxed) != 0 &&
                  s.oid.load(std::memory_order_relaxed) == oid;
  }
  for (const auto& [id, held] : e.holders) {
    if (id == txn.id_) {
      holds_some = true;
    } else if ((held & conflicts) != 0) {
      txn.waits_for_.push_back(id);
    }
  }
  if (!IsFastPathMode(mode)) {
    for (const auto& [id, t] : active_) {
      if (t == &txn) continue;
      const FastPathLocks& fp = t->fast_path_;
      for (const FastPathLocks::Slot& s : fp.slots) {
        uint16_t held = s.modes.load(std::memory_order_seq_cst);
        if (held != 0 && s.oid.load(std::memory_order_seq_cst) == oid && (held & conflicts) != 0) {
          txn.waits_for_.push_back(id);
          break;
        }
      }
    }
  }
  // Queue behind earlier conflicting waiters (no starvation of a DDL by a
  // stream of readers), unless it already holds a lock on the table.
  if (holds_some) return;
  for (const auto& [id, wanted] : e.waiters) {
    if (id == txn.id_) break;
    if ((Bit(wanted) & conflicts) != 0) txn.waits_for_.push_back(id);
  }
}

Status TransactionManager::LockTable(Transaction& txn, table_lock_id_t oid, TableLockMode mode,
                                     const WaitOptions& opts, std::string_view relation,
                                     bool* waited) {
  if (waited != nullptr) *waited = false;
  if (IsFastPathMode(mode) && FastPathLock(txn, oid, mode)) return Status::OK();
  const bool strong = !IsFastPathMode(mode);
  std::atomic<uint32_t>& strong_count = strong_[Partition(oid)];
  Clock::time_point lock_deadline = opts.LockDeadline();
  std::unique_lock<std::mutex> l(mu_);
  TableLockEntry& entry = table_locks_[oid];
  auto mine = entry.holders.find(txn.id_);
  if (mine != entry.holders.end() && (mine->second & Bit(mode)) != 0) return Status::OK();
  // Announce a strong request before scanning the fast-path slots
  // (invariant 7); kept while the lock is held, dropped on failure.
  if (strong) strong_count.fetch_add(1, std::memory_order_seq_cst);
  bool queued = false;
  auto leave_queue = [&] {
    auto& w = table_locks_[oid].waiters;
    w.erase(std::remove_if(w.begin(), w.end(), [&](const auto& p) { return p.first == txn.id_; }),
            w.end());
  };
  for (;;) {
    TableLockBlockers(txn, oid, mode);
    if (txn.waits_for_.empty()) break;
    if (!queued) {
      table_locks_[oid].waiters.emplace_back(txn.id_, mode);
      queued = true;
    }
    if (waited != nullptr) *waited = true;
    Status s;
    if (opts.nowait) {
      s = Status(sqlstate::kLockNotAvailable,
                 "could not obtain lock on relation \"" + std::string(relation) + "\"");
    } else {
      s = WaitStep(l, txn, resource_cv_, opts, lock_deadline);
    }
    if (!s.ok()) {
      txn.waits_for_.clear();
      leave_queue();
      if (strong) strong_count.fetch_sub(1, std::memory_order_seq_cst);
      resource_cv_.notify_all();  // requests queued behind this one may proceed
      return s;
    }
  }
  if (queued) {
    leave_queue();
    resource_cv_.notify_all();
  }
  uint16_t& held = table_locks_[oid].holders[txn.id_];
  if (held == 0) txn.held_table_locks_.push_back(oid);
  if (strong && (held & Bit(mode)) != 0) strong_count.fetch_sub(1, std::memory_order_seq_cst);
  held |= Bit(mode);
  txn.table_lock_log_.emplace_back(oid, Bit(mode));
  return Status::OK();
}

void TransactionManager::ReleaseTableLocksAfter(Transaction& txn, size_t position) {
  std::vector<std::pair<table_lock_id_t, uint16_t>>& log = txn.table_lock_log_;
  if (position >= log.size()) return;
  FastPathLocks& fp = txn.fast_path_;
  std::lock_guard<std::mutex> l(mu_);
  for (size_t i = log.size(); i > position; --i) {
    const auto [oid, bit] = log[i - 1];
    bool fast = false;
    for (int k = 0; k < fp.used && !fast; ++k) {
      FastPathLocks::Slot& s = fp.slots[k];
      uint16_t held = s.modes.load(std::memory_order_relaxed);
      if ((held & bit) == 0 || s.oid.load(std::memory_order_relaxed) != oid) continue;
      s.modes.store(static_cast<uint16_t>(held & ~bit), std::memory_order_release);
      fast = true;
    }
    if (fast) continue;
    auto it = table_locks_.find(oid);
    if (it == table_locks_.end()) continue;
    auto h = it->second.holders.find(txn.id_);
    if (h == it->second.holders.end() || (h->second & bit) == 0) continue;
    h->second = static_cast<uint16_t>(h->second & ~bit);
    if (bit >= Bit(TableLockMode::kShareUpdateExclusive)) strong_[Partition(oid)].fetch_sub(1);
    if (h->second == 0) {
      it->second.holders.erase(h);
      auto& held = txn.held_table_locks_;
      held.erase(std::remove(held.begin(), held.end(), oid), held.end());
      if (it->second.holders.empty() && it->second.waiters.empty()) table_locks_.erase(it);
    }
  }
  log.resize(position);
  resource_cv_.notify_all();
}

bool TransactionManager::ReleaseTableLocks(Transaction& txn) {
  bool wake = false;
  FastPathLocks& fp = txn.fast_path_;
  for (int i = 0; i < fp.used; ++i) {
    FastPathLocks::Slot& s = fp.slots[i];
    if (s.modes.load(std::memory_order_relaxed) == 0) continue;
    // A waiting strong locker re-scans at least every kCancelPoll, so a
    // release store suffices; the wake-up is a shortcut.
    s.modes.store(0, std::memory_order_release);
    wake |= strong_[Partition(s.oid.load(std::memory_order_relaxed))].load(
                std::memory_order_relaxed) != 0;
  }
  fp.used = 0;
  txn.table_lock_log_.clear();
  for (table_lock_id_t oid : txn.held_table_locks_) {
    auto it = table_locks_.find(oid);
    if (it == table_locks_.end()) continue;
    auto h = it->second.holders.find(txn.id_);
    if (h != it->second.holders.end()) {
      for (int m = static_cast<int>(TableLockMode::kShareUpdateExclusive);
           m <= static_cast<int>(TableLockMode::kAccessExclusive); ++m) {
        if ((h->second & (1u << m)) != 0) strong_[Partition(oid)].fetch_sub(1);
      }
      it->second.holders.erase(h);
    }
    if (it->second.holders.empty() && it->second.waiters.empty()) table_locks_.erase(it);
    wake = true;
  }
  txn.held_table_locks_.clear();
  return wake;
}

}  // namespace omen::txn
