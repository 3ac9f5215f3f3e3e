// UPDATE ... FROM and DELETE ... USING: the target's scan joined with the
// other FROM items, as PostgreSQL plans them. A target row that several
// join rows match is changed once (the DML operator skips a row id it has
// already handled), with the values of whichever join row comes first.

#include "sql/bind_dml_helper.h"

namespace omen::sql {

Result<LogicalOperatorPtr> BindTargetJoin(Binder* b, LogicalOpKind kind, const TablePtr& table,
                                          const PgQuery__RangeVar* target, PgQuery__Node** from,
                                          size_t n_from, const PgQuery__Node* where, Scope* scope) {
  std::string alias = AliasOf(target);
  LogicalOperatorPtr get = BinderTableGet(table, alias, scope);
  get->emit_row_id = true;
  get->types.push_back(Type(TypeId::kInt64));
  get->names.push_back("ctid");
  // The row id: a column no name reaches, so FROM items line up after it.
  scope->columns.push_back({"", "", Type(TypeId::kInt64), true});
  size_t row_id_col = scope->columns.size() - 1;
  scope->range_names.push_back(alias);
  if (target->alias != nullptr) scope->aliased.emplace_back(target->relname, alias);
  PgQuery__SelectStmt items = PG_QUERY__SELECT_STMT__INIT;
  items.n_from_clause = n_from;
  items.from_clause = from;
  OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr rest, b->BindFromList(&items, nullptr, scope));
  auto join = BinderOp(LogicalOpKind::kJoin);
  join->join_type = JoinType::kCross;
  join->types = get->types;
  join->types.insert(join->types.end(), rest->types.begin(), rest->types.end());
  join->children = {get, rest};
  LogicalOperatorPtr plan = join;
  if (where != nullptr) {
    ExprContext ec{scope, "WHERE", nullptr};
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr cond, b->BindCondition(where, ec));
    auto f = BinderOp(LogicalOpKind::kFilter);
    f->types = plan->types;
    f->filter = std::move(cond);
    f->children.push_back(plan);
    plan = f;
  }
  // The joined row as it is (SET expressions refer to it), then the row id
  // again as the last column (logical_plan.h: kUpdate/kDelete's child).
  std::vector<BoundExprPtr> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < plan->types.size(); ++i) {
    exprs.push_back(BinderColumnRef(static_cast<int>(i), plan->types[i]));
    names.push_back(i < scope->columns.size() ? scope->columns[i].name : std::string());
  }
  exprs.push_back(BinderColumnRef(static_cast<int>(row_id_col), Type(TypeId::kInt64)));
  names.push_back("ctid");
  auto op = BinderOp(kind);
  op->table = table;
  op->alias = alias;
  op->children.push_back(BinderProjection(plan, std::move(exprs), std::move(names)));
  return op;
}

}  // namespace omen::sql
