// Function calls and aggregates: overload resolution, implicit argument
// casts, and collection of aggregate calls (binder_internal.h, invariant 3).

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <climits>
#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

constexpr const char* kNestedAggClause = "aggregate function calls";

// Smallest depth of the column references in `e` (0 = this query level),
// or INT_MAX when it references no columns; PostgreSQL's agglevelsup.
int MinColumnDepth(const BoundExpr& e) {
  int d = INT_MAX;
  if (e.kind == BoundExprKind::kColumnRef) d = 0;
  if (e.kind == BoundExprKind::kOuterColumnRef) d = e.depth;
  for (const auto& c : e.children) d = std::min(d, MinColumnDepth(*c));
  return d;
}

bool IsAggregateName(const std::string& name) {
  for (const catalog::FunctionSignature& f : catalog::AllFunctions()) {
    if (f.kind == catalog::FunctionKind::kAggregate && f.name == name) return true;
  }
  return false;
}

// Built-ins with parameter names and defaults (pg_proc.proargnames and
// proargdefaults): a call may name its arguments or omit trailing ones.
struct ParamDefaults {
  const char* function;
  std::vector<std::pair<const char*, Value>> params;  // name, default
};

const ParamDefaults* FindParamDefaults(const std::string& name) {
  static const auto* table = new std::vector<ParamDefaults>{
      {"make_interval",
       {{"years", Value::Int32(0)}, {"months", Value::Int32(0)}, {"weeks", Value::Int32(0)},
        {"days", Value::Int32(0)}, {"hours", Value::Int32(0)}, {"mins", Value::Int32(0)},
        {"secs", Value::Float64(0)}}},
  };
  for (const ParamDefaults& d : *table) {
    if (name == d.function) return &d;
  }
  return nullptr;
}

}  // namespace

Status Binder::BindCallArguments(const PgQuery__FuncCall* f, const std::string& name, const ExprContext& ec,
                                 std::vector<BoundExprPtr>* args) {
  const ParamDefaults* defaults = FindParamDefaults(name);
  if (defaults == nullptr) {
    for (size_t i = 0; i < f->n_args; ++i) {
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr b, BindExpr(f->args[i], ec));
      args->push_back(std::move(b));
    }
    return Status::OK();
  }
  const auto& params = defaults->params;
  std::vector<BoundExprPtr> slots(params.size());
  auto no_such = [&]() {
    return WithLocation(Status(sqlstate::kUndefinedFunction, "function " + name + " does not exist"), f->location);
  };
  for (size_t i = 0; i < f->n_args; ++i) {
    const PgQuery__Node* arg = f->args[i];
    size_t slot = i;
    if (arg->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      std::string pname = arg->named_arg_expr->name;
      slot = params.size();
      for (size_t k = 0; k < params.size(); ++k) {
        if (pname == params[k].first) slot = k;
      }
      arg = arg->named_arg_expr->arg;
    }
    if (slot >= params.size() || slots[slot] != nullptr) return no_such();
    OMEN_ASSIGN_OR_RETURN(slots[slot], BindExpr(arg, ec));
  }
  for (size_t k = 0; k < params.size(); ++k) {
    args->push_back(slots[k] != nullptr ? std::move(slots[k]) : BinderConstant(params[k].second));
  }
  return Status::OK();
}

Result<BoundExprPtr> Binder::BindFuncCall(const PgQuery__Node* node, const ExprContext& ec) {
  const PgQuery__FuncCall* f = node->func_call;
  std::string name = BinderNodeString(f->funcname[f->n_funcname - 1]);
  if (f->over != nullptr) return BindWindowCall(f, name, ec);
  if (f->agg_within_group) {
    return WithLocation(
        Status(sqlstate::kFeatureNotSupported, "ordered aggregate calls are not supported"),
        f->location);
  }
  bool agg_name = IsAggregateName(name);
  if (agg_name && ec.aggs == nullptr) {
    std::string msg = std::string(ec.clause) == kNestedAggClause
                          ? "aggregate function calls cannot be nested"
                          : std::string("aggregate functions are not allowed in ") + ec.clause;
    return WithLocation(Status(SqlState("42803"), msg), f->location);
  }
  ExprContext arg_ec = ec;
  if (agg_name) {
    arg_ec.aggs = nullptr;
    arg_ec.windows = nullptr;
    arg_ec.clause = kNestedAggClause;
  }
  std::vector<BoundExprPtr> args;
  std::vector<Type> types;
  OMEN_RETURN_IF_ERROR(BindCallArguments(f, name, arg_ec, &args));
  for (const BoundExprPtr& b : args) types.push_back(b->type);
  if (name == "unnest") {
    return WithLocation(Status(sqlstate::kFeatureNotSupported,
                               "set-returning function unnest is only supported in FROM"),
                        f->location);
  }
  Result<catalog::ResolvedFunction> rf =
      catalog::ResolveFunction(name, f->agg_star ? std::vector<Type>{} : types);
  if (!rf.ok()) return WithLocation(rf.status(), f->location);
  if (rf->sig->kind == catalog::FunctionKind::kWindow) {
    return WithLocation(
        Status(SqlState("42809"), "window function " + name + " requires an OVER clause"),
        f->location);
  }
  bool is_agg = rf->sig->kind == catalog::FunctionKind::kAggregate;
  if (!is_agg && (f->agg_star || f->agg_distinct || f->agg_filter != nullptr)) {
    return WithLocation(
        Status(SqlState("42809"), std::string(f->agg_distinct            ? "DISTINCT"
                                              : f->agg_filter != nullptr ? "FILTER"
                                                                         : "*") +
                                      " specified, but " + name + " is not an aggregate function"),
        f->location);
  }
  if (is_agg && ec.aggs == nullptr) {
    return WithLocation(Status(SqlState("42803"),
                               std::string("aggregate functions are not allowed in ") + ec.clause),
                        f->location);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    OMEN_ASSIGN_OR_RETURN(args[i],
                          Coerce(std::move(args[i]), rf->arg_types[i], CastContext::kImplicit));
  }
  if (!is_agg) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExprKind::kFunction;
    e->function_oid = rf->sig->oid;
    e->type = rf->ret;
    e->children = std::move(args);
    return e;
  }
  int level = INT_MAX;
  for (const BoundExprPtr& a : args) level = std::min(level, MinColumnDepth(*a));
  if (level != INT_MAX && level > 0) {
    // PostgreSQL evaluates such a call in the outer query (agglevelsup > 0).
    return WithLocation(Status(sqlstate::kFeatureNotSupported,
                               "aggregate functions over only outer-query columns are not "
                               "supported"),
                        f->location);
  }
  AggregateCall call;
  call.function_oid = rf->sig->oid;
  for (size_t i = 0; i < f->n_agg_order; ++i) {
    const PgQuery__SortBy* sb = f->agg_order[i]->sort_by;
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr oe, BindExpr(sb->node, arg_ec));
    OMEN_ASSIGN_OR_RETURN(oe, ResolveUnknown(std::move(oe)));
    bool in_args = false;
    for (const BoundExprPtr& a : args) in_args = in_args || BinderExprEqual(*a, *oe);
    if (f->agg_distinct && !in_args) {
      return WithLocation(Status(SqlState("42P10"),
                                 "in an aggregate with DISTINCT, ORDER BY expressions must "
                                 "appear in argument list"),
                          NodeLocation(sb->node));
    }
    OMEN_ASSIGN_OR_RETURN(OrderItem item, MakeOrderItem(sb, std::move(oe)));
    call.order.push_back(std::move(item));
  }
  call.distinct = f->agg_distinct;
  call.type = rf->ret;
  call.args = std::move(args);
  if (f->agg_filter != nullptr) {
    ExprContext fe = ec;
    fe.aggs = nullptr;
    fe.clause = "FILTER";
    OMEN_ASSIGN_OR_RETURN(call.filter, BindCondition(f->agg_filter, fe));
  }
  int k = -1;
  for (size_t i = 0; i < ec.aggs->calls.size() && k < 0; ++i) {
    const AggregateCall& o = ec.aggs->calls[i];
    bool same = o.function_oid == call.function_oid && o.distinct == call.distinct &&
                o.args.size() == call.args.size() &&
                (o.filter == nullptr) == (call.filter == nullptr) && o.order.empty() &&
                call.order.empty();
    for (size_t j = 0; same && j < o.args.size(); ++j)
      same = BinderExprEqual(*o.args[j], *call.args[j]);
    if (same && o.filter != nullptr) same = BinderExprEqual(*o.filter, *call.filter);
    if (same) k = static_cast<int>(i);
  }
  if (k < 0) {
    k = static_cast<int>(ec.aggs->calls.size());
    ec.aggs->calls.push_back(std::move(call));
    ec.aggs->names.push_back(name);
  }
  auto e = BinderColumnRef(-1 - k, rf->ret);
  e->alias = name;
  return e;
}

}  // namespace omen::sql
