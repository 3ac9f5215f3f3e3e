// Index access selection for kGet filters, and ordered index scans for
// ORDER BY key [DESC] LIMIT n.

#include <algorithm>
#include <limits>

#include "common/type_io.h"
#include "sql/optimizer_cardinality.h"
#include "sql/optimizer_rules.h"
#include "sql/optimizer_util.h"

namespace omen::sql {

namespace {

// Above this fraction of an analyzed table's rows, a range is not read
// through an index.
inline constexpr double kMaxRangeSelectivity = 0.3;

enum class CmpOp { kEq, kLt, kLe, kGt, kGe, kOther };

CmpOp ParseOp(const std::string& s) {
  if (s == "=") return CmpOp::kEq;
  if (s == "<") return CmpOp::kLt;
  if (s == "<=") return CmpOp::kLe;
  if (s == ">") return CmpOp::kGt;
  if (s == ">=") return CmpOp::kGe;
  return CmpOp::kOther;
}

CmpOp Commute(CmpOp op) {
  switch (op) {
    case CmpOp::kLt:
      return CmpOp::kGt;
    case CmpOp::kLe:
      return CmpOp::kGe;
    case CmpOp::kGt:
      return CmpOp::kLt;
    case CmpOp::kGe:
      return CmpOp::kLe;
    default:
      return op;
  }
}

// The Get output position a column-side expression reads, or -1. Accepts a
// plain column ref or an integer column widened by a cast, and a string column
// cast to another string type.
int ColumnOf(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kColumnRef) return e.index;
  if (e.kind == BoundExprKind::kCast && e.children.size() == 1 &&
      e.children[0]->kind == BoundExprKind::kColumnRef) {
    Type from = e.children[0]->type, to = e.type;
    bool widen =
        from.IsInteger() && to.IsInteger() && static_cast<int>(to.id) >= static_cast<int>(from.id);
    bool text = (from.id == TypeId::kVarchar || from.id == TypeId::kText) &&
                (to.id == TypeId::kVarchar || to.id == TypeId::kText);
    if (widen || text) return e.children[0]->index;
  }
  return -1;
}

bool IsKeyCandidate(const BoundExpr& e) {
  std::vector<int> cols;
  CollectColumns(e, &cols);
  return cols.empty() && !ContainsSubquery(e);
}

// A cast of a constant folded to a constant (null if it cannot be).
BoundExprPtr FoldCast(const BoundExpr& key) {
  if (key.kind != BoundExprKind::kCast || key.children.size() != 1) return nullptr;
  const BoundExpr* inner = key.children[0].get();
  BoundExprPtr folded;
  if (inner->kind == BoundExprKind::kCast) {
    folded = FoldCast(*inner);
    if (!folded) return nullptr;
    inner = folded.get();
  }
  if (inner->kind != BoundExprKind::kConstant) return nullptr;
  Result<Value> v = CastValue(inner->value, key.type, static_cast<CastContext>(key.cast_context));
  if (!v.ok()) return nullptr;
  auto out = std::make_unique<BoundExpr>();
  out->kind = BoundExprKind::kConstant;
  out->type = key.type;
  out->value = std::move(*v);
  out->value.type = key.type;
  return out;
}

// `key` converted to exactly `col_type`, or null when that is not exact.
BoundExprPtr KeyOfType(const BoundExpr& key, Type col_type) {
  if (key.kind == BoundExprKind::kCast) {
    BoundExprPtr folded = FoldCast(key);
    return folded ? KeyOfType(*folded, col_type) : nullptr;
  }
  if (key.type.id == col_type.id) {
    if (key.kind != BoundExprKind::kConstant) return key.Copy();
    if (key.value.is_null) return nullptr;
    auto same = key.Copy();
    same->type = same->value.type = col_type;
    return same;
  }
  if (key.kind != BoundExprKind::kConstant || key.value.is_null) return nullptr;
  auto out = key.Copy();
  if (col_type.IsInteger() && key.type.IsInteger()) {
    int64_t v = key.value.i, lo = std::numeric_limits<int64_t>::min(),
            hi = std::numeric_limits<int64_t>::max();
    if (col_type.id == TypeId::kInt32) lo = INT32_MIN, hi = INT32_MAX;
    if (col_type.id == TypeId::kInt16) lo = INT16_MIN, hi = INT16_MAX;
    if (v < lo || v > hi) return nullptr;
  } else if (!((col_type.id == TypeId::kText || col_type.id == TypeId::kVarchar) &&
               (key.type.id == TypeId::kText || key.type.id == TypeId::kVarchar))) {
    return nullptr;
  }
  out->type = col_type;
  out->value.type = col_type;
  return out;
}

struct Match {
  size_t conjunct = 0;
  int column = -1;  // Get output position
  CmpOp op = CmpOp::kOther;
  const BoundExpr* key = nullptr;
};

bool MatchCompare(const BoundExpr& c, size_t i, Match* m) {
  CmpOp op = ParseOp(OperatorOf(c));
  if (op == CmpOp::kOther || c.children.size() != 2) return false;
  for (int side = 0; side < 2; side++) {
    int col = ColumnOf(*c.children[side]);
    if (col >= 0 && IsKeyCandidate(*c.children[1 - side])) {
      *m = Match{i, col, side == 0 ? op : Commute(op), c.children[1 - side].get()};
      return true;
    }
  }
  return false;
}

struct Choice {
  int score = 0;
  int index = -1;
  IndexAccess access;
  std::vector<size_t> used;  // conjuncts consumed
};

int ColumnIdAt(const LogicalOperator& get, int pos) {
  if (pos < 0 || static_cast<size_t>(pos) >= get.column_ids.size()) return -1;
  return get.column_ids[pos];
}

Type ColumnType(const LogicalOperator& get, int column_id) {
  return get.table->columns[column_id].type;
}

void TryEquality(const LogicalOperator& get, const catalog::IndexDef& idx, int i,
                 const std::vector<Match>& matches, Choice* best) {
  Choice c;
  c.index = i;
  c.access.index = i;
  c.access.kind = IndexAccess::Kind::kEquality;
  for (int col_id : idx.columns) {
    bool found = false;
    for (const Match& m : matches) {
      if (m.op != CmpOp::kEq || ColumnIdAt(get, m.column) != col_id) continue;
      BoundExprPtr key = KeyOfType(*m.key, ColumnType(get, col_id));
      if (!key) continue;
      c.access.keys.push_back(std::move(key));
      c.used.push_back(m.conjunct);
      found = true;
      break;
    }
    if (!found) break;
  }
  if (c.access.keys.empty()) return;
  bool full = c.access.keys.size() == idx.columns.size();
  c.score = 100 + 10 * static_cast<int>(c.access.keys.size()) + (full && idx.unique ? 1000 : 0);
  if (c.score > best->score) *best = std::move(c);
}

void TryInList(const LogicalOperator& get, const catalog::IndexDef& idx, int i,
               const std::vector<BoundExprPtr>& conjuncts, Choice* best) {
  if (idx.columns.size() != 1 || best->score >= 50) return;
  for (size_t k = 0; k < conjuncts.size(); k++) {
    const BoundExpr& c = *conjuncts[k];
    if (c.kind != BoundExprKind::kInList || c.negated || c.children.size() < 2) continue;
    if (c.children[0]->kind != BoundExprKind::kColumnRef) continue;
    if (ColumnIdAt(get, c.children[0]->index) != idx.columns[0]) continue;
    Choice ch;
    ch.index = ch.access.index = i;
    ch.access.kind = IndexAccess::Kind::kInList;
    std::vector<std::string> seen;
    bool ok = true;
    for (size_t j = 1; j < c.children.size() && ok; j++) {
      const BoundExpr& e = *c.children[j];
      if (e.kind != BoundExprKind::kConstant) {
        ok = false;
        break;
      }
      if (e.value.is_null) continue;  // never equal
      BoundExprPtr key = KeyOfType(e, c.children[0]->type);
      if (!key) {
        ok = false;
        break;
      }
      std::string repr = key->value.ToString();
      if (std::find(seen.begin(), seen.end(), repr) != seen.end()) continue;
      seen.push_back(repr);
      ch.access.keys.push_back(std::move(key));
    }
    if (!ok) continue;
    ch.used.push_back(k);
    ch.score = 50;
    *best = std::move(ch);
    return;
  }
}

void TryRange(const LogicalOperator& get, const catalog::IndexDef& idx, int i,
              const std::vector<Match>& matches, Choice* best) {
  Choice c;
  c.index = c.access.index = i;
  c.access.kind = IndexAccess::Kind::kRange;
  for (const Match& m : matches) {
    if (m.op == CmpOp::kEq || ColumnIdAt(get, m.column) != idx.columns[0]) continue;
    bool lower = m.op == CmpOp::kGt || m.op == CmpOp::kGe;
    BoundExprPtr& slot = lower ? c.access.lower : c.access.upper;
    if (slot) continue;
    BoundExprPtr key = KeyOfType(*m.key, ColumnType(get, idx.columns[0]));
    if (!key) continue;
    slot = std::move(key);
    (lower ? c.access.lower_inclusive : c.access.upper_inclusive) =
        m.op == CmpOp::kGe || m.op == CmpOp::kLe;
    c.used.push_back(m.conjunct);
  }
  if (c.used.empty()) return;
  c.score = 10 + static_cast<int>(c.used.size());
  if (c.score > best->score) *best = std::move(c);
}

void ChooseGetIndex(LogicalOperator* get) {
  if (!get->filter || !get->table || get->index_access.index >= 0) return;
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(get->filter->Copy(), &conjuncts);
  std::vector<Match> matches;
  for (size_t i = 0; i < conjuncts.size(); i++) {
    Match m;
    if (MatchCompare(*conjuncts[i], i, &m) && ColumnIdAt(*get, m.column) >= 0) matches.push_back(m);
  }
  Choice best;
  const auto& indexes = get->table->indexes;
  for (size_t i = 0; i < indexes.size(); i++) {
    if (indexes[i].columns.empty()) continue;
    int n = static_cast<int>(i);
    TryEquality(*get, indexes[i], n, matches, &best);
    TryInList(*get, indexes[i], n, conjuncts, &best);
    TryRange(*get, indexes[i], n, matches, &best);
  }
  if (best.index < 0) return;
  // A range matching much of an analyzed table is read faster by a scan.
  if (best.access.kind == IndexAccess::Kind::kRange && get->table->stats) {
    double selectivity = 1;
    for (auto k : best.used) selectivity *= FilterSelectivity(*conjuncts[k], *get);
    if (selectivity > kMaxRangeSelectivity) return;
  }
  std::vector<BoundExprPtr> rest;
  for (size_t i = 0; i < conjuncts.size(); i++) {
    if (std::find(best.used.begin(), best.used.end(), i) == best.used.end()) {
      rest.push_back(std::move(conjuncts[i]));
    }
  }
  get->filter = MakeConjunction(std::move(rest));
  get->index_access = std::move(best.access);
}

// ORDER BY over one Get: Limit -> [Projection]* -> Sort -> [Projection|Filter]* -> Get.
void TryOrderedScan(LogicalOperator* limit) {
  LogicalOperatorPtr* sort_slot = &limit->children[0];
  while ((*sort_slot)->kind == LogicalOpKind::kProjection) sort_slot = &(*sort_slot)->children[0];
  LogicalOperator* sort = sort_slot->get();
  if (sort->kind != LogicalOpKind::kSort || sort->order.empty()) return;
  std::vector<int> cols;
  for (const auto& item : sort->order) {
    if (item.expr->kind != BoundExprKind::kColumnRef) return;
    cols.push_back(item.expr->index);
  }
  LogicalOperator* node = sort->children[0].get();
  while (node->kind == LogicalOpKind::kProjection || node->kind == LogicalOpKind::kFilter) {
    for (int& c : cols) {
      if (node->kind == LogicalOpKind::kFilter) continue;
      const BoundExpr& e = *node->exprs[c];
      if (e.kind != BoundExprKind::kColumnRef) return;
      c = e.index;
    }
    node = node->children[0].get();
  }
  if (node->kind != LogicalOpKind::kGet || !node->table) return;
  bool desc = sort->order[0].descending;
  bool nulls_matter = false;
  for (size_t k = 0; k < cols.size(); k++) {
    int id = ColumnIdAt(*node, cols[k]);
    if (id < 0 || sort->order[k].descending != desc) return;
    cols[k] = id;
    if (!node->table->columns[id].not_null) nulls_matter = true;
  }
  const auto& indexes = node->table->indexes;
  for (size_t i = 0; i < indexes.size(); i++) {
    const auto& ic = indexes[i].columns;
    if (ic.size() < cols.size() || !std::equal(cols.begin(), cols.end(), ic.begin())) continue;
    IndexAccess& ia = node->index_access;
    if (ia.index >= 0 && (ia.index != static_cast<int>(i) || ia.kind != IndexAccess::Kind::kRange))
      return;
    ia.index = static_cast<int>(i);
    ia.kind = IndexAccess::Kind::kRange;
    ia.ordered = true;
    ia.descending = desc;
    bool pk = indexes[i].primary;
    if (!nulls_matter || pk) *sort_slot = sort->children[0];
    return;
  }
}

}  // namespace

LogicalOperatorPtr ChooseIndexes(LogicalOperatorPtr op) {
  for (auto& c : op->children) {
    if (c) c = ChooseIndexes(c);
  }
  if (op->kind == LogicalOpKind::kGet) ChooseGetIndex(op.get());
  if (op->kind == LogicalOpKind::kLimit && !op->children.empty()) TryOrderedScan(op.get());
  return op;
}

}  // namespace omen::sql
