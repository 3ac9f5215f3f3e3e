// INSERT ... ON CONFLICT: the arbiter indexes (inferred from a column list
// or named by ON CONSTRAINT) and DO UPDATE's SET and WHERE over the existing
// row and EXCLUDED, as PostgreSQL 15's transformOnConflictClause.

#include <algorithm>
#include <string>

#include "sql/bind_dml_helper.h"

namespace omen::sql {

namespace {

Status NoMatchingConstraint() {
  return Status(sqlstate::kInvalidColumnReference,
                "there is no unique or exclusion constraint matching the ON CONFLICT "
                "specification");
}

// The unique indexes whose key column set equals the inference columns
// (PostgreSQL's infer_arbiter_indexes for plain column lists; every such
// index is an arbiter). OmenDB has no partial or expression indexes, so an
// index predicate (ON CONFLICT (a) WHERE ...) never excludes one.
Result<std::vector<int>> InferArbiters(const PgQuery__InferClause* infer,
                                       const catalog::TableDef& table) {
  std::vector<int> cols;
  for (size_t i = 0; i < infer->n_index_elems; ++i) {
    const PgQuery__Node* n = infer->index_elems[i];
    if (n->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM) return NoMatchingConstraint();
    const PgQuery__IndexElem* e = n->index_elem;
    // An expression element can only match an expression index, which OmenDB lacks.
    if (e->name == nullptr || e->name[0] == '\0') return NoMatchingConstraint();
    int col = table.FindColumn(e->name);
    if (col < 0) {
      return WithLocation(Status(sqlstate::kUndefinedColumn,
                                 std::string("column \"") + e->name + "\" does not exist"),
                          infer->location);
    }
    if (std::find(cols.begin(), cols.end(), col) == cols.end()) cols.push_back(col);
  }
  std::sort(cols.begin(), cols.end());
  std::vector<int> arbiters;
  for (size_t i = 0; i < table.indexes.size(); ++i) {
    const catalog::IndexDef& ix = table.indexes[i];
    if (!ix.unique) continue;
    std::vector<int> key = ix.columns;
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (key == cols) arbiters.push_back(static_cast<int>(i));
  }
  if (arbiters.empty()) return NoMatchingConstraint();
  return arbiters;
}

// ON CONFLICT ON CONSTRAINT name: the unique or primary key constraint's index.
Result<std::vector<int>> ConstraintArbiter(const std::string& name,
                                           const catalog::TableDef& table) {
  for (const catalog::ConstraintDef& k : table.constraints) {
    if (k.name != name) continue;
    if (k.kind == catalog::ConstraintKind::kCheck) {
      return Status(sqlstate::kWrongObjectType,
                    "constraint in ON CONFLICT clause has no associated index");
    }
    for (size_t i = 0; i < table.indexes.size(); ++i) {
      if (table.indexes[i].name == k.index_name) return std::vector<int>{static_cast<int>(i)};
    }
  }
  return Status(sqlstate::kUndefinedObject,
                "constraint \"" + name + "\" for table \"" + table.name + "\" does not exist");
}

}  // namespace

Status BindOnConflict(Binder* b, const PgQuery__OnConflictClause* oc, const TablePtr& table,
                      const std::string& alias, LogicalOperator* op) {
  auto action = std::make_shared<OnConflictAction>();
  action->do_update = oc->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE;
  const PgQuery__InferClause* infer = oc->infer;
  if (infer == nullptr) {
    if (action->do_update) {
      return WithLocation(Status(sqlstate::kSyntaxError,
                                 "ON CONFLICT DO UPDATE requires inference specification or "
                                 "constraint name")
                              .WithHint("For example, ON CONFLICT (column_name)."),
                          oc->location);
    }
    action->any_index = true;
    for (size_t i = 0; i < table->indexes.size(); ++i) {
      if (table->indexes[i].unique) action->arbiters.push_back(static_cast<int>(i));
    }
  } else if (infer->conname != nullptr && infer->conname[0] != '\0') {
    OMEN_ASSIGN_OR_RETURN(action->arbiters, ConstraintArbiter(infer->conname, *table));
  } else {
    OMEN_ASSIGN_OR_RETURN(action->arbiters, InferArbiters(infer, *table));
  }
  if (action->do_update) {
    // The existing row under the target's name, then EXCLUDED (the proposed row).
    Scope scope = FullRowScope(*table, alias);
    Scope excluded = FullRowScope(*table, "excluded");
    for (const ScopeColumn& c : excluded.columns) scope.columns.push_back(c);
    scope.star_set = false;
    DmlHelper h(b, table);
    ExprContext ec{&scope, "UPDATE", nullptr};
    OMEN_RETURN_IF_ERROR(h.SetList(oc->target_list, oc->n_target_list, ec,
                                   &action->update_columns, &action->set_exprs));
    if (oc->where_clause != nullptr) {
      ExprContext wc{&scope, "WHERE", nullptr};
      OMEN_ASSIGN_OR_RETURN(action->where, b->BindCondition(oc->where_clause, wc));
    }
  }
  op->on_conflict = std::move(action);
  return Status::OK();
}

}  // namespace omen::sql
