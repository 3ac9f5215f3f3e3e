// Type names, casts, SQL value functions and output column naming.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "catalog/functions.h"
#include "common/type_io.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

bool TypeIdFromName(const std::string& n, TypeId* out) {
  static const std::pair<const char*, TypeId> kNames[] = {
      {"bool", TypeId::kBool},
      {"boolean", TypeId::kBool},
      {"int2", TypeId::kInt16},
      {"smallint", TypeId::kInt16},
      {"int4", TypeId::kInt32},
      {"int", TypeId::kInt32},
      {"integer", TypeId::kInt32},
      {"int8", TypeId::kInt64},
      {"bigint", TypeId::kInt64},
      {"float4", TypeId::kFloat32},
      {"real", TypeId::kFloat32},
      {"float8", TypeId::kFloat64},
      {"float", TypeId::kFloat64},
      {"numeric", TypeId::kNumeric},
      {"decimal", TypeId::kNumeric},
      {"text", TypeId::kText},
      {"varchar", TypeId::kVarchar},
      {"bpchar", TypeId::kChar},
      {"char", TypeId::kSingleChar},  // quoted "char"; unquoted CHAR parses as bpchar
      {"oid", TypeId::kOid},
      {"name", TypeId::kName},
      {"regclass", TypeId::kRegclass},
      {"regtype", TypeId::kRegtype},
      {"regnamespace", TypeId::kRegnamespace},
      {"regproc", TypeId::kRegproc},
      {"character", TypeId::kChar},
      {"date", TypeId::kDate},
      {"timestamp", TypeId::kTimestamp},
      {"timestamptz", TypeId::kTimestampTz},
      {"interval", TypeId::kInterval},
  };
  for (const auto& [name, id] : kNames) {
    if (n == name) {
      *out = id;
      return true;
    }
  }
  return false;
}

bool IntTypmod(const PgQuery__Node* n, int* out) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_A_CONST) return false;
  if (n->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) return false;
  *out = n->a_const->ival->ival;
  return true;
}

}  // namespace

Result<Type> Binder::BindTypeName(const PgQuery__TypeName* tn) {
  Result<Type> t = BindTypeNameInner(tn);
  if (!t.ok()) return WithLocation(t.status(), tn->location);
  return t;
}

Result<Type> Binder::BindTypeNameInner(const PgQuery__TypeName* tn) {
  std::string name = tn->n_names > 0 ? BinderNodeString(tn->names[tn->n_names - 1]) : "";
  std::string full;
  for (size_t i = 0; i < tn->n_names; ++i) full += (i ? "." : "") + BinderNodeString(tn->names[i]);
  TypeId id;
  if (tn->n_array_bounds > 0 && TypeIdFromName(name, &id)) {
    PgQuery__TypeName element = *tn;
    element.n_array_bounds = 0;
    OMEN_ASSIGN_OR_RETURN(Type e, BindTypeNameInner(&element));
    if (ArrayTypeOid(e.id) != 0) return Type::ArrayOf(e);
  }
  if (name == "interval" && tn->n_array_bounds == 0 && tn->n_typmods > 0) {
    return Status(sqlstate::kFeatureNotSupported, "interval fields and precision are not supported");
  }
  if (tn->n_array_bounds > 0 || !TypeIdFromName(name, &id)) {
    Status st(SqlState("42704"),
              "type \"" + (tn->n_array_bounds > 0 ? full + "[]" : full) + "\" does not exist");
    if (tn->location >= 0) st.WithPosition(tn->location + 1);
    return st;
  }
  std::vector<int> mods;
  for (size_t i = 0; i < tn->n_typmods; ++i) {
    int v = 0;
    if (!IntTypmod(tn->typmods[i], &v))
      return Status(sqlstate::kSyntaxError,
                    "type modifiers must be simple constants or identifiers");
    mods.push_back(v);
  }
  Type t(id);
  switch (id) {
    case TypeId::kVarchar:
    case TypeId::kChar:
      if (mods.size() > 1) return Status(sqlstate::kSyntaxError, "invalid type modifier");
      if (!mods.empty()) {
        if (mods[0] < 1) {
          return Status(sqlstate::kInvalidParameterValue,
                        std::string("length for type ") +
                            (id == TypeId::kChar ? "char" : "varchar") + " must be at least 1");
        }
        t.typmod = mods[0];
      } else if (id == TypeId::kChar) {
        t.typmod = 1;  // char without length is char(1)
      }
      break;
    case TypeId::kNumeric:
      if (mods.size() > 2) return Status(sqlstate::kSyntaxError, "invalid NUMERIC type modifier");
      if (!mods.empty()) {
        int p = mods[0], s = mods.size() > 1 ? mods[1] : 0;
        if (p < 1 || p > 1000) {
          return Status(sqlstate::kInvalidParameterValue,
                        "NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000");
        }
        if (s < -1000 || s > 1000) {
          return Status(sqlstate::kInvalidParameterValue,
                        "NUMERIC scale " + std::to_string(s) + " must be between -1000 and 1000");
        }
        t.typmod = ((p << 16) | (s & 0x7ff)) + 4;
      }
      break;
    default:
      break;
  }
  return t;
}

Result<BoundExprPtr> Binder::BindTypeCast(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__TypeCast* tc = node->type_cast;
  OMEN_ASSIGN_OR_RETURN(Type target, BindTypeName(tc->type_name));
  BoundExprPtr arg;
  if (target.id == TypeId::kArray && tc->arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
    OMEN_ASSIGN_OR_RETURN(arg, BindArrayExpr(tc->arg, ec, target));
  } else {
    OMEN_ASSIGN_OR_RETURN(arg, BindExpr(tc->arg, ec));
  }
  // A cast of an untyped literal is a direct parse of the literal.
  if (arg->kind == BoundExprKind::kConstant &&
      (arg->type.id == TypeId::kUnknown || arg->type.id == TypeId::kNull)) {
    return Coerce(std::move(arg), target, CastContext::kExplicit);
  }
  if (arg->type == target) return arg;
  if (arg->kind == BoundExprKind::kParameter && arg->type.id == TypeId::kUnknown) {
    // PostgreSQL parses a cast literal at bind time (22P02 there): not cacheable.
    if (IsLifted(*arg) && ctx_.lifted != nullptr) ctx_.lifted->cacheable = false;
    return Coerce(std::move(arg), target, CastContext::kExplicit);
  }
  Result<BoundExprPtr> c = Coerce(std::move(arg), target, CastContext::kExplicit);
  if (!c.ok()) {
    Status st = c.status();
    if (tc->location >= 0 && st.position() == 0) st.WithPosition(tc->location + 1);
    return st;
  }
  (*c)->cast_context = static_cast<uint8_t>(CastContext::kExplicit);
  return c;
}

Result<BoundExprPtr> Binder::BindSqlValueFunction(const PgQuery__Node* node) {
  const PgQuery__SQLValueFunction* f = node->sqlvalue_function;
  std::vector<const char*> names;
  switch (f->op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      names = {"current_date"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      names = {"now", "current_timestamp"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      names = {"localtimestamp"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      names = {"current_user"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      names = {"session_user", "current_user"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      names = {"current_database"};
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      names = {"current_schema"};
      break;
    default:
      break;
  }
  Status last(sqlstate::kFeatureNotSupported, "SQL value function not supported");
  for (const char* n : names) {
    Result<catalog::ResolvedFunction> rf = catalog::ResolveFunction(n, {});
    if (!rf.ok()) {
      last = rf.status();
      continue;
    }
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kFunction;
    e->function_oid = rf->sig->oid;
    e->type = rf->ret;
    return e;
  }
  if (f->location >= 0) last.WithPosition(f->location + 1);
  return last;
}

namespace {

// PostgreSQL's FigureColnameInternal: returns strength (0 none, 1 weak, 2 strong).
int FigureColnameInternal(const PgQuery__Node* node, std::string* name) {
  if (node == nullptr) return 0;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      const PgQuery__ColumnRef* cr = node->column_ref;
      for (size_t i = cr->n_fields; i > 0; --i) {
        if (cr->fields[i - 1]->node_case == PG_QUERY__NODE__NODE_STRING) {
          *name = BinderNodeString(cr->fields[i - 1]);
          return 2;
        }
      }
      return 0;
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
      const PgQuery__FuncCall* f = node->func_call;
      *name = BinderNodeString(f->funcname[f->n_funcname - 1]);
      return 2;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      if (node->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
        *name = "nullif";
        return 2;
      }
      return 0;
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      int s = FigureColnameInternal(node->type_cast->arg, name);
      if (s <= 1) {
        const PgQuery__TypeName* tn = node->type_cast->type_name;
        *name = BinderNodeString(tn->names[tn->n_names - 1]);
        return 1;
      }
      return s;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return FigureColnameInternal(node->collate_clause->arg, name);
    case PG_QUERY__NODE__NODE_SUB_LINK: {
      const PgQuery__SubLink* s = node->sub_link;
      if (s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK) {
        *name = "exists";
        return 2;
      }
      if (s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK) {
        *name = "array";
        return 2;
      }
      if (s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK &&
          s->subselect->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
        const PgQuery__SelectStmt* sel = s->subselect->select_stmt;
        if (sel->n_target_list > 0) {
          const PgQuery__ResTarget* rt = sel->target_list[0]->res_target;
          if (rt->name != nullptr && rt->name[0] != '\0') {
            *name = rt->name;
            return 2;
          }
          return FigureColnameInternal(rt->val, name);
        }
      }
      return 0;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      int s = FigureColnameInternal(node->case_expr->defresult, name);
      if (s <= 1) {
        *name = "case";
        return 1;
      }
      return s;
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      *name = "coalesce";
      return 2;
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      *name = "array";
      return 2;
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return FigureColnameInternal(node->a_indirection->arg, name);
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      *name = node->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
      return 2;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      switch (node->sqlvalue_function->op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
          *name = "current_date";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
          *name = "current_time";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
          *name = "current_timestamp";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
          *name = "localtime";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
          *name = "localtimestamp";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
          *name = "current_role";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
          *name = "current_user";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
          *name = "user";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
          *name = "session_user";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
          *name = "current_catalog";
          return 2;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
          *name = "current_schema";
          return 2;
        default:
          return 0;
      }
    default:
      return 0;
  }
}

}  // namespace

std::string Binder::FigureColname(const PgQuery__Node* node) {
  std::string name;
  if (FigureColnameInternal(node, &name) > 0) return name;
  return "?column?";
}

}  // namespace omen::sql
