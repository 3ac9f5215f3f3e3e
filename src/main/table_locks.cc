// The table locks a statement takes (database_impl.h invariant 3), in
// PostgreSQL's modes: ACCESS SHARE for tables read, ROW SHARE for SELECT
// ... FOR UPDATE/SHARE, ROW EXCLUSIVE for DML targets and COPY FROM, SHARE
// for CREATE INDEX, ACCESS EXCLUSIVE for TRUNCATE, DROP and ALTER TABLE;
// and LOCK TABLE.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "common/sqlstate.h"
#include "main/database_impl.h"
#include "sql/optimizer_util.h"
#include "txn/lock_table.h"

namespace omen {

namespace {

using txn::TableLockMode;
using TablePtr = std::shared_ptr<const catalog::TableDef>;

// The statement's plan (or `keep`) owns `def` while the locks are taken.
struct LockRequest {
  const catalog::TableDef* def;
  TableLockMode mode;
};
using LockList = absl::InlinedVector<LockRequest, 4>;  // no allocation per statement

void Add(LockList* out, const catalog::TableDef* def, TableLockMode mode) {
  if (def == nullptr || def->is_view || def->data == nullptr || def->oid == 0) return;
  for (const LockRequest& r : *out) {
    if (r.def->oid == def->oid && r.mode == mode) return;
  }
  out->push_back(LockRequest{def, mode});
}

void CollectPlan(const sql::LogicalOperator& op, LockList* out);

void CollectExpr(const sql::BoundExpr& e, LockList* out) {
  for (const auto& c : e.children) {
    if (c) CollectExpr(*c, out);
  }
  if (e.kind == sql::BoundExprKind::kSubquery && e.subquery) CollectPlan(*e.subquery, out);
}

void CollectPlan(const sql::LogicalOperator& op, LockList* out) {
  switch (op.kind) {
    case sql::LogicalOpKind::kGet:
      if (op.system_table == nullptr) Add(out, op.table.get(), TableLockMode::kAccessShare);
      break;
    case sql::LogicalOpKind::kLockRows:
      for (const sql::RowLockTarget& t : op.lock_targets) {
        Add(out, t.table.get(), TableLockMode::kRowShare);
      }
      break;
    case sql::LogicalOpKind::kInsert:
    case sql::LogicalOpKind::kUpdate:
    case sql::LogicalOpKind::kDelete:
      Add(out, op.table.get(), TableLockMode::kRowExclusive);
      break;
    default:
      break;
  }
  sql::ForEachExpr(const_cast<sql::LogicalOperator*>(&op), [&](sql::BoundExprPtr& e) {
    if (e) CollectExpr(*e, out);
  });
  for (const auto& c : op.children) {
    if (c) CollectPlan(*c, out);
  }
}

// The lock list of the last plan this thread ran (prepared and cached
// statements run the same plan again and again). Valid while `plan` has not
// expired: the plan owns the TableDefs the list points to, and an expired
// weak pointer cannot match a new plan at a reused address.
struct PlanLocks {
  std::weak_ptr<sql::LogicalOperator> plan;
  const sql::LogicalOperator* raw = nullptr;
  LockList locks;
};

const LockList& PlanLockList(const sql::LogicalOperatorPtr& plan) {
  thread_local PlanLocks cache;
  if (cache.raw != plan.get() || cache.plan.expired()) {
    cache.locks.clear();
    CollectPlan(*plan, &cache.locks);
    cache.plan = plan;
    cache.raw = plan.get();
  }
  return cache.locks;
}

// Whether `stmt`'s locks are read off its plan alone.
bool UsesPlanLocks(const sql::BoundStatement& stmt) {
  using K = sql::StatementKind;
  return stmt.plan != nullptr && (stmt.kind == K::kSelect || stmt.kind == K::kInsert ||
                                  stmt.kind == K::kUpdate || stmt.kind == K::kDelete);
}

// The other statements' locks: DDL names its tables, looked up in the
// catalog it will edit (`keep` owns them while they are locked).
void CollectNamedLocks(const sql::BoundStatement& stmt,
                       const std::function<std::shared_ptr<const catalog::Catalog>()>& catalog,
                       const std::vector<std::string>& path, LockList* locks,
                       std::vector<TablePtr>* keep) {
  using K = sql::StatementKind;
  std::shared_ptr<const catalog::Catalog> cat;
  auto find = [&](const std::string& schema, const std::string& name) {
    if (cat == nullptr) cat = catalog();
    keep->push_back(cat->FindTable(schema, name, path));
    return keep->back().get();
  };
  switch (stmt.kind) {
    case K::kTruncate:
      for (const TablePtr& t : stmt.truncate_tables) {
        Add(locks, find(t->schema, t->name), TableLockMode::kAccessExclusive);
      }
      break;
    case K::kDrop:
      for (const auto& [schema, name] : stmt.drop.names) {
        if (stmt.drop.object == sql::DropInfo::ObjectKind::kTable) {
          Add(locks, find(schema, name), TableLockMode::kAccessExclusive);
        } else if (stmt.drop.object == sql::DropInfo::ObjectKind::kIndex) {
          if (cat == nullptr) cat = catalog();
          std::vector<std::string> schemas = schema.empty() ? path : std::vector<std::string>{schema};
          if (schema.empty()) schemas.push_back("public");
          for (const std::string& s : schemas) {
            if (TablePtr owner = cat->FindIndexOwner(s, name)) {
              keep->push_back(owner);
              Add(locks, owner.get(), TableLockMode::kAccessExclusive);
              break;
            }
          }
        }
      }
      break;
    case K::kAlterTable:
      Add(locks, find(stmt.alter.schema, stmt.alter.table), TableLockMode::kAccessExclusive);
      break;
    case K::kCreateIndex:
      Add(locks, find(stmt.create_index.schema, stmt.create_index.table), TableLockMode::kShare);
      break;
    case K::kCopy:
      if (stmt.copy.table != nullptr) {
        Add(locks, find(stmt.copy.table->schema, stmt.copy.table->name),
            stmt.copy.is_from ? TableLockMode::kRowExclusive : TableLockMode::kAccessShare);
      }
      if (stmt.copy.query_plan) CollectPlan(*stmt.copy.query_plan, locks);
      break;
    case K::kExplain:
      if (stmt.inner && stmt.inner->plan) CollectPlan(*stmt.inner->plan, locks);
      break;
    default:  // CREATE TABLE ... AS and the like: what their plan reads
      if (stmt.plan) CollectPlan(*stmt.plan, locks);
      break;
  }
}

}  // namespace

Status Connection::Impl::LockStatementTables(const sql::BoundStatement& stmt) {
  const LockList* list;
  LockList named;
  std::vector<TablePtr> keep;
  if (UsesPlanLocks(stmt)) {
    list = &PlanLockList(stmt.plan);  // queries and DML: the common, cached case
  } else {
    CollectNamedLocks(stmt, [this] { return Catalog(); }, settings.SearchPath(), &named, &keep);
    list = &named;
  }
  const LockList& locks = *list;
  bool any_waited = false;
  for (const LockRequest& r : locks) {
    bool waited = false;
    OMEN_RETURN_IF_ERROR(db->txn_manager.LockTable(txn, r.def->oid, r.mode, undo.wait,
                                                   r.def->name, &waited));
    any_waited |= waited;
  }
  if (!any_waited) return Status::OK();
  // It waited for another transaction's lock: read what that one committed
  // (a READ COMMITTED statement's snapshot follows its locks, as in
  // PostgreSQL), and refuse a plan bound to a table that changed meanwhile.
  if (txn.isolation() == txn::IsolationLevel::kReadCommitted) db->txn_manager.RefreshSnapshot(txn);
  std::shared_ptr<const catalog::Catalog> now = Catalog();
  for (const LockRequest& r : locks) {
    TablePtr current = now->FindTable(r.def->schema, r.def->name, {});
    if (current == nullptr || current->oid != r.def->oid) {
      return Status(sqlstate::kUndefinedTable, "relation \"" + r.def->name + "\" does not exist");
    }
    if (current->data != r.def->data || current->columns.size() != r.def->columns.size()) {
      return Status(sqlstate::kSerializationFailure,
                    "could not serialize access due to concurrent change of relation \"" +
                        r.def->name + "\"")
          .WithHint("The transaction might succeed if retried.");
    }
  }
  return Status::OK();
}

Status Connection::Impl::RunLockTable(const sql::BoundStatement& stmt, QueryResult* out) {
  std::shared_ptr<const catalog::Catalog> cat = Catalog();
  std::vector<TablePtr> tables;
  for (const auto& [schema, name] : stmt.lock.names) {
    TablePtr def = cat->FindTable(schema, name, settings.SearchPath());
    if (def == nullptr) {
      return Status(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
    }
    if (def->is_view || def->data == nullptr) {
      return Status(sqlstate::kFeatureNotSupported, "LOCK TABLE on a view is not supported");
    }
    tables.push_back(std::move(def));
  }
  txn::WaitOptions wait = undo.wait;
  wait.nowait = stmt.lock.nowait;
  for (const TablePtr& def : tables) {
    OMEN_RETURN_IF_ERROR(db->txn_manager.LockTable(
        txn, def->oid, static_cast<TableLockMode>(stmt.lock.mode), wait, def->name));
  }
  QueryResultBuilder::SetTag(out, "LOCK TABLE");
  return Status::OK();
}

}  // namespace omen
