#pragma once
// Private to the binders (bind_dml*.cc, bind_on_conflict.cc, and
// catalog_expr_text.cc for stored expressions): the target table's row
// scope, defaults, assignment casts, SET lists, CHECK constraints, RETURNING.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "catalog/functions.h"
#include "sql/binder_internal.h"
#include "sql/parser.h"

namespace omen::sql {

using TablePtr = std::shared_ptr<const catalog::TableDef>;

// The table's full row (every column id, dropped ones unnamed).
inline Scope FullRowScope(const catalog::TableDef& t, const std::string& alias) {
  Scope s;
  for (const catalog::ColumnDef& c : t.columns) {
    s.columns.push_back({alias, c.dropped ? std::string() : c.name, c.type, c.dropped});
  }
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (!t.columns[i].dropped) s.star.push_back(static_cast<int>(i));
  }
  s.star_set = true;
  s.star_end = t.columns.size();
  return s;
}

inline std::string AliasOf(const PgQuery__RangeVar* rv) {
  return rv->alias != nullptr ? rv->alias->aliasname : rv->relname;
}

// Parses "SELECT <expr>" and returns a script whose first target is the expression.
inline Result<ParsedScript> ParseExpression(const std::string& sql) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript p, Parse("SELECT " + sql));
  if (p.size() != 1 || p.statement(0)->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
      p.statement(0)->select_stmt->n_target_list != 1) {
    return Status(sqlstate::kInternalError, "bad stored expression: " + sql);
  }
  return p;
}

inline const PgQuery__Node* FirstTarget(const ParsedScript& p) {
  return p.statement(0)->select_stmt->target_list[0]->res_target->val;
}

// The expression an UPDATE SET item assigns: its own value, or for
// SET (a, b) = (x, y) / ROW(x, y) the item's element of the row. 42601 for
// a row of the wrong width; 0A000 (as PostgreSQL) for another source, and
// for a sub-SELECT, which OmenDB does not support yet.
inline Result<const PgQuery__Node*> SetSource(const PgQuery__ResTarget* rt) {
  if (rt->val == nullptr || rt->val->node_case != PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
    return rt->val;
  }
  const PgQuery__MultiAssignRef* m = rt->val->multi_assign_ref;
  const PgQuery__Node* src = m->source;
  if (src != nullptr && src->node_case == PG_QUERY__NODE__NODE_SUB_LINK) {
    return Status(sqlstate::kFeatureNotSupported,
                  "multiple-column UPDATE SET from a sub-SELECT is not supported");
  }
  if (src == nullptr || src->node_case != PG_QUERY__NODE__NODE_ROW_EXPR) {
    return WithLocation(Status(sqlstate::kFeatureNotSupported,
                               "source for a multiple-column UPDATE item must be a sub-SELECT or "
                               "ROW() expression"),
                        NodeLocation(src));
  }
  const PgQuery__RowExpr* row = src->row_expr;
  if (row->n_args != static_cast<size_t>(m->ncolumns) || m->colno < 1 ||
      static_cast<size_t>(m->colno) > row->n_args) {
    return WithLocation(
        Status(sqlstate::kSyntaxError, "number of columns does not match number of values"),
        row->location);
  }
  return static_cast<const PgQuery__Node*>(row->args[m->colno - 1]);
}

class DmlHelper {
 public:
  DmlHelper(Binder* b, TablePtr t) : b_(b), t_(std::move(t)) {}

  Result<BoundExprPtr> AssignCoerce(BoundExprPtr e, int col, int location = -1) {
    const catalog::ColumnDef& c = t_->columns[col];
    if (e->type == c.type) return e;
    bool untyped = e->type.id == TypeId::kUnknown || e->type.id == TypeId::kNull;
    if (!untyped && !catalog::CanCast(e->type, c.type, CastContext::kAssignment)) {
      return Status(sqlstate::kDatatypeMismatch,
                    "column \"" + c.name + "\" is of type " + c.type.ToString() +
                        " but expression is of type " + e->type.ToString())
          .WithHint("You will need to rewrite or cast the expression.")
          .WithPosition(location + 1);
    }
    return b_->Coerce(std::move(e), c.type, CastContext::kAssignment);
  }

  Result<BoundExprPtr> Default(int col) {
    const catalog::ColumnDef& c = t_->columns[col];
    if (c.dropped || c.default_sql.empty()) return BinderConstant(Value::Null(c.type));
    OMEN_ASSIGN_OR_RETURN(ParsedScript p, ParseExpression(c.default_sql));
    ExprContext ec;
    ec.clause = "DEFAULT expressions";
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b_->BindExpr(FirstTarget(p), ec));
    return AssignCoerce(std::move(e), col);
  }

  Result<std::vector<BoundExprPtr>> Checks() {
    std::vector<BoundExprPtr> out;
    Scope s = FullRowScope(*t_, t_->name);
    for (const catalog::ConstraintDef& k : t_->constraints) {
      if (k.kind != catalog::ConstraintKind::kCheck) continue;
      OMEN_ASSIGN_OR_RETURN(ParsedScript p, ParseExpression(k.check_sql));
      ExprContext ec{&s, "CHECK", nullptr};
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b_->BindCondition(FirstTarget(p), ec));
      e->alias = k.name;
      out.push_back(std::move(e));
    }
    return out;
  }

  // With `join` (UPDATE ... FROM / DELETE ... USING: the child row's scope,
  // whose FROM items start at column `join_first`), RETURNING also sees the
  // items' columns, over the full row followed by the child row.
  Status Returning(PgQuery__Node** list, size_t n, const std::string& alias, LogicalOperator* op,
                   BoundStatement* st, const Scope* join = nullptr, size_t join_first = 0) {
    Scope s = FullRowScope(*t_, alias);
    if (join != nullptr && n > 0) {
      size_t full = s.columns.size();
      for (size_t i = 0; i < join->columns.size(); ++i) {
        if (i < join_first) {
          s.columns.push_back({"", "", join->columns[i].type, true});
        } else {
          s.columns.push_back(join->columns[i]);
          s.star.push_back(static_cast<int>(full + i));
        }
      }
      s.star_end = s.columns.size();
      op->returning_child = true;
    }
    ExprContext ec{&s, "RETURNING", nullptr};
    for (size_t i = 0; i < n; ++i) {
      const PgQuery__ResTarget* rt = list[i]->res_target;
      const PgQuery__Node* v = rt->val;
      if (v->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
          v->column_ref->fields[v->column_ref->n_fields - 1]->node_case ==
              PG_QUERY__NODE__NODE_A_STAR) {
        for (int c : BinderStarList(s)) {
          op->returning.push_back(BinderColumnRef(c, s.columns[c].type));
          st->names.push_back(s.columns[c].name);
          st->types.push_back(s.columns[c].type);
        }
        continue;
      }
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b_->BindExpr(v, ec));
      OMEN_ASSIGN_OR_RETURN(e, b_->ResolveUnknown(std::move(e)));
      st->names.push_back(rt->name != nullptr && rt->name[0] != '\0' ? rt->name
                                                                     : Binder::FigureColname(v));
      st->types.push_back(e->type);
      op->returning.push_back(std::move(e));
    }
    op->types = st->types;
    op->names = st->names;
    return Status::OK();
  }

  // Binds an UPDATE SET list (UPDATE, ON CONFLICT DO UPDATE) in `ec`:
  // DEFAULT, assignment casts; 42601 for a column assigned twice.
  Status SetList(PgQuery__Node** targets, size_t n, const ExprContext& ec,
                 std::vector<int>* columns, std::vector<BoundExprPtr>* exprs) {
    for (size_t i = 0; i < n; ++i) {
      const PgQuery__ResTarget* rt = targets[i]->res_target;
      OMEN_ASSIGN_OR_RETURN(const PgQuery__Node* val, SetSource(rt));
      OMEN_ASSIGN_OR_RETURN(int col, Column(rt));
      if (std::find(columns->begin(), columns->end(), col) != columns->end()) {
        return Status(sqlstate::kSyntaxError,
                      "multiple assignments to same column \"" + t_->columns[col].name + "\"");
      }
      BoundExprPtr e;
      if (val->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
        OMEN_ASSIGN_OR_RETURN(e, Default(col));
      } else {
        OMEN_ASSIGN_OR_RETURN(e, b_->BindExpr(val, ec));
        OMEN_ASSIGN_OR_RETURN(e, AssignCoerce(std::move(e), col, NodeLocation(val)));
      }
      columns->push_back(col);
      exprs->push_back(std::move(e));
    }
    return Status::OK();
  }

  Result<int> Column(const PgQuery__ResTarget* rt) {
    if (rt->n_indirection > 0) {
      return Status(sqlstate::kFeatureNotSupported,
                    "assignment to a subfield or element is not supported");
    }
    int col = t_->FindColumn(rt->name);
    if (col < 0) {
      return WithLocation(Status(sqlstate::kUndefinedColumn, std::string("column \"") + rt->name +
                                                                 "\" of relation \"" + t_->name +
                                                                 "\" does not exist"),
                          rt->location);
    }
    return col;
  }

 private:
  Binder* b_;
  TablePtr t_;
};

// Binds INSERT's ON CONFLICT clause into op->on_conflict (bind_on_conflict.cc):
// 42P10 when no unique index matches the target, 42704 for an unknown
// constraint, 42601 for DO UPDATE without a target.
Status BindOnConflict(Binder* b, const PgQuery__OnConflictClause* oc, const TablePtr& table,
                      const std::string& alias, LogicalOperator* op);

// UPDATE ... FROM / DELETE ... USING (bind_dml_from.cc): the `kind` operator
// over the target's scan cross-joined with the `from` items, WHERE above and
// a projection of the joined row plus the target's row id last; `scope`
// receives the target's columns, a hidden row-id column, then the items'.
Result<LogicalOperatorPtr> BindTargetJoin(Binder* b, LogicalOpKind kind, const TablePtr& table,
                                          const PgQuery__RangeVar* target, PgQuery__Node** from,
                                          size_t n_from, const PgQuery__Node* where, Scope* scope);

}  // namespace omen::sql
