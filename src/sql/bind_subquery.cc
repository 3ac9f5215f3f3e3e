// Subqueries in expressions: EXISTS, scalar, IN / op ANY / op ALL.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"

namespace omen::sql {

Result<BoundExprPtr> Binder::BindSubqueryPlan(const PgQuery__Node* select, const ExprContext& ec,
                                              BoundQuery* out, bool* correlated) {
  OMEN_ASSIGN_OR_RETURN(*out, BindQuery(select, ec.scope, false));
  *correlated = last_query_correlated_;
  return BoundExprPtr();
}

Result<BoundExprPtr> Binder::BindSubLink(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__SubLink* s = node->sub_link;
  BoundQuery q;
  bool correlated = false;
  OMEN_RETURN_IF_ERROR(BindSubqueryPlan(s->subselect, ec, &q, &correlated).status());
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubquery;
  e->correlated = correlated;
  switch (s->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      e->subquery_kind = SubqueryKind::kExists;
      e->type = Type(TypeId::kBool);
      e->subquery = q.plan;
      return e;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      if (q.types.size() != 1) {
        Status st(sqlstate::kSyntaxError, "subquery must return only one column");
        if (s->location >= 0) st.WithPosition(s->location + 1);
        return st;
      }
      e->subquery_kind = SubqueryKind::kScalar;
      e->type = q.types[0];
      e->subquery = q.plan;
      return e;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK: {
      if (q.types.size() != 1) {
        Status st(sqlstate::kSyntaxError, "subquery must return only one column");
        if (s->location >= 0) st.WithPosition(s->location + 1);
        return st;
      }
      Type elem = q.types[0];
      if (elem.id == TypeId::kUnknown || elem.id == TypeId::kNull) elem = Type(TypeId::kText);
      if (ArrayTypeOid(elem.id) == 0) {
        Status st(sqlstate::kFeatureNotSupported, "ARRAY() of type " + elem.ToString() + " is not supported");
        if (s->location >= 0) st.WithPosition(s->location + 1);
        return st;
      }
      e->subquery_kind = SubqueryKind::kArray;
      e->type = Type::ArrayOf(elem);
      e->subquery = q.plan;
      return e;
    }
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: {
      if (q.types.size() != 1) {
        Status st(sqlstate::kSyntaxError, q.types.size() > 1 ? "subquery has too many columns"
                                                             : "subquery has too few columns");
        if (s->location >= 0) st.WithPosition(s->location + 1);
        return st;
      }
      std::string op =
          s->n_oper_name > 0 ? BinderNodeString(s->oper_name[s->n_oper_name - 1]) : "=";
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr left, BindExpr(s->testexpr, ec));
      Result<catalog::ResolvedFunction> rf = catalog::ResolveOperator(op, left->type, q.types[0]);
      if (!rf.ok()) {
        Status st = rf.status();
        if (s->location >= 0 && st.position() == 0) st.WithPosition(s->location + 1);
        return st;
      }
      if (rf->ret.id != TypeId::kBool) {
        return Status(sqlstate::kDatatypeMismatch,
                      "op ANY/ALL (array) requires operator to yield boolean");
      }
      OMEN_ASSIGN_OR_RETURN(left,
                            Coerce(std::move(left), rf->arg_types[0], CastContext::kImplicit));
      if (!(q.types[0] == rf->arg_types[1])) {
        std::vector<BoundExprPtr> exprs;
        OMEN_ASSIGN_OR_RETURN(BoundExprPtr c, Coerce(BinderColumnRef(0, q.types[0]),
                                                     rf->arg_types[1], CastContext::kImplicit));
        exprs.push_back(std::move(c));
        q.plan = BinderProjection(q.plan, std::move(exprs), q.names);
      }
      e->subquery_kind = s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK
                             ? SubqueryKind::kAny
                             : SubqueryKind::kAll;
      e->function_oid = rf->sig->oid;
      e->type = Type(TypeId::kBool);
      e->children.push_back(std::move(left));
      e->subquery = q.plan;
      return e;
    }
    default: {
      Status st(sqlstate::kFeatureNotSupported, "this kind of subquery is not supported");
      if (s->location >= 0) st.WithPosition(s->location + 1);
      return st;
    }
  }
}

}  // namespace omen::sql
