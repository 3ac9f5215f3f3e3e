#include "main/backup.h"

#include <filesystem>
#include <system_error>

#include "main/database_impl.h"
#include "persist/store.h"

namespace omen {

Status BackupDatabase(Database& db, const std::string& to) {
  if (db.impl()->durability == nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "an in-memory database cannot be backed up");
  }
  return db.impl()->durability->Backup(to);
}

Status BackupDirectory(const std::string& data_dir, const std::string& to) {
  std::error_code ec;
  if (!std::filesystem::exists(data_dir, ec)) {
    return Status(SqlState("58P01"), "data directory \"" + data_dir + "\" does not exist");
  }
  persist::StoreOptions options;
  options.create_if_missing = false;
  auto store = persist::Store::Open(data_dir, options);
  if (!store.ok()) {
    if (store.status().message().find("lock") != std::string::npos) {
      return Status(SqlState("55006"),
                    "data directory \"" + data_dir +
                        "\" is in use by another process; back it up through that server with "
                        "SELECT omen_backup('path')");
    }
    return store.status();
  }
  return (*store)->CreateCheckpoint(to);
}

Status RestoreDirectory(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(fs::path(from) / "CURRENT", ec)) {
    return Status(SqlState("58P01"), "\"" + from + "\" is not an OmenDB backup");
  }
  if (fs::exists(to, ec) && !fs::is_empty(to, ec)) {
    return Status(sqlstate::kDuplicateObject,
                  "data directory \"" + to + "\" exists and is not empty");
  }
  fs::create_directories(to, ec);
  if (!ec) fs::copy(from, to, fs::copy_options::recursive, ec);
  if (ec) {
    return Status(sqlstate::kIoError,
                  "could not copy \"" + from + "\" to \"" + to + "\": " + ec.message());
  }
  auto db = Database::Open({.data_dir = to});
  return db.ok() ? Status::OK() : db.status();
}

}  // namespace omen
