#pragma once
// OmenDB's embedded C++ API.
//
//   auto db = omen::Database::Open({.data_dir = ":memory:"});
//   auto conn = (*db)->Connect();
//   auto r = conn->Execute("SELECT 1 + 1");
//   if (!r.ok()) { /* r.status().code() is the SQLSTATE */ }
//   auto stmt = conn->Prepare("SELECT v FROM t WHERE id = $1");
//   auto rows = (*stmt)->Execute({omen::Value::Int64(42)});
//
// A Database is shared by many Connections; a Connection is one session
// (settings, transaction state) and is used by one thread at a time.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"

namespace omen {

struct DatabaseOptions {
  // ":memory:" for a database that lives only in this process.
  std::string data_dir = ":memory:";
  // The memory budget in bytes (DESIGN.md "Resources"): statements whose
  // table rows, row versions, operator state or results would exceed it
  // fail with 53200 "out of memory". 0: half of the machine's memory.
  int64_t memory_budget = 0;
};

// The result of one statement: its command tag, its columns and its rows.
class QueryResult {
 public:
  // Column names and types; one copy shared by every result of a prepared
  // statement.
  struct Columns {
    std::vector<std::string> names;
    std::vector<Type> types;
  };

  // PostgreSQL's command tag: "SELECT 3", "INSERT 0 1", "CREATE TABLE", ...
  const std::string& tag() const { return tag_; }
  size_t ColumnCount() const { return columns().names.size(); }
  const std::vector<std::string>& names() const { return columns().names; }
  const std::vector<Type>& types() const { return columns().types; }
  size_t RowCount() const { return row_count_; }
  // Rows affected (INSERT/UPDATE/DELETE) or returned (SELECT).
  uint64_t affected() const { return affected_; }

  // Row access. REQUIRES: row < RowCount(), col < ColumnCount().
  Value GetValue(size_t row, size_t col) const;
  bool IsNull(size_t row, size_t col) const;
  // PostgreSQL's text output of the value; "" for NULL.
  std::string GetText(size_t row, size_t col) const;
  // The rows in chunks, as execution produced them.
  std::span<const DataChunk> chunks() const { return {chunks_.data(), chunks_.size()}; }
  // Notices raised while running (e.g. "table "x" does not exist, skipping").
  const std::vector<std::string>& notices() const { return notices_; }

 private:
  friend struct QueryResultBuilder;  // main/: fills results
  std::string tag_;
  const Columns& columns() const;
  std::shared_ptr<const Columns> columns_;  // null: no columns
  // Inline room for one chunk: a one-row result allocates nothing here.
  absl::InlinedVector<DataChunk, 1> chunks_;
  absl::InlinedVector<size_t, 1> chunk_starts_;
  size_t row_count_ = 0;
  uint64_t affected_ = 0;
  std::vector<std::string> notices_;
};

// COPY FROM STDIN data, piece by piece: stores the next piece in *chunk and
// returns true, or returns false at the end of the data (an error aborts the COPY).
using CopySource = std::function<Result<bool>(std::string* chunk)>;
// COPY TO STDOUT output, piece by piece (whole rows; an error aborts the COPY).
using CopySink = std::function<Status(std::string_view data)>;

class Connection;

// A statement parsed and bound once, executed many times with typed
// parameters. Rebound automatically when DDL changed the catalog.
class PreparedStatement {
 public:
  const std::vector<Type>& parameter_types() const;
  const std::vector<std::string>& column_names() const;
  const std::vector<Type>& column_types() const;
  // Parameters are cast to the parameter types (22P02 etc. on bad text).
  Result<QueryResult> Execute(const std::vector<Value>& params);
  // Binds again if DDL changed the catalog since the last bind (as Execute
  // does first), so column_types() describes what Execute will return.
  // Errors: the binder's (42P01 after the table was dropped, ...).
  Status Revalidate();
  ~PreparedStatement();

 private:
  friend class Connection;
  struct Impl;
  explicit PreparedStatement(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What the server needs to authenticate a role (Database::LookupRole).
struct RoleLogin {
  uint32_t oid = 0;
  bool can_login = false;  // LOGIN
  bool superuser = false;
  // The SCRAM-SHA-256 verifier (pg_authid.rolpassword:
  // "SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>"); empty: no password.
  std::string password;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);
  // A new session. Thread-safe.
  std::unique_ptr<Connection> Connect();
  // The committed role called `name` (exact, case-sensitive), or nullopt. Thread-safe.
  std::optional<RoleLogin> LookupRole(std::string_view name);
  ~Database();

  struct Impl;
  Impl* impl() { return impl_.get(); }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Connection {
 public:
  // Runs one or more ';'-separated statements; returns the last one's result
  // (or the first error: later statements are not run).
  Result<QueryResult> Execute(std::string_view sql);
  // Runs each statement and returns every result; stops at the first error,
  // which is the last element's status.
  std::vector<Result<QueryResult>> ExecuteAll(std::string_view sql);
  // Parses and binds one statement. parameter_types: known $n types (kNull
  // entries are inferred).
  Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql,
                                                     const std::vector<Type>& parameter_types = {});
  // COPY ... FROM STDIN (one statement) with its data in memory / streamed
  // from `source` (text or CSV as the statement says). Atomic; tag "COPY n".
  // Plain Execute() of COPY FROM STDIN fails with 0A000.
  Result<QueryResult> CopyFrom(std::string_view copy_sql, std::string_view data);
  Result<QueryResult> CopyFrom(std::string_view copy_sql, const CopySource& source);
  // COPY ... TO STDOUT (one statement): the formatted rows go to `sink`.
  Result<QueryResult> CopyTo(std::string_view copy_sql, const CopySink& sink);
  // 'I' idle, 'T' in a transaction block, 'E' in a failed block (ReadyForQuery).
  char TransactionStatus() const;
  // A session setting's current text value (SHOW); empty if unknown.
  std::string GetSetting(std::string_view name) const;
  // idle_in_transaction_session_timeout in milliseconds when the session is
  // in a transaction block, else 0 (none applies). An embedded Connection
  // left that long between calls inside a block is terminated in the
  // background (its transaction rolled back; later calls fail with 25P03);
  // the server waits that long for the client's next message.
  int64_t IdleTimeoutMs() const;
  // Asks the running statement to stop with 57014. Thread-safe.
  void Cancel();
  // The session's role (session_user, current_user; role DDL privileges),
  // "postgres" until set. The server calls it once, after authentication.
  void SetSessionUser(std::string_view role);
  ~Connection();

  struct Impl;

 private:
  friend class Database;
  friend class PreparedStatement;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace omen
