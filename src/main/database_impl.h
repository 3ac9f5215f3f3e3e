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
// 3. Table locks (table_locks.cc): every statement takes the per-table
//    locks of PostgreSQL's modes for the tables it uses (ACCESS SHARE to
//    read, ROW SHARE for FOR UPDATE/SHARE, ROW EXCLUSIVE to write, SHARE for
//    CREATE INDEX, ACCESS EXCLUSIVE for TRUNCATE/DROP/ALTER; LOCK TABLE),
//    held to transaction end; a READ COMMITTED statement that waited for one
//    re-takes its snapshot, so concurrent statements see the old or the new
//    table, never a mix. DDL also takes `schema_lock` (a resource of the
//    TransactionManager) exclusively: catalog edits are serialized, since
//    each publishes a whole catalog version; queries and DML never take it.
// 4. Every change is in the transaction's UndoLog; each statement is an
//    implicit savepoint (its undo position), so a failing statement leaves
//    no trace. COMMIT runs TransactionManager::Commit: the commit hook (the
//    batch goes to the committer: durability), stamping, visibility; then
//    the versions go to `reclaimer`, which frees what no snapshot needs.
// 5. Every public Connection / PreparedStatement call runs inside a
//    CallScope: the connection's call mutex is held (so the idle reaper's
//    background rollback never overlaps a call), and `memory` is the
//    thread's current budget (tables created then and the statement's
//    operators and results charge it; 53200 past its limit).

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/memory_budget.h"
#include "execution/executor.h"
#include "execution/session_hooks.h"
#include "main/copy.h"
#include "main/durability.h"
#include "main/idle_reaper.h"
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
  // The memory budget (DESIGN.md "Resources"): the current budget of every
  // thread inside a Connection call (CallScope), so tables created then
  // and statements' operators charge it.
  std::shared_ptr<MemoryBudget> memory;
  // idle_in_transaction_session_timeout of embedded connections. Last, so
  // its thread stops before anything it could touch is destroyed.
  IdleReaper idle_reaper;

  std::shared_ptr<const catalog::Catalog> CurrentCatalog() {
    std::lock_guard<std::mutex> l(catalog_mutex);
    return catalog;
  }
};

struct Connection::Impl : IdleReaper::Target {
  enum class TxnState : uint8_t { kIdle, kBlock, kFailed };
  struct Savepoint {
    std::string name;
    size_t undo_position;
    std::shared_ptr<catalog::Catalog> catalog;  // the txn's catalog then (may be null)
    size_t settings_position = 0;               // Settings::SavepointPosition() then
    size_t table_lock_position = 0;             // TransactionManager::TableLockPosition() then
  };

  Database::Impl* db = nullptr;
  // Held by every public call (CallScope; idle_reaper.h invariants 1-2).
  std::mutex call_mu;
  bool idle_armed = false;  // registered with db->idle_reaper
  bool terminated = false;  // ended by idle_in_transaction_session_timeout
  Settings settings;
  std::string session_user = "postgres";  // SetSessionUser
  TxnState state = TxnState::kIdle;
  // A simple-protocol message with several statements runs them as one
  // implicit transaction block (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS):
  // set while `state` is kBlock only because of that (connection_script.cc).
  bool implicit_block = false;
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
  // Set with it: the statement's result columns, shared by its results.
  const std::shared_ptr<const QueryResult::Columns>* reusable_columns = nullptr;

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
  // Implicit transaction blocks of multi-statement scripts (connection_script.cc).
  // Opens one before a statement when idle.
  void BeginImplicitBlock();
  // BEGIN/COMMIT/ROLLBACK/SAVEPOINT... inside an implicit block, as
  // PostgreSQL runs them there: BEGIN turns the block explicit (earlier
  // statements join it), COMMIT/ROLLBACK end it with PostgreSQL's warning,
  // savepoint commands fail with 25P01. False when `stmt` is not one of those.
  bool RunInImplicitBlock(const sql::BoundStatement& stmt, Status* status, QueryResult* out);
  // Ends the implicit block after the script's last statement (commit) or an
  // error (rollback); a failed commit is returned.
  Status EndImplicitBlock(bool commit);

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
  // Takes the table locks `stmt` needs (invariant 3; table_locks.cc).
  // REQUIRES: EnsureTransaction succeeded.
  Status LockStatementTables(const sql::BoundStatement& stmt);
  // LOCK TABLE (REQUIRES: in a transaction block, EnsureTransaction done).
  Status RunLockTable(const sql::BoundStatement& stmt, QueryResult* out);
  // Makes the transaction durable (persistent databases), then publishes it.
  // On a durability error the transaction is rolled back and the error returned.
  Status Commit();
  void Rollback();
  sql::BindContext MakeBindContext(std::vector<Type> param_types = {}) const;

  // IdleReaper::Target (connection_call.cc).
  std::mutex& call_mutex() override { return call_mu; }
  void TerminateIdle() override;
};

// One public call on a connection (Connection / PreparedStatement methods):
// holds the call mutex, disarms the idle reaper, makes the database's
// memory budget current; at the end arms the reaper when the session is
// left idle in a transaction block with idle_in_transaction_session_timeout
// set. status(): FATAL 25P03 once the session was terminated (the call must
// then do nothing else).
class CallScope {
 public:
  explicit CallScope(Connection::Impl* conn);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;
  Status status() const;

 private:
  Connection::Impl* conn_;
  std::lock_guard<std::mutex> lock_;
  ScopedCurrentBudget budget_;
};

// Fills QueryResults (their fields are private to the API).
struct QueryResultBuilder {
  static void SetTag(QueryResult* r, std::string tag) { r->tag_ = std::move(tag); }
  static void SetColumns(QueryResult* r, std::vector<std::string> names, std::vector<Type> types) {
    r->columns_ = std::make_shared<const QueryResult::Columns>(
        QueryResult::Columns{std::move(names), std::move(types)});
  }
  // The same columns for many results (prepared statements): no copy.
  using SharedColumns = std::shared_ptr<const QueryResult::Columns>;
  static SharedColumns MakeColumns(std::vector<std::string> names, std::vector<Type> types) {
    return std::make_shared<const QueryResult::Columns>(
        QueryResult::Columns{std::move(names), std::move(types)});
  }
  static void SetColumns(QueryResult* r, SharedColumns columns) { r->columns_ = std::move(columns); }
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
