// Binding of scalar expressions: names, literals, operators, functions,
// casts, CASE, subqueries. Part of Binder (binder_internal.h).

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "catalog/functions.h"
#include "common/type_io.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

bool IsUntyped(const BoundExpr& e) {
  return e.type.id == TypeId::kUnknown || e.type.id == TypeId::kNull;
}

std::vector<PgQuery__Node*> ListItems(const PgQuery__Node* n) {
  std::vector<PgQuery__Node*> out;
  if (n != nullptr && n->node_case == PG_QUERY__NODE__NODE_LIST) {
    for (size_t i = 0; i < n->list->n_items; ++i) out.push_back(n->list->items[i]);
  }
  return out;
}

std::string OperatorName(PgQuery__Node** names, size_t n) {
  return n == 0 ? std::string() : BinderNodeString(names[n - 1]);
}

}  // namespace

std::string BinderNodeString(const PgQuery__Node* node) {
  if (node != nullptr && node->node_case == PG_QUERY__NODE__NODE_STRING) return node->string->sval;
  return std::string();
}

BoundExprPtr BinderColumnRef(int index, Type type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kColumnRef;
  e->index = index;
  e->type = type;
  return e;
}

BoundExprPtr BinderConstant(Value v) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kConstant;
  e->type = v.type;
  e->value = std::move(v);
  return e;
}

static bool ValueEqual(const Value& a, const Value& b) {
  if (!(a.type == b.type) || a.is_null != b.is_null) return false;
  if (a.is_null) return true;
  switch (a.type.physical()) {
    case PhysicalType::kInt64:
      return a.i == b.i;
    case PhysicalType::kDouble:
      return a.d == b.d;
    case PhysicalType::kNumeric:
      return a.n == b.n && a.n.scale() == b.n.scale();
    case PhysicalType::kString:
      return a.s == b.s;
  }
  return false;
}

bool BinderExprEqual(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || !(a.type == b.type) || a.children.size() != b.children.size())
    return false;
  if (a.index != b.index || a.depth != b.depth || a.function_oid != b.function_oid ||
      a.negated != b.negated || a.has_else != b.has_else || a.cast_context != b.cast_context) {
    return false;
  }
  if (a.kind == BoundExprKind::kConstant && !ValueEqual(a.value, b.value)) return false;
  if (a.kind == BoundExprKind::kSubquery) return false;  // never merged
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!BinderExprEqual(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

Result<BoundExprPtr> Binder::Coerce(BoundExprPtr expr, Type target, CastContext cc) {
  if (expr->type == target) return expr;
  if (expr->kind == BoundExprKind::kConstant && expr->type.id == TypeId::kNull) {
    expr->value = Value::Null(target);
    expr->type = target;
    return expr;
  }
  if (expr->kind == BoundExprKind::kConstant && expr->type.id == TypeId::kUnknown) {
    int loc = -1;
    auto it = expr_locations_.find(expr.get());
    if (it != expr_locations_.end()) loc = it->second;
    // As PostgreSQL: the literal is read by the type's input function, then
    // the typmod is applied with the cast's semantics (explicit truncates).
    Type parse_type = target.id == TypeId::kArray ? Type::ArrayOf(Type(target.elem)) : Type(target.id);
    Result<Value> v = target.id == TypeId::kUnknown ? Result<Value>(expr->value)
                                                    : ParseValue(expr->value.s, parse_type);
    if (!v.ok()) return WithLocation(v.status(), loc);
    if (target.typmod != -1 && cc != CastContext::kImplicit) {
      v = CastValue(*v, target, cc);
      if (!v.ok()) return v.status();
    }
    std::string alias = expr->alias;
    BoundExprPtr c = BinderConstant(std::move(v).value());
    c->type = target;
    c->value.type = target;
    c->alias = alias;
    return c;
  }
  if (expr->kind == BoundExprKind::kParameter && expr->type.id == TypeId::kUnknown) {
    expr->type = target;
    if (static_cast<size_t>(expr->index) < params_.size() &&
        params_[expr->index].id == TypeId::kNull) {
      params_[expr->index] = target;
      NoteLiftedCoercion(expr->index, cc);
    } else if (static_cast<size_t>(expr->index) < params_.size()) {
      expr->type = params_[expr->index];
      if (expr->type == target) return expr;
    } else {
      return expr;
    }
    if (expr->type == target) return expr;
  }
  if (expr->type.id == target.id && expr->type.elem == target.elem && target.typmod == -1 &&
      cc == CastContext::kImplicit) {
    return expr;  // only the typmod differs: an implicit coercion keeps the value
  }
  if (!catalog::CanCast(expr->type, target, cc)) {
    return Status(SqlState("42846"),
                  "cannot cast type " + expr->type.ToString() + " to " + target.ToString());
  }
  auto c = std::make_unique<BoundExpr>();
  c->kind = BoundExprKind::kCast;
  c->type = target;
  c->cast_context = static_cast<uint8_t>(cc);
  c->alias = expr->alias;
  c->children.push_back(std::move(expr));
  return c;
}

Result<BoundExprPtr> Binder::ResolveUnknown(BoundExprPtr expr) {
  if (expr->type.id == TypeId::kUnknown || expr->type.id == TypeId::kNull) {
    return Coerce(std::move(expr), Type(TypeId::kText), CastContext::kImplicit);
  }
  return expr;
}

Result<Type> CommonTypeAt(const std::vector<Type>& types, const char* what,
                          const std::vector<PgQuery__Node*>& nodes) {
  Result<Type> t = catalog::CommonType(types, what);
  if (t.ok()) return t;
  // Point at the first expression that cannot join the ones before it.
  for (size_t k = 1; k < types.size() && k < nodes.size(); ++k) {
    std::vector<Type> prefix(types.begin(), types.begin() + k + 1);
    if (!catalog::CommonType(prefix, what).ok())
      return WithLocation(t.status(), NodeLocation(nodes[k]));
  }
  return t;
}

int NodeLocation(const PgQuery__Node* n) {
  if (n == nullptr) return -1;
  auto leftmost = [](int a, int b) { return a < 0 ? b : (b < 0 ? a : std::min(a, b)); };
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return n->a_const->location;
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return n->column_ref->location;
    case PG_QUERY__NODE__NODE_PARAM_REF:
      return n->param_ref->location;
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return n->func_call->location;
    case PG_QUERY__NODE__NODE_A_EXPR:
      return leftmost(n->a_expr->location, NodeLocation(n->a_expr->lexpr));
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return leftmost(n->type_cast->location, NodeLocation(n->type_cast->arg));
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      int loc = n->bool_expr->location;
      if (n->bool_expr->n_args > 0) loc = leftmost(loc, NodeLocation(n->bool_expr->args[0]));
      return loc;
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return leftmost(n->sub_link->location, NodeLocation(n->sub_link->testexpr));
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return n->case_expr->location;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      return n->coalesce_expr->location;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      return n->min_max_expr->location;
    case PG_QUERY__NODE__NODE_NULL_TEST:
      return leftmost(n->null_test->location, NodeLocation(n->null_test->arg));
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
      return leftmost(n->boolean_test->location, NodeLocation(n->boolean_test->arg));
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return n->sqlvalue_function->location;
    case PG_QUERY__NODE__NODE_RES_TARGET:
      return n->res_target->location;
    default:
      return -1;
  }
}

Result<BoundExprPtr> Binder::BindCondition(const PgQuery__Node* node, const ExprContext& ec) {
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(node, ec));
  if (e->type.id == TypeId::kBool) return e;
  if (IsUntyped(*e)) return Coerce(std::move(e), Type(TypeId::kBool), CastContext::kImplicit);
  return WithLocation(Status(sqlstate::kDatatypeMismatch, std::string("argument of ") + ec.clause +
                                                              " must be type boolean, not type " +
                                                              e->type.ToString()),
                      NodeLocation(node));
}

Result<BoundExprPtr> Binder::BindExpr(const PgQuery__Node* node, const ExprContext& ec) {
  if (node == nullptr) return Status(sqlstate::kInternalError, "missing expression");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return BindColumnRef(node, ec);
    case PG_QUERY__NODE__NODE_A_CONST:
      return BindAConst(node);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      int n = node->param_ref->number;
      if (n < 1 || n > 65535) {
        return WithLocation(
            Status(SqlState("42P02"), "there is no parameter $" + std::to_string(n)),
            node->param_ref->location);
      }
      if (params_.size() < static_cast<size_t>(n)) params_.resize(n, Type(TypeId::kNull));
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundExprKind::kParameter;
      e->index = n - 1;
      e->type = params_[n - 1].id == TypeId::kNull ? Type(TypeId::kUnknown) : params_[n - 1];
      return e;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return BindAExpr(node, ec);
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      return BindBool(node, ec);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return BindFuncCall(node, ec);
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return BindTypeCast(node, ec);
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return BindCase(node, ec);
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return BindSubLink(node, ec);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return BindArrayExpr(node, ec);
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return BindIndirection(node, ec);
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return BindSqlValueFunction(node);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      std::vector<PgQuery__Node*> args(node->coalesce_expr->args,
                                       node->coalesce_expr->args + node->coalesce_expr->n_args);
      return BindCommonTyped(BoundExprKind::kCoalesce, args, "COALESCE", ec);
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr* m = node->min_max_expr;
      std::vector<PgQuery__Node*> args(m->args, m->args + m->n_args);
      bool greatest = m->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST;
      return BindCommonTyped(greatest ? BoundExprKind::kGreatest : BoundExprKind::kLeast, args,
                             greatest ? "GREATEST" : "LEAST", ec);
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(node->null_test->arg, ec));
      if (arg->type.id == TypeId::kUnknown) {
        OMEN_ASSIGN_OR_RETURN(arg, ResolveUnknown(std::move(arg)));
      }
      auto e = std::make_unique<BoundExpr>();
      e->kind = node->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL
                    ? BoundExprKind::kIsNull
                    : BoundExprKind::kIsNotNull;
      e->type = Type(TypeId::kBool);
      e->children.push_back(std::move(arg));
      return e;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest* bt = node->boolean_test;
      ExprContext sub = ec;
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(bt->arg, sub));
      if (IsUntyped(*arg)) {
        OMEN_ASSIGN_OR_RETURN(arg,
                              Coerce(std::move(arg), Type(TypeId::kBool), CastContext::kImplicit));
      }
      if (arg->type.id != TypeId::kBool) {
        const char* names[] = {
            "",           "IS TRUE",       "IS NOT TRUE", "IS FALSE", "IS NOT FALSE",
            "IS UNKNOWN", "IS NOT UNKNOWN"};
        return WithLocation(Status(sqlstate::kDatatypeMismatch,
                                   std::string("argument of ") + names[bt->booltesttype] +
                                       " must be type boolean, not type " + arg->type.ToString()),
                            bt->location);
      }
      // x IS [NOT] TRUE/FALSE == x IS [NOT] DISTINCT FROM true/false; IS UNKNOWN == IS NULL.
      auto e = std::make_unique<BoundExpr>();
      e->type = Type(TypeId::kBool);
      switch (bt->booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          e->kind = BoundExprKind::kIsNull;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN:
          e->kind = BoundExprKind::kIsNotNull;
          break;
        default: {
          bool truth = bt->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_TRUE ||
                       bt->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE;
          bool is_not = bt->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE ||
                        bt->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE;
          e->kind = BoundExprKind::kIsDistinctFrom;
          e->negated = !is_not;
          e->children.push_back(std::move(arg));
          e->children.push_back(BinderConstant(Value::Bool(truth)));
          return e;
        }
      }
      e->children.push_back(std::move(arg));
      return e;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return BindExpr(node->collate_clause->arg, ec);
    default:
      return Status(sqlstate::kFeatureNotSupported, "expression type not supported");
  }
}

Result<BoundExprPtr> Binder::BindColumnRef(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__ColumnRef* cr = node->column_ref;
  std::string table, column;
  if (cr->n_fields == 1) {
    column = BinderNodeString(cr->fields[0]);
  } else if (cr->n_fields == 2) {
    table = BinderNodeString(cr->fields[0]);
    column = BinderNodeString(cr->fields[1]);
  } else if (cr->n_fields == 3) {
    table = BinderNodeString(cr->fields[1]);
    column = BinderNodeString(cr->fields[2]);
  }
  if (cr->n_fields > 0 && cr->fields[cr->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
    return WithLocation(
        Status(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here"),
        cr->location);
  }
  if (column.empty() || cr->n_fields > 3) {
    return WithLocation(Status(sqlstate::kFeatureNotSupported, "column reference not supported"),
                        cr->location);
  }
  int depth = 0;
  bool table_seen = false;
  for (const Scope* s = ec.scope; s != nullptr; s = s->parent, ++depth) {
    int found = -1;
    for (size_t i = 0; i < s->columns.size(); ++i) {
      const ScopeColumn& c = s->columns[i];
      if (!table.empty()) {
        if (c.table != table) continue;
        table_seen = true;
      } else if (c.hidden_unqualified) {
        continue;
      }
      if (c.name != column) continue;
      if (found >= 0) {
        return WithLocation(
            Status(SqlState("42702"), "column reference \"" +
                                          (table.empty() ? column : table + "." + column) +
                                          "\" is ambiguous"),
            cr->location);
      }
      found = static_cast<int>(i);
    }
    if (found < 0) {
      if (table_seen) break;
      continue;
    }
    const ScopeColumn& c = s->columns[found];
    if (depth == 0) {
      auto e = BinderColumnRef(found, c.type);
      e->alias = column;
      expr_locations_[e.get()] = cr->location;
      return e;
    }
    const Scope* m = ec.scope;
    for (int d = 0; d < depth; ++d, m = m->parent) m->outer_referenced = true;
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kOuterColumnRef;
    e->depth = depth;
    e->index = found;
    e->type = c.type;
    e->alias = column;
    return e;
  }
  if (!table.empty() && !table_seen) {
    bool exists = false;
    for (const Scope* s = ec.scope; s != nullptr && !exists; s = s->parent) {
      for (const ScopeColumn& c : s->columns) exists = exists || c.table == table;
    }
    for (const Scope* s = ec.scope; s != nullptr && !exists; s = s->parent) {
      for (const auto& [rel, alias] : s->aliased) {
        if (rel == table) {
          return WithLocation(
              Status(sqlstate::kUndefinedTable,
                     "invalid reference to FROM-clause entry for table \"" + table + "\"")
                  .WithHint("Perhaps you meant to reference the table alias \"" + alias + "\"."),
              cr->location);
        }
      }
    }
    if (!exists) {
      return WithLocation(Status(sqlstate::kUndefinedTable,
                                 "missing FROM-clause entry for table \"" + table + "\""),
                          cr->location);
    }
  }
  return WithLocation(
      Status(sqlstate::kUndefinedColumn,
             "column \"" + (table.empty() ? column : table + "." + column) + "\" does not exist"),
      cr->location);
}

Result<BoundExprPtr> Binder::BindAConst(const PgQuery__Node* node) {
  const PgQuery__AConst* c = node->a_const;
  if (c->isnull) return BinderConstant(Value::Null());
  switch (c->val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      return BinderConstant(Value::Int32(c->ival->ival));
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      return BinderConstant(Value::Bool(c->boolval->boolval));
    case PG_QUERY__A__CONST__VAL_SVAL: {
      BoundExprPtr e = BinderConstant(Value::Unknown(c->sval->sval));
      e->type = Type(TypeId::kUnknown);
      expr_locations_[e.get()] = c->location;
      return e;
    }
    case PG_QUERY__A__CONST__VAL_FVAL: {
      std::string text = c->fval->fval;
      bool integral = text.find_first_of(".eE") == std::string::npos;
      if (integral) {
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(text.c_str(), &end, 10);
        if (errno == 0 && end != nullptr && *end == '\0') {
          if (v >= INT32_MIN && v <= INT32_MAX)
            return BinderConstant(Value::Int32(static_cast<int32_t>(v)));
          return BinderConstant(Value::Int64(v));
        }
      }
      Result<Numeric> n = Numeric::Parse(text);
      if (!n.ok()) return WithLocation(n.status(), c->location);
      return BinderConstant(Value::FromNumeric(std::move(n).value()));
    }
    default:
      return WithLocation(
          Status(sqlstate::kFeatureNotSupported, "bit string literals are not supported"),
          c->location);
  }
}

Result<BoundExprPtr> Binder::BindOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r,
                                          int location) {
  Result<catalog::ResolvedFunction> rf = l == nullptr
                                             ? catalog::ResolvePrefixOperator(op, r->type)
                                             : catalog::ResolveOperator(op, l->type, r->type);
  if (!rf.ok()) return WithLocation(rf.status(), location);
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kFunction;
  e->function_oid = rf->sig->oid;
  e->type = rf->ret;
  size_t k = 0;
  if (l != nullptr) {
    OMEN_ASSIGN_OR_RETURN(l, Coerce(std::move(l), rf->arg_types[k++], CastContext::kImplicit));
    e->children.push_back(std::move(l));
  }
  OMEN_ASSIGN_OR_RETURN(r, Coerce(std::move(r), rf->arg_types[k], CastContext::kImplicit));
  e->children.push_back(std::move(r));
  return e;
}

Result<BoundExprPtr> Binder::BindAExpr(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__AExpr* a = node->a_expr;
  std::string op = OperatorName(a->name, a->n_name);
  switch (a->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: {
      BoundExprPtr l;
      if (a->lexpr != nullptr) {
        OMEN_ASSIGN_OR_RETURN(l, BindExpr(a->lexpr, ec));
      }
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr r, BindExpr(a->rexpr, ec));
      return BindOperator(op, std::move(l), std::move(r), a->location);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr l, BindExpr(a->lexpr, ec));
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr r, BindExpr(a->rexpr, ec));
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr eq,
                            BindOperator("=", std::move(l), std::move(r), a->location));
      auto e = std::make_unique<BoundExpr>();
      if (a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
        e->kind = BoundExprKind::kNullIf;
        e->function_oid = eq->function_oid;
        e->type = eq->children[0]->type;
        e->alias = "nullif";
      } else {
        e->kind = BoundExprKind::kIsDistinctFrom;
        e->negated = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT;
        e->type = Type(TypeId::kBool);
      }
      e->children = std::move(eq->children);
      return e;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
      return BindInList(node, ec);
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      return BindArrayOp(node, ec);
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
      return BindBetween(node, ec);
    default:
      return WithLocation(Status(sqlstate::kFeatureNotSupported, "operator form not supported"),
                          a->location);
  }
}

Result<BoundExprPtr> Binder::BindInList(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__AExpr* a = node->a_expr;
  std::vector<PgQuery__Node*> items = ListItems(a->rexpr);
  std::vector<BoundExprPtr> args;
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr left, BindExpr(a->lexpr, ec));
  args.push_back(std::move(left));
  std::vector<Type> types = {args[0]->type};
  for (PgQuery__Node* item : items) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(item, ec));
    types.push_back(e->type);
    args.push_back(std::move(e));
  }
  Result<Type> common = catalog::CommonType(types, "IN");
  if (!common.ok()) return WithLocation(common.status(), a->location);
  // Resolve "=" on the common type to get the comparison function.
  Result<catalog::ResolvedFunction> rf = catalog::ResolveOperator("=", *common, *common);
  if (!rf.ok()) return WithLocation(rf.status(), a->location);
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kInList;
  e->type = Type(TypeId::kBool);
  e->function_oid = rf->sig->oid;
  e->negated = OperatorName(a->name, a->n_name) == "<>";
  for (BoundExprPtr& arg : args) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr c,
                          Coerce(std::move(arg), rf->arg_types[0], CastContext::kImplicit));
    e->children.push_back(std::move(c));
  }
  return e;
}

// x BETWEEN lo AND hi: (x >= lo AND x <= hi); NOT BETWEEN: (x < lo OR x > hi).
// SYMMETRIC also tries the bounds swapped: (range lo..hi) OR (range hi..lo),
// negated (not in lo..hi) AND (not in hi..lo). The left operand is bound once
// per comparison rather than copied.
Result<BoundExprPtr> Binder::BindBetween(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__AExpr* a = node->a_expr;
  std::vector<PgQuery__Node*> bounds = ListItems(a->rexpr);
  if (bounds.size() != 2) return Status(sqlstate::kSyntaxError, "BETWEEN needs two bounds");
  bool neg = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
             a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
  bool sym = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
             a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
  auto range = [&](PgQuery__Node* lo_node, PgQuery__Node* hi_node) -> Result<BoundExprPtr> {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr l1, BindExpr(a->lexpr, ec));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr lo, BindExpr(lo_node, ec));
    OMEN_ASSIGN_OR_RETURN(
        BoundExprPtr c1, BindOperator(neg ? "<" : ">=", std::move(l1), std::move(lo), a->location));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr l2, BindExpr(a->lexpr, ec));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr hi, BindExpr(hi_node, ec));
    OMEN_ASSIGN_OR_RETURN(
        BoundExprPtr c2, BindOperator(neg ? ">" : "<=", std::move(l2), std::move(hi), a->location));
    auto e = std::make_unique<BoundExpr>();
    e->kind = neg ? BoundExprKind::kOr : BoundExprKind::kAnd;
    e->type = Type(TypeId::kBool);
    e->children.push_back(std::move(c1));
    e->children.push_back(std::move(c2));
    return e;
  };
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr forward, range(bounds[0], bounds[1]));
  if (!sym) return forward;
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr backward, range(bounds[1], bounds[0]));
  auto e = std::make_unique<BoundExpr>();
  e->kind = neg ? BoundExprKind::kAnd : BoundExprKind::kOr;
  e->type = Type(TypeId::kBool);
  e->children.push_back(std::move(forward));
  e->children.push_back(std::move(backward));
  return e;
}

Result<BoundExprPtr> Binder::BindBool(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__BoolExpr* b = node->bool_expr;
  auto e = std::make_unique<BoundExpr>();
  e->type = Type(TypeId::kBool);
  const char* name = "AND";
  switch (b->boolop) {
    case PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR:
      e->kind = BoundExprKind::kAnd;
      break;
    case PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR:
      e->kind = BoundExprKind::kOr;
      name = "OR";
      break;
    default:
      e->kind = BoundExprKind::kNot;
      name = "NOT";
      break;
  }
  for (size_t i = 0; i < b->n_args; ++i) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(b->args[i], ec));
    if (IsUntyped(*arg)) {
      OMEN_ASSIGN_OR_RETURN(arg,
                            Coerce(std::move(arg), Type(TypeId::kBool), CastContext::kImplicit));
    }
    if (arg->type.id != TypeId::kBool) {
      return WithLocation(Status(sqlstate::kDatatypeMismatch,
                                 std::string("argument of ") + name +
                                     " must be type boolean, not type " + arg->type.ToString()),
                          NodeLocation(b->args[i]));
    }
    e->children.push_back(std::move(arg));
  }
  return e;
}

Result<BoundExprPtr> Binder::BindCommonTyped(BoundExprKind kind,
                                             const std::vector<PgQuery__Node*>& args,
                                             const char* what, const ExprContext& ec) {
  std::vector<BoundExprPtr> bound;
  std::vector<Type> types;
  for (PgQuery__Node* n : args) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(n, ec));
    types.push_back(e->type);
    bound.push_back(std::move(e));
  }
  Result<Type> common_r = CommonTypeAt(types, what, args);
  if (!common_r.ok()) return common_r.status();
  Type common = *common_r;
  if (common.id == TypeId::kUnknown || common.id == TypeId::kNull) common = Type(TypeId::kText);
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = common;
  for (BoundExprPtr& b : bound) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr c, Coerce(std::move(b), common, CastContext::kImplicit));
    e->children.push_back(std::move(c));
  }
  return e;
}

Result<BoundExprPtr> Binder::BindCase(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__CaseExpr* c = node->case_expr;
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCase;
  std::vector<BoundExprPtr> results;
  std::vector<Type> types;
  for (size_t i = 0; i < c->n_args; ++i) {
    const PgQuery__CaseWhen* w = c->args[i]->case_when;
    BoundExprPtr cond;
    if (c->arg != nullptr) {
      // Simple CASE: arg = value, binding the argument again for each arm.
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(c->arg, ec));
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr val, BindExpr(w->expr, ec));
      OMEN_ASSIGN_OR_RETURN(cond, BindOperator("=", std::move(arg), std::move(val), w->location));
    } else {
      ExprContext sub = ec;
      sub.clause = "CASE/WHEN";
      OMEN_ASSIGN_OR_RETURN(cond, BindCondition(w->expr, sub));
    }
    e->children.push_back(std::move(cond));
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr r, BindExpr(w->result, ec));
    types.push_back(r->type);
    results.push_back(std::move(r));
    e->children.push_back(nullptr);
  }
  if (c->defresult != nullptr) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr r, BindExpr(c->defresult, ec));
    types.push_back(r->type);
    results.push_back(std::move(r));
    e->has_else = true;
  }
  // PostgreSQL considers the ELSE result first.
  std::vector<PgQuery__Node*> result_nodes;
  std::vector<Type> ordered;
  if (c->defresult != nullptr) {
    result_nodes.push_back(c->defresult);
    ordered.push_back(types.back());
  }
  for (size_t i = 0; i < c->n_args; ++i) {
    result_nodes.push_back(c->args[i]->case_when->result);
    ordered.push_back(types[i]);
  }
  Result<Type> common = CommonTypeAt(ordered, "CASE", result_nodes);
  if (!common.ok()) return common.status();
  Type t = *common;
  if (t.id == TypeId::kUnknown || t.id == TypeId::kNull) t = Type(TypeId::kText);
  e->type = t;
  for (size_t i = 0; i < results.size(); ++i) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr r, Coerce(std::move(results[i]), t, CastContext::kImplicit));
    if (i < c->n_args) {
      e->children[2 * i + 1] = std::move(r);
    } else {
      e->children.push_back(std::move(r));
    }
  }
  return e;
}

}  // namespace omen::sql
