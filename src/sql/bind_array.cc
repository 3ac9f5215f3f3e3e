// Array expressions: ARRAY[...] constructors, subscripts and slices, and
// x op ANY/ALL (array), with PostgreSQL 15's typing (transformArrayExpr,
// transformIndirection, make_scalar_array_op). One dimension only.

#include <pg_query/pg_query.pb-c.h>

#include <climits>
#include <string>

#include "catalog/functions.h"
#include "common/array.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

Status MultiDimensional(int location) {
  return WithLocation(
      Status(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported"),
      location);
}

BoundExprPtr ArrayFunction(uint32_t oid, Type type, std::vector<BoundExprPtr> args) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kFunction;
  e->function_oid = oid;
  e->type = type;
  e->children = std::move(args);
  return e;
}

}  // namespace

Result<BoundExprPtr> Binder::BindArrayExpr(const PgQuery__Node* node, const ExprContext& ec,
                                           Type target) {
  const PgQuery__AArrayExpr* a = node->a_array_expr;
  std::vector<PgQuery__Node*> items(a->elements, a->elements + a->n_elements);
  if (items.empty()) {
    if (target.id == TypeId::kArray) return BinderConstant(MakeArrayValue(target, {}));
    Status st(SqlState("42P18"), "cannot determine type of empty array");
    st.WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
    return WithLocation(st, a->location);
  }
  std::vector<BoundExprPtr> args;
  std::vector<Type> types;
  for (PgQuery__Node* item : items) {
    if (item->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR)
      return MultiDimensional(NodeLocation(item));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(item, ec));
    if (e->type.id == TypeId::kArray) return MultiDimensional(NodeLocation(item));
    types.push_back(e->type);
    args.push_back(std::move(e));
  }
  Type elem;
  if (target.id == TypeId::kArray) {
    elem = target.ElementType();  // ARRAY[...]::t[] casts each element, as PostgreSQL
  } else {
    OMEN_ASSIGN_OR_RETURN(elem, CommonTypeAt(types, "ARRAY", items));
  }
  if (ArrayTypeOid(elem.id) == 0) {
    return WithLocation(Status(sqlstate::kUndefinedObject,
                               "could not find array type for data type " + elem.ToString()),
                        a->location);
  }
  CastContext cc = target.id == TypeId::kArray ? CastContext::kExplicit : CastContext::kImplicit;
  for (size_t k = 0; k < args.size(); ++k) {
    Result<BoundExprPtr> c = Coerce(std::move(args[k]), elem, cc);
    if (!c.ok()) return WithLocation(c.status(), NodeLocation(items[k]));
    args[k] = std::move(*c);
  }
  BoundExprPtr e =
      ArrayFunction(catalog::kArrayConstructorOid, Type::ArrayOf(elem), std::move(args));
  e->alias = "array";
  return e;
}

Result<BoundExprPtr> Binder::BindIndirection(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__AIndirection* ind = node->a_indirection;
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr arr, BindExpr(ind->arg, ec));
  int loc = NodeLocation(ind->arg);
  if (ind->n_indirection != 1 || ind->indirection[0]->node_case != PG_QUERY__NODE__NODE_A_INDICES) {
    if (ind->n_indirection > 1) return MultiDimensional(loc);
    return WithLocation(Status(sqlstate::kFeatureNotSupported, "field selection is not supported"),
                        loc);
  }
  if (arr->type.id == TypeId::kUnknown || arr->type.id == TypeId::kNull) {
    Status st(SqlState("42804"), "cannot subscript type unknown because it is not an array");
    return WithLocation(st, loc);
  }
  if (arr->type.id != TypeId::kArray) {
    return WithLocation(Status(SqlState("42804"), "cannot subscript type " + arr->type.ToString() +
                                                      " because it does not support subscripting"),
                        loc);
  }
  const PgQuery__AIndices* idx = ind->indirection[0]->a_indices;
  auto bind_index = [&](const PgQuery__Node* n, int32_t omitted) -> Result<BoundExprPtr> {
    if (n == nullptr) return BinderConstant(Value::Int32(omitted));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(n, ec));
    Result<BoundExprPtr> c = Coerce(std::move(e), Type(TypeId::kInt32), CastContext::kAssignment);
    if (!c.ok()) {
      return WithLocation(Status(SqlState("42804"), "array subscript must have type integer"),
                          NodeLocation(n));
    }
    return c;
  };
  std::vector<BoundExprPtr> args;
  Type elem = arr->type.ElementType();
  Type arr_type = arr->type;
  args.push_back(std::move(arr));
  if (!idx->is_slice) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr i, bind_index(idx->uidx, 0));
    args.push_back(std::move(i));
    return ArrayFunction(catalog::kArraySubscriptOid, elem, std::move(args));
  }
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr lo, bind_index(idx->lidx, INT32_MIN));
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr hi, bind_index(idx->uidx, INT32_MAX));
  args.push_back(std::move(lo));
  args.push_back(std::move(hi));
  return ArrayFunction(catalog::kArraySliceOid, arr_type, std::move(args));
}

Result<BoundExprPtr> Binder::BindArrayOp(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__AExpr* a = node->a_expr;
  std::string op = a->n_name == 0 ? std::string("=") : BinderNodeString(a->name[a->n_name - 1]);
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr left, BindExpr(a->lexpr, ec));
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr right, BindExpr(a->rexpr, ec));
  Type relem;
  if (right->type.id == TypeId::kUnknown || right->type.id == TypeId::kNull) {
    relem = Type(TypeId::kUnknown);
  } else if (right->type.id == TypeId::kArray) {
    relem = right->type.ElementType();
  } else {
    return WithLocation(
        Status(SqlState("42809"), "op ANY/ALL (array) requires array on right side"), a->location);
  }
  Result<catalog::ResolvedFunction> rf = catalog::ResolveOperator(op, left->type, relem);
  if (!rf.ok()) return WithLocation(rf.status(), a->location);
  if (rf->ret.id != TypeId::kBool) {
    return WithLocation(
        Status(SqlState("42809"), "op ANY/ALL (array) requires operator to yield boolean"),
        a->location);
  }
  OMEN_ASSIGN_OR_RETURN(left, Coerce(std::move(left), rf->arg_types[0], CastContext::kImplicit));
  Type want = Type::ArrayOf(rf->arg_types[1]);
  Result<BoundExprPtr> r = Coerce(std::move(right), want, CastContext::kImplicit);
  if (!r.ok()) return WithLocation(r.status(), a->location);
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kArrayOp;
  e->type = Type(TypeId::kBool);
  e->function_oid = rf->sig->oid;
  e->negated = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(*r));
  return e;
}

Result<LogicalOperatorPtr> Binder::BindUnnest(const PgQuery__RangeFunction* rf, const Scope* parent,
                                              Scope* scope) {
  const PgQuery__FuncCall* f = rf->functions[0]->list->items[0]->func_call;
  if (f->n_args != 1 || f->agg_star || f->agg_distinct) {
    return WithLocation(
        Status(sqlstate::kFeatureNotSupported, "unnest of more than one array is not supported"),
        f->location);
  }
  // Not LATERAL: the argument sees only enclosing queries.
  Scope empty;
  empty.parent = parent;
  ExprContext ec{&empty, "functions in FROM", nullptr};
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(f->args[0], ec));
  if (arg->type.id != TypeId::kArray) {
    Status st(sqlstate::kUndefinedFunction,
              "function unnest(" + arg->type.ToString() + ") does not exist");
    st.WithHint(
        "No function matches the given name and argument types. You might need to add explicit "
        "type casts.");
    return WithLocation(st, f->location);
  }
  if (empty.outer_referenced) scope->outer_referenced = true;
  Type elem = arg->type.ElementType();
  auto op = BinderOp(LogicalOpKind::kValues);
  op->exprs.push_back(std::move(arg));
  op->table_function = "unnest";
  op->types = {elem};
  std::string table = "unnest", col = "unnest";
  if (rf->alias != nullptr) {
    table = rf->alias->aliasname;
    col = rf->alias->n_colnames > 0 ? BinderNodeString(rf->alias->colnames[0]) : table;
    if (rf->alias->n_colnames > 1) {
      return Status(SqlState("42P10"), "too many column aliases specified for function unnest");
    }
  }
  op->names = {col};
  op->alias = table;
  scope->columns.push_back({table, col, elem});
  return op;
}

}  // namespace omen::sql
