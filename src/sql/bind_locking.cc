// SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF ...]
// [NOWAIT | SKIP LOCKED]: the locking clause's checks (PostgreSQL's
// CheckSelectLocking and transformLockingClause) and the scan it locks. The
// plan shape and the kLockRows operator are built by SelectBinder
// (bind_select.cc); execution/physical_lock_rows.cc takes the locks.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>

#include "common/sqlstate.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

uint8_t StrengthOf(PgQuery__LockClauseStrength s) {
  switch (s) {
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE: return 0;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE: return 1;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE: return 2;
    default: return 3;
  }
}

uint8_t WaitOf(PgQuery__LockWaitPolicy p) {
  switch (p) {
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip: return 1;
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitError: return 2;
    default: return 0;
  }
}

}  // namespace

std::string LockingSpec::Name() const {
  switch (strength) {
    case 0: return "FOR KEY SHARE";
    case 1: return "FOR SHARE";
    case 2: return "FOR NO KEY UPDATE";
    default: return "FOR UPDATE";
  }
}

LockingSpec ParseLockingClause(const PgQuery__SelectStmt* s) {
  LockingSpec spec;
  bool first = true;
  for (size_t i = 0; i < s->n_locking_clause; ++i) {
    const PgQuery__Node* n = s->locking_clause[i];
    if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_LOCKING_CLAUSE) continue;
    const PgQuery__LockingClause* lc = n->locking_clause;
    uint8_t strength = StrengthOf(lc->strength);
    uint8_t wait = WaitOf(lc->wait_policy);
    // PostgreSQL's error messages name the first clause; the lock taken is
    // the strongest, and NOWAIT wins over SKIP LOCKED over waiting.
    spec.strength = first ? strength : std::max(spec.strength, strength);
    if (wait == 2 || (wait == 1 && spec.wait == 0)) spec.wait = wait;
    first = false;
    spec.any = true;
    for (size_t r = 0; r < lc->n_locked_rels; ++r) {
      const PgQuery__Node* rel = lc->locked_rels[r];
      if (rel == nullptr || rel->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
      spec.of.emplace_back(rel->range_var->relname, rel->range_var->location);
    }
  }
  return spec;
}

Status PrepareLockedScan(const LockingSpec& spec, LogicalOperator* from, int* row_id) {
  *row_id = -1;
  bool table = from != nullptr && from->kind == LogicalOpKind::kGet && from->table != nullptr;
  for (const auto& [name, location] : spec.of) {
    if (table && (from->alias.empty() ? from->table->name : from->alias) == name) continue;
    return WithLocation(Status(sqlstate::kUndefinedTable, "relation \"" + name + "\" in " +
                                                              spec.Name() +
                                                              " clause not found in FROM clause"),
                        location);
  }
  if (from == nullptr || from->kind == LogicalOpKind::kDummy ||
      (from->kind == LogicalOpKind::kValues && from->system_table == nullptr)) {
    return Status::OK();  // nothing lockable (PostgreSQL skips functions and VALUES too)
  }
  if (!table) {
    return Status(sqlstate::kFeatureNotSupported,
                  "SELECT ... " + spec.Name() +
                      " is supported on a single table only (not on joins, subqueries, views "
                      "or system catalogs)");
  }
  from->emit_row_id = true;
  from->types.push_back(Type(TypeId::kInt64));
  from->names.push_back("ctid");
  *row_id = static_cast<int>(from->types.size()) - 1;
  return Status::OK();
}

}  // namespace omen::sql
