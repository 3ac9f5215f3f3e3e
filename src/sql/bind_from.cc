// FROM clause: tables, views, CTE references, subqueries, VALUES, joins.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"
#include "sql/parser.h"

namespace omen::sql {

namespace {

// Applies an alias's column names to the scope columns [first, end).
Status ApplyColumnAliases(const PgQuery__Alias* alias, const std::string& table, Scope* scope,
                          size_t first) {
  size_t n = scope->columns.size() - first;
  if (alias != nullptr && alias->n_colnames > n) {
    return Status(SqlState("42P10"), "table \"" + table + "\" has " + std::to_string(n) +
                                         " columns available but " +
                                         std::to_string(alias->n_colnames) + " columns specified");
  }
  for (size_t i = first; i < scope->columns.size(); ++i) {
    scope->columns[i].table = table;
    size_t k = i - first;
    if (alias != nullptr && k < alias->n_colnames)
      scope->columns[i].name = BinderNodeString(alias->colnames[k]);
  }
  return Status::OK();
}

Status AddRangeName(Scope* scope, const std::string& name) {
  if (name.empty()) return Status::OK();
  for (const std::string& n : scope->range_names) {
    if (n == name)
      return Status(SqlState("42712"), "table name \"" + name + "\" specified more than once");
  }
  scope->range_names.push_back(name);
  return Status::OK();
}

}  // namespace

Status Binder::PushCtes(const PgQuery__WithClause* with) {
  if (with == nullptr) return Status::OK();
  for (size_t i = 0; i < with->n_ctes; ++i) {
    const PgQuery__CommonTableExpr* cte = with->ctes[i]->common_table_expr;
    // Checked here, not at a reference: PostgreSQL runs such a CTE even when
    // nothing references it.
    if (cte->ctequery != nullptr && cte->ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      return WithLocation(Status(sqlstate::kFeatureNotSupported,
                                 "data-modifying statements in WITH are not supported"),
                          cte->location);
    }
    CteEntry e;
    e.query = cte->ctequery;
    e.recursive = with->recursive;
    for (size_t k = 0; k < cte->n_aliascolnames; ++k)
      e.column_names.push_back(BinderNodeString(cte->aliascolnames[k]));
    for (size_t j = ctes_.size() - i; j < ctes_.size(); ++j) {
      if (ctes_[j].first == cte->ctename) {
        return WithLocation(
            Status(SqlState("42712"), std::string("WITH query name \"") + cte->ctename +
                                          "\" specified more than once"),
            cte->location);
      }
    }
    ctes_.emplace_back(cte->ctename, std::move(e));
  }
  return Status::OK();
}

void Binder::PopCtes(size_t n) { ctes_.resize(ctes_.size() - n); }

Result<std::shared_ptr<const catalog::TableDef>> Binder::LookupTable(const PgQuery__RangeVar* rv,
                                                                     bool allow_view) {
  std::string schema = rv->schemaname != nullptr ? rv->schemaname : "";
  std::shared_ptr<const catalog::TableDef> t =
      ctx_.catalog->FindTable(schema, rv->relname, ctx_.search_path);
  if (t == nullptr) {
    std::string name = schema.empty() ? rv->relname : schema + "." + rv->relname;
    return WithLocation(
        Status(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist"),
        rv->location);
  }
  if (t->is_view && !allow_view) {
    return Status(SqlState("55000"), "cannot change view \"" + t->name + "\"")
        .WithDetail(
            "Views that do not select from a single table or view are not automatically "
            "updatable.");
  }
  return t;
}

Result<LogicalOperatorPtr> Binder::BindFromList(const PgQuery__SelectStmt* stmt,
                                                const Scope* parent, Scope* scope) {
  if (stmt->n_from_clause == 0) {
    auto op = BinderOp(LogicalOpKind::kDummy);
    return op;
  }
  LogicalOperatorPtr plan;
  for (size_t i = 0; i < stmt->n_from_clause; ++i) {
    lateral_begin_ = 0;
    OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr item,
                          BindFromItem(stmt->from_clause[i], parent, scope));
    if (plan == nullptr) {
      plan = item;
      continue;
    }
    auto join = BinderOp(LogicalOpKind::kJoin);
    join->join_type = JoinType::kCross;
    join->lateral = last_item_lateral_;
    join->types = plan->types;
    join->types.insert(join->types.end(), item->types.begin(), item->types.end());
    join->children = {plan, item};
    plan = join;
  }
  return plan;
}

Result<LogicalOperatorPtr> Binder::BindFromItem(const PgQuery__Node* node, const Scope* parent,
                                                Scope* scope) {
  if (lock_collector_ == nullptr) return BindFromItemImpl(node, parent, scope);
  // Row locking (bind_locking.cc); tables and views are handled inside.
  size_t first = scope->columns.size();
  bool pushed = false;
  std::string alias;
  if (node->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT) {
    const PgQuery__Alias* a = node->range_subselect->alias;
    alias = a != nullptr ? a->aliasname : "";
    pushed = PushLockInto(alias);
  }
  Result<LogicalOperatorPtr> item = BindFromItemImpl(node, parent, scope);
  if (!item.ok()) {
    pending_lock_.reset();
    return item;
  }
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
      NoteSubqueryItem(item->get(), alias, scope, first, pushed);
      break;
    case PG_QUERY__NODE__NODE_JOIN_EXPR:
      NoteJoinItem(item->get(), node->join_expr, *scope, first);
      break;
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__Alias* a = node->range_function->alias;
      NoteUnlockedItem(item->get(), a != nullptr ? a->aliasname : "", *scope, first, "a function");
      break;
    }
    default:
      break;
  }
  return item;
}

Result<LogicalOperatorPtr> Binder::BindFromItemImpl(const PgQuery__Node* node,
                                                    const Scope* parent, Scope* scope) {
  size_t first = scope->columns.size();
  last_item_lateral_ = false;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      const PgQuery__RangeVar* rv = node->range_var;
      std::string alias = rv->alias != nullptr ? rv->alias->aliasname : rv->relname;
      OMEN_RETURN_IF_ERROR(AddRangeName(scope, alias));
      if (rv->alias != nullptr) scope->aliased.emplace_back(rv->relname, alias);
      bool no_schema = rv->schemaname == nullptr || rv->schemaname[0] == '\0';
      for (size_t i = ctes_.size(); no_schema && i > 0; --i) {
        if (ctes_[i - 1].first != rv->relname) continue;
        CteEntry cte = ctes_[i - 1].second;
        if (cte.work != nullptr) {
          OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr scan,
                                BindWorkTableScan(rv->relname, cte.work.get(), parent, alias,
                                                  scope, rv->location));
          OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rv->alias, alias, scope, first));
          NoteUnlockedItem(scan.get(), alias, *scope, first, "a WITH query");
          return scan;
        }
        // A CTE's body sees only the CTEs defined before it.
        std::vector<std::pair<std::string, CteEntry>> saved(ctes_.begin() + (i - 1), ctes_.end());
        ctes_.resize(i - 1);
        bool recursive = false;
        Result<BoundQuery> q = Status(sqlstate::kInternalError, "unbound CTE");
        if (cte.recursive) {
          q = BindRecursiveCte(saved[0].first, cte, parent, &recursive);
          recursive = recursive || !q.ok();
        }
        if (!recursive) q = BindQuery(cte.query, parent, false);
        bool corr = last_query_correlated_;
        ctes_.insert(ctes_.end(), saved.begin(), saved.end());
        if (!q.ok() && cte.recursive && q.status().code() == sqlstate::kUndefinedTable &&
            q.status().message() == "relation \"" + ctes_[i - 1].first + "\" does not exist") {
          return WithLocation(Status(SqlState("42P19"), "recursive query \"" + ctes_[i - 1].first +
                                                            "\" does not have the form "
                                                            "non-recursive-term UNION [ALL] "
                                                            "recursive-term"),
                              rv->location);
        }
        if (!q.ok()) return q.status();
        if (corr) scope->outer_referenced = true;
        for (size_t c = 0; c < q->names.size(); ++c) {
          std::string name = c < cte.column_names.size() ? cte.column_names[c] : q->names[c];
          scope->columns.push_back({alias, name, q->types[c]});
        }
        OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rv->alias, alias, scope, first));
        NoteUnlockedItem(q->plan.get(), alias, *scope, first, "a WITH query");
        return q->plan;
      }
      if (const catalog::SystemTableDef* sys = LookupSystemTable(rv)) {
        LockingClause lock;
        if (lock_collector_ != nullptr && lock_collector_->spec.AppliesTo(alias, &lock)) {
          return Status(sqlstate::kFeatureNotSupported,
                        "SELECT ... " + LockStrengthName(lock.strength) +
                            " is not supported on system catalogs");
        }
        LogicalOperatorPtr scan = BindSystemTable(sys, alias, scope);
        OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rv->alias, alias, scope, first));
        NoteUnlockedItem(scan.get(), alias, *scope, first, "");
        return scan;
      }
      OMEN_ASSIGN_OR_RETURN(auto table, LookupTable(rv, true));
      if (table->is_view) {
        OMEN_ASSIGN_OR_RETURN(ParsedScript parsed, Parse(table->view_sql));
        if (parsed.size() != 1) return Status(sqlstate::kInternalError, "bad view definition");
        bool pushed = PushLockInto(alias);
        const PgQuery__Node* body = parsed.statement(0);
        // PostgreSQL's rewriter pushes the clause into a view through its
        // join tree, which a UNION/INTERSECT/EXCEPT view does not have: such a
        // view locks nothing (yet counts as locked for the outer-join check).
        bool set_op_view = false;
        if (pushed && body->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
          PgQuery__SetOperation op = body->select_stmt->op;
          set_op_view = op != PG_QUERY__SET_OPERATION__SETOP_NONE &&
                        op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED;
        }
        if (set_op_view) pending_lock_.reset();
        std::vector<std::pair<std::string, CteEntry>> saved = std::move(ctes_);
        ctes_.clear();
        Result<BoundQuery> q = BindQuery(body, nullptr, false);
        ctes_ = std::move(saved);
        if (!q.ok()) {
          pending_lock_.reset();
          return q.status();
        }
        for (size_t c = 0; c < q->names.size(); ++c) {
          std::string name =
              c < table->view_column_names.size() ? table->view_column_names[c] : q->names[c];
          scope->columns.push_back({alias, name, q->types[c]});
        }
        OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rv->alias, alias, scope, first));
        if (set_op_view) {
          LockExport nothing;
          nothing.inside = nothing.locks = true;
          SetLockExport(std::move(nothing));
        }
        NoteSubqueryItem(q->plan.get(), alias, scope, first, pushed);
        return q->plan;
      }
      LogicalOperatorPtr get = BinderTableGet(table, alias, scope);
      OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rv->alias, alias, scope, first));
      LockTableItem(get.get(), alias, scope, first);
      return get;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect* rs = node->range_subselect;
      if (rs->alias == nullptr) {
        bool values = rs->subquery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
                      rs->subquery->select_stmt->n_values_lists > 0;
        return Status(sqlstate::kSyntaxError, values ? "VALUES in FROM must have an alias"
                                                     : "subquery in FROM must have an alias")
            .WithHint(values ? "For example, FROM (VALUES ...) [AS] foo."
                             : "For example, FROM (SELECT ...) [AS] foo.");
      }
      // LATERAL: the items to the left are the subquery's depth-1 scope.
      Scope left;
      left.parent = parent;
      if (rs->lateral) {
        left.columns.assign(scope->columns.begin() + std::min(lateral_begin_, first),
                            scope->columns.begin() + first);
      }
      OMEN_ASSIGN_OR_RETURN(BoundQuery q, BindQuery(rs->subquery, rs->lateral ? &left : parent, false));
      if (rs->lateral) {
        if (left.outer_referenced) scope->outer_referenced = true;
      } else if (last_query_correlated_) {
        scope->outer_referenced = true;
      }
      bool lateral = rs->lateral && last_query_correlated_;
      std::string alias = rs->alias != nullptr ? rs->alias->aliasname : "";
      OMEN_RETURN_IF_ERROR(AddRangeName(scope, alias));
      for (size_t c = 0; c < q.names.size(); ++c)
        scope->columns.push_back({alias, q.names[c], q.types[c]});
      OMEN_RETURN_IF_ERROR(ApplyColumnAliases(rs->alias, alias, scope, first));
      last_item_lateral_ = lateral;
      return q.plan;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr* j = node->join_expr;
      OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr left, BindFromItem(j->larg, parent, scope));
      size_t mid = scope->columns.size();
      std::vector<int> left_star = BinderStarList(*scope);
      lateral_begin_ = first;
      OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr right, BindFromItem(j->rarg, parent, scope));
      std::vector<int> right_star = BinderStarList(*scope);
      auto join = BinderOp(LogicalOpKind::kJoin);
      join->lateral = last_item_lateral_;
      last_item_lateral_ = false;
      if (join->lateral && (j->jointype == PG_QUERY__JOIN_TYPE__JOIN_RIGHT ||
                            j->jointype == PG_QUERY__JOIN_TYPE__JOIN_FULL)) {
        return Status(SqlState("42P10"),
                      "invalid reference to FROM-clause entry for table \"" +
                          scope->columns[first].table + "\"")
            .WithDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
      }
      join->children = {left, right};
      join->types = left->types;
      join->types.insert(join->types.end(), right->types.begin(), right->types.end());
      switch (j->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          join->join_type = JoinType::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          join->join_type = JoinType::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          join->join_type = JoinType::kFull;
          break;
        default:
          join->join_type = JoinType::kInner;
          break;
      }
      // The join's own scope: both sides' columns (the parent stays the outer query's).
      Scope js;
      js.columns = scope->columns;
      js.parent = parent;
      std::vector<std::string> using_cols;
      for (size_t i = 0; i < j->n_using_clause; ++i)
        using_cols.push_back(BinderNodeString(j->using_clause[i]));
      if (j->is_natural) {
        for (size_t l = first; l < mid; ++l) {
          for (size_t r = mid; r < scope->columns.size(); ++r) {
            if (scope->columns[l].system || scope->columns[r].system) continue;
            if (scope->columns[l].name == scope->columns[r].name)
              using_cols.push_back(scope->columns[l].name);
          }
        }
      }
      if (!using_cols.empty() || j->is_natural) {
        std::vector<BoundExprPtr> conds;
        std::vector<int> star_first;
        std::vector<bool> merged(scope->columns.size(), false);
        std::vector<std::pair<int, int>> pairs;
        for (const std::string& name : using_cols) {
          int li = -1, ri = -1;
          for (size_t l = first; l < mid; ++l) {
            if (scope->columns[l].name == name && !scope->columns[l].hidden_unqualified) {
              if (li >= 0)
                return Status(SqlState("42702"), "common column name \"" + name +
                                                     "\" appears more than once in left table");
              li = static_cast<int>(l);
            }
          }
          for (size_t r = mid; r < scope->columns.size(); ++r) {
            if (scope->columns[r].name == name && !scope->columns[r].hidden_unqualified) {
              if (ri >= 0)
                return Status(SqlState("42702"), "common column name \"" + name +
                                                     "\" appears more than once in right table");
              ri = static_cast<int>(r);
            }
          }
          if (li < 0)
            return Status(
                sqlstate::kUndefinedColumn,
                "column \"" + name + "\" specified in USING clause does not exist in left table");
          if (ri < 0)
            return Status(
                sqlstate::kUndefinedColumn,
                "column \"" + name + "\" specified in USING clause does not exist in right table");
          OMEN_ASSIGN_OR_RETURN(
              BoundExprPtr cond,
              BindOperator(
                  "=", BinderColumnRef(li - static_cast<int>(first), scope->columns[li].type),
                  BinderColumnRef(ri - static_cast<int>(first), scope->columns[ri].type), -1));
          conds.push_back(std::move(cond));
          bool right_wins = join->join_type == JoinType::kRight;
          scope->columns[right_wins ? li : ri].hidden_unqualified = true;
          star_first.push_back(right_wins ? ri : li);
          merged[li] = merged[ri] = true;
          pairs.emplace_back(li, ri);
        }
        if (conds.size() == 1) {
          join->condition = std::move(conds[0]);
        } else if (!conds.empty()) {
          auto a = std::make_unique<BoundExpr>();
          a->kind = BoundExprKind::kAnd;
          a->type = Type(TypeId::kBool);
          a->children = std::move(conds);
          join->condition = std::move(a);
        }
        size_t end = scope->columns.size();
        LogicalOperatorPtr result = join;
        if (join->join_type == JoinType::kFull) {
          // FULL JOIN USING: the merged column is COALESCE(left, right).
          std::vector<BoundExprPtr> exprs;
          std::vector<std::string> names;
          for (size_t c = first; c < end; ++c) {
            exprs.push_back(BinderColumnRef(static_cast<int>(c - first), scope->columns[c].type));
            names.push_back(scope->columns[c].name);
          }
          for (size_t k = 0; k < pairs.size(); ++k) {
            auto [li, ri] = pairs[k];
            scope->columns[li].hidden_unqualified = true;
            OMEN_ASSIGN_OR_RETURN(
                Type t, catalog::CommonType({scope->columns[li].type, scope->columns[ri].type},
                                            "JOIN/USING"));
            auto co = std::make_unique<BoundExpr>();
            co->kind = BoundExprKind::kCoalesce;
            co->type = t;
            for (int side : {li, ri}) {
              OMEN_ASSIGN_OR_RETURN(
                  BoundExprPtr ref,
                  Coerce(BinderColumnRef(side - static_cast<int>(first), scope->columns[side].type),
                         t, CastContext::kImplicit));
              co->children.push_back(std::move(ref));
            }
            exprs.push_back(std::move(co));
            names.push_back(scope->columns[li].name);
            scope->columns.push_back({"", scope->columns[li].name, t});
            star_first[k] = static_cast<int>(scope->columns.size() - 1);
          }
          result = BinderProjection(join, std::move(exprs), std::move(names));
        }
        // `*` lists the merged columns first, then the rest of each side.
        std::vector<int> star(star_first);
        for (int c : left_star) {
          if (c >= static_cast<int>(first) && !merged[c]) star.push_back(c);
        }
        for (int c : right_star) {
          if (c >= static_cast<int>(mid) && c < static_cast<int>(end) && !merged[c])
            star.push_back(c);
        }
        std::vector<int> kept;
        for (int c : BinderStarList(*scope)) {
          if (c < static_cast<int>(first)) kept.push_back(c);
        }
        kept.insert(kept.end(), star.begin(), star.end());
        scope->star = kept;
        scope->star_set = true;
        scope->star_end = scope->columns.size();
        return result;
      } else if (j->quals != nullptr) {
        // ON sees only this join's columns; indexes are relative to `first`.
        Scope on_scope;
        on_scope.columns.assign(scope->columns.begin() + first, scope->columns.end());
        on_scope.parent = parent;
        ExprContext ec;
        ec.scope = &on_scope;
        ec.clause = "JOIN/ON";
        Result<BoundExprPtr> cond = BindCondition(j->quals, ec);
        if (!cond.ok()) {
          Status st = cond.status();
          if (st.code() == SqlState("42803")) {
            return Status(SqlState("42803"),
                          "aggregate functions are not allowed in JOIN conditions");
          }
          return st;
        }
        if (on_scope.outer_referenced) scope->outer_referenced = true;
        join->condition = std::move(cond).value();
      } else if (join->join_type == JoinType::kInner) {
        join->join_type = JoinType::kCross;
      }
      return join;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__Alias* a = node->range_function->alias;
      std::string alias = a != nullptr ? a->aliasname : "";
      OMEN_RETURN_IF_ERROR(AddRangeName(scope, alias));
      return BindRangeFunction(node, parent, scope);
    }
    default:
      return Status(sqlstate::kFeatureNotSupported, "this kind of FROM item is not supported");
  }
}

}  // namespace omen::sql
