#pragma once
// Offline and online backups of a data directory (issue 5).

#include <string>

#include "common/status.h"

namespace omen {

class Database;

// A consistent copy of `db`'s data directory in `to` (must not exist), taken
// while sessions keep writing: holds every transaction acknowledged before
// the call. 0A000 for an in-memory database.
Status BackupDatabase(Database& db, const std::string& to);

// A copy of the data directory `data_dir` of a database no process has open,
// in `to`. 55006 when another process (a running server) holds it: back it
// up through that server with SELECT omen_backup('path').
Status BackupDirectory(const std::string& data_dir, const std::string& to);

// Restores the backup `from` into the new data directory `to` (must not
// exist or be empty) and checks that it opens (recovering it once).
Status RestoreDirectory(const std::string& from, const std::string& to);

}  // namespace omen
