// SELECT: FROM, WHERE, GROUP BY, HAVING, aggregates, the select list,
// DISTINCT, ORDER BY, LIMIT/OFFSET; VALUES; UNION/INTERSECT/EXCEPT.
// Produces the naive plan described in optimizer.h.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <optional>
#include <string>

#include "catalog/functions.h"
#include "sql/binder_internal.h"

namespace omen::sql {

namespace {

bool IsIntConst(const PgQuery__Node* n, int* out) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_A_CONST) return false;
  if (n->a_const->isnull || n->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) return false;
  *out = n->a_const->ival->ival;
  return true;
}

// The single name of an unqualified ColumnRef; "" otherwise.
std::string BareName(const PgQuery__Node* n) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return "";
  if (n->column_ref->n_fields != 1) return "";
  return BinderNodeString(n->column_ref->fields[0]);
}

bool IsStarRef(const PgQuery__Node* n) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return false;
  const PgQuery__ColumnRef* cr = n->column_ref;
  return cr->n_fields > 0 && cr->fields[cr->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR;
}

Status RewriteOuterRefs(LogicalOperator* op, int depth, const std::vector<BoundExprPtr>& groups,
                        const Scope& scope);

// A correlated subquery evaluated above an aggregate sees the aggregate's
// output: its references to the grouped query's FROM row (at `depth`) are
// mapped to GROUP BY columns.
Status RewriteOuterRefExpr(BoundExpr* e, int depth, const std::vector<BoundExprPtr>& groups,
                           const Scope& scope) {
  if (e->kind == BoundExprKind::kOuterColumnRef && e->depth == depth) {
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i]->kind == BoundExprKind::kColumnRef && groups[i]->index == e->index) {
        e->index = static_cast<int>(i);
        return Status::OK();
      }
    }
    const ScopeColumn& c = scope.columns[e->index];
    std::string name = c.table.empty() ? c.name : c.table + "." + c.name;
    return Status(SqlState("42803"),
                  "subquery uses ungrouped column \"" + name + "\" from outer query");
  }
  for (BoundExprPtr& c : e->children) {
    if (c != nullptr) OMEN_RETURN_IF_ERROR(RewriteOuterRefExpr(c.get(), depth, groups, scope));
  }
  if (e->subquery != nullptr) return RewriteOuterRefs(e->subquery.get(), depth + 1, groups, scope);
  return Status::OK();
}

Status RewriteOuterRefs(LogicalOperator* op, int depth, const std::vector<BoundExprPtr>& groups,
                        const Scope& scope) {
  std::vector<BoundExpr*> exprs;
  auto add = [&](const BoundExprPtr& e) {
    if (e != nullptr) exprs.push_back(e.get());
  };
  add(op->filter);
  for (auto& e : op->exprs) add(e);
  for (auto& row : op->values) {
    for (auto& e : row) add(e);
  }
  for (auto& e : op->groups) add(e);
  for (auto& a : op->aggregates) {
    for (auto& e : a.args) add(e);
    add(a.filter);
    for (auto& o : a.order) add(o.expr);
  }
  add(op->condition);
  for (auto& o : op->order) add(o.expr);
  add(op->limit);
  add(op->offset);
  for (BoundExpr* e : exprs) OMEN_RETURN_IF_ERROR(RewriteOuterRefExpr(e, depth, groups, scope));
  for (auto& c : op->children)
    OMEN_RETURN_IF_ERROR(RewriteOuterRefs(c.get(), depth, groups, scope));
  return Status::OK();
}

// Rewrites an expression bound over the FROM row into one over the
// aggregate's output (groups..., aggregates...).
Status RewriteGrouped(BoundExprPtr* e, const std::vector<BoundExprPtr>& groups, const Scope& scope,
                      const Binder& b) {
  for (size_t i = 0; i < groups.size(); ++i) {
    if (BinderExprEqual(**e, *groups[i])) {
      std::string alias = (*e)->alias;
      *e = BinderColumnRef(static_cast<int>(i), (*e)->type);
      (*e)->alias = alias;
      return Status::OK();
    }
  }
  BoundExpr& x = **e;
  if (x.kind == BoundExprKind::kColumnRef) {
    if (x.index < 0) {
      x.index = static_cast<int>(groups.size()) + (-1 - x.index);
      return Status::OK();
    }
    const ScopeColumn& c = scope.columns[x.index];
    std::string name = c.table.empty() ? c.name : c.table + "." + c.name;
    return WithLocation(
        Status(SqlState("42803"),
               "column \"" + name +
                   "\" must appear in the GROUP BY clause or be used in an aggregate function"),
        b.LocationOf(&x));
  }
  if (x.kind == BoundExprKind::kSubquery && x.subquery != nullptr) {
    OMEN_RETURN_IF_ERROR(RewriteOuterRefs(x.subquery.get(), 1, groups, scope));
  }
  for (BoundExprPtr& child : x.children) {
    if (child != nullptr) OMEN_RETURN_IF_ERROR(RewriteGrouped(&child, groups, scope, b));
  }
  return Status::OK();
}

const char* SetOpName(PgQuery__SetOperation op) {
  switch (op) {
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      return "INTERSECT";
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      return "EXCEPT";
    default:
      return "UNION";
  }
}

}  // namespace

LogicalOperatorPtr BinderOp(LogicalOpKind kind) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = kind;
  return op;
}

LogicalOperatorPtr BinderSort(LogicalOperatorPtr child, std::vector<OrderItem> order) {
  if (order.empty()) return child;
  auto sort = BinderOp(LogicalOpKind::kSort);
  sort->types = child->types;
  sort->names = child->names;
  sort->order = std::move(order);
  sort->children.push_back(std::move(child));
  return sort;
}

LogicalOperatorPtr BinderTableGet(const std::shared_ptr<const catalog::TableDef>& table,
                                  const std::string& alias, Scope* scope) {
  auto get = BinderOp(LogicalOpKind::kGet);
  get->table = table;
  get->alias = alias;
  for (size_t c = 0; c < table->columns.size(); ++c) {
    const catalog::ColumnDef& col = table->columns[c];
    if (col.dropped) continue;
    get->column_ids.push_back(static_cast<int>(c));
    get->types.push_back(col.type);
    get->names.push_back(col.name);
    scope->columns.push_back({alias, col.name, col.type});
  }
  return get;
}

LogicalOperatorPtr BinderProjection(LogicalOperatorPtr child, std::vector<BoundExprPtr> exprs,
                                    std::vector<std::string> names) {
  auto op = BinderOp(LogicalOpKind::kProjection);
  for (const BoundExprPtr& e : exprs) op->types.push_back(e->type);
  op->exprs = std::move(exprs);
  op->names = std::move(names);
  op->names.resize(op->types.size(), "?column?");
  op->children.push_back(std::move(child));
  return op;
}

std::vector<int> BinderStarList(const Scope& scope) {
  std::vector<int> out;
  if (scope.star_set) out = scope.star;
  for (size_t i = scope.star_set ? scope.star_end : 0; i < scope.columns.size(); ++i) {
    if (!scope.columns[i].system) out.push_back(static_cast<int>(i));
  }
  return out;
}

static LogicalOperatorPtr MakeFilter(LogicalOperatorPtr child, BoundExprPtr cond) {
  auto f = BinderOp(LogicalOpKind::kFilter);
  f->types = child->types;
  f->names = child->names;
  f->filter = std::move(cond);
  f->children.push_back(std::move(child));
  return f;
}

Result<BoundQuery> Binder::BindQuery(const PgQuery__Node* node, const Scope* parent,
                                     bool keep_unknown) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    return Status(sqlstate::kFeatureNotSupported, "only SELECT queries are supported here");
  }
  const PgQuery__SelectStmt* s = node->select_stmt;
  if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE &&
      s->op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED) {
    std::optional<LockingClause> pushed = TakePushedLock();
    if (s->n_locking_clause > 0 || pushed.has_value()) {
      std::string what = s->n_locking_clause > 0 ? ParseLockingClause(s).Name()
                                                 : LockStrengthName(pushed->strength);
      return Status(sqlstate::kFeatureNotSupported,
                    what + " is not allowed with UNION/INTERSECT/EXCEPT");
    }
    return BindSetOp(s, parent);
  }
  if (s->n_values_lists > 0) {
    TakePushedLock();  // nothing in VALUES to lock
    return BindValues(s, parent);
  }
  return BindSelect(s, parent, keep_unknown);
}

// LIMIT / OFFSET argument: constant or parameter, as bigint.
static Result<BoundExprPtr> BindLimitArg(Binder* b, const PgQuery__Node* n, const char* clause) {
  if (n == nullptr) return BoundExprPtr();
  if (n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->isnull) return BoundExprPtr();
  ExprContext ec;
  ec.clause = clause;
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b->BindExpr(n, ec));
  if (e->type.id == TypeId::kInt64) return e;
  if (!e->type.IsNumericFamily() && e->type.id != TypeId::kUnknown && e->type.id != TypeId::kNull) {
    return Status(sqlstate::kDatatypeMismatch, std::string("argument of ") + clause +
                                                   " must be type bigint, not type " +
                                                   e->type.ToString());
  }
  return b->Coerce(std::move(e), Type(TypeId::kInt64), CastContext::kAssignment);
}

static Result<LogicalOperatorPtr> AddLimit(Binder* b, LogicalOperatorPtr plan,
                                           const PgQuery__SelectStmt* s) {
  if (s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    return Status(sqlstate::kFeatureNotSupported, "FETCH ... WITH TIES is not supported");
  }
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr limit, BindLimitArg(b, s->limit_count, "LIMIT"));
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr offset, BindLimitArg(b, s->limit_offset, "OFFSET"));
  if (limit == nullptr && offset == nullptr) return plan;
  auto op = BinderOp(LogicalOpKind::kLimit);
  op->types = plan->types;
  op->names = plan->names;
  op->limit = std::move(limit);
  op->offset = std::move(offset);
  op->children.push_back(std::move(plan));
  return op;
}

Result<OrderItem> MakeOrderItem(const PgQuery__SortBy* sb, BoundExprPtr expr) {
  if (sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
    return Status(sqlstate::kFeatureNotSupported, "ORDER BY ... USING is not supported");
  }
  OrderItem item;
  item.expr = std::move(expr);
  item.descending = sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
  item.nulls_first = item.descending;
  if (sb->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) item.nulls_first = true;
  if (sb->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) item.nulls_first = false;
  return item;
}

// Binds one SELECT query level (no set operation). State shared by the
// clause binders; used once.
class SelectBinder {
 public:
  SelectBinder(Binder* b, const PgQuery__SelectStmt* s, const Scope* parent)
      : b_(b), s_(s), parent_(parent) {
    scope_.parent = parent;
    windows_.select = s;
  }

  Result<BoundQuery> Bind(bool keep_unknown);
  bool correlated() const { return scope_.outer_referenced; }

 private:
  Status BindTargets();
  Status BindStar(const PgQuery__ColumnRef* cr);
  Status BindGroupBy();
  Result<BoundExprPtr> BindGroupItem(const PgQuery__Node* g);
  Status BindOrderBy();
  Status BindDistinctOn();
  Result<int> OrderTarget(const PgQuery__SortBy* sb);
  Result<LogicalOperatorPtr> BuildAggregate(LogicalOperatorPtr plan);
  LogicalOperatorPtr BuildWindow(LogicalOperatorPtr plan);
  LogicalOperatorPtr BuildOutput(LogicalOperatorPtr plan);

  Binder* b_;
  const PgQuery__SelectStmt* s_;
  const Scope* parent_;
  Scope scope_;
  AggregateCollector aggs_;
  WindowCollector windows_;
  std::vector<BoundExprPtr> targets_;  // visible, then hidden ORDER BY columns
  std::vector<std::string> names_;
  std::vector<const PgQuery__Node*> target_nodes_;  // null for `*` columns
  size_t visible_ = 0;
  std::vector<BoundExprPtr> groups_;
  BoundExprPtr having_;
  bool distinct_ = false;
  std::vector<int> distinct_on_;  // DISTINCT ON target positions
  bool grouped_ = false;  // GROUP BY () seen
  std::vector<OrderItem> order_;
  // FOR UPDATE/SHARE (bind_locking.cc): this level's clauses (and one pushed
  // down from the enclosing query), what its FROM clause collected, and
  // whether this level exports its locks to the enclosing query instead of
  // taking them (a simple subquery or view under a pushed-down clause).
  LockingSpec locking_;
  LockCollector lock_collector_;
  bool lock_pushed_ = false;
  bool lock_export_ = false;
  size_t payload_begin_ = 0;  // first target carrying row ids and leaf values
  std::vector<RowLockTarget> lock_targets_;  // row_id_column: target positions
  std::vector<RecheckLeaf> recheck_leaves_;  // first_column: target positions
  Status CheckLocking() const;
  void AddLockPayload();
  void ExportLocks(const LogicalOperator& plan);
};

// The row ids of the locked tables and the values of the recheck leaves
// ride along as hidden targets (PostgreSQL's junk ctid and whole-row columns).
void SelectBinder::AddLockPayload() {
  payload_begin_ = targets_.size();
  if (lock_collector_.targets.empty() && !lock_export_) return;
  for (RowLockTarget t : lock_collector_.targets) {
    int col = t.row_id_column;
    t.row_id_column = static_cast<int>(targets_.size());
    targets_.push_back(BinderColumnRef(col, Type(TypeId::kInt64)));
    lock_targets_.push_back(std::move(t));
  }
  for (RecheckLeaf l : lock_collector_.leaves) {
    int first = l.first_column;
    l.first_column = static_cast<int>(targets_.size());
    for (int c = first; c < first + l.width; ++c)
      targets_.push_back(BinderColumnRef(c, scope_.columns[c].type));
    recheck_leaves_.push_back(l);
  }
}

void SelectBinder::ExportLocks(const LogicalOperator& plan) {
  LockExport ex;
  if (!lock_export_) {
    ex.inside = ex.locks = true;
    b_->SetLockExport(std::move(ex));
    return;
  }
  ex.locks = !lock_collector_.locked.empty();
  ex.payload.assign(plan.types.begin() + static_cast<std::ptrdiff_t>(visible_), plan.types.end());
  const int shift = static_cast<int>(visible_) - static_cast<int>(payload_begin_);
  for (RowLockTarget t : lock_targets_) {
    t.row_id_column += shift;
    ex.targets.push_back(std::move(t));
  }
  for (RecheckLeaf l : recheck_leaves_) {
    l.first_column += shift;
    ex.leaves.push_back(l);
  }
  b_->SetLockExport(std::move(ex));
}

Status SelectBinder::CheckLocking() const {
  // PostgreSQL's CheckSelectLocking, in its order.
  const char* what = nullptr;
  if (distinct_ || !distinct_on_.empty()) {
    what = "DISTINCT clause";
  } else if (s_->n_group_clause > 0) {
    what = "GROUP BY clause";
  } else if (s_->having_clause != nullptr) {
    what = "HAVING clause";
  } else if (!aggs_.calls.empty()) {
    what = "aggregate functions";
  } else if (!windows_.calls.empty()) {
    what = "window functions";
  }
  if (what == nullptr) return Status::OK();
  return Status(sqlstate::kFeatureNotSupported,
                locking_.Name() + " is not allowed with " + what);
}

Status SelectBinder::BindStar(const PgQuery__ColumnRef* cr) {
  std::vector<int> cols;
  if (cr->n_fields == 1) {
    if (s_->n_from_clause == 0) {
      return WithLocation(
          Status(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid"),
          cr->location);
    }
    cols = BinderStarList(scope_);
  } else {
    std::string table = BinderNodeString(cr->fields[cr->n_fields - 2]);
    for (size_t c = 0; c < scope_.columns.size(); ++c) {
      if (scope_.columns[c].table == table) cols.push_back(static_cast<int>(c));
    }
    if (cols.empty()) {
      return WithLocation(Status(sqlstate::kUndefinedTable,
                                 "missing FROM-clause entry for table \"" + table + "\""),
                          cr->location);
    }
  }
  for (int c : cols) {
    targets_.push_back(BinderColumnRef(c, scope_.columns[c].type));
    names_.push_back(scope_.columns[c].name);
    target_nodes_.push_back(nullptr);
  }
  return Status::OK();
}

Status SelectBinder::BindTargets() {
  ExprContext ec{&scope_, "SELECT", &aggs_, &windows_};
  for (size_t i = 0; i < s_->n_target_list; ++i) {
    const PgQuery__ResTarget* rt = s_->target_list[i]->res_target;
    if (IsStarRef(rt->val)) {
      OMEN_RETURN_IF_ERROR(BindStar(rt->val->column_ref));
      continue;
    }
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b_->BindExpr(rt->val, ec));
    targets_.push_back(std::move(e));
    names_.push_back(rt->name != nullptr && rt->name[0] != '\0' ? rt->name
                                                                : Binder::FigureColname(rt->val));
    target_nodes_.push_back(rt->val);
  }
  visible_ = targets_.size();
  return Status::OK();
}

// A GROUP BY item: an expression over the FROM row; a position or an output
// name (when no input column has it) refers to the select list.
Result<BoundExprPtr> SelectBinder::BindGroupItem(const PgQuery__Node* g) {
  ExprContext ec{&scope_, "GROUP BY", nullptr};
  int pos = 0;
  if (IsIntConst(g, &pos)) {
    if (pos < 1 || pos > static_cast<int>(visible_)) {
      return WithLocation(Status(SqlState("42P10"), "GROUP BY position " + std::to_string(pos) +
                                                        " is not in select list"),
                          g->a_const->location);
    }
    if (target_nodes_[pos - 1] == nullptr) {
      int col = targets_[pos - 1]->index;
      return BinderColumnRef(col, scope_.columns[col].type);
    }
    return b_->BindExpr(target_nodes_[pos - 1], ec);
  }
  Result<BoundExprPtr> r = b_->BindExpr(g, ec);
  std::string bare = BareName(g);
  if (!r.ok() && r.status().code() == sqlstate::kUndefinedColumn && !bare.empty()) {
    for (size_t t = 0; t < visible_; ++t) {
      if (names_[t] == bare && target_nodes_[t] != nullptr)
        return b_->BindExpr(target_nodes_[t], ec);
    }
  }
  return r;
}

Status SelectBinder::BindGroupBy() {
  for (size_t i = 0; i < s_->n_group_clause; ++i) {
    const PgQuery__Node* g = s_->group_clause[i];
    if (g->node_case == PG_QUERY__NODE__NODE_GROUPING_SET) {
      if (g->grouping_set->kind != PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY) {
        return WithLocation(Status(sqlstate::kFeatureNotSupported,
                                   "ROLLUP, CUBE and GROUPING SETS are not supported"),
                            g->grouping_set->location);
      }
      grouped_ = true;  // GROUP BY (): one group over all rows
      continue;
    }
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr ge, BindGroupItem(g));
    bool dup = false;
    for (const BoundExprPtr& o : groups_) dup = dup || BinderExprEqual(*o, *ge);
    if (!dup) groups_.push_back(std::move(ge));
  }
  if (s_->having_clause != nullptr) {
    ExprContext hec{&scope_, "HAVING", &aggs_};
    OMEN_ASSIGN_OR_RETURN(having_, b_->BindCondition(s_->having_clause, hec));
  }
  return Status::OK();
}

// The select-list position an ORDER BY item sorts by; new expressions are
// added as hidden columns.
Result<int> SelectBinder::OrderTarget(const PgQuery__SortBy* sb) {
  int pos = 0;
  if (IsIntConst(sb->node, &pos)) {
    if (pos < 1 || pos > static_cast<int>(visible_)) {
      return WithLocation(Status(SqlState("42P10"), "ORDER BY position " + std::to_string(pos) +
                                                        " is not in select list"),
                          sb->node->a_const->location);
    }
    return pos - 1;
  }
  int idx = -1;
  std::string bare = BareName(sb->node);
  for (size_t t = 0; !bare.empty() && t < visible_; ++t) {
    if (names_[t] != bare) continue;
    if (idx >= 0 && !BinderExprEqual(*targets_[idx], *targets_[t])) {
      return WithLocation(Status(SqlState("42702"), "ORDER BY \"" + bare + "\" is ambiguous"),
                          NodeLocation(sb->node));
    }
    if (idx < 0) idx = static_cast<int>(t);
  }
  if (idx >= 0) return idx;
  ExprContext ec{&scope_, "ORDER BY", &aggs_, &windows_};
  OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, b_->BindExpr(sb->node, ec));
  for (size_t t = 0; t < targets_.size(); ++t) {
    if (BinderExprEqual(*targets_[t], *e)) return static_cast<int>(t);
  }
  if (distinct_) {
    return WithLocation(
        Status(SqlState("42P10"),
               "for SELECT DISTINCT, ORDER BY expressions must appear in select list"),
        NodeLocation(sb->node));
  }
  targets_.push_back(std::move(e));
  return static_cast<int>(targets_.size() - 1);
}

Status SelectBinder::BindOrderBy() {
  for (size_t i = 0; i < s_->n_sort_clause; ++i) {
    const PgQuery__SortBy* sb = s_->sort_clause[i]->sort_by;
    OMEN_ASSIGN_OR_RETURN(int idx, OrderTarget(sb));
    OMEN_ASSIGN_OR_RETURN(OrderItem item,
                          MakeOrderItem(sb, BinderColumnRef(idx, targets_[idx]->type)));
    order_.push_back(std::move(item));
  }
  return Status::OK();
}

// DISTINCT ON (exprs): each resolves like an ORDER BY item; they must match
// the leading ORDER BY items (42P10), and sort the rows after them.
Status SelectBinder::BindDistinctOn() {
  std::vector<int> on;
  for (size_t i = 0; i < s_->n_distinct_clause; ++i) {
    PgQuery__SortBy sb = PG_QUERY__SORT_BY__INIT;
    sb.node = s_->distinct_clause[i];
    OMEN_ASSIGN_OR_RETURN(int idx, OrderTarget(&sb));
    if (std::find(on.begin(), on.end(), idx) == on.end()) on.push_back(idx);
  }
  size_t lead = std::min(on.size(), order_.size());
  for (size_t k = 0; k < lead; ++k) {
    if (std::find(on.begin(), on.end(), order_[k].expr->index) == on.end()) {
      return WithLocation(Status(SqlState("42P10"),
                                 "SELECT DISTINCT ON expressions must match initial ORDER BY "
                                 "expressions"),
                          NodeLocation(s_->distinct_clause[0]));
    }
  }
  for (int idx : on) {
    bool sorted = false;
    for (const OrderItem& o : order_) sorted = sorted || o.expr->index == idx;
    if (sorted) continue;
    OrderItem item;
    item.expr = BinderColumnRef(idx, targets_[idx]->type);
    order_.push_back(std::move(item));
  }
  distinct_on_ = std::move(on);
  return Status::OK();
}

Result<LogicalOperatorPtr> SelectBinder::BuildAggregate(LogicalOperatorPtr plan) {
  if (!grouped_ && groups_.empty() && having_ == nullptr && aggs_.calls.empty()) return plan;
  for (BoundExprPtr& t : targets_) OMEN_RETURN_IF_ERROR(RewriteGrouped(&t, groups_, scope_, *b_));
  if (having_ != nullptr) OMEN_RETURN_IF_ERROR(RewriteGrouped(&having_, groups_, scope_, *b_));
  for (WindowCall& w : windows_.calls) {
    for (BoundExprPtr& a : w.args) OMEN_RETURN_IF_ERROR(RewriteGrouped(&a, groups_, scope_, *b_));
    if (w.filter != nullptr)
      OMEN_RETURN_IF_ERROR(RewriteGrouped(&w.filter, groups_, scope_, *b_));
    for (BoundExprPtr& p : w.partition)
      OMEN_RETURN_IF_ERROR(RewriteGrouped(&p, groups_, scope_, *b_));
    for (OrderItem& o : w.order)
      OMEN_RETURN_IF_ERROR(RewriteGrouped(&o.expr, groups_, scope_, *b_));
  }
  auto agg = BinderOp(LogicalOpKind::kAggregate);
  for (const BoundExprPtr& g : groups_) agg->types.push_back(g->type);
  for (const AggregateCall& a : aggs_.calls) agg->types.push_back(a.type);
  agg->groups = std::move(groups_);
  agg->aggregates = std::move(aggs_.calls);
  agg->children.push_back(plan);
  plan = agg;
  if (having_ != nullptr) plan = MakeFilter(plan, std::move(having_));
  return plan;
}

// Replaces window references by columns of the kWindow output (the
// input's `width` columns come first).
static void ResolveWindowRefs(BoundExpr* e, size_t width) {
  if (e->kind == BoundExprKind::kWindowRef) {
    e->kind = BoundExprKind::kColumnRef;
    e->index = static_cast<int>(width) + e->index;
    return;
  }
  for (BoundExprPtr& c : e->children) {
    if (c != nullptr) ResolveWindowRefs(c.get(), width);
  }
}

// The kWindow operator computing the window calls over `plan`'s rows.
LogicalOperatorPtr SelectBinder::BuildWindow(LogicalOperatorPtr plan) {
  if (windows_.calls.empty()) return plan;
  auto op = BinderOp(LogicalOpKind::kWindow);
  op->types = plan->types;
  op->names = plan->names;
  op->names.resize(op->types.size(), "?column?");
  for (const WindowCall& w : windows_.calls) {
    op->types.push_back(w.type);
    op->names.push_back(w.name);
  }
  size_t width = plan->types.size();
  for (BoundExprPtr& t : targets_) ResolveWindowRefs(t.get(), width);
  op->windows = std::move(windows_.calls);
  op->children.push_back(std::move(plan));
  return op;
}

// Projection, DISTINCT, ORDER BY, and the projection dropping hidden columns.
LogicalOperatorPtr SelectBinder::BuildOutput(LogicalOperatorPtr plan) {
  bool hidden = targets_.size() > visible_;
  const size_t width = targets_.size();
  plan = BinderProjection(plan, std::move(targets_), names_);
  auto wrap = [&](LogicalOpKind kind) {
    auto op = BinderOp(kind);
    op->types = plan->types;
    op->names = plan->names;
    op->children.push_back(plan);
    plan = op;
    return op;
  };
  if (distinct_) wrap(LogicalOpKind::kDistinct);
  if (!order_.empty()) wrap(LogicalOpKind::kSort)->order = std::move(order_);
  if (!distinct_on_.empty()) wrap(LogicalOpKind::kDistinct)->distinct_columns = distinct_on_;
  if (!lock_export_ && !lock_targets_.empty()) {
    // Above the sort, below LIMIT: locks the rows returned, in order.
    LogicalOperatorPtr lock = wrap(LogicalOpKind::kLockRows);
    lock->lock_targets = std::move(lock_targets_);
    lock->recheck_leaves = std::move(recheck_leaves_);
  }
  if (hidden) {
    std::vector<BoundExprPtr> keep;
    std::vector<std::string> names = names_;
    for (size_t t = 0; t < visible_; ++t)
      keep.push_back(BinderColumnRef(static_cast<int>(t), plan->types[t]));
    for (size_t t = payload_begin_; lock_export_ && t < width; ++t) {
      keep.push_back(BinderColumnRef(static_cast<int>(t), plan->types[t]));
      names.push_back("?column?");
    }
    plan = BinderProjection(plan, std::move(keep), std::move(names));
  }
  return plan;
}

Result<BoundQuery> SelectBinder::Bind(bool keep_unknown) {
  if (s_->into_clause != nullptr)
    return Status(sqlstate::kFeatureNotSupported, "SELECT INTO is not supported");
  locking_ = ParseLockingClause(s_);
  if (std::optional<LockingClause> pushed = b_->TakePushedLock()) {
    // PostgreSQL pulls a simple subquery up into its parent, whose LockRows
    // then locks its tables; any other locks its own rows.
    lock_pushed_ = true;
    lock_export_ = !locking_.any && s_->n_sort_clause == 0 && s_->limit_count == nullptr &&
                   s_->limit_offset == nullptr && s_->with_clause == nullptr;
    locking_.clauses.push_back(*pushed);
    locking_.any = true;
  }
  distinct_ = s_->n_distinct_clause > 0;
  bool distinct_on = distinct_ && !(s_->n_distinct_clause == 1 &&
                                    (s_->distinct_clause[0] == nullptr ||
                                     s_->distinct_clause[0]->node_case ==
                                         PG_QUERY__NODE__NODE__NOT_SET));
  if (distinct_on) distinct_ = false;
  lock_collector_.spec = locking_;
  LockCollector* outer = b_->SwapLockCollector(locking_.any ? &lock_collector_ : nullptr);
  Result<LogicalOperatorPtr> from = b_->BindFromList(s_, parent_, &scope_);
  b_->SwapLockCollector(outer);
  OMEN_ASSIGN_OR_RETURN(LogicalOperatorPtr plan, std::move(from));
  if (s_->where_clause != nullptr) {
    ExprContext ec{&scope_, "WHERE", nullptr};
    OMEN_ASSIGN_OR_RETURN(BoundExprPtr cond, b_->BindCondition(s_->where_clause, ec));
    plan = MakeFilter(plan, std::move(cond));
  }
  OMEN_RETURN_IF_ERROR(BindTargets());
  OMEN_RETURN_IF_ERROR(BindGroupBy());
  OMEN_RETURN_IF_ERROR(BindOrderBy());
  if (distinct_on) OMEN_RETURN_IF_ERROR(BindDistinctOn());
  if (locking_.any) {
    OMEN_RETURN_IF_ERROR(CheckLocking());
    OMEN_RETURN_IF_ERROR(CheckLockedNames(lock_collector_));
    AddLockPayload();
  }
  OMEN_ASSIGN_OR_RETURN(plan, BuildAggregate(plan));
  plan = BuildWindow(std::move(plan));
  if (!keep_unknown) {
    for (size_t t = 0; t < targets_.size(); ++t) {
      OMEN_ASSIGN_OR_RETURN(targets_[t], b_->ResolveUnknown(std::move(targets_[t])));
      for (OrderItem& o : order_) {
        if (o.expr->index == static_cast<int>(t)) o.expr->type = targets_[t]->type;
      }
    }
  }
  plan = BuildOutput(plan);
  OMEN_ASSIGN_OR_RETURN(plan, AddLimit(b_, plan, s_));
  BoundQuery q;
  q.types.assign(plan->types.begin(), plan->types.begin() + visible_);
  q.names = names_;
  if (!lock_export_) plan->names = names_;
  if (lock_pushed_) ExportLocks(*plan);
  q.plan = plan;
  return q;
}

Result<BoundQuery> Binder::BindSelect(const PgQuery__SelectStmt* s, const Scope* parent,
                                      bool keep_unknown) {
  OMEN_RETURN_IF_ERROR(PushCtes(s->with_clause));
  CteScope pop(this, s->with_clause != nullptr ? s->with_clause->n_ctes : 0);
  SelectBinder sb(this, s, parent);
  Result<BoundQuery> q = sb.Bind(keep_unknown);
  last_query_correlated_ = sb.correlated();
  return q;
}

Result<BoundQuery> Binder::BindValues(const PgQuery__SelectStmt* s, const Scope* parent) {
  Scope scope;
  scope.parent = parent;
  ExprContext ec{&scope, "VALUES", nullptr};
  std::vector<std::vector<BoundExprPtr>> rows;
  size_t width = 0;
  for (size_t r = 0; r < s->n_values_lists; ++r) {
    const PgQuery__List* list = s->values_lists[r]->list;
    if (r == 0) width = list->n_items;
    if (list->n_items != width) {
      return Status(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
    }
    std::vector<BoundExprPtr> row;
    for (size_t c = 0; c < list->n_items; ++c) {
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(list->items[c], ec));
      row.push_back(std::move(e));
    }
    rows.push_back(std::move(row));
  }
  auto op = BinderOp(LogicalOpKind::kValues);
  for (size_t c = 0; c < width; ++c) {
    std::vector<Type> types;
    for (const auto& row : rows) types.push_back(row[c]->type);
    OMEN_ASSIGN_OR_RETURN(Type t, catalog::CommonType(types, "VALUES"));
    if (t.id == TypeId::kUnknown || t.id == TypeId::kNull) t = Type(TypeId::kText);
    for (auto& row : rows) {
      OMEN_ASSIGN_OR_RETURN(row[c], Coerce(std::move(row[c]), t, CastContext::kImplicit));
    }
    op->types.push_back(t);
    op->names.push_back("column" + std::to_string(c + 1));
  }
  op->values = std::move(rows);
  LogicalOperatorPtr plan = op;
  std::vector<OrderItem> order;
  Scope out;
  for (size_t c = 0; c < width; ++c) out.columns.push_back({"", op->names[c], op->types[c]});
  for (size_t i = 0; i < s->n_sort_clause; ++i) {
    const PgQuery__SortBy* sb = s->sort_clause[i]->sort_by;
    ExprContext oec{&out, "ORDER BY", nullptr};
    int pos = 0;
    BoundExprPtr e;
    if (IsIntConst(sb->node, &pos)) {
      if (pos < 1 || pos > static_cast<int>(width)) {
        return WithLocation(Status(SqlState("42P10"), "ORDER BY position " + std::to_string(pos) +
                                                          " is not in select list"),
                            sb->node->a_const->location);
      }
      e = BinderColumnRef(pos - 1, op->types[pos - 1]);
    } else {
      OMEN_ASSIGN_OR_RETURN(e, BindExpr(sb->node, oec));
    }
    OMEN_ASSIGN_OR_RETURN(OrderItem item, MakeOrderItem(sb, std::move(e)));
    order.push_back(std::move(item));
  }
  plan = BinderSort(std::move(plan), std::move(order));
  OMEN_ASSIGN_OR_RETURN(plan, AddLimit(this, plan, s));
  last_query_correlated_ = scope.outer_referenced;
  BoundQuery q;
  q.names = op->names;
  q.types = op->types;
  plan->names = q.names;
  q.plan = plan;
  return q;
}

Status Binder::InferParameterOutput(LogicalOperator* plan, size_t col, Type target,
                                    CastContext cc, bool* typed) {
  *typed = false;
  std::vector<LogicalOperator*> wrappers;
  LogicalOperator* op = plan;
  while ((op->kind == LogicalOpKind::kSort || op->kind == LogicalOpKind::kDistinct ||
          op->kind == LogicalOpKind::kLimit) &&
         op->children.size() == 1) {
    wrappers.push_back(op);
    op = op->children[0].get();
  }
  if (op->kind != LogicalOpKind::kProjection || col >= op->exprs.size()) return Status::OK();
  BoundExprPtr& e = op->exprs[col];
  if (e->kind != BoundExprKind::kParameter || e->type.id != TypeId::kUnknown) return Status::OK();
  OMEN_ASSIGN_OR_RETURN(e, Coerce(std::move(e), target, cc));
  op->types[col] = e->type;
  for (LogicalOperator* w : wrappers) w->types[col] = e->type;
  *typed = true;
  return Status::OK();
}

Result<BoundQuery> Binder::BindSetOp(const PgQuery__SelectStmt* s, const Scope* parent) {
  OMEN_RETURN_IF_ERROR(PushCtes(s->with_clause));
  size_t ncte = s->with_clause != nullptr ? s->with_clause->n_ctes : 0;
  CteScope pop(this, ncte);
  auto bind_side = [&](const PgQuery__SelectStmt* side) -> Result<BoundQuery> {
    if (side->op != PG_QUERY__SET_OPERATION__SETOP_NONE) return BindSetOp(side, parent);
    if (side->n_values_lists > 0) return BindValues(side, parent);
    return BindSelect(side, parent, true);
  };
  OMEN_ASSIGN_OR_RETURN(BoundQuery l, bind_side(s->larg));
  bool corr = last_query_correlated_;
  OMEN_ASSIGN_OR_RETURN(BoundQuery r, bind_side(s->rarg));
  corr = corr || last_query_correlated_;
  const char* what = SetOpName(s->op);
  if (l.types.size() != r.types.size()) {
    int loc = s->rarg->n_target_list > 0 ? NodeLocation(s->rarg->target_list[0]) : -1;
    return WithLocation(
        Status(sqlstate::kSyntaxError,
               std::string("each ") + what + " query must have the same number of columns"),
        loc);
  }
  std::vector<Type> types;
  for (size_t c = 0; c < l.types.size(); ++c) {
    Result<Type> tr = catalog::CommonType({l.types[c], r.types[c]}, what);
    if (!tr.ok()) {
      int loc = c < s->rarg->n_target_list ? NodeLocation(s->rarg->target_list[c]) : -1;
      return WithLocation(tr.status(), loc);
    }
    Type t = *tr;
    if (t.id == TypeId::kUnknown || t.id == TypeId::kNull) t = Type(TypeId::kText);
    types.push_back(t);
    // A bare $n column takes the type the other side decides.
    for (BoundQuery* q : {&l, &r}) {
      bool typed = false;
      OMEN_RETURN_IF_ERROR(InferParameterOutput(q->plan.get(), c, t, CastContext::kImplicit, &typed));
      if (typed) q->types[c] = q->plan->types[c];
    }
  }
  auto cast_side = [&](BoundQuery& q) -> Status {
    bool need = false;
    for (size_t c = 0; c < types.size(); ++c) need = need || !(q.types[c] == types[c]);
    if (!need) return Status::OK();
    std::vector<BoundExprPtr> exprs;
    for (size_t c = 0; c < types.size(); ++c) {
      BoundExprPtr ref = BinderColumnRef(static_cast<int>(c), q.types[c]);
      // An untyped literal output is re-typed by casting its constant directly.
      OMEN_ASSIGN_OR_RETURN(BoundExprPtr e,
                            Coerce(std::move(ref), types[c], CastContext::kImplicit));
      exprs.push_back(std::move(e));
    }
    q.plan = BinderProjection(q.plan, std::move(exprs), q.names);
    return Status::OK();
  };
  OMEN_RETURN_IF_ERROR(cast_side(l));
  OMEN_RETURN_IF_ERROR(cast_side(r));
  auto op = BinderOp(LogicalOpKind::kSetOp);
  op->set_op = s->op == PG_QUERY__SET_OPERATION__SETOP_UNION       ? SetOpType::kUnion
               : s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ? SetOpType::kIntersect
                                                                   : SetOpType::kExcept;
  op->set_all = s->all;
  op->types = types;
  op->names = l.names;
  op->children = {l.plan, r.plan};
  LogicalOperatorPtr plan = op;
  Scope out;
  out.parent = parent;
  for (size_t c = 0; c < types.size(); ++c) out.columns.push_back({"", l.names[c], types[c]});
  std::vector<OrderItem> order;
  for (size_t i = 0; i < s->n_sort_clause; ++i) {
    const PgQuery__SortBy* sb = s->sort_clause[i]->sort_by;
    int pos = 0;
    BoundExprPtr e;
    if (IsIntConst(sb->node, &pos)) {
      if (pos < 1 || pos > static_cast<int>(types.size())) {
        return WithLocation(Status(SqlState("42P10"), "ORDER BY position " + std::to_string(pos) +
                                                          " is not in select list"),
                            sb->node->a_const->location);
      }
      e = BinderColumnRef(pos - 1, types[pos - 1]);
    } else {
      ExprContext oec{&out, "ORDER BY", nullptr};
      // As in PostgreSQL: an unknown name is 42703/42P01; anything but a
      // plain result column is 0A000.
      OMEN_ASSIGN_OR_RETURN(e, BindExpr(sb->node, oec));
      if (e->kind != BoundExprKind::kColumnRef) {
        return Status(sqlstate::kFeatureNotSupported,
                      std::string("invalid UNION/INTERSECT/EXCEPT ORDER BY clause"))
            .WithDetail("Only result column names can be used, not expressions or functions.");
      }
    }
    OMEN_ASSIGN_OR_RETURN(OrderItem item, MakeOrderItem(sb, std::move(e)));
    order.push_back(std::move(item));
  }
  plan = BinderSort(std::move(plan), std::move(order));
  OMEN_ASSIGN_OR_RETURN(plan, AddLimit(this, plan, s));
  last_query_correlated_ = corr || out.outer_referenced;
  BoundQuery q;
  q.names = l.names;
  q.types = types;
  plan->names = q.names;
  q.plan = plan;
  return q;
}

}  // namespace omen::sql
