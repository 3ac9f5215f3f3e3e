#include <malloc.h>

#include <utility>

#include "catalog/reg_name_resolver.h"
#include "common/type_io.h"
#include "execution/executor.h"
#include "main/database_impl.h"
#include "main/ddl_executor.h"
#include "main/ddl_internal.h"
#include "sql/binder.h"
#include "sql/parser.h"

namespace omen {

namespace {

Status AbortedBlockError() {
  return Status(sqlstate::kInFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction block");
}

// Statements that may run in an aborted transaction block.
bool AllowedWhenFailed(const sql::BoundStatement& s) {
  if (s.kind != sql::StatementKind::kTransaction) return false;
  using T = sql::TransactionInfo::Kind;
  return s.txn.kind == T::kCommit || s.txn.kind == T::kRollback || s.txn.kind == T::kRollbackTo;
}

std::string DmlTag(sql::StatementKind k, uint64_t n) {
  switch (k) {
    case sql::StatementKind::kInsert: return "INSERT 0 " + std::to_string(n);
    case sql::StatementKind::kUpdate: return "UPDATE " + std::to_string(n);
    case sql::StatementKind::kDelete: return "DELETE " + std::to_string(n);
    default: return "SELECT " + std::to_string(n);
  }
}

}  // namespace

sql::BindContext Connection::Impl::MakeBindContext(std::vector<Type> param_types) const {
  sql::BindContext ctx;
  ctx.catalog = Catalog();
  ctx.search_path = settings.SearchPath();
  ctx.parameter_types = std::move(param_types);
  // reg* literals ('t'::regclass) resolve against what this statement binds to.
  catalog::InstallRegNameResolver(ctx.catalog, ctx.search_path);
  settings.InstallThreadTimeZone();
  return ctx;
}

namespace {

txn::IsolationLevel IsolationOf(const Settings& settings) {
  const std::string& level = settings.TransactionIsolation();
  if (level == "serializable") return txn::IsolationLevel::kSerializable;
  if (level == "repeatable read") return txn::IsolationLevel::kRepeatableRead;
  return txn::IsolationLevel::kReadCommitted;
}

}  // namespace

Status Connection::Impl::EnsureTransaction(bool ddl) {
  if (!txn.active()) {
    db->txn_manager.Begin(txn, IsolationOf(settings));
    undo.Attach(&db->txn_manager, &txn);
  } else if (txn.isolation() == txn::IsolationLevel::kReadCommitted) {
    db->txn_manager.RefreshSnapshot(txn);
  }
  undo.wait.statement_deadline = statement_deadline;
  undo.wait.lock_timeout = std::chrono::milliseconds(settings.LockTimeoutMs());
  undo.wait.cancel = &cancel;
  if (!ddl) return Status::OK();  // queries and DML take table locks only (LockStatementTables)
  txn.NoteWrite(&db->schema_lock);  // catalog changes commit through the sequence too
  return db->txn_manager.LockResource(txn, &db->schema_lock, txn::LockMode::kExclusive, undo.wait);
}

Status Connection::Impl::Commit() {
  auto publish_catalog = [this] {
    if (!txn_catalog) return;
    std::lock_guard<std::mutex> l(db->catalog_mutex);
    db->catalog = txn_catalog;
  };
  if (txn.active() && !txn.wrote()) {
    // Read-only (every autocommit query): no batch, no timestamp, nothing
    // to stamp -- just the end of the transaction.
    (void)db->txn_manager.Commit(txn, nullptr, nullptr);
  } else if (txn.active()) {
    // Durability (issue 5): large bulk loads are ingested first, outside the
    // commit mutex (Prepare); the batch goes to the committer in timestamp
    // order under the commit mutex (the hook); the wait for its WAL write
    // (and sync) runs outside that mutex (`durable`), so concurrent commits
    // share one sync, and before anything is stamped, published or unlocked.
    std::unique_ptr<Durability::Prepared> prepared;
    if (db->durability != nullptr) {
      auto p = db->durability->Prepare(undo, *db->CurrentCatalog(), txn_catalog.get());
      if (!p.ok()) {
        Rollback();
        return p.status();
      }
      prepared = std::move(*p);
    }
    persist::CommitTicket ticket;
    auto to_committer = [&](txn::commit_ts_t) -> Status {
      if (db->durability == nullptr) return Status::OK();
      auto sync = settings.Show("synchronous_commit");
      OMEN_ASSIGN_OR_RETURN(ticket, db->durability->Enqueue(undo, *db->CurrentCatalog(),
                                                            txn_catalog.get(),
                                                            !sync.ok() || *sync != "off",
                                                            prepared.get()));
      return Status::OK();
    };
    auto durable = [&](txn::commit_ts_t) -> Status {
      return ticket.pending != nullptr ? db->durability->store().Wait(ticket) : Status::OK();
    };
    auto stamp = [&](txn::commit_ts_t ts) {
      undo.Stamp(ts);
      publish_catalog();
    };
    Result<txn::commit_ts_t> ts = db->txn_manager.Commit(txn, to_committer, stamp, durable);
    prepared.reset();
    if (!ts.ok()) {
      Rollback();
      return ts.status();
    }
    if (*ts != 0) {  // it wrote: queue its versions, reclaim a few old batches
      undo.Release(&db->reclaimer, *ts);
      db->reclaimer.Collect(db->txn_manager.Horizon(), 8);
    }
  } else {
    publish_catalog();
    undo.Clear();
  }
  txn_catalog.reset();
  savepoints.clear();
  settings.EndTransaction();
  state = TxnState::kIdle;
  return Status::OK();
}

void Connection::Impl::Rollback() {
  undo.RollbackTo(0);  // before Abort: waiters wake to the restored rows
  if (txn.active()) db->txn_manager.Abort(txn);
  txn_catalog.reset();
  savepoints.clear();
  settings.EndTransaction(false);
  state = TxnState::kIdle;
}

Status Connection::Impl::RunTransactionStatement(const sql::TransactionInfo& txn, QueryResult* out) {
  using T = sql::TransactionInfo::Kind;
  switch (txn.kind) {
    case T::kBegin:
      QueryResultBuilder::SetTag(out, "BEGIN");
      if (state != TxnState::kIdle) {
        QueryResultBuilder::AddNotice(out, "WARNING:  there is already a transaction in progress");
        return Status::OK();
      }
      state = TxnState::kBlock;
      if (!txn.isolation.empty()) {
        OMEN_RETURN_IF_ERROR(settings.Set("transaction_isolation", txn.isolation, true));
      }
      return Status::OK();
    case T::kCommit:
      if (state == TxnState::kIdle) {
        QueryResultBuilder::AddNotice(out, "WARNING:  there is no transaction in progress");
        QueryResultBuilder::SetTag(out, "COMMIT");
        return Status::OK();
      }
      QueryResultBuilder::SetTag(out, state == TxnState::kFailed ? "ROLLBACK" : "COMMIT");
      if (state == TxnState::kFailed) {
        Rollback();
        return Status::OK();
      }
      return Commit();
    case T::kRollback:
      if (state == TxnState::kIdle) {
        QueryResultBuilder::AddNotice(out, "WARNING:  there is no transaction in progress");
      }
      Rollback();
      QueryResultBuilder::SetTag(out, "ROLLBACK");
      return Status::OK();
    case T::kSavepoint:
      if (state == TxnState::kIdle) {
        return Status(sqlstate::kNoActiveSqlTransaction,
                      "SAVEPOINT can only be used in transaction blocks");
      }
      savepoints.push_back(Savepoint{txn.savepoint, undo.Position(), txn_catalog,
                                   settings.SavepointPosition(),
                                   txn::TransactionManager::TableLockPosition(this->txn)});
      QueryResultBuilder::SetTag(out, "SAVEPOINT");
      return Status::OK();
    case T::kRelease:
    case T::kRollbackTo: {
      bool release = txn.kind == T::kRelease;
      if (state == TxnState::kIdle) {
        return Status(sqlstate::kNoActiveSqlTransaction,
                      std::string(release ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT") +
                          " can only be used in transaction blocks");
      }
      size_t i = savepoints.size();
      while (i > 0 && savepoints[i - 1].name != txn.savepoint) --i;
      if (i == 0) {
        return Status(sqlstate::kInvalidSavepointSpecification,
                      "savepoint \"" + txn.savepoint + "\" does not exist");
      }
      if (release) {
        savepoints.resize(i - 1);
        QueryResultBuilder::SetTag(out, "RELEASE");
      } else {
        const Savepoint& sp = savepoints[i - 1];
        undo.RollbackTo(sp.undo_position);
        db->txn_manager.ReleaseTableLocksAfter(this->txn, sp.table_lock_position);
        txn_catalog = sp.catalog;
        settings.RollbackTo(sp.settings_position);
        savepoints.resize(i);
        state = TxnState::kBlock;
        QueryResultBuilder::SetTag(out, "ROLLBACK");
      }
      return Status::OK();
    }
  }
  return Status(sqlstate::kInternalError, "unknown transaction statement");
}

Status Connection::Impl::RunSetOrShow(const sql::BoundStatement& stmt, QueryResult* out) {
  if (stmt.kind == sql::StatementKind::kSet) {
    if (stmt.reset) {
      OMEN_RETURN_IF_ERROR(settings.Reset(stmt.set_name, stmt.set_local));
      QueryResultBuilder::SetTag(out, "RESET");
      return Status::OK();
    }
    if (stmt.set_local && state == TxnState::kIdle) {
      QueryResultBuilder::AddNotice(out, "WARNING:  SET LOCAL can only be used in transaction blocks");
      QueryResultBuilder::SetTag(out, "SET");
      return Status::OK();
    }
    OMEN_RETURN_IF_ERROR(settings.Set(stmt.set_name, stmt.set_value, stmt.set_local));
    QueryResultBuilder::SetTag(out, "SET");
    return Status::OK();
  }
  QueryResultBuilder::SetTag(out, "SHOW");
  if (stmt.set_name == "all") {
    QueryResultBuilder::SetColumns(out, {"name", "setting", "description"},
                                   {Type(TypeId::kText), Type(TypeId::kText), Type(TypeId::kText)});
    DataChunk chunk({Type(TypeId::kText), Type(TypeId::kText), Type(TypeId::kText)});
    for (auto& [name, value] : settings.All()) {
      chunk.AppendRow({Value::Text(name), Value::Text(value), Value::Text("")});
    }
    QueryResultBuilder::AppendChunk(out, std::move(chunk));
    return Status::OK();
  }
  OMEN_ASSIGN_OR_RETURN(std::string value, settings.Show(stmt.set_name));
  QueryResultBuilder::SetColumns(out, {stmt.set_name}, {Type(TypeId::kText)});
  DataChunk chunk({Type(TypeId::kText)});
  chunk.AppendRow({Value::Text(value)});
  QueryResultBuilder::AppendChunk(out, std::move(chunk));
  return Status::OK();
}

Status Connection::Impl::RunPlan(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                                 QueryResult* out) {
  execution::ExecutionContext ctx;
  ctx.parameters = params;
  ctx.undo = &undo;
  ctx.cancel = &cancel;
  FillSessionContext(&ctx);
  const bool reuse = reusable_plan != nullptr && reusable_plan->logical() == stmt.plan.get();
  if (reuse && reusable_columns != nullptr) {
    QueryResultBuilder::SetColumns(out, *reusable_columns);
  } else {
    QueryResultBuilder::SetColumns(out, stmt.names, stmt.types);
  }
  // The result set, while the statement runs (then it is the caller's).
  MemoryReservation result_memory(MemoryComponent::kResults);
  auto sink = [out, &result_memory](DataChunk& chunk) {
    OMEN_RETURN_IF_ERROR(result_memory.Grow(EstimateBytes(chunk)));
    QueryResultBuilder::AppendChunk(out, std::move(chunk));
    return Status::OK();
  };
  OMEN_ASSIGN_OR_RETURN(uint64_t n, reuse ? reusable_plan->Execute(ctx, sink)
                                          : execution::Execute(*stmt.plan, ctx, sink));
  QueryResultBuilder::SetAffected(out, n);
  QueryResultBuilder::SetTag(out, DmlTag(stmt.kind, n));
  return Status::OK();
}

Status Connection::Impl::RunDdl(const sql::BoundStatement& stmt, QueryResult* out) {
  // A new catalog version per DDL statement: savepoints and a failed
  // statement keep pointing at the version before it.
  std::shared_ptr<catalog::Catalog> next = Catalog()->Clone();
  std::string tag;
  std::vector<std::string> notices;
  if (stmt.kind == sql::StatementKind::kRole) {
    tag = stmt.tag;
    OMEN_RETURN_IF_ERROR(ddl::ExecuteRole(stmt.role, session_user, next.get(), &notices));
  } else {
    OMEN_RETURN_IF_ERROR(
        ExecuteDdl(stmt, settings.SearchPath(), next.get(), &undo, &tag, &notices));
  }
  // CREATE TABLE ... AS: fill the new table (not when IF NOT EXISTS found one).
  if (stmt.kind == sql::StatementKind::kCreateTable && stmt.plan && notices.empty()) {
    execution::ExecutionContext ctx;
    ctx.undo = &undo;
    ctx.cancel = &cancel;
    FillSessionContext(&ctx);
    OMEN_ASSIGN_OR_RETURN(uint64_t n, ddl::FillCreatedTable(stmt, *next, ctx));
    tag = "SELECT " + std::to_string(n);
  }
  txn_catalog = std::move(next);
  QueryResultBuilder::SetTag(out, tag);
  QueryResultBuilder::AddNotices(out, std::move(notices));
  return Status::OK();
}

Status Connection::Impl::RunExplain(const sql::BoundStatement& stmt,
                                    const std::vector<Value>& params, QueryResult* out) {
  const sql::BoundStatement& inner = *stmt.inner;
  if (!inner.plan) {
    return Status(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
  }
  std::string text;
  if (stmt.explain_analyze) {
    execution::ExecutionContext ctx;
    ctx.parameters = params;
    ctx.undo = &undo;
    ctx.cancel = &cancel;
    FillSessionContext(&ctx);
    OMEN_ASSIGN_OR_RETURN(text, execution::ExplainAnalyze(*inner.plan, ctx));
  } else {
    text = inner.plan->ToString();
  }
  QueryResultBuilder::SetColumns(out, {"QUERY PLAN"}, {Type(TypeId::kText)});
  DataChunk chunk({Type(TypeId::kText)});
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    chunk.AppendRow({Value::Text(text.substr(start, end - start))});
    start = end + 1;
  }
  QueryResultBuilder::AppendChunk(out, std::move(chunk));
  QueryResultBuilder::SetTag(out, "EXPLAIN");
  return Status::OK();
}

Status Connection::Impl::Run(const sql::BoundStatement& stmt, const std::vector<Value>& params,
                             QueryResult* out) {
  cancel.store(false);
  StartStatementClock();
  if (state == TxnState::kFailed && !AllowedWhenFailed(stmt)) return AbortedBlockError();
  using K = sql::StatementKind;
  if ((stmt.kind == K::kNoOp || stmt.kind == K::kAnalyze) && stmt.tag == "VACUUM" &&
      state != TxnState::kIdle) {
    state = TxnState::kFailed;
    return Status(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  switch (stmt.kind) {
    case K::kTransaction:
      return RunTransactionStatement(stmt.txn, out);
    case K::kSet:
    case K::kShow: {
      // Outside a block the statement is its own transaction; inside one a
      // failure aborts the block.
      Status s = RunSetOrShow(stmt, out);
      if (state == TxnState::kIdle) {
        settings.EndTransaction(s.ok());
      } else if (!s.ok()) {
        state = TxnState::kFailed;
      }
      return s;
    }
    case K::kNoOp:
      // VACUUM: reclaim every version no snapshot needs, then let inserts
      // reuse the slots of rows that are gone for everyone.
      if (stmt.tag == "VACUUM") {
        db->reclaimer.Collect(db->txn_manager.Horizon());
        std::shared_ptr<const catalog::Catalog> cat = Catalog();
        for (const auto& [name, def] : cat->tables()) {
          if (def->data != nullptr) def->data->Vacuum();
        }
        malloc_trim(0);  // and hand the freed pages back to the system
      }
      QueryResultBuilder::SetTag(out, stmt.tag);
      return Status::OK();
    default:
      break;
  }
  bool implicit = state == TxnState::kIdle;
  bool plan_kind = stmt.kind == K::kSelect || stmt.kind == K::kInsert ||
                   stmt.kind == K::kUpdate || stmt.kind == K::kDelete ||
                   stmt.kind == K::kExplain || stmt.kind == K::kCopy;
  size_t undo_position = undo.Position();
  std::shared_ptr<catalog::Catalog> catalog_before = txn_catalog;
  if (stmt.kind == K::kLockTable && implicit) {
    return Status(sqlstate::kNoActiveSqlTransaction,
                  "LOCK TABLE can only be used in transaction blocks");
  }
  Status s = EnsureTransaction(!plan_kind && stmt.kind != K::kLockTable);
  if (s.ok()) s = LockStatementTables(stmt);
  if (!s.ok()) {
    // The statement did not start: handled as its failure below.
  } else if (stmt.kind == K::kLockTable) {
    s = RunLockTable(stmt, out);
  } else if (stmt.kind == K::kExplain) {
    s = RunExplain(stmt, params, out);
  } else if (stmt.kind == K::kCopy) {
    s = RunCopyStatement(stmt, out);
  } else if (plan_kind) {
    s = RunPlan(stmt, params, out);
  } else {
    s = RunDdl(stmt, out);
  }
  if (!s.ok()) {
    undo.RollbackTo(undo_position);
    txn_catalog = catalog_before;
    if (implicit) {
      Rollback();
    } else {
      state = TxnState::kFailed;
    }
    return s;
  }
  if (implicit) return Commit();
  return Status::OK();
}

std::vector<Result<QueryResult>> Connection::Impl::RunScript(std::string_view sql) {
  std::vector<Result<QueryResult>> results;
  if (RunCached(sql, &results)) return results;
  auto parsed = sql::Parse(sql);
  if (!parsed.ok()) {
    if (state == TxnState::kBlock) state = TxnState::kFailed;
    results.emplace_back(parsed.status());
    return results;
  }
  // Several statements: one implicit transaction (connection_script.cc).
  bool multi = parsed->size() > 1;
  for (size_t i = 0; i < parsed->size(); ++i) {
    if (multi) BeginImplicitBlock();
    auto bound = sql::Bind(parsed->statement(i), MakeBindContext());
    if (!bound.ok()) {
      // In an aborted block PostgreSQL refuses every statement before
      // analysing it; otherwise a statement that fails to bind fails like
      // one that fails to run.
      if (state == TxnState::kFailed) {
        results.emplace_back(AbortedBlockError());
        return results;
      }
      if (state == TxnState::kBlock) state = TxnState::kFailed;
      (void)EndImplicitBlock(false);
      results.emplace_back(bound.status());
      return results;
    }
    QueryResult out;
    Status s;
    if (!RunInImplicitBlock(*bound, &s, &out)) s = Run(*bound, {}, &out);
    if (!s.ok()) {
      (void)EndImplicitBlock(false);
      results.emplace_back(std::move(s));
      return results;
    }
    results.emplace_back(std::move(out));
  }
  Status end = EndImplicitBlock(true);
  if (!end.ok()) results.emplace_back(std::move(end));
  return results;
}

Status Connection::Impl::RunCopyStatement(const sql::BoundStatement& stmt, QueryResult* out) {
  execution::ExecutionContext ctx;
  ctx.undo = &undo;
  ctx.cancel = &cancel;
  FillSessionContext(&ctx);
  OMEN_ASSIGN_OR_RETURN(uint64_t n, RunCopy(stmt.copy, ctx, copy_io));
  QueryResultBuilder::SetAffected(out, n);
  QueryResultBuilder::SetTag(out, "COPY " + std::to_string(n));
  return Status::OK();
}

Result<QueryResult> Connection::Impl::RunCopyWith(std::string_view sql, bool from,
                                                  const CopyIo& io) {
  OMEN_ASSIGN_OR_RETURN(sql::ParsedScript parsed, sql::Parse(sql));
  const char* want = from ? "COPY ... FROM STDIN" : "COPY ... TO STDOUT";
  if (parsed.size() != 1) {
    return Status(sqlstate::kFeatureNotSupported, std::string("expected one ") + want + " statement");
  }
  auto bound = sql::Bind(parsed.statement(0), MakeBindContext());
  if (!bound.ok()) {
    if (state == TxnState::kFailed) return AbortedBlockError();
    if (state == TxnState::kBlock) state = TxnState::kFailed;
    return bound.status();
  }
  if (bound->kind != sql::StatementKind::kCopy || bound->copy.is_from != from ||
      !bound->copy.filename.empty()) {
    return Status(sqlstate::kFeatureNotSupported, std::string("expected a ") + want + " statement");
  }
  QueryResult out;
  copy_io = io;
  Status s = Run(*bound, {}, &out);
  copy_io = CopyIo();
  if (!s.ok()) return s;
  return out;
}

Result<QueryResult> Connection::CopyFrom(std::string_view copy_sql, std::string_view data) {
  bool done = false;
  CopySource source = [&](std::string* chunk) -> Result<bool> {
    if (done) return false;
    done = true;
    chunk->assign(data);
    return true;
  };
  return CopyFrom(copy_sql, source);
}

Result<QueryResult> Connection::CopyFrom(std::string_view copy_sql, const CopySource& source) {
  CallScope call(impl_.get());
  OMEN_RETURN_IF_ERROR(call.status());
  CopyIo io;
  io.source = &source;
  return impl_->RunCopyWith(copy_sql, true, io);
}

Result<QueryResult> Connection::CopyTo(std::string_view copy_sql, const CopySink& sink) {
  CallScope call(impl_.get());
  OMEN_RETURN_IF_ERROR(call.status());
  CopyIo io;
  io.sink = &sink;
  return impl_->RunCopyWith(copy_sql, false, io);
}

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Connection::~Connection() {
  if (!impl_) return;
  std::lock_guard<std::mutex> l(impl_->call_mu);  // idle_reaper.h invariant 4
  if (impl_->idle_armed) impl_->db->idle_reaper.Disarm(impl_.get());
  if (impl_->state != Impl::TxnState::kIdle) {
    ScopedCurrentBudget budget(impl_->db->memory.get());
    impl_->Rollback();
  }
}

Result<QueryResult> Connection::Execute(std::string_view sql) {
  CallScope call(impl_.get());
  OMEN_RETURN_IF_ERROR(call.status());
  std::vector<Result<QueryResult>> all = impl_->RunScript(sql);
  if (all.empty()) {
    QueryResult empty;
    return empty;
  }
  return std::move(all.back());
}

std::vector<Result<QueryResult>> Connection::ExecuteAll(std::string_view sql) {
  CallScope call(impl_.get());
  if (!call.status().ok()) return {Result<QueryResult>(call.status())};
  return impl_->RunScript(sql);
}

char Connection::TransactionStatus() const {
  std::lock_guard<std::mutex> l(impl_->call_mu);  // the idle reaper may end the block
  switch (impl_->state) {
    case Impl::TxnState::kIdle: return 'I';
    case Impl::TxnState::kBlock: return 'T';
    case Impl::TxnState::kFailed: return 'E';
  }
  return 'I';
}

std::string Connection::GetSetting(std::string_view name) const {
  std::lock_guard<std::mutex> l(impl_->call_mu);
  auto v = impl_->settings.Show(name);
  return v.ok() ? *v : std::string();
}

int64_t Connection::IdleTimeoutMs() const {
  std::lock_guard<std::mutex> l(impl_->call_mu);
  if (impl_->terminated || impl_->state == Impl::TxnState::kIdle) return 0;
  return impl_->settings.IdleInTransactionTimeoutMs();
}

void Connection::Cancel() { impl_->cancel.store(true); }

}  // namespace omen
