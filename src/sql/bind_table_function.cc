// Set-returning functions in FROM: generate_series(start, stop[, step]) over
// integers, bound as a kValues with `table_function` set (logical_plan.h).

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

Status NotSupported(const std::string& what, int location) {
  return WithLocation(Status(sqlstate::kFeatureNotSupported, what + " is not supported"), location);
}

bool IsIntegerOrUnknown(TypeId t) {
  return t == TypeId::kInt16 || t == TypeId::kInt32 || t == TypeId::kInt64 ||
         t == TypeId::kUnknown || t == TypeId::kNull;
}

}  // namespace

Result<LogicalOperatorPtr> Binder::BindRangeFunction(const PgQuery__Node* node,
                                                     const Scope* parent, Scope* scope) {
  const PgQuery__RangeFunction* rf = node->range_function;
  if (rf->lateral) return Status(sqlstate::kFeatureNotSupported, "LATERAL is not supported");
  if (rf->ordinality) return NotSupported("WITH ORDINALITY", -1);
  if (rf->is_rowsfrom || rf->n_functions != 1 || rf->n_coldeflist > 0) {
    return NotSupported("ROWS FROM and column definition lists", -1);
  }
  const PgQuery__Node* item = rf->functions[0];
  const PgQuery__Node* call = nullptr;
  if (item->node_case == PG_QUERY__NODE__NODE_LIST && item->list->n_items > 0)
    call = item->list->items[0];
  if (call == nullptr || call->node_case != PG_QUERY__NODE__NODE_FUNC_CALL)
    return NotSupported("this function in FROM", NodeLocation(item));
  const PgQuery__FuncCall* f = call->func_call;
  std::string name = BinderNodeString(f->funcname[f->n_funcname - 1]);
  if (name == "unnest" && f->n_funcname <= 2) return BindUnnest(rf, parent, scope);
  if (name != "generate_series" || f->n_funcname > 2)
    return NotSupported("function \"" + name + "\" in FROM", f->location);
  if (f->n_args < 2 || f->n_args > 3 || f->agg_star || f->agg_distinct || f->n_agg_order > 0) {
    return WithLocation(Status(SqlState("42883"), "function generate_series with " +
                                                      std::to_string(f->n_args) +
                                                      " arguments does not exist")
                            .WithHint("No function matches the given name and argument types. "
                                      "You might need to add explicit type casts."),
                        f->location);
  }
  // Not LATERAL: the arguments see only enclosing queries.
  Scope empty;
  empty.parent = parent;
  ExprContext ec{&empty, "functions in FROM", nullptr};
  std::vector<BoundExprPtr> args;
  Type result(TypeId::kInt32);
  for (size_t i = 0; i < f->n_args; ++i) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr a, BindExpr(f->args[i], ec));
    if (!IsIntegerOrUnknown(a->type.id))
      return NotSupported("generate_series over " + a->type.ToString(), NodeLocation(f->args[i]));
    if (a->type.id == TypeId::kInt64) result = Type(TypeId::kInt64);
    args.push_back(std::move(a));
  }
  if (empty.outer_referenced) scope->outer_referenced = true;
  auto op = BinderOp(LogicalOpKind::kValues);
  for (BoundExprPtr& a : args) {
    OMEN_ASSIGN_OR_RETURN(a, Coerce(std::move(a), result, CastContext::kImplicit));
    op->exprs.push_back(std::move(a));
  }
  op->table_function = name;
  op->types = {result};
  std::string col = name;
  std::string table = name;
  if (rf->alias != nullptr) {
    table = rf->alias->aliasname;
    col = rf->alias->n_colnames > 0 ? BinderNodeString(rf->alias->colnames[0]) : table;
    if (rf->alias->n_colnames > 1) {
      return Status(SqlState("42P10"), "too many column aliases specified for function " + name);
    }
  }
  op->names = {col};
  op->alias = table;
  scope->columns.push_back({table, col, result});
  return op;
}

}  // namespace omen::sql
