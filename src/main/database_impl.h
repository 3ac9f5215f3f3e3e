#pragma once
// Internals shared by database.cc, connection.cc and prepared_statement.cc.
//
// Invariants (MVCC, issue 4; storage/table.h and txn/transaction_manager.h
// hold the lower-level ones):
// 1. `catalog` is the committed catalog version; a transaction that runs DDL
//    edits its own Clone() and publishes it at COMMIT (in the commit
//    sequence's stamping step, so it appears with the rows).
// 2. A transaction (txn::Transaction in Connection::Impl) begins at the first
//    statement that reads or writes data or the catalog, not at BEGIN. READ
//    COMMITTED takes a fresh snapshot per statement; REPEATABLE READ and
//    SERIALIZABLE keep the first one. Readers never block writers and
//    writers never block readers: row writes wait only for other writers of
//    the same row (row locks in the version chains).
// 3. Table locks: every such statement takes `schema_lock` (a resource of
//    the TransactionManager) shared, and DDL exclusive, held to transaction
//    end. So DDL waits for transactions that use any table and vice versa,
//    and concurrent statements see the old or the new table, never a mix.
//    (One database-wide resource for now; per-table locks are future work.)
// 4. Every change is in the transaction's UndoLog; each statement is an
//    implicit savepoint (its undo position), so a failing statement leaves
//    no trace. COMMIT runs TransactionManager::Commit: the commit hook (the
//    batch goes to the committer: durability), stamping, visibility; then
//    the versions go to `reclaimer`, which frees what no snapshot needs.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "execution/executor.h"
#include "execution/session_hooks.h"
#include "main/copy.h"
#include "main/durability.h"
#include "main/plan_cache.h"
#include "main/settings.h"
#include "omendb/omendb.h"
#include "sql/binder.h"
#include "sql/bound_statement.h"
#include "storage/table.h"
#include "txn/transaction_manager.h"

namespace omen {

struct Database::Impl {
  DatabaseOptions options;
  std::mutex catalog_mutex;
  std::shared_ptr<const catalog::Catalog> catalog;  // guarded by catalog_mutex
  txn::TransactionManager txn_manager;  // ids, snapshots, waits, the commit sequence
  storage::VersionReclaimer reclaimer;   // committed versions awaiting reclamation
  int schema_lock = 0;                   // the address is the schema lock's resource id
  std::unique_ptr<Durability> durability;  // persistent databases only (issue 5)

  std::shared_ptr<const catalog::Catalog> CurrentCatalog() {
    std::lock_guard<std::mutex> l(catalog_mutex);
    return catalog;
  }
};

struct Connection::Impl {
  enum class TxnState : uint8_t { kIdle, kBlock, kFailed };
  struct Savepoint {
    std::string name;
    size_t undo_position;
    std::shared_ptr<catalog::Catalog> catalog;  // the txn's catalog then (may be null)
    size_t settings_position = 0;               // Settings::SavepointPosition() then
  };

  Database::Impl* db = nullptr;
  Settings settings;
  std::string session_user = "postgres";  // SetSessionUser
  TxnState state = TxnState::kIdle;
  storage::UndoLog undo;
  std::shared_ptr<catalog::Catalog> txn_catalog;  // set once the txn ran DDL
  std::vector<Savepoint> savepoints;
  txn::Transaction txn;  // the running transaction (active once a statement touched data)
  std::atomic<bool> cancel{false};
  // Session functions (connection_session.cc): now() is the transaction's
  // start, statement_timestamp() the statement's; statement_timeout's deadline.
  int64_t transaction_timestamp = 0;
  int64_t statement_timestamp = 0;
  std::chrono::steady_clock::time_point statement_deadline =
      std::chrono::steady_clock::time_point::max();
  std::unique_ptr<execution::SessionHooks> session_hooks;  // created on first use
  PlanCache plan_cache;  // simple-protocol plans by statement shape (plan_cache.cc)
  CopyIo copy_io;  // COPY FROM STDIN / TO STDOUT data of the running CopyFrom / CopyTo
  // Set by PreparedStatement::Execute for the duration of Run(): RunPlan uses
  // it instead of building a physical plan when it is for the statement's plan.
  execution::ReusablePlan* reusable_plan = nullptr;

  // The catalog this transaction sees.
  std::shared_ptr<const catalog::Catalog> Catalog() const {
    if (txn_catalog) return txn_catalog;
    return db->CurrentCatalog();
  }

  // Runs one bound statement (with `params` for $n) inside the session's
  // transaction rules; fills `out`.
  Status Run(const sql::BoundStatement& stmt, const std::vector<Value>& params, QueryResult* out);
  // Parses, binds and runs every statement of `sql`.
  std::vector<Result<QueryResult>> RunScript(std::string_view sql);
  // Runs `sql` from the plan cache when its shape has a valid plan: true and
  // the result in `results`. False: the caller runs the ordinary path (a miss
  // binds the shape for next time). Defined in plan_cache.cc.
  bool RunCached(std::string_view sql, std::vector<Result<QueryResult>>* results);

  Status RunTransactionStatement(const sql::TransactionInfo& txn, QueryResult* out);
  Status RunPlan(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                 QueryResult* out);
  Status RunDdl(const sql::BoundStatement& stmt, QueryResult* out);
  Status RunSetOrShow(const sql::BoundStatement& stmt, QueryResult* out);
  Status RunExplain(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                    QueryResult* out);

  Status RunCopyStatement(const sql::BoundStatement& stmt, QueryResult* out);
  // CopyFrom / CopyTo: binds the one COPY statement of `sql` and runs it with `io`.
  Result<QueryResult> RunCopyWith(std::string_view sql, bool from, const CopyIo& io);
  // Starts a statement's clock (and the transaction's, outside a block) and
  // its statement_timeout deadline.
  void StartStatementClock();
  // Gives `ctx` the session hooks, timestamps and deadline.
  void FillSessionContext(execution::ExecutionContext* ctx);
  // Starts the statement's transaction work: begins the transaction if
  // needed (else refreshes a READ COMMITTED snapshot), takes the schema lock
  // (exclusive for DDL) and sets the statement's wait limits.
  Status EnsureTransaction(bool ddl);
  // Makes the transaction durable (persistent databases), then publishes it.
  // On a durability error the transaction is rolled back and the error returned.
  Status Commit();
  void Rollback();
  sql::BindContext MakeBindContext(std::vector<Type> param_types = {}) const;
};

// Fills QueryResults (their fields are private to the API).
struct QueryResultBuilder {
  static void SetTag(QueryResult* r, std::string tag) { r->tag_ = std::move(tag); }
  static void SetColumns(QueryResult* r, std::vector<std::string> names, std::vector<Type> types) {
    r->names_ = std::move(names);
    r->types_ = std::move(types);
  }
  static void SetAffected(QueryResult* r, uint64_t n) { r->affected_ = n; }
  static void AddNotice(QueryResult* r, std::string notice) { r->notices_.push_back(std::move(notice)); }
  static void AddNotices(QueryResult* r, std::vector<std::string> notices) {
    for (auto& n : notices) r->notices_.push_back(std::move(n));
  }
  // Appends a chunk of rows (moved); empty chunks are dropped.
  static void AppendChunk(QueryResult* r, DataChunk chunk) {
    if (chunk.size == 0) return;
    r->chunk_starts_.push_back(r->row_count_);
    r->row_count_ += chunk.size;
    r->chunks_.push_back(std::move(chunk));
  }
};

}  // namespace omen
