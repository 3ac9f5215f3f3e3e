// Bind(): statement dispatch, EXPLAIN, and the plan post-passes.

#include "sql/binder.h"

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "sql/binder_internal.h"
#include "sql/optimizer.h"
#include "sql/utility_binder.h"

namespace omen::sql {

namespace {

void FinalizeExpr(BoundExpr* e, const std::vector<Type>& params, Binder* b);

void FinalizeOp(LogicalOperator* op, const std::vector<Type>& params, Binder* b) {
  if (op == nullptr) return;
  auto fix = [&](BoundExprPtr& e) {
    if (e != nullptr) FinalizeExpr(e.get(), params, b);
  };
  fix(op->filter);
  for (auto& e : op->exprs) fix(e);
  for (auto& row : op->values) {
    for (auto& e : row) fix(e);
  }
  for (auto& e : op->groups) fix(e);
  for (auto& a : op->aggregates) {
    for (auto& e : a.args) fix(e);
    fix(a.filter);
  }
  fix(op->condition);
  for (auto& e : op->left_keys) fix(e);
  for (auto& e : op->right_keys) fix(e);
  for (auto& o : op->order) fix(o.expr);
  fix(op->limit);
  fix(op->offset);
  for (auto& e : op->set_exprs) fix(e);
  for (auto& e : op->check_exprs) fix(e);
  for (auto& e : op->returning) fix(e);
  if (op->on_conflict != nullptr) {
    for (auto& e : op->on_conflict->set_exprs) fix(e);
    fix(op->on_conflict->where);
  }
  for (auto& e : op->index_access.keys) fix(e);
  fix(op->index_access.lower);
  fix(op->index_access.upper);
  for (auto& c : op->children) FinalizeOp(c.get(), params, b);
}

void FinalizeExpr(BoundExpr* e, const std::vector<Type>& params, Binder* b) {
  if (e->kind == BoundExprKind::kParameter && e->type.id == TypeId::kUnknown) {
    e->type =
        static_cast<size_t>(e->index) < params.size() ? params[e->index] : Type(TypeId::kText);
  }
  for (auto& c : e->children) {
    if (c != nullptr) FinalizeExpr(c.get(), params, b);
  }
  if (e->subquery != nullptr) FinalizeOp(e->subquery.get(), params, b);
}

}  // namespace

Binder::Binder(const BindContext& ctx) : ctx_(ctx), params_(ctx.parameter_types) {}

void Binder::FinalizeParams(LogicalOperator* op) {
  for (Type& t : params_) {
    if (t.id == TypeId::kNull || t.id == TypeId::kUnknown) t = Type(TypeId::kText);
  }
  FinalizeOp(op, params_, this);
}

Result<BoundStatement> Binder::BindSelectStatement(const PgQuery__Node* node) {
  OMEN_ASSIGN_OR_RETURN(BoundQuery q, BindQuery(node, nullptr, false));
  BoundStatement st;
  st.kind = StatementKind::kSelect;
  st.plan = q.plan;
  st.names = q.names;
  st.types = q.types;
  return st;
}

Result<BoundStatement> Binder::BindStatement(const PgQuery__Node* node) {
  if (node == nullptr) return Status(sqlstate::kSyntaxError, "empty statement");
  Result<BoundStatement> r = Status(sqlstate::kInternalError, "unbound");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      r = BindSelectStatement(node);
      break;
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      r = BindInsert(node);
      break;
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      r = BindUpdate(node);
      break;
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      r = BindDelete(node);
      break;
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT: {
      const PgQuery__ExplainStmt* ex = node->explain_stmt;
      BoundStatement st;
      st.kind = StatementKind::kExplain;
      for (size_t i = 0; i < ex->n_options; ++i) {
        const PgQuery__DefElem* d = ex->options[i]->def_elem;
        std::string name = d->defname;
        bool on = true;
        if (d->arg != nullptr) {
          if (d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) on = d->arg->boolean->boolval;
          if (d->arg->node_case == PG_QUERY__NODE__NODE_STRING) {
            std::string v = d->arg->string->sval;
            on = !(v == "false" || v == "off" || v == "0");
          }
          if (d->arg->node_case == PG_QUERY__NODE__NODE_A_CONST &&
              d->arg->a_const->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL) {
            on = d->arg->a_const->boolval->boolval;
          }
        }
        if (name == "analyze") st.explain_analyze = on;
      }
      OMEN_ASSIGN_OR_RETURN(BoundStatement inner, BindStatement(ex->query));
      st.inner = std::make_shared<BoundStatement>(std::move(inner));
      st.names = {"QUERY PLAN"};
      st.types = {Type(TypeId::kText)};
      st.parameter_types = st.inner->parameter_types;
      return st;
    }
    default:
      if (IsUtilityStatement(node)) return BindUtility(node, ctx_);
      return Status(sqlstate::kFeatureNotSupported, "statement type not supported");
  }
  if (!r.ok()) return r;
  BoundStatement st = std::move(r).value();
  FinalizeParams(st.plan.get());
  st.parameter_types = params_;
  if (st.plan != nullptr) {
    OMEN_ASSIGN_OR_RETURN(st.plan, Optimize(st.plan));
  }
  return st;
}

Result<BoundStatement> Bind(const PgQuery__Node* statement, const BindContext& ctx) {
  Binder binder(ctx);
  return binder.BindStatement(statement);
}

}  // namespace omen::sql
