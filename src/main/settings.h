#pragma once
// Session settings (GUCs) a PostgreSQL client touches: their defaults,
// SET/RESET/SHOW, and SET LOCAL's transaction-scoped values.
// Not thread-safe: one per Connection.
//
// Transactional, as in PostgreSQL:
// 1. Every change is logged (old and new value) until the transaction ends.
// 2. EndTransaction(commit=true) keeps each setting's last SET (not LOCAL)
//    value, or restores its value from before the transaction when it was
//    only SET LOCAL; EndTransaction(false) restores every logged setting.
// 3. A savepoint is a log position: RollbackTo(pos) undoes later changes.
// A statement outside a transaction block is its own transaction: the
// caller ends it (commit or not) after the statement.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace omen {

class Settings {
 public:
  Settings();

  // 42704 'unrecognized configuration parameter "x"' for unknown names
  // (names with a dot are custom settings, created on first SET);
  // 22023 for values a setting does not accept; 55P02 for read-only ones.
  Status Set(std::string_view name, std::string_view value, bool local);
  // Back to the default ("all": every setting), as a SET (or SET LOCAL).
  Status Reset(std::string_view name, bool local = false);
  // The value as SHOW prints it.
  Result<std::string> Show(std::string_view name) const;
  // Every setting, in name order (SHOW ALL).
  std::vector<std::pair<std::string, std::string>> All() const;

  // Transaction end (see invariant 2); without arguments: commit.
  void EndTransaction(bool commit = true);
  // Savepoints (invariant 3).
  size_t SavepointPosition() const { return log_.size(); }
  void RollbackTo(size_t position);

  // Values read on every statement, parsed once per change of any setting.
  // The schemas of search_path, in order, "$user" removed.
  const std::vector<std::string>& SearchPath() const { return Derived().search_path; }
  // statement_timeout in milliseconds (0: none).
  int64_t StatementTimeoutMs() const { return Derived().statement_timeout_ms; }
  // omen.plan_cache is on.
  bool PlanCacheEnabled() const { return Derived().plan_cache; }
  // lock_timeout in milliseconds (0: none).
  int64_t LockTimeoutMs() const { return Derived().lock_timeout_ms; }
  // idle_in_transaction_session_timeout in milliseconds (0: none).
  int64_t IdleInTransactionTimeoutMs() const { return Derived().idle_in_transaction_timeout_ms; }
  // transaction_isolation's value ("read committed", "repeatable read", ...).
  const std::string& TransactionIsolation() const { return Derived().transaction_isolation; }
  // Makes TimeZone the calling thread's zone for timestamptz I/O and casts
  // (common/time_zone.h); every change of TimeZone does that too.
  void InstallThreadTimeZone() const;

 private:
  struct Entry {
    std::string value;
    std::string default_value;
  };
  struct Change {
    std::string key;
    std::string old_value;
    std::string new_value;
    bool local;
  };
  Entry* Find(std::string_view name);
  const Entry* Find(std::string_view name) const;
  Status Assign(const std::string& key, Entry* e, std::string value, bool local);
  // Sets an entry's value; every change of a value goes through here.
  void Write(Entry* e, std::string value);

  struct DerivedValues {
    uint64_t generation = UINT64_MAX;  // generation_ they were computed at
    std::vector<std::string> search_path;
    int64_t statement_timeout_ms = 0;
    bool plan_cache = true;
    int64_t lock_timeout_ms = 0;
    int64_t idle_in_transaction_timeout_ms = 0;
    std::string transaction_isolation;
    std::string timezone;  // TimeZone's canonical name
  };
  const DerivedValues& Derived() const;

  std::map<std::string, Entry> entries_;  // by lower-case name
  std::vector<Change> log_;               // this transaction's changes, oldest first
  uint64_t generation_ = 0;               // bumped by every Write
  mutable DerivedValues derived_;
};

}  // namespace omen
