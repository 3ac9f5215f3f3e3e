// Window function calls (f(...) OVER (...)): the function, its window
// (named windows of the WINDOW clause included) and its frame. Each call is
// collected into the SELECT level's WindowCollector and bound as a
// kWindowRef; bind_select.cc builds the kWindow operator above the
// aggregate (if any) and turns the references into its output columns.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

constexpr const char* kNestedWindowClause = "window function calls";
constexpr const char* kAggregateArgsClause = "aggregate function calls";

// PostgreSQL's FRAMEOPTION_* bits (nodes/parsenodes.h).
constexpr int kFrameRange = 0x2;
constexpr int kFrameRows = 0x4;
constexpr int kFrameGroups = 0x8;
constexpr int kStartUnboundedPreceding = 0x20;
constexpr int kEndUnboundedFollowing = 0x100;
constexpr int kStartCurrentRow = 0x200;
constexpr int kEndCurrentRow = 0x400;
constexpr int kStartOffsetPreceding = 0x800;
constexpr int kEndOffsetPreceding = 0x1000;
constexpr int kStartOffsetFollowing = 0x2000;
constexpr int kEndOffsetFollowing = 0x4000;
constexpr int kExcludeMask = 0x8000 | 0x10000 | 0x20000;
constexpr int kNonDefault = 0x1;

Status WindowError(const char (&state)[6], const std::string& msg, int location) {
  return WithLocation(Status(SqlState(state), msg), location);
}

bool HasName(const char* s) { return s != nullptr && s[0] != '\0'; }

const PgQuery__WindowDef* FindNamedWindow(const PgQuery__SelectStmt* s, const std::string& name) {
  if (s == nullptr) return nullptr;
  for (size_t i = 0; i < s->n_window_clause; ++i) {
    const PgQuery__Node* n = s->window_clause[i];
    if (n->node_case == PG_QUERY__NODE__NODE_WINDOW_DEF && name == n->window_def->name)
      return n->window_def;
  }
  return nullptr;
}

WindowFrame::Bound StartBound(int opts) {
  if (opts & kStartCurrentRow) return WindowFrame::Bound::kCurrentRow;
  if (opts & kStartOffsetPreceding) return WindowFrame::Bound::kOffsetPreceding;
  if (opts & kStartOffsetFollowing) return WindowFrame::Bound::kOffsetFollowing;
  return WindowFrame::Bound::kUnboundedPreceding;
}

WindowFrame::Bound EndBound(int opts) {
  if (opts & kEndUnboundedFollowing) return WindowFrame::Bound::kUnboundedFollowing;
  if (opts & kEndOffsetPreceding) return WindowFrame::Bound::kOffsetPreceding;
  if (opts & kEndOffsetFollowing) return WindowFrame::Bound::kOffsetFollowing;
  return WindowFrame::Bound::kCurrentRow;
}

}  // namespace

// Fills call->partition / order / frame from `def`, following a reference
// to a named window as PostgreSQL does (transformWindowDefinitions).
Status Binder::BindWindowDef(const PgQuery__WindowDef* def, const ExprContext& ec,
                             WindowCall* call) {
  const PgQuery__SelectStmt* select = ec.windows != nullptr ? ec.windows->select : nullptr;
  const PgQuery__WindowDef* partition_src = def;
  const PgQuery__WindowDef* order_src = def;
  const PgQuery__WindowDef* frame_src = def;
  // OVER w: the named window as is.
  if (HasName(def->name) && def->n_partition_clause == 0 && def->n_order_clause == 0 &&
      !HasName(def->refname) && !(def->frame_options & kNonDefault)) {
    const PgQuery__WindowDef* named = FindNamedWindow(select, def->name);
    if (named == nullptr) {
      return WindowError("42704", "window \"" + std::string(def->name) + "\" does not exist",
                         def->location);
    }
    return BindWindowDef(named, ec, call);
  }
  if (HasName(def->refname)) {
    const PgQuery__WindowDef* ref = FindNamedWindow(select, def->refname);
    if (ref == nullptr) {
      return WindowError("42704", "window \"" + std::string(def->refname) + "\" does not exist",
                         def->location);
    }
    if (def->n_partition_clause > 0) {
      return WindowError("42P20",
                         "cannot override PARTITION BY clause of window \"" +
                             std::string(def->refname) + "\"",
                         def->location);
    }
    if (def->n_order_clause > 0 && ref->n_order_clause > 0) {
      return WindowError("42P20",
                         "cannot override ORDER BY clause of window \"" +
                             std::string(def->refname) + "\"",
                         def->location);
    }
    if (ref->frame_options & kNonDefault) {
      return WindowError("42P20",
                         "cannot copy window \"" + std::string(def->refname) +
                             "\" because it has a frame clause",
                         def->location);
    }
    partition_src = ref;
    if (def->n_order_clause == 0) order_src = ref;
  }
  ExprContext key_ec = ec;
  key_ec.windows = nullptr;
  key_ec.clause = kNestedWindowClause;
  for (size_t i = 0; i < partition_src->n_partition_clause; ++i) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(partition_src->partition_clause[i], key_ec));
    OMEN_ASSIGN_OR_RETURN(e, ResolveUnknown(std::move(e)));
    call->partition.push_back(std::move(e));
  }
  for (size_t i = 0; i < order_src->n_order_clause; ++i) {
    const PgQuery__SortBy* sb = order_src->order_clause[i]->sort_by;
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(sb->node, key_ec));
    OMEN_ASSIGN_OR_RETURN(e, ResolveUnknown(std::move(e)));
    OMEN_ASSIGN_OR_RETURN(OrderItem item, MakeOrderItem(sb, std::move(e)));
    call->order.push_back(std::move(item));
  }
  int opts = frame_src->frame_options;
  if (!(opts & kNonDefault)) {
    call->frame = WindowFrame();
    if (call->order.empty()) call->frame.end = WindowFrame::Bound::kUnboundedFollowing;
    return Status::OK();
  }
  if (opts & kFrameGroups) {
    return WindowError("0A000", "GROUPS frames are not supported", frame_src->location);
  }
  if (opts & kExcludeMask) {
    return WindowError("0A000", "frame EXCLUDE clauses are not supported", frame_src->location);
  }
  WindowFrame& fr = call->frame;
  fr.mode = (opts & kFrameRows) ? WindowFrame::Mode::kRows : WindowFrame::Mode::kRange;
  fr.start = (opts & kStartUnboundedPreceding) ? WindowFrame::Bound::kUnboundedPreceding
                                                : StartBound(opts);
  fr.end = EndBound(opts);
  bool has_offset = frame_src->start_offset != nullptr || frame_src->end_offset != nullptr;
  if (has_offset && (opts & kFrameRange)) {
    return WindowError("0A000", "RANGE frames with an offset PRECEDING/FOLLOWING are not supported",
                       frame_src->location);
  }
  Scope no_columns;  // offsets see no columns (42703), as PostgreSQL's 42P10 rule intends
  ExprContext off_ec;
  off_ec.scope = &no_columns;
  off_ec.clause = "window frame offsets";
  auto bind_offset = [&](const PgQuery__Node* n, BoundExprPtr* out) -> Status {
    if (n == nullptr) return Status::OK();
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(n, off_ec));
    OMEN_ASSIGN_OR_RETURN(*out, Coerce(std::move(e), Type(TypeId::kInt64), CastContext::kImplicit));
    return Status::OK();
  };
  OMEN_RETURN_IF_ERROR(bind_offset(frame_src->start_offset, &fr.start_offset));
  OMEN_RETURN_IF_ERROR(bind_offset(frame_src->end_offset, &fr.end_offset));
  return Status::OK();
}

Result<BoundExprPtr> Binder::BindWindowCall(const PgQuery__FuncCall* f, const std::string& name,
                                            const ExprContext& ec) {
  if (ec.windows == nullptr) {
    std::string clause = ec.clause;
    if (clause == kNestedWindowClause)
      return WindowError("42P20", "window function calls cannot be nested", f->location);
    if (clause == kAggregateArgsClause) {
      return WindowError("42803", "aggregate function calls cannot contain window function calls",
                         f->location);
    }
    return WindowError("42P20", "window functions are not allowed in " + clause, f->location);
  }
  if (f->agg_distinct) {
    return WindowError("0A000", "DISTINCT is not implemented for window functions", f->location);
  }
  if (f->n_agg_order > 0) {
    return WindowError("0A000", "aggregate ORDER BY is not implemented for window functions",
                       f->location);
  }
  ExprContext arg_ec = ec;
  arg_ec.windows = nullptr;
  arg_ec.clause = kNestedWindowClause;
  std::vector<BoundExprPtr> args;
  std::vector<Type> types;
  for (size_t i = 0; i < f->n_args; ++i) {
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr b, BindExpr(f->args[i], arg_ec));
    types.push_back(b->type);
    args.push_back(std::move(b));
  }
  Result<catalog::ResolvedFunction> rf =
      catalog::ResolveFunction(name, f->agg_star ? std::vector<Type>{} : types);
  if (!rf.ok()) return WithLocation(rf.status(), f->location);
  WindowCall call;
  call.function_oid = rf->sig->oid;
  call.name = name;
  if (rf->sig->kind == catalog::FunctionKind::kScalar) {
    return WindowError("42809",
                       "OVER specified, but " + name +
                           " is not a window function nor an aggregate function",
                       f->location);
  }
  if (rf->sig->kind == catalog::FunctionKind::kAggregate) {
    call.is_aggregate = true;
    for (size_t i = 0; i < args.size(); ++i) {
      OMEN_ASSIGN_OR_RETURN(args[i],
                            Coerce(std::move(args[i]), rf->arg_types[i], CastContext::kImplicit));
    }
    call.type = rf->ret;
    if (f->agg_filter != nullptr) {
      ExprContext fe = arg_ec;
      fe.clause = "FILTER";
      OMEN_ASSIGN_OR_RETURN(call.filter, BindCondition(f->agg_filter, fe));
    }
  } else {
    if (f->agg_filter != nullptr) {
      return WindowError("0A000", "FILTER is not implemented for non-aggregate window functions",
                         f->location);
    }
    if (f->agg_star) {
      return WindowError("42809", name + "(*) specified, but " + name +
                                      " is not an aggregate function",
                         f->location);
    }
    call.type = rf->ret;
    if (!args.empty()) {
      // The value argument (lag, lead, first_value, last_value, nth_value)
      // or ntile's bucket count; offsets and n are integer.
      if (name == "ntile") {
        OMEN_ASSIGN_OR_RETURN(args[0], Coerce(std::move(args[0]), Type(TypeId::kInt32),
                                              CastContext::kImplicit));
      } else {
        if (args.size() == 3) {
          OMEN_ASSIGN_OR_RETURN(Type t, catalog::CommonType({args[0]->type, args[2]->type},
                                                            name.c_str()));
          if (t.id == TypeId::kUnknown || t.id == TypeId::kNull) t = Type(TypeId::kText);
          OMEN_ASSIGN_OR_RETURN(args[0], Coerce(std::move(args[0]), t, CastContext::kImplicit));
          OMEN_ASSIGN_OR_RETURN(args[2], Coerce(std::move(args[2]), t, CastContext::kImplicit));
        } else {
          OMEN_ASSIGN_OR_RETURN(args[0], ResolveUnknown(std::move(args[0])));
        }
        call.type = args[0]->type;
        if (args.size() >= 2) {
          OMEN_ASSIGN_OR_RETURN(args[1], Coerce(std::move(args[1]), Type(TypeId::kInt32),
                                                CastContext::kImplicit));
        }
      }
    }
  }
  call.args = std::move(args);
  OMEN_RETURN_IF_ERROR(BindWindowDef(f->over, ec, &call));
  auto ref = std::make_unique<BoundExpr>();
  ref->kind = BoundExprKind::kWindowRef;
  ref->index = static_cast<int>(ec.windows->calls.size());
  ref->type = call.type;
  ref->alias = name;
  ec.windows->calls.push_back(std::move(call));
  return ref;
}

}  // namespace omen::sql
