// CallScope and Connection::Impl::TerminateIdle: the per-call bracket of a
// connection (call mutex, memory budget, idle_in_transaction_session_timeout;
// main/idle_reaper.h has the invariants).

#include "common/sqlstate.h"
#include "main/database_impl.h"

namespace omen {

CallScope::CallScope(Connection::Impl* conn)
    : conn_(conn), lock_(conn->call_mu), budget_(conn->db->memory.get()) {
  if (conn_->idle_armed) {
    conn_->db->idle_reaper.Disarm(conn_);
    conn_->idle_armed = false;
  }
}

CallScope::~CallScope() {
  if (conn_->terminated || conn_->state == Connection::Impl::TxnState::kIdle) return;
  int64_t ms = conn_->settings.IdleInTransactionTimeoutMs();
  if (ms <= 0) return;
  conn_->db->idle_reaper.Arm(conn_, IdleReaper::Clock::now() + std::chrono::milliseconds(ms));
  conn_->idle_armed = true;
}

Status CallScope::status() const {
  if (!conn_->terminated) return Status::OK();
  return Status(sqlstate::kIdleInTransactionSessionTimeout,
                "terminating connection due to idle-in-transaction timeout");
}

void Connection::Impl::TerminateIdle() {
  // The rollback frees the row locks and releases the snapshot (the
  // reclamation horizon moves on) now, not at the application's next call.
  Rollback();
  terminated = true;
  idle_armed = false;
}

}  // namespace omen
