#pragma once
// What SQL functions may ask of the session running a statement:
// current_setting/set_config, the session user and schema, the backend pid.
// Implemented by main/ (one per Connection) and reached through
// ExecutionContext::session; the executor never sees main/ types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace omen::execution {

class SessionHooks {
 public:
  virtual ~SessionHooks() = default;

  // The setting as SHOW prints it; 42704 when the name is unknown.
  virtual Result<std::string> GetSetting(std::string_view name) = 0;
  // SET (is_local false) or SET LOCAL; no value: back to the default.
  // Returns the new value as SHOW prints it.
  virtual Result<std::string> SetSetting(std::string_view name,
                                         const std::optional<std::string>& value,
                                         bool is_local) = 0;
  // session_user / current_user.
  virtual std::string SessionUser() = 0;
  // current_schema(): the first schema of search_path that exists, or none.
  virtual std::optional<std::string> CurrentSchema() = 0;
  // pg_backend_pid(): a number unique to this session.
  virtual int32_t BackendPid() = 0;
  // omen_backup(path): an online backup of the database into `path`
  // (issue 5); 0A000 where there is no persistent database.
  virtual Status Backup(std::string_view path) {
    (void)path;
    return Status(sqlstate::kFeatureNotSupported, "omen_backup() needs a persistent database");
  }
  // Every setting as (name, value as SHOW prints it), for pg_settings.
  virtual std::vector<std::pair<std::string, std::string>> AllSettings() { return {}; }
};

// The wall clock in PostgreSQL's timestamp encoding (microseconds since
// 2000-01-01 00:00 UTC).
int64_t ClockTimestampMicros();

}  // namespace omen::execution
