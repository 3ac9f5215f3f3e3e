// The session side of SQL functions: Connection::Impl's SessionHooks
// (current_setting, set_config, current_user, ...), its statement and
// transaction clocks and statement_timeout's deadline.

#include <unistd.h>

#include <atomic>

#include "catalog/reg_name_resolver.h"
#include "main/database_impl.h"

namespace omen {

namespace {

class ConnectionSession : public execution::SessionHooks {
 public:
  explicit ConnectionSession(Connection::Impl* conn) : conn_(conn) {}

  Result<std::string> GetSetting(std::string_view name) override {
    return conn_->settings.Show(name);
  }

  Result<std::string> SetSetting(std::string_view name, const std::optional<std::string>& value,
                                 bool is_local) override {
    if (value) {
      OMEN_RETURN_IF_ERROR(conn_->settings.Set(name, *value, is_local));
    } else {
      OMEN_RETURN_IF_ERROR(conn_->settings.Reset(name, is_local));
    }
    return conn_->settings.Show(name);
  }

  std::string SessionUser() override { return conn_->session_user; }

  Status Backup(std::string_view path) override {
    if (conn_->db->durability == nullptr) {
      return Status(sqlstate::kFeatureNotSupported, "an in-memory database cannot be backed up");
    }
    return conn_->db->durability->Backup(std::string(path));
  }

  std::vector<std::pair<std::string, std::string>> AllSettings() override { return conn_->settings.All(); }

  std::optional<std::string> CurrentSchema() override {
    std::shared_ptr<const catalog::Catalog> catalog = conn_->Catalog();
    for (const std::string& s : conn_->settings.SearchPath()) {
      if (catalog->FindSchema(s) != nullptr) return s;
    }
    return std::nullopt;
  }

  int32_t BackendPid() override {
    // Unique per session: the process id plus a per-connection number.
    static std::atomic<int32_t> next{0};
    if (pid_ == 0) pid_ = static_cast<int32_t>(getpid()) + 100000 * (1 + next.fetch_add(1) % 20);
    return pid_;
  }

 private:
  Connection::Impl* conn_;
  int32_t pid_ = 0;
};

}  // namespace

void Connection::Impl::StartStatementClock() {
  statement_timestamp = execution::ClockTimestampMicros();
  if (state == TxnState::kIdle) transaction_timestamp = statement_timestamp;
  int64_t timeout_ms = settings.StatementTimeoutMs();
  statement_deadline = timeout_ms > 0
                           ? std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms)
                           : std::chrono::steady_clock::time_point::max();
}

void Connection::Impl::FillSessionContext(execution::ExecutionContext* ctx) {
  if (!session_hooks) session_hooks = std::make_unique<ConnectionSession>(this);
  ctx->session = session_hooks.get();
  ctx->catalog = Catalog();
  ctx->search_path = &settings.SearchPath();
  catalog::InstallRegNameResolver(ctx->catalog, settings.SearchPath());
  settings.InstallThreadTimeZone();
  if (statement_timestamp == 0) StartStatementClock();
  ctx->transaction_timestamp = transaction_timestamp;
  ctx->statement_timestamp = statement_timestamp;
  ctx->deadline = statement_deadline;
}

}  // namespace omen
