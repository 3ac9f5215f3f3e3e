// SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF ...]
// [NOWAIT | SKIP LOCKED]: the locking clause (PostgreSQL's
// transformLockingClause) and what it does to the FROM items of its query
// level, as they are bound:
//   - a table it applies to reads its row ids (a `system` scope column) and
//     becomes a lock target;
//   - a subquery or view it applies to gets the clause pushed into it; a
//     simple one (no ORDER BY, LIMIT, OFFSET or WITH: PostgreSQL pulls it
//     up) exports its targets and leaves as extra output columns, any other
//     locks its own rows (its own kLockRows) and is opaque here;
//   - every other item (an unlocked table, a function, a CTE, an outer join
//     of unlocked items) is a recheck leaf whose output row is carried to
//     kLockRows for READ COMMITTED's re-check.
// SelectBinder (bind_select.cc) builds the kLockRows from the collector;
// execution/physical_lock_rows.cc takes the locks.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>

#include "common/sqlstate.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

uint8_t StrengthOf(PgQuery__LockClauseStrength s) {
  switch (s) {
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
      return 0;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
      return 1;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
      return 2;
    default:
      return 3;
  }
}

uint8_t WaitOf(PgQuery__LockWaitPolicy p) {
  switch (p) {
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip:
      return 1;
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitError:
      return 2;
    default:
      return 0;
  }
}

// NOWAIT wins over SKIP LOCKED over waiting (PostgreSQL's LockWaitPolicy order).
void Merge(const LockingClause& c, LockingClause* into) {
  into->strength = std::max(into->strength, c.strength);
  into->wait = std::max(into->wait, c.wait);
}

}  // namespace

std::string LockStrengthName(uint8_t strength) {
  switch (strength) {
    case 0:
      return "FOR KEY SHARE";
    case 1:
      return "FOR SHARE";
    case 2:
      return "FOR NO KEY UPDATE";
    default:
      return "FOR UPDATE";
  }
}

std::string LockingSpec::Name() const {
  return LockStrengthName(clauses.empty() ? 3 : clauses[0].strength);
}

bool LockingSpec::AppliesTo(const std::string& alias, LockingClause* merged) const {
  bool applies = false;
  for (const LockingClause& c : clauses) {
    bool named = c.rels.empty();
    for (const auto& [name, location] : c.rels) named = named || (!alias.empty() && name == alias);
    if (!named) continue;
    if (!applies) {
      merged->strength = c.strength;
      merged->wait = c.wait;
    }
    Merge(c, merged);
    applies = true;
  }
  return applies;
}

LockingSpec ParseLockingClause(const PgQuery__SelectStmt* s) {
  LockingSpec spec;
  for (size_t i = 0; i < s->n_locking_clause; ++i) {
    const PgQuery__Node* n = s->locking_clause[i];
    if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_LOCKING_CLAUSE) continue;
    const PgQuery__LockingClause* lc = n->locking_clause;
    LockingClause clause;
    clause.strength = StrengthOf(lc->strength);
    clause.wait = WaitOf(lc->wait_policy);
    for (size_t r = 0; r < lc->n_locked_rels; ++r) {
      const PgQuery__Node* rel = lc->locked_rels[r];
      if (rel == nullptr || rel->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
      clause.rels.emplace_back(rel->range_var->relname, rel->range_var->location);
    }
    spec.clauses.push_back(std::move(clause));
    spec.any = true;
  }
  return spec;
}

Status CheckLockedNames(const LockCollector& c) {
  for (const LockingClause& clause : c.spec.clauses) {
    for (const auto& [name, location] : clause.rels) {
      auto it = std::find_if(c.named.begin(), c.named.end(),
                             [&](const auto& n) { return n.first == name; });
      if (it == c.named.end()) {
        return WithLocation(
            Status(sqlstate::kUndefinedTable, "relation \"" + name + "\" in " +
                                                  LockStrengthName(clause.strength) +
                                                  " clause not found in FROM clause"),
            location);
      }
      if (!it->second.empty()) {
        return WithLocation(
            Status(sqlstate::kFeatureNotSupported,
                   LockStrengthName(clause.strength) + " cannot be applied to " + it->second),
            location);
      }
    }
  }
  return c.nullable_error;
}

void Binder::LockTableItem(LogicalOperator* get, const std::string& alias, Scope* scope,
                           size_t first) {
  if (lock_collector_ == nullptr) return;
  LockCollector& c = *lock_collector_;
  LockingClause lock;
  if (!c.spec.AppliesTo(alias, &lock)) {
    NoteUnlockedItem(get, alias, *scope, first, "");
    return;
  }
  c.named.emplace_back(alias, "");
  get->emit_row_id = true;
  get->types.push_back(Type(TypeId::kInt64));
  get->names.push_back("ctid");
  get->recheck_tag = NextRecheckTag();
  scope->columns.push_back({"", "", Type(TypeId::kInt64), false, true});
  RowLockTarget t;
  t.table = get->table;
  t.row_id_column = static_cast<int>(scope->columns.size() - 1);
  t.strength = lock.strength;
  t.wait = lock.wait;
  t.recheck_tag = get->recheck_tag;
  c.targets.push_back(std::move(t));
  c.locked.push_back({first, scope->columns.size(), lock.strength});
}

void Binder::NoteUnlockedItem(LogicalOperator* item, const std::string& alias, const Scope& scope,
                              size_t first, const char* kind) {
  if (lock_collector_ == nullptr) return;
  if (!alias.empty()) lock_collector_->named.emplace_back(alias, kind);
  if (item->recheck_tag < 0) item->recheck_tag = NextRecheckTag();
  RecheckLeaf leaf;
  leaf.tag = item->recheck_tag;
  leaf.first_column = static_cast<int>(first);
  leaf.width = static_cast<int>(scope.columns.size() - first);
  lock_collector_->leaves.push_back(leaf);
}

bool Binder::PushLockInto(const std::string& alias) {
  pending_lock_.reset();
  lock_export_.reset();
  if (lock_collector_ == nullptr) return false;
  LockingClause lock;
  if (!lock_collector_->spec.AppliesTo(alias, &lock)) return false;
  pending_lock_ = lock;
  return true;
}

void Binder::NoteSubqueryItem(LogicalOperator* item, const std::string& alias, Scope* scope,
                              size_t first, bool pushed) {
  pending_lock_.reset();
  std::optional<LockExport> ex = std::move(lock_export_);
  lock_export_.reset();
  if (lock_collector_ == nullptr) return;
  LockCollector& c = *lock_collector_;
  if (!pushed) {
    NoteUnlockedItem(item, alias, *scope, first, "");
    return;
  }
  if (!alias.empty()) c.named.emplace_back(alias, "");
  LockingClause lock;
  c.spec.AppliesTo(alias, &lock);
  if (!ex.has_value() || ex->inside) {  // VALUES, or locked inside itself
    NoteUnlockedItem(item, "", *scope, first, "");
    if (ex.has_value()) c.locked.push_back({first, scope->columns.size(), lock.strength});
    return;
  }
  const size_t base = first;  // the export's output column 0
  for (const Type& t : ex->payload) scope->columns.push_back({"", "", t, false, true});
  for (RowLockTarget t : ex->targets) {
    t.row_id_column += static_cast<int>(base);
    c.targets.push_back(std::move(t));
  }
  for (RecheckLeaf l : ex->leaves) {
    l.first_column += static_cast<int>(base);
    c.leaves.push_back(l);
  }
  if (ex->locks) c.locked.push_back({first, scope->columns.size(), lock.strength});
}

void Binder::NoteJoinItem(LogicalOperator* item, const PgQuery__JoinExpr* j, const Scope& scope,
                          size_t first) {
  if (lock_collector_ == nullptr) return;
  LockCollector& c = *lock_collector_;
  if (j->alias != nullptr && j->alias->aliasname != nullptr) {
    c.named.emplace_back(j->alias->aliasname, "a join");
  }
  const LogicalOperator* join = item;
  if (join->kind != LogicalOpKind::kJoin && !join->children.empty()) {
    join = join->children[0].get();  // FULL JOIN USING's projection
  }
  if (join->kind != LogicalOpKind::kJoin || join->join_type == JoinType::kInner ||
      join->join_type == JoinType::kCross) {
    return;
  }
  const size_t mid = first + join->children[0]->types.size();
  const size_t end = first + join->types.size();
  size_t null_first = join->join_type == JoinType::kLeft ? mid : first;
  size_t null_end = join->join_type == JoinType::kRight ? mid : end;
  bool any_locked = false;
  for (const LockCollector::Locked& l : c.locked) {
    if (l.first >= end || l.end <= first) continue;
    any_locked = true;
    if (l.first < null_end && l.end > null_first && c.nullable_error.ok()) {
      c.nullable_error = Status(sqlstate::kFeatureNotSupported,
                                LockStrengthName(l.strength) +
                                    " cannot be applied to the nullable side of an outer join");
    }
  }
  if (any_locked) return;
  // An outer join of unlocked items is one leaf: its null-extended rows are
  // carried as read rather than recomputed from its sides.
  c.leaves.erase(std::remove_if(c.leaves.begin(), c.leaves.end(),
                                [&](const RecheckLeaf& l) {
                                  return l.first_column >= static_cast<int>(first);
                                }),
                 c.leaves.end());
  NoteUnlockedItem(item, "", scope, first, "");
}

}  // namespace omen::sql
