#include "sql/optimizer.h"

#include <algorithm>
#include <map>

#include "sql/optimizer_rules.h"
#include "sql/optimizer_util.h"

namespace omen::sql {

namespace {

// Which side of a join a conjunct reads.
enum class Side { kNone, kLeft, kRight, kBoth };

Side SideOf(const BoundExpr& e, int left_width) {
  std::vector<int> cols;
  CollectColumns(e, &cols);
  bool left = false, right = false;
  for (int c : cols) (c < left_width ? left : right) = true;
  if (left && right) return Side::kBoth;
  if (left) return Side::kLeft;
  if (right) return Side::kRight;
  return Side::kNone;
}

LogicalOperatorPtr WrapFilter(LogicalOperatorPtr op, std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return op;
  auto f = std::make_shared<LogicalOperator>();
  f->kind = LogicalOpKind::kFilter;
  f->types = op->types;
  f->names = op->names;
  f->filter = MakeConjunction(std::move(conjuncts));
  f->children.push_back(std::move(op));
  return f;
}

// Rewrites `conj` (over the output of an operator computing `exprs` from its
// input) to read that input instead. False (conj untouched) when it cannot.
bool RewriteThrough(BoundExpr* conj, const std::vector<BoundExprPtr>& exprs) {
  std::vector<int> cols;
  CollectColumns(*conj, &cols);
  for (int c : cols) {
    if (c < 0 || static_cast<size_t>(c) >= exprs.size() || !exprs[c]) return false;
  }
  bool all_columns = true;
  for (int c : cols) {
    const BoundExpr& src = *exprs[c];
    if (src.kind != BoundExprKind::kColumnRef) all_columns = false;
    if (ContainsSubquery(src) || IsVolatile(src)) return false;
  }
  if (all_columns) {
    RemapColumns(conj, [&](int c) { return exprs[c]->index; });
    return true;
  }
  // Substitution duplicates expressions; a correlated subquery would need an
  // outer reference to a computed value, which has no position.
  if (HasCorrelatedSubquery(*conj)) return false;
  std::function<void(BoundExprPtr&)> subst = [&](BoundExprPtr& e) {
    if (e->kind == BoundExprKind::kColumnRef) {
      e = exprs[e->index]->Copy();
      return;
    }
    for (auto& c : e->children) {
      if (c) subst(c);
    }
  };
  for (auto& c : conj->children) {
    if (c) subst(c);
  }
  if (conj->kind == BoundExprKind::kColumnRef) {
    BoundExprPtr replaced = exprs[conj->index]->Copy();
    *conj = std::move(*replaced);
  }
  return true;
}

// Pushes what RewriteThrough allows below an operator computing `exprs`.
LogicalOperatorPtr PushThroughComputed(LogicalOperatorPtr op,
                                       const std::vector<BoundExprPtr>& exprs,
                                       std::vector<BoundExprPtr> conjuncts, size_t max_column) {
  std::vector<BoundExprPtr> below, above;
  for (auto& c : conjuncts) {
    std::vector<int> cols;
    CollectColumns(*c, &cols);
    bool in_range = std::all_of(cols.begin(), cols.end(), [&](int i) {
      return i >= 0 && static_cast<size_t>(i) < max_column;
    });
    if (in_range && RewriteThrough(c.get(), exprs)) {
      below.push_back(std::move(c));
    } else {
      above.push_back(std::move(c));
    }
  }
  op->children[0] = PushDownPredicates(op->children[0], std::move(below));
  return WrapFilter(std::move(op), std::move(above));
}

LogicalOperatorPtr PushJoin(LogicalOperatorPtr op, std::vector<BoundExprPtr> from_above) {
  const int nl = static_cast<int>(op->children[0]->types.size());
  std::vector<BoundExprPtr> own, left, right, stay, above;
  SplitConjuncts(std::move(op->condition), &own);
  JoinType jt = op->join_type;
  auto to_right = [&](BoundExprPtr e) {
    RemapColumns(e.get(), [nl](int c) { return c - nl; });
    right.push_back(std::move(e));
  };
  bool inner = jt == JoinType::kInner || jt == JoinType::kCross;
  if (inner) {
    for (auto& c : from_above) own.push_back(std::move(c));
    from_above.clear();
  }
  for (auto& c : from_above) {
    Side s = SideOf(*c, nl);
    bool left_ok = jt == JoinType::kLeft || jt == JoinType::kSemi || jt == JoinType::kAnti;
    if (left_ok && s != Side::kRight && s != Side::kBoth) {
      left.push_back(std::move(c));
    } else if (jt == JoinType::kRight && s == Side::kRight) {
      to_right(std::move(c));
    } else {
      above.push_back(std::move(c));
    }
  }
  for (auto& c : own) {
    Side s = SideOf(*c, nl);
    bool push_left = (inner && (s == Side::kLeft || s == Side::kNone)) ||
                     ((jt == JoinType::kRight || jt == JoinType::kSemi) && s == Side::kLeft);
    bool push_right = s == Side::kRight && (inner || jt == JoinType::kLeft ||
                                            jt == JoinType::kSemi || jt == JoinType::kAnti);
    if (push_left) {
      left.push_back(std::move(c));
    } else if (push_right) {
      to_right(std::move(c));
    } else {
      stay.push_back(std::move(c));
    }
  }
  op->condition = MakeConjunction(std::move(stay));
  if (jt == JoinType::kCross && op->condition) op->join_type = JoinType::kInner;
  op->children[0] = PushDownPredicates(op->children[0], std::move(left));
  op->children[1] = PushDownPredicates(op->children[1], std::move(right));
  return WrapFilter(std::move(op), std::move(above));
}

LogicalOperatorPtr PushSetOp(LogicalOperatorPtr op, std::vector<BoundExprPtr> conjuncts) {
  for (const auto& c : op->children) {
    if (c->types != op->types) {
      for (auto& child : op->children) child = PushDownPredicates(child, {});
      return WrapFilter(std::move(op), std::move(conjuncts));
    }
  }
  std::vector<BoundExprPtr> copies;
  for (const auto& c : conjuncts) copies.push_back(c->Copy());
  op->children[0] = PushDownPredicates(op->children[0], std::move(conjuncts));
  op->children[1] = PushDownPredicates(op->children[1], std::move(copies));
  return op;
}

}  // namespace

LogicalOperatorPtr PushDownPredicates(LogicalOperatorPtr op, std::vector<BoundExprPtr> conjuncts) {
  bool unary = op->kind == LogicalOpKind::kFilter || op->kind == LogicalOpKind::kProjection ||
               op->kind == LogicalOpKind::kAggregate || op->kind == LogicalOpKind::kSort ||
               op->kind == LogicalOpKind::kDistinct;
  bool malformed = (unary && (op->children.empty() || !op->children[0])) ||
                   (op->kind == LogicalOpKind::kJoin && op->children.size() != 2);
  switch (malformed ? LogicalOpKind::kDummy : op->kind) {
    case LogicalOpKind::kFilter: {
      SplitConjuncts(std::move(op->filter), &conjuncts);
      LogicalOperatorPtr child = PushDownPredicates(op->children[0], std::move(conjuncts));
      if (child->names.empty()) child->names = op->names;
      return child;
    }
    case LogicalOpKind::kGet: {
      std::vector<BoundExprPtr> all;
      SplitConjuncts(std::move(op->filter), &all);
      for (auto& c : conjuncts) all.push_back(std::move(c));
      // Cheap conjuncts first: subqueries run only for rows that pass the rest.
      std::stable_partition(all.begin(), all.end(),
                            [](const BoundExprPtr& e) { return !ContainsSubquery(*e); });
      op->filter = MakeConjunction(std::move(all));
      return op;
    }
    case LogicalOpKind::kProjection:
      return PushThroughComputed(op, op->exprs, std::move(conjuncts), op->exprs.size());
    case LogicalOpKind::kAggregate:
      if (op->groups.empty()) break;
      return PushThroughComputed(op, op->groups, std::move(conjuncts), op->groups.size());
    case LogicalOpKind::kSort:
    case LogicalOpKind::kDistinct:
      op->children[0] = PushDownPredicates(op->children[0], std::move(conjuncts));
      return op;
    case LogicalOpKind::kJoin:
      return PushJoin(std::move(op), std::move(conjuncts));
    case LogicalOpKind::kSetOp:
      if (op->children.size() == 2) return PushSetOp(std::move(op), std::move(conjuncts));
      break;
    default:
      break;
  }
  for (auto& c : op->children) {
    if (c) c = PushDownPredicates(c, {});
  }
  return WrapFilter(std::move(op), std::move(conjuncts));
}

namespace {

class SubqueryOptimizer {
 public:
  Result<LogicalOperatorPtr> Run(LogicalOperatorPtr plan) {
    OptimizeSubqueries(plan.get());
    plan = PushDownPredicates(plan, {});
    plan = OrderJoins(plan);
    plan = ChooseIndexes(plan);
    return plan;
  }

 private:
  void OptimizeSubqueries(LogicalOperator* op) {
    ForEachExpr(op, [&](BoundExprPtr& e) { VisitExpr(e.get()); });
    for (auto& c : op->children) {
      if (c) OptimizeSubqueries(c.get());
    }
  }

  void VisitExpr(BoundExpr* e) {
    for (auto& c : e->children) {
      if (c) VisitExpr(c.get());
    }
    if (e->kind != BoundExprKind::kSubquery || !e->subquery) return;
    auto it = done_.find(e->subquery.get());
    if (it != done_.end()) {
      e->subquery = it->second.second;
      return;
    }
    LogicalOperatorPtr original = e->subquery;
    Result<LogicalOperatorPtr> r = Run(e->subquery);
    if (!r.ok()) return;
    e->subquery = *r;
    done_[original.get()] = {original, e->subquery};
    done_[e->subquery.get()] = {e->subquery, e->subquery};
  }

  // Plans already optimized: original -> (original, result). Holding the
  // original keeps its address from being reused by a later allocation.
  std::map<const LogicalOperator*, std::pair<LogicalOperatorPtr, LogicalOperatorPtr>> done_;
};

}  // namespace

Result<LogicalOperatorPtr> Optimize(LogicalOperatorPtr plan) {
  if (!plan) return plan;
  SubqueryOptimizer opt;
  return opt.Run(std::move(plan));
}

}  // namespace omen::sql
