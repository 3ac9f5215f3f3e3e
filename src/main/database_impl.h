#pragma once
// Internals shared by database.cc, connection.cc and prepared_statement.cc.
//
// Invariants (single-writer engine until issue 4):
// 1. `catalog` is the committed catalog version; a transaction that runs DDL
//    edits its own Clone() and publishes it at COMMIT.
// 2. Statements that change data or the catalog hold `write_mutex`
//    exclusively for their whole transaction block (taken at the first
//    writing statement, released at COMMIT/ROLLBACK); reads take it shared
//    per statement. So one writer at a time, and readers never see a
//    half-applied statement. (MVCC replaces this in issue 4.)
// 3. Every change is in the transaction's UndoLog; each statement is an
//    implicit savepoint (its undo position), so a failing statement leaves
//    no trace.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "main/settings.h"
#include "omendb/omendb.h"
#include "sql/binder.h"
#include "sql/bound_statement.h"
#include "storage/table.h"

namespace omen {

struct Database::Impl {
  DatabaseOptions options;
  std::mutex catalog_mutex;
  std::shared_ptr<const catalog::Catalog> catalog;  // guarded by catalog_mutex
  std::shared_mutex write_mutex;

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
  };

  Database::Impl* db = nullptr;
  Settings settings;
  TxnState state = TxnState::kIdle;
  storage::UndoLog undo;
  std::shared_ptr<catalog::Catalog> txn_catalog;  // set once the txn ran DDL
  std::vector<Savepoint> savepoints;
  std::unique_lock<std::shared_mutex> write_lock;  // held by a writing transaction
  std::atomic<bool> cancel{false};

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

  Status RunTransactionStatement(const sql::TransactionInfo& txn, QueryResult* out);
  Status RunPlan(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                 QueryResult* out);
  Status RunDdl(const sql::BoundStatement& stmt, QueryResult* out);
  Status RunSetOrShow(const sql::BoundStatement& stmt, QueryResult* out);
  Status RunExplain(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                    QueryResult* out);

  void EnsureWriteLock();
  void Commit();
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
