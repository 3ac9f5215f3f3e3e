// Greedy join ordering for chains of inner/cross joins, and equi-join key
// extraction.

#include <algorithm>
#include <limits>

#include "sql/optimizer_cardinality.h"
#include "sql/optimizer_rules.h"
#include "sql/optimizer_util.h"
#include "storage/table.h"

namespace omen::sql {

namespace {

bool IsChainJoin(const LogicalOperator& op) {
  return op.kind == LogicalOpKind::kJoin &&
         (op.join_type == JoinType::kInner || op.join_type == JoinType::kCross) &&
         op.left_keys.empty() && op.children.size() == 2 && !op.lateral;
}

struct Leaf {
  LogicalOperatorPtr op;
  int offset = 0;  // first global column
  int width = 0;
  double rows = 0;
};

struct Conjunct {
  BoundExprPtr expr;    // over global columns
  uint64_t leaves = 0;  // bit per leaf read
  bool equi = false;    // "=" between two disjoint, non-empty leaf sets
  bool placed = false;
};

void Flatten(LogicalOperatorPtr op, int offset, std::vector<Leaf>* leaves,
             std::vector<BoundExprPtr>* conjuncts) {
  if (!IsChainJoin(*op) || leaves->size() >= 60) {
    Leaf leaf;
    leaf.op = OrderJoins(op);
    leaf.offset = offset;
    leaf.width = static_cast<int>(op->types.size());
    leaf.rows = EstimateRows(*leaf.op);
    leaves->push_back(std::move(leaf));
    return;
  }
  int left_width = static_cast<int>(op->children[0]->types.size());
  std::vector<BoundExprPtr> own;
  SplitConjuncts(std::move(op->condition), &own);
  for (auto& c : own) {
    RemapColumns(c.get(), [offset](int i) { return i + offset; });
    conjuncts->push_back(std::move(c));
  }
  Flatten(op->children[0], offset, leaves, conjuncts);
  Flatten(op->children[1], offset + left_width, leaves, conjuncts);
}

uint64_t LeavesOf(const BoundExpr& e, const std::vector<int>& leaf_of_column) {
  std::vector<int> cols;
  CollectColumns(e, &cols);
  uint64_t mask = 0;
  for (int c : cols) {
    if (c >= 0 && static_cast<size_t>(c) < leaf_of_column.size()) {
      mask |= uint64_t{1} << leaf_of_column[c];
    }
  }
  return mask;
}

Conjunct Classify(BoundExprPtr e, const std::vector<int>& leaf_of_column) {
  Conjunct c;
  c.leaves = LeavesOf(*e, leaf_of_column);
  if (OperatorOf(*e) == "=" && e->children.size() == 2 && !ContainsSubquery(*e)) {
    uint64_t a = LeavesOf(*e->children[0], leaf_of_column);
    uint64_t b = LeavesOf(*e->children[1], leaf_of_column);
    c.equi = a != 0 && b != 0 && (a & b) == 0;
  }
  c.expr = std::move(e);
  return c;
}

// Distinct values of global column `g` in its leaf; -1 when unknown.
double LeafDistinct(const std::vector<Leaf>& leaves, const std::vector<int>& leaf_of_column,
                    const BoundExpr& e) {
  if (e.kind != BoundExprKind::kColumnRef || e.index < 0 ||
      static_cast<size_t>(e.index) >= leaf_of_column.size()) {
    return -1;
  }
  const Leaf& leaf = leaves[static_cast<size_t>(leaf_of_column[static_cast<size_t>(e.index)])];
  return DistinctValues(*leaf.op, *MakeColumnRef(e.index - leaf.offset, e.type));
}

// Estimated rows of joining leaf `i` to the `used` leaves (`used_rows` of
// them) through equi conjunct `c`: |L|*|R|/max(ndv); -1 when unknown.
double JoinedRows(const std::vector<Leaf>& leaves, const std::vector<int>& leaf_of_column,
                  const Conjunct& c, size_t i, double used_rows) {
  if (c.expr->children.size() != 2) return -1;
  double a = LeafDistinct(leaves, leaf_of_column, *c.expr->children[0]);
  double b = LeafDistinct(leaves, leaf_of_column, *c.expr->children[1]);
  if (a <= 0 || b <= 0) return -1;
  return std::max(1.0, used_rows * leaves[i].rows / std::max(a, b));
}

// Picks the next leaf: among those connected to `used` by an equi conjunct,
// the one giving the smallest join when statistics tell (else the smallest
// leaf); when none is connected, the smallest leaf left.
// REQUIRES: used != 0. *joined_rows: the estimated rows after the join
// (-1 when statistics do not tell).
int PickNext(const std::vector<Leaf>& leaves, const std::vector<Conjunct>& conjuncts,
             uint64_t used, const std::vector<int>& leaf_of_column, double used_rows,
             double* joined_rows) {
  int best = -1;
  bool best_connected = false;
  double best_score = 0, best_joined = -1;
  for (size_t i = 0; i < leaves.size(); i++) {
    uint64_t bit = uint64_t{1} << i;
    if (used & bit) continue;
    bool connected = false;
    double score = leaves[i].rows, joined = -1;
    for (const auto& c : conjuncts) {
      if (!c.placed && c.equi && (c.leaves & bit) && (c.leaves & used) &&
          (c.leaves & ~(used | bit)) == 0) {
        connected = true;
        double rows = JoinedRows(leaves, leaf_of_column, c, i, used_rows);
        if (rows >= 0 && (joined < 0 || rows < joined)) joined = rows;
      }
    }
    if (joined >= 0) score = std::min(score, joined);
    bool better = best < 0 || (connected && !best_connected) ||
                  (connected == best_connected && score < best_score);
    if (better) {
      best = static_cast<int>(i);
      best_connected = connected;
      best_score = score;
      best_joined = joined;
    }
  }
  *joined_rows = best_joined;
  return best;
}

// The original rule (no statistics): smallest connected leaf.
int PickNext(const std::vector<Leaf>& leaves, const std::vector<Conjunct>& conjuncts,
             uint64_t used) {
  int best = -1;
  bool best_connected = false;
  for (size_t i = 0; i < leaves.size(); i++) {
    uint64_t bit = uint64_t{1} << i;
    if (used & bit) continue;
    bool connected = false;
    for (const auto& c : conjuncts) {
      if (c.equi && (c.leaves & bit) && (used == 0 || (c.leaves & used)) &&
          (c.leaves & ~(used | bit)) == 0) {
        connected = true;
      }
    }
    bool better = best < 0 || (connected && !best_connected) ||
                  (connected == best_connected && leaves[i].rows < leaves[best].rows);
    if (better) {
      best = static_cast<int>(i);
      best_connected = connected;
    }
  }
  return best;
}

LogicalOperatorPtr BuildOrdered(LogicalOperatorPtr original, std::vector<Leaf> leaves,
                                std::vector<BoundExprPtr> exprs) {
  std::vector<int> leaf_of_column;
  for (size_t i = 0; i < leaves.size(); i++) {
    for (int k = 0; k < leaves[i].width; k++) leaf_of_column.push_back(static_cast<int>(i));
  }
  std::vector<Conjunct> conjuncts;
  for (auto& e : exprs) conjuncts.push_back(Classify(std::move(e), leaf_of_column));

  uint64_t used = 0;
  int first = -1;
  LogicalOperatorPtr current;
  std::vector<int> position(leaf_of_column.size(), -1);  // global column -> current position
  int width = 0;
  double rows = 0;         // estimated rows of `current`
  bool estimated = false;  // whether `rows` of every join so far came from statistics
  for (size_t step = 0; step < leaves.size(); step++) {
    double joined = -1;
    int next = used == 0 ? PickNext(leaves, conjuncts, used)
                         : PickNext(leaves, conjuncts, used, leaf_of_column, rows, &joined);
    double before = rows;
    bool estimated_before = estimated;
    if (used == 0) {
      rows = leaves[static_cast<size_t>(next)].rows;
      estimated = true;
    } else {
      rows = joined >= 0 ? joined : std::max(rows, leaves[static_cast<size_t>(next)].rows);
      estimated = estimated && joined >= 0;
    }
    Leaf& leaf = leaves[next];
    used |= uint64_t{1} << next;
    if (!current) {
      for (int k = 0; k < leaf.width; k++) position[leaf.offset + k] = k;
      width = leaf.width;
      current = leaf.op;
      first = next;
      continue;
    }
    // The right input is the hash join's build side: build on the smaller
    // one (after the first pair, only when statistics estimated the rows
    // joined so far).
    bool swap = step == 1 ? leaves[first].rows < leaf.rows
                          : estimated_before && step > 1 && before < leaf.rows;
    if (swap) {
      for (int& p : position) {
        if (p >= 0) p += leaf.width;
      }
      for (int k = 0; k < leaf.width; k++) position[leaf.offset + k] = k;
    } else {
      for (int k = 0; k < leaf.width; k++) position[leaf.offset + k] = width + k;
    }
    width += leaf.width;
    auto join = std::make_shared<LogicalOperator>();
    join->kind = LogicalOpKind::kJoin;
    join->join_type = JoinType::kCross;
    join->children = swap ? std::vector<LogicalOperatorPtr>{leaf.op, current}
                          : std::vector<LogicalOperatorPtr>{current, leaf.op};
    join->types = join->children[0]->types;
    join->types.insert(join->types.end(), join->children[1]->types.begin(),
                       join->children[1]->types.end());
    std::vector<BoundExprPtr> cond;
    for (auto& c : conjuncts) {
      if (c.placed || (c.leaves & ~used) != 0) continue;
      c.placed = true;
      RemapColumns(c.expr.get(), [&](int g) { return position[g]; });
      cond.push_back(std::move(c.expr));
    }
    join->condition = MakeConjunction(std::move(cond));
    if (join->condition) join->join_type = JoinType::kInner;
    ExtractJoinKeys(join.get());
    current = join;
  }
  bool identity = true;
  for (size_t g = 0; g < position.size(); g++)
    identity = identity && position[g] == static_cast<int>(g);
  if (identity) {
    current->names = original->names;
    return current;
  }
  auto proj = std::make_shared<LogicalOperator>();
  proj->kind = LogicalOpKind::kProjection;
  proj->types = original->types;
  proj->names = original->names;
  for (size_t g = 0; g < position.size(); g++) {
    proj->exprs.push_back(MakeColumnRef(position[g], original->types[g]));
  }
  proj->children.push_back(current);
  return proj;
}

// Makes both sides of an equality one type where PostgreSQL compares across
// integer widths (int4 = int8): the narrower side is widened by a cast.
// False when the types cannot be made the same.
bool UnifyKeyTypes(BoundExprPtr* a, BoundExprPtr* b) {
  Type ta = (*a)->type, tb = (*b)->type;
  // Typmods do not change equality or hashing of values of one type.
  if (ta.id == tb.id) return true;
  if (!ta.IsInteger() || !tb.IsInteger()) return false;
  BoundExprPtr* narrow = static_cast<int>(ta.id) < static_cast<int>(tb.id) ? a : b;
  Type wide = narrow == a ? tb : ta;
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kCast;
  cast->type = wide;
  cast->cast_context = 0;  // implicit
  cast->children.push_back(std::move(*narrow));
  *narrow = std::move(cast);
  return true;
}

// |L|*|R| / max(ndv_l, ndv_r) for an equi-join whose first key's distinct
// counts are known on both sides; -1 otherwise.
double JoinRows(const LogicalOperator& join, double l, double r) {
  if (join.left_keys.empty()) return -1;
  double ndv_l = DistinctValues(*join.children[0], *join.left_keys[0]);
  double ndv_r = DistinctValues(*join.children[1], *join.right_keys[0]);
  if (ndv_l <= 0 || ndv_r <= 0) return -1;
  return std::max(1.0, l * r / std::max(ndv_l, ndv_r));
}

}  // namespace

void ExtractJoinKeys(LogicalOperator* join) {
  if (join->join_type == JoinType::kCross || !join->condition || join->lateral) return;
  const int nl = static_cast<int>(join->children[0]->types.size());
  std::vector<BoundExprPtr> conjuncts, rest;
  SplitConjuncts(std::move(join->condition), &conjuncts);
  for (auto& c : conjuncts) {
    bool taken = false;
    if (OperatorOf(*c) == "=" && c->children.size() == 2 && !ContainsSubquery(*c)) {
      std::vector<int> a, b;
      CollectColumns(*c->children[0], &a);
      CollectColumns(*c->children[1], &b);
      auto all_left = [nl](const std::vector<int>& v) {
        return !v.empty() && std::all_of(v.begin(), v.end(), [nl](int i) { return i < nl; });
      };
      auto all_right = [nl](const std::vector<int>& v) {
        return !v.empty() && std::all_of(v.begin(), v.end(), [nl](int i) { return i >= nl; });
      };
      int l = -1;
      if (all_left(a) && all_right(b)) l = 0;
      if (all_left(b) && all_right(a)) l = 1;
      if (l >= 0 && UnifyKeyTypes(&c->children[0], &c->children[1])) {
        BoundExprPtr left = std::move(c->children[l]);
        BoundExprPtr right = std::move(c->children[1 - l]);
        RemapColumns(right.get(), [nl](int i) { return i - nl; });
        join->left_keys.push_back(std::move(left));
        join->right_keys.push_back(std::move(right));
        taken = true;
      }
    }
    if (!taken) rest.push_back(std::move(c));
  }
  join->condition = MakeConjunction(std::move(rest));
}

LogicalOperatorPtr OrderJoins(LogicalOperatorPtr op) {
  if (IsChainJoin(*op)) {
    std::vector<Leaf> leaves;
    std::vector<BoundExprPtr> conjuncts;
    Flatten(op, 0, &leaves, &conjuncts);
    return BuildOrdered(op, std::move(leaves), std::move(conjuncts));
  }
  for (auto& c : op->children) {
    if (c) c = OrderJoins(c);
  }
  if (op->kind == LogicalOpKind::kJoin && op->left_keys.empty()) ExtractJoinKeys(op.get());
  return op;
}

double EstimateRows(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalOpKind::kGet:
      return EstimateGetRows(op);
    case LogicalOpKind::kDummy:
      return 1;
    case LogicalOpKind::kValues:
      // PostgreSQL's default estimate for a set-returning function: 1000 rows.
      return op.table_function.empty() ? static_cast<double>(op.values.size()) : 1000.0;
    case LogicalOpKind::kFilter:
      return std::max(EstimateRows(*op.children[0]) * 0.3, 1.0);
    case LogicalOpKind::kAggregate:
      return op.groups.empty() ? 1 : std::max(EstimateRows(*op.children[0]) * 0.1, 1.0);
    case LogicalOpKind::kJoin: {
      double l = EstimateRows(*op.children[0]), r = EstimateRows(*op.children[1]);
      if (op.join_type == JoinType::kCross) return l * r;
      if (op.join_type == JoinType::kSemi || op.join_type == JoinType::kAnti) return l;
      double rows = JoinRows(op, l, r);
      if (rows < 0) return std::max(l, r);
      if (op.join_type == JoinType::kLeft) return std::max(rows, l);
      if (op.join_type == JoinType::kRight) return std::max(rows, r);
      if (op.join_type == JoinType::kFull) return std::max({rows, l, r});
      return rows;
    }
    case LogicalOpKind::kSetOp:
      return EstimateRows(*op.children[0]) + EstimateRows(*op.children[1]);
    default:
      return op.children.empty() ? 1 : EstimateRows(*op.children[0]);
  }
}

}  // namespace omen::sql
