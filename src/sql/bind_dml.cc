// INSERT, UPDATE, DELETE: target columns, defaults, assignment casts,
// CHECK constraints, RETURNING. Plans as logical_plan.h describes.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <string>

#include "catalog/functions.h"
#include "sql/bind_dml_helper.h"
#include "sql/parser.h"

namespace omen::sql {

// The table's columns that are not dropped (its scan's width).
static size_t LiveColumnCount(const catalog::TableDef& t) {
  size_t n = 0;
  for (const catalog::ColumnDef& c : t.columns) n += c.dropped ? 0 : 1;
  return n;
}

Result<BoundStatement> Binder::BindInsert(const PgQuery__Node* node) {
  const PgQuery__InsertStmt* s = node->insert_stmt;
  OMEN_RETURN_IF_ERROR(PushCtes(s->with_clause));
  CteScope pop(this, s->with_clause != nullptr ? s->with_clause->n_ctes : 0);
  OMEN_ASSIGN_OR_RETURN(TablePtr table, LookupTable(s->relation, false));
  DmlHelper h(this, table);
  std::vector<int> targets;  // column id per source position
  if (s->n_cols > 0) {
    for (size_t i = 0; i < s->n_cols; ++i) {
      OMEN_ASSIGN_OR_RETURN(int col, h.Column(s->cols[i]->res_target));
      for (int o : targets) {
        if (o == col) {
          return WithLocation(Status(SqlState("42701"), "column \"" + table->columns[col].name +
                                                            "\" specified more than once"),
                              s->cols[i]->res_target->location);
        }
      }
      targets.push_back(col);
    }
  } else {
    for (size_t c = 0; c < table->columns.size(); ++c) {
      if (!table->columns[c].dropped) targets.push_back(static_cast<int>(c));
    }
  }
  const PgQuery__SelectStmt* sel =
      s->select_stmt != nullptr && s->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT
          ? s->select_stmt->select_stmt
          : nullptr;
  bool plain_values = sel != nullptr && sel->n_values_lists > 0 && sel->n_sort_clause == 0 &&
                      sel->limit_count == nullptr && sel->limit_offset == nullptr &&
                      (sel->op == PG_QUERY__SET_OPERATION__SETOP_NONE);
  if (plain_values && s->n_cols == 0) {
    // Without a column list, fewer values than columns fill the leading columns.
    size_t first = sel->values_lists[0]->list->n_items;
    for (size_t r = 1; r < sel->n_values_lists; ++r) {
      if (sel->values_lists[r]->list->n_items != first) {
        return Status(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
      }
    }
    if (first < targets.size()) targets.resize(first);
  }
  std::vector<int> position(table->columns.size(), -1);
  for (size_t k = 0; k < targets.size(); ++k) position[targets[k]] = static_cast<int>(k);
  std::vector<Type> row_types;
  for (const catalog::ColumnDef& c : table->columns) row_types.push_back(c.type);

  LogicalOperatorPtr source;
  if (sel == nullptr || plain_values) {
    auto values = BinderOp(LogicalOpKind::kValues);
    values->types = row_types;
    size_t nrows = sel == nullptr ? 1 : sel->n_values_lists;
    Scope empty;
    ExprContext ec{&empty, "VALUES", nullptr};
    for (size_t r = 0; r < nrows; ++r) {
      const PgQuery__List* list = sel == nullptr ? nullptr : sel->values_lists[r]->list;
      size_t n = list == nullptr ? targets.size() : list->n_items;
      if (list != nullptr && n > targets.size()) {
        return WithLocation(
            Status(sqlstate::kSyntaxError, "INSERT has more expressions than target columns"),
            NodeLocation(list->items[targets.size()]));
      }
      if (list != nullptr && n < targets.size()) {
        return Status(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
      }
      std::vector<BoundExprPtr> row;
      for (size_t c = 0; c < table->columns.size(); ++c) {
        int k = position[c];
        const PgQuery__Node* item = (k < 0 || list == nullptr) ? nullptr : list->items[k];
        if (item == nullptr || item->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
          OMEN_ASSIGN_OR_RETURN(BoundExprPtr d, h.Default(static_cast<int>(c)));
          row.push_back(std::move(d));
          continue;
        }
        OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(item, ec));
        OMEN_ASSIGN_OR_RETURN(
            e, h.AssignCoerce(std::move(e), static_cast<int>(c), NodeLocation(item)));
        row.push_back(std::move(e));
      }
      values->values.push_back(std::move(row));
    }
    source = values;
  } else {
    OMEN_ASSIGN_OR_RETURN(BoundQuery q, BindQuery(s->select_stmt, nullptr, true));
    if (s->n_cols == 0 && q.types.size() < targets.size()) {
      targets.resize(q.types.size());
      std::fill(position.begin(), position.end(), -1);
      for (size_t k = 0; k < targets.size(); ++k) position[targets[k]] = static_cast<int>(k);
    }
    if (q.types.size() > targets.size()) {
      int loc = -1;
      if (sel != nullptr && sel->n_target_list > 0) {
        loc = NodeLocation(sel->target_list[std::min(targets.size(), sel->n_target_list - 1)]);
      }
      return WithLocation(
          Status(sqlstate::kSyntaxError, "INSERT has more expressions than target columns"), loc);
    }
    if (q.types.size() < targets.size()) {
      return Status(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
    }
    std::vector<BoundExprPtr> exprs;
    for (size_t c = 0; c < table->columns.size(); ++c) {
      int k = position[c];
      if (k < 0) {
        OMEN_ASSIGN_OR_RETURN(BoundExprPtr d, h.Default(static_cast<int>(c)));
        exprs.push_back(std::move(d));
        continue;
      }
      // INSERT ... SELECT $1: the parameter takes the column's type.
      bool typed = false;
      OMEN_RETURN_IF_ERROR(InferParameterOutput(q.plan.get(), k, table->columns[c].type,
                                                CastContext::kAssignment, &typed));
      if (typed) q.types[k] = q.plan->types[k];
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr e,
                            h.AssignCoerce(BinderColumnRef(k, q.types[k]), static_cast<int>(c)));
      exprs.push_back(std::move(e));
    }
    std::vector<std::string> names;
    for (const catalog::ColumnDef& c : table->columns) names.push_back(c.name);
    source = BinderProjection(q.plan, std::move(exprs), names);
  }
  auto op = BinderOp(LogicalOpKind::kInsert);
  op->table = table;
  op->alias = AliasOf(s->relation);
  op->children.push_back(source);
  OMEN_ASSIGN_OR_RETURN(op->check_exprs, h.Checks());
  if (s->on_conflict_clause != nullptr) {
    OMEN_RETURN_IF_ERROR(
        BindOnConflict(this, s->on_conflict_clause, table, AliasOf(s->relation), op.get()));
  }
  BoundStatement st;
  st.kind = StatementKind::kInsert;
  OMEN_RETURN_IF_ERROR(
      h.Returning(s->returning_list, s->n_returning_list, AliasOf(s->relation), op.get(), &st));
  st.plan = op;
  return st;
}

// An UPDATE/DELETE operator (`kind`) over the scan of its target: live
// columns + row id, WHERE above; `scope` receives the target's columns.
static Result<LogicalOperatorPtr> BindTargetScan(Binder* b, LogicalOpKind kind,
                                                 const TablePtr& table, const std::string& alias,
                                                 const PgQuery__Node* where, Scope* scope) {
  LogicalOperatorPtr get = BinderTableGet(table, alias, scope);
  get->emit_row_id = true;
  get->types.push_back(Type(TypeId::kInt64));
  get->names.push_back("ctid");
  LogicalOperatorPtr plan = get;
  if (where != nullptr) {
    ExprContext ec{scope, "WHERE", nullptr};
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr cond, b->BindCondition(where, ec));
    auto f = BinderOp(LogicalOpKind::kFilter);
    f->types = plan->types;
    f->names = plan->names;
    f->filter = std::move(cond);
    f->children.push_back(plan);
    plan = f;
  }
  auto op = BinderOp(kind);
  op->table = table;
  op->alias = alias;
  op->children.push_back(std::move(plan));
  return op;
}

Result<BoundStatement> Binder::BindUpdate(const PgQuery__Node* node) {
  const PgQuery__UpdateStmt* s = node->update_stmt;
  OMEN_RETURN_IF_ERROR(PushCtes(s->with_clause));
  CteScope pop(this, s->with_clause != nullptr ? s->with_clause->n_ctes : 0);
  OMEN_ASSIGN_OR_RETURN(TablePtr table, LookupTable(s->relation, false));
  DmlHelper h(this, table);
  std::string alias = AliasOf(s->relation);
  Scope scope;
  LogicalOperatorPtr op;
  if (s->n_from_clause > 0) {
    OMEN_ASSIGN_OR_RETURN(op, BindTargetJoin(this, LogicalOpKind::kUpdate, table, s->relation,
                                             s->from_clause, s->n_from_clause, s->where_clause,
                                             &scope));
  } else {
    OMEN_ASSIGN_OR_RETURN(op, BindTargetScan(this, LogicalOpKind::kUpdate, table, alias,
                                             s->where_clause, &scope));
  }
  ExprContext ec{&scope, "UPDATE", nullptr};
  OMEN_RETURN_IF_ERROR(
      h.SetList(s->target_list, s->n_target_list, ec, &op->update_columns, &op->set_exprs));
  OMEN_ASSIGN_OR_RETURN(op->check_exprs, h.Checks());
  BoundStatement st;
  st.kind = StatementKind::kUpdate;
  OMEN_RETURN_IF_ERROR(h.Returning(s->returning_list, s->n_returning_list, alias, op.get(), &st,
                                   s->n_from_clause > 0 ? &scope : nullptr,
                                   LiveColumnCount(*table) + 1));
  st.plan = op;
  return st;
}

Result<BoundStatement> Binder::BindDelete(const PgQuery__Node* node) {
  const PgQuery__DeleteStmt* s = node->delete_stmt;
  OMEN_RETURN_IF_ERROR(PushCtes(s->with_clause));
  CteScope pop(this, s->with_clause != nullptr ? s->with_clause->n_ctes : 0);
  OMEN_ASSIGN_OR_RETURN(TablePtr table, LookupTable(s->relation, false));
  DmlHelper h(this, table);
  std::string alias = AliasOf(s->relation);
  Scope scope;
  LogicalOperatorPtr op;
  if (s->n_using_clause > 0) {
    OMEN_ASSIGN_OR_RETURN(op, BindTargetJoin(this, LogicalOpKind::kDelete, table, s->relation,
                                             s->using_clause, s->n_using_clause, s->where_clause,
                                             &scope));
  } else {
    OMEN_ASSIGN_OR_RETURN(op, BindTargetScan(this, LogicalOpKind::kDelete, table, alias,
                                             s->where_clause, &scope));
  }
  BoundStatement st;
  st.kind = StatementKind::kDelete;
  OMEN_RETURN_IF_ERROR(h.Returning(s->returning_list, s->n_returning_list, alias, op.get(), &st,
                                   s->n_using_clause > 0 ? &scope : nullptr,
                                   LiveColumnCount(*table) + 1));
  st.plan = op;
  return st;
}

}  // namespace omen::sql
