#include "sql/optimizer_util.h"

#include "sql/expression_printer.h"

namespace omen::sql {

void SplitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  if (!e) return;
  if (e->kind == BoundExprKind::kAnd) {
    for (auto& c : e->children) SplitConjuncts(std::move(c), out);
    return;
  }
  out->push_back(std::move(e));
}

BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  auto out = std::make_unique<BoundExpr>();
  out->kind = BoundExprKind::kAnd;
  out->type = Type(TypeId::kBool);
  out->children = std::move(conjuncts);
  return out;
}

void ForEachExpr(LogicalOperator* op, const std::function<void(BoundExprPtr&)>& fn) {
  auto visit = [&](BoundExprPtr& e) {
    if (e) fn(e);
  };
  visit(op->filter);
  for (auto& k : op->index_access.keys) visit(k);
  visit(op->index_access.lower);
  visit(op->index_access.upper);
  for (auto& e : op->exprs) visit(e);
  for (auto& row : op->values) {
    for (auto& e : row) visit(e);
  }
  for (auto& e : op->groups) visit(e);
  for (auto& a : op->aggregates) {
    for (auto& e : a.args) visit(e);
    visit(a.filter);
    for (auto& o : a.order) visit(o.expr);
  }
  visit(op->condition);
  for (auto& e : op->left_keys) visit(e);
  for (auto& e : op->right_keys) visit(e);
  for (auto& o : op->order) visit(o.expr);
  visit(op->limit);
  visit(op->offset);
  for (auto& e : op->set_exprs) visit(e);
  for (auto& e : op->check_exprs) visit(e);
  for (auto& e : op->returning) visit(e);
  if (op->on_conflict != nullptr) {
    for (auto& e : op->on_conflict->set_exprs) visit(e);
    visit(op->on_conflict->where);
  }
}

void ForEachExpr(const LogicalOperator& op, const std::function<void(const BoundExpr&)>& fn) {
  ForEachExpr(const_cast<LogicalOperator*>(&op), [&](BoundExprPtr& e) { fn(*e); });
}

namespace {

void CollectAt(const BoundExpr& e, int level, std::vector<int>* out) {
  if (level == 0 && e.kind == BoundExprKind::kColumnRef) out->push_back(e.index);
  if (level > 0 && e.kind == BoundExprKind::kOuterColumnRef && e.depth == level) {
    out->push_back(e.index);
  }
  for (const auto& c : e.children) {
    if (c) CollectAt(*c, level, out);
  }
  if (e.kind == BoundExprKind::kSubquery && e.subquery) {
    CollectPlanColumns(*e.subquery, level + 1, out);
  }
}

void RemapAt(BoundExpr* e, int level, const std::function<int(int)>& map) {
  if (level == 0 && e->kind == BoundExprKind::kColumnRef) e->index = map(e->index);
  if (level > 0 && e->kind == BoundExprKind::kOuterColumnRef && e->depth == level) {
    e->index = map(e->index);
  }
  for (auto& c : e->children) {
    if (c) RemapAt(c.get(), level, map);
  }
  if (e->kind == BoundExprKind::kSubquery && e->subquery) {
    std::vector<int> used;
    CollectPlanColumns(*e->subquery, level + 1, &used);
    if (!used.empty()) {
      LogicalOperatorPtr copy = ClonePlan(*e->subquery);
      RemapPlanColumns(copy.get(), level + 1, map);
      e->subquery = copy;
    }
  }
}

bool AnySubquery(const BoundExpr& e, bool correlated_only) {
  if (e.kind == BoundExprKind::kSubquery) {
    if (!correlated_only) return true;
    std::vector<int> used;
    if (e.subquery) CollectPlanColumns(*e.subquery, 1, &used);
    if (!used.empty()) return true;
  }
  for (const auto& c : e.children) {
    if (c && AnySubquery(*c, correlated_only)) return true;
  }
  return false;
}

}  // namespace

void CollectColumns(const BoundExpr& e, std::vector<int>* out) { CollectAt(e, 0, out); }

void CollectPlanColumns(const LogicalOperator& op, int level, std::vector<int>* out) {
  ForEachExpr(op, [&](const BoundExpr& e) { CollectAt(e, level, out); });
  for (const auto& c : op.children) {
    if (c) CollectPlanColumns(*c, level, out);
  }
}

bool IsVolatile(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kFunction) {
    static const char* const kVolatile[] = {"random",          "nextval",      "setval",
                                            "clock_timestamp", "timeofday",    "gen_random_uuid",
                                            "setseed",         "random_normal",
                                            "set_config",      "pg_sleep",
                                            "omen_backup"};
    std::string name = FunctionName(e.function_oid);
    for (const char* v : kVolatile) {
      if (name == v) return true;
    }
  }
  for (const auto& c : e.children) {
    if (c && IsVolatile(*c)) return true;
  }
  return false;
}

bool ContainsSubquery(const BoundExpr& e) { return AnySubquery(e, false); }
bool HasCorrelatedSubquery(const BoundExpr& e) { return AnySubquery(e, true); }

void RemapColumns(BoundExpr* e, const std::function<int(int)>& map) { RemapAt(e, 0, map); }

void RemapPlanColumns(LogicalOperator* op, int level, const std::function<int(int)>& map) {
  ForEachExpr(op, [&](BoundExprPtr& e) { RemapAt(e.get(), level, map); });
  for (auto& c : op->children) {
    if (c) RemapPlanColumns(c.get(), level, map);
  }
}

namespace {

std::vector<BoundExprPtr> CopyAll(const std::vector<BoundExprPtr>& v) {
  std::vector<BoundExprPtr> out;
  out.reserve(v.size());
  for (const auto& e : v) out.push_back(e ? e->Copy() : nullptr);
  return out;
}

BoundExprPtr CopyOrNull(const BoundExprPtr& e) { return e ? e->Copy() : nullptr; }

}  // namespace

LogicalOperatorPtr ClonePlan(const LogicalOperator& op) {
  auto out = std::make_shared<LogicalOperator>();
  out->kind = op.kind;
  for (const auto& c : op.children) out->children.push_back(c ? ClonePlan(*c) : nullptr);
  out->types = op.types;
  out->names = op.names;
  out->table = op.table;
  out->column_ids = op.column_ids;
  out->emit_row_id = op.emit_row_id;
  out->lock_targets = op.lock_targets;
  out->recheck_leaves = op.recheck_leaves;
  out->recheck_tag = op.recheck_tag;
  out->filter = CopyOrNull(op.filter);
  const IndexAccess& ia = op.index_access;
  out->index_access.index = ia.index;
  out->index_access.kind = ia.kind;
  out->index_access.keys = CopyAll(ia.keys);
  out->index_access.lower = CopyOrNull(ia.lower);
  out->index_access.upper = CopyOrNull(ia.upper);
  out->index_access.lower_inclusive = ia.lower_inclusive;
  out->index_access.upper_inclusive = ia.upper_inclusive;
  out->index_access.ordered = ia.ordered;
  out->index_access.descending = ia.descending;
  out->alias = op.alias;
  out->exprs = CopyAll(op.exprs);
  out->table_function = op.table_function;
  out->system_table = op.system_table;
  out->distinct_columns = op.distinct_columns;
  for (const auto& row : op.values) out->values.push_back(CopyAll(row));
  out->groups = CopyAll(op.groups);
  for (const auto& a : op.aggregates) {
    AggregateCall call;
    call.function_oid = a.function_oid;
    call.args = CopyAll(a.args);
    call.distinct = a.distinct;
    call.filter = CopyOrNull(a.filter);
    call.type = a.type;
    for (const auto& o : a.order) call.order.push_back({o.expr->Copy(), o.descending, o.nulls_first});
    out->aggregates.push_back(std::move(call));
  }
  out->join_type = op.join_type;
  out->lateral = op.lateral;
  out->condition = CopyOrNull(op.condition);
  out->left_keys = CopyAll(op.left_keys);
  out->right_keys = CopyAll(op.right_keys);
  for (const auto& o : op.order) {
    out->order.push_back(OrderItem{CopyOrNull(o.expr), o.descending, o.nulls_first});
  }
  out->limit = CopyOrNull(op.limit);
  out->offset = CopyOrNull(op.offset);
  out->set_op = op.set_op;
  out->set_all = op.set_all;
  out->cte_id = op.cte_id;
  out->update_columns = op.update_columns;
  out->set_exprs = CopyAll(op.set_exprs);
  out->check_exprs = CopyAll(op.check_exprs);
  out->returning = CopyAll(op.returning);
  out->returning_child = op.returning_child;
  if (op.on_conflict != nullptr) {
    auto oc = std::make_shared<OnConflictAction>();
    oc->do_update = op.on_conflict->do_update;
    oc->any_index = op.on_conflict->any_index;
    oc->arbiters = op.on_conflict->arbiters;
    oc->update_columns = op.on_conflict->update_columns;
    oc->set_exprs = CopyAll(op.on_conflict->set_exprs);
    oc->where = CopyOrNull(op.on_conflict->where);
    out->on_conflict = std::move(oc);
  }
  return out;
}

std::string OperatorOf(const BoundExpr& e) {
  if (e.kind != BoundExprKind::kFunction) return "";
  return FunctionName(e.function_oid);
}

BoundExprPtr MakeColumnRef(int index, Type type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kColumnRef;
  e->index = index;
  e->type = type;
  return e;
}

}  // namespace omen::sql
