#include "txn/transaction_manager.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "common/sqlstate.h"

namespace omen::txn {

namespace {

using Clock = std::chrono::steady_clock;

// How often a sleeping waiter looks at its cancel flag (Cancel does not notify).
constexpr std::chrono::milliseconds kCancelPoll{20};

bool Conflicts(LockMode held, LockMode wanted) {
  return held == LockMode::kExclusive || wanted == LockMode::kExclusive;
}

}  // namespace

TransactionManager::TransactionManager() = default;

void TransactionManager::Begin(Transaction& txn, IsolationLevel isolation) {
  std::lock_guard<std::mutex> l(mu_);
  OMEN_DCHECK(txn.state_ != Transaction::State::kActive);
  txn.id_ = next_id_++;
  txn.isolation_ = isolation;
  txn.state_ = Transaction::State::kActive;
  txn.snapshot_ = Snapshot{visible_up_to(), txn.id_};
  txn.waits_for_.clear();
  txn.read_tables_.clear();
  txn.written_tables_.clear();
  txn.held_locks_.clear();
  active_[txn.id_] = &txn;
}

void TransactionManager::RefreshSnapshot(Transaction& txn) {
  // Under mu_ so Horizon() never misses a snapshot being taken.
  std::lock_guard<std::mutex> l(mu_);
  txn.snapshot_.read_ts = visible_up_to();
}

commit_ts_t TransactionManager::Horizon() const {
  std::lock_guard<std::mutex> l(mu_);
  commit_ts_t h = visible_up_to();
  for (const auto& [id, t] : active_) h = std::min(h, t->snapshot_.read_ts);
  return h;
}

size_t TransactionManager::ActiveCount() const {
  std::lock_guard<std::mutex> l(mu_);
  return active_.size();
}

Status TransactionManager::Validate(const Transaction& txn) const {
  // Backward validation: a read-write SERIALIZABLE transaction fails if a
  // transaction that committed after its snapshot wrote a table it read.
  // Read-only transactions never get here, so they never fail.
  if (txn.isolation_ != IsolationLevel::kSerializable || txn.read_tables_.empty()) {
    return Status::OK();
  }
  for (const CommittedWrites& w : committed_writes_) {
    if (w.ts <= txn.snapshot_.read_ts) continue;
    for (const void* t : w.tables) {
      if (txn.read_tables_.contains(t)) {
        return Status(sqlstate::kSerializationFailure,
                      "could not serialize access due to read/write dependencies among "
                      "transactions")
            .WithDetail("Reason code: Canceled on identification as a pivot, during commit attempt.")
            .WithHint("The transaction might succeed if retried.");
      }
    }
  }
  return Status::OK();
}

Status TransactionManager::CheckSerializable(const Transaction& txn) const {
  if (txn.isolation_ != IsolationLevel::kSerializable) return Status::OK();
  std::lock_guard<std::mutex> l(mu_);
  return Validate(txn);
}

void TransactionManager::PruneCommittedWrites() {
  commit_ts_t oldest = visible_up_to();
  for (const auto& [id, t] : active_) {
    if (t->isolation_ == IsolationLevel::kSerializable) {
      oldest = std::min(oldest, t->snapshot_.read_ts);
    }
  }
  auto keep = std::remove_if(committed_writes_.begin(), committed_writes_.end(),
                             [&](const CommittedWrites& w) { return w.ts <= oldest; });
  committed_writes_.erase(keep, committed_writes_.end());
}

void TransactionManager::Finish(commit_ts_t ts) {
  std::lock_guard<std::mutex> v(visible_mu_);
  finished_.insert(ts);
  while (!finished_.empty() && *finished_.begin() == visible_up_to() + 1) {
    visible_up_to_.store(*finished_.begin(), std::memory_order_release);
    finished_.erase(finished_.begin());
  }
}

Result<commit_ts_t> TransactionManager::Commit(Transaction& txn, const CommitHook& to_committer,
                                               const std::function<void(commit_ts_t)>& stamp,
                                               const CommitHook& durable) {
  if (!txn.wrote()) {  // read-only: no timestamp, nothing to publish, never fails
    std::lock_guard<std::mutex> l(mu_);
    End(txn);
    return commit_ts_t{0};
  }
  commit_ts_t ts = 0;
  {
    std::lock_guard<std::mutex> c(commit_mu_);
    {
      std::lock_guard<std::mutex> l(mu_);
      OMEN_RETURN_IF_ERROR(Validate(txn));
      ts = ++last_ts_;
      bool any_serializable = false;
      for (const auto& [id, t] : active_) {
        any_serializable |= t != &txn && t->isolation_ == IsolationLevel::kSerializable;
      }
      if (any_serializable) {
        committed_writes_.push_back(CommittedWrites{
            ts, std::vector<const void*>(txn.written_tables_.begin(), txn.written_tables_.end())});
      }
    }
    if (to_committer) {
      Status s = to_committer(ts);
      if (!s.ok()) {
        Finish(ts);  // the timestamp is burnt; visibility keeps moving
        return s;
      }
    }
  }
  if (durable) {
    Status s = durable(ts);
    if (!s.ok()) {
      Finish(ts);  // as above: nothing stamped, the caller undoes and aborts
      return s;
    }
  }
  stamp(ts);
  Finish(ts);
  // The committer's own next snapshot must include this commit: wait out
  // earlier timestamps still stamping (a few instructions each).
  while (visible_up_to() < ts) std::this_thread::yield();
  std::lock_guard<std::mutex> l(mu_);
  End(txn);
  PruneCommittedWrites();
  return ts;
}

void TransactionManager::Abort(Transaction& txn) {
  std::lock_guard<std::mutex> l(mu_);
  End(txn);
}

void TransactionManager::End(Transaction& txn) {
  if (txn.state_ != Transaction::State::kActive) return;
  txn.state_ = Transaction::State::kIdle;
  active_.erase(txn.id_);
  bool released = false;
  for (const void* r : txn.held_locks_) {
    auto it = resources_.find(r);
    if (it == resources_.end()) continue;
    it->second.holders.erase(txn.id_);  // the entry stays: resources are few and reused
    released = true;
  }
  txn.held_locks_.clear();
  released |= ReleaseTableLocks(txn);
  txn.waits_for_.clear();
  txn.ended_.notify_all();
  if (released) resource_cv_.notify_all();
}

bool TransactionManager::WouldDeadlock(txn_id_t waiter) const {
  // Depth-first search from the waiter's edges for a path back to it.
  std::vector<txn_id_t> stack;
  absl::flat_hash_set<txn_id_t> seen;
  auto start = active_.find(waiter);
  if (start == active_.end()) return false;
  stack = start->second->waits_for_;
  while (!stack.empty()) {
    txn_id_t t = stack.back();
    stack.pop_back();
    if (t == waiter) return true;
    if (!seen.insert(t).second) continue;
    auto it = active_.find(t);
    if (it == active_.end()) continue;
    for (txn_id_t next : it->second->waits_for_) stack.push_back(next);
  }
  return false;
}

Status TransactionManager::WaitStep(std::unique_lock<std::mutex>& l, Transaction& waiter,
                                    std::condition_variable& cv, const WaitOptions& opts,
                                    Clock::time_point lock_deadline) {
  if (WouldDeadlock(waiter.id_)) {
    waiter.waits_for_.clear();
    return Status(sqlstate::kDeadlockDetected, "deadlock detected")
        .WithHint("See server log for query details.");
  }
  if (opts.nowait) {
    waiter.waits_for_.clear();
    return Status(sqlstate::kLockNotAvailable, "could not obtain lock");
  }
  if (opts.cancel != nullptr && opts.cancel->load()) {
    waiter.waits_for_.clear();
    return Status(sqlstate::kQueryCanceled, "canceling statement due to user request");
  }
  Clock::time_point now = Clock::now();
  if (now >= opts.statement_deadline) {
    waiter.waits_for_.clear();
    return Status(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
  if (now >= lock_deadline) {
    waiter.waits_for_.clear();
    return Status(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
  }
  Clock::time_point until = std::min({opts.statement_deadline, lock_deadline, now + kCancelPoll});
  cv.wait_until(l, until);
  return Status::OK();
}

Status TransactionManager::WaitForTransaction(Transaction& waiter, txn_id_t holder,
                                              const WaitOptions& opts) {
  Clock::time_point lock_deadline = opts.LockDeadline();
  std::unique_lock<std::mutex> l(mu_);
  for (;;) {
    auto it = active_.find(holder);
    if (it == active_.end()) break;
    waiter.waits_for_.assign(1, holder);
    OMEN_RETURN_IF_ERROR(WaitStep(l, waiter, it->second->ended_, opts, lock_deadline));
  }
  waiter.waits_for_.clear();
  return Status::OK();
}

Status TransactionManager::LockResource(Transaction& txn, const void* resource, LockMode mode,
                                        const WaitOptions& opts) {
  Clock::time_point lock_deadline = opts.LockDeadline();
  std::unique_lock<std::mutex> l(mu_);
  for (;;) {
    ResourceLock& lock = resources_[resource];
    auto mine = lock.holders.find(txn.id_);
    if (mine != lock.holders.end() &&
        (mine->second == LockMode::kExclusive || mode == LockMode::kShared)) {
      return Status::OK();
    }
    txn.waits_for_.clear();
    for (const auto& [id, held] : lock.holders) {
      if (id != txn.id_ && Conflicts(held, mode)) txn.waits_for_.push_back(id);
    }
    if (txn.waits_for_.empty()) {
      if (mine == lock.holders.end()) txn.held_locks_.push_back(resource);
      lock.holders[txn.id_] = mode;
      return Status::OK();
    }
    OMEN_RETURN_IF_ERROR(WaitStep(l, txn, resource_cv_, opts, lock_deadline));
  }
}

}  // namespace omen::txn
