// WITH RECURSIVE: binds `name AS (non-recursive UNION [ALL] recursive)` into
// a kRecursiveCte whose recursive term reads the working table (the rows the
// previous round added) through a kWorkTableScan, with PostgreSQL 15's
// rules: the non-recursive term decides the column types (42804 when the
// recursive term would widen them), the self-reference appears once, not in
// the non-recursive term and not in a subquery (42P19); ORDER BY / LIMIT /
// OFFSET on the recursive query are 0A000, as in PostgreSQL.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

Status RecursionError(const std::string& name, const std::string& what, int location = -1) {
  return WithLocation(
      Status(SqlState("42P19"), "recursive reference to query \"" + name + "\" must not appear " + what),
      location);
}

bool IsOwnUndefined(const Status& s, const std::string& name) {
  return s.code() == sqlstate::kUndefinedTable &&
         s.message() == "relation \"" + name + "\" does not exist";
}

}  // namespace

Result<BoundQuery> Binder::BindRecursiveCte(const std::string& name, const CteEntry& cte,
                                            const Scope* parent, bool* recursive) {
  *recursive = false;
  const PgQuery__Node* node = cte.query;
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
      node->select_stmt->op != PG_QUERY__SET_OPERATION__SETOP_UNION ||
      node->select_stmt->with_clause != nullptr) {
    return BoundQuery{};
  }
  const PgQuery__SelectStmt* s = node->select_stmt;
  auto bind_side = [&](const PgQuery__SelectStmt* side) -> Result<BoundQuery> {
    if (side->op != PG_QUERY__SET_OPERATION__SETOP_NONE) return BindSetOp(side, parent);
    if (side->n_values_lists > 0) return BindValues(side, parent);
    return BindSelect(side, parent, false);
  };
  Result<BoundQuery> l = bind_side(s->larg);
  if (!l.ok()) {
    // The name is not visible yet: a self-reference here fails as unknown.
    if (IsOwnUndefined(l.status(), name)) {
      *recursive = true;
      return RecursionError(name, "within its non-recursive term", l.status().position() - 1);
    }
    return l.status();
  }
  bool corr = last_query_correlated_;
  auto work = std::make_shared<WorkTable>();
  work->cte_id = next_cte_id_++;
  work->types = l->types;
  work->parent = parent;
  for (size_t c = 0; c < l->names.size(); ++c) {
    work->names.push_back(c < cte.column_names.size() ? cte.column_names[c] : l->names[c]);
  }
  CteEntry self = cte;
  self.work = work;
  ctes_.emplace_back(name, std::move(self));
  Result<BoundQuery> r = bind_side(s->rarg);
  ctes_.pop_back();
  corr = corr || last_query_correlated_;
  if (work->references == 0 && r.ok()) return BoundQuery{};  // an ordinary UNION
  *recursive = true;
  if (!r.ok()) return r.status();
  if (s->n_sort_clause > 0) {
    return Status(sqlstate::kFeatureNotSupported, "ORDER BY in a recursive query is not implemented");
  }
  if (s->limit_count != nullptr || s->limit_offset != nullptr) {
    return Status(sqlstate::kFeatureNotSupported,
                  std::string(s->limit_offset != nullptr ? "OFFSET" : "LIMIT") +
                      " in a recursive query is not implemented");
  }
  if (l->types.size() != r->types.size()) {
    int loc = s->rarg->n_target_list > 0 ? NodeLocation(s->rarg->target_list[0]) : -1;
    return WithLocation(
        Status(sqlstate::kSyntaxError, "each UNION query must have the same number of columns"),
        loc);
  }
  std::vector<BoundExprPtr> casts;
  bool need_cast = false;
  for (size_t c = 0; c < l->types.size(); ++c) {
    OMEN_ASSIGN_OR_RETURN(Type common, catalog::CommonType({l->types[c], r->types[c]}, "UNION"));
    if (!(common == l->types[c])) {
      int loc = c < s->larg->n_target_list ? NodeLocation(s->larg->target_list[c]) : -1;
      return WithLocation(
          Status(sqlstate::kDatatypeMismatch,
                 "recursive query \"" + name + "\" column " + std::to_string(c + 1) + " has type " +
                     l->types[c].ToString() + " in non-recursive term but type " +
                     common.ToString() + " overall")
              .WithHint("Cast the output of the non-recursive term to the correct type."),
          loc);
    }
    need_cast = need_cast || !(r->types[c] == l->types[c]);
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e,
                          Coerce(BinderColumnRef(static_cast<int>(c), r->types[c]), l->types[c],
                                 CastContext::kImplicit));
    casts.push_back(std::move(e));
  }
  if (need_cast) r->plan = BinderProjection(r->plan, std::move(casts), r->names);
  auto op = BinderOp(LogicalOpKind::kRecursiveCte);
  op->cte_id = work->cte_id;
  op->set_all = s->all;
  op->types = l->types;
  op->names = work->names;
  op->alias = name;
  op->children = {l->plan, r->plan};
  last_query_correlated_ = corr;
  return BoundQuery{op, work->names, l->types};
}

Result<LogicalOperatorPtr> Binder::BindWorkTableScan(const std::string& name, WorkTable* work,
                                                     const Scope* parent,
                                                     const std::string& alias, Scope* scope,
                                                     int location) {
  if (parent != work->parent) return RecursionError(name, "within a subquery", location);
  if (++work->references > 1) return RecursionError(name, "more than once", location);
  auto scan = BinderOp(LogicalOpKind::kWorkTableScan);
  scan->cte_id = work->cte_id;
  scan->types = work->types;
  scan->names = work->names;
  scan->alias = alias;
  for (size_t c = 0; c < work->types.size(); ++c) {
    scope->columns.push_back({alias, work->names[c], work->types[c]});
  }
  return scan;
}

}  // namespace omen::sql
