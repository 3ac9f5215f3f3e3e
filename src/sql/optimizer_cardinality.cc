// Cardinality estimates from ANALYZE statistics (catalog/table_stats.h):
// selectivity of a kGet's filter and distinct counts of join keys. Without
// statistics the estimates are the fixed guesses the join orderer always
// used (so plans of never-analyzed tables do not change).

#include "sql/optimizer_cardinality.h"

#include <algorithm>
#include <cmath>

#include "sql/optimizer_util.h"

namespace omen::sql {

namespace {

// The column a (possibly implicitly cast) expression reads, or -1.
int ColumnOf(const BoundExpr& e) {
  const BoundExpr* p = &e;
  while (p->kind == BoundExprKind::kCast && p->children.size() == 1) p = p->children[0].get();
  return p->kind == BoundExprKind::kColumnRef ? p->index : -1;
}

const BoundExpr* ConstantOf(const BoundExpr& e) {
  const BoundExpr* p = &e;
  while (p->kind == BoundExprKind::kCast && p->children.size() == 1) p = p->children[0].get();
  return p->kind == BoundExprKind::kConstant && !p->value.is_null ? p : nullptr;
}

// A number placing `v` on a line (numbers, dates, timestamps); false for
// strings and booleans, which are not interpolated.
bool ToNumber(const Value& v, double* out) {
  if (v.is_null || v.type.id == TypeId::kBool) return false;
  switch (v.type.physical()) {
    case PhysicalType::kInt64:
      *out = static_cast<double>(v.i);
      return true;
    case PhysicalType::kDouble:
      *out = v.d;
      return std::isfinite(v.d);
    case PhysicalType::kNumeric:
      *out = v.n.ToDouble();
      return std::isfinite(*out);
    default:
      return false;
  }
}

bool SameValue(const Value& a, const Value& b) {
  double x = 0, y = 0;
  if (ToNumber(a, &x) && ToNumber(b, &y)) return x == y;
  return a.type.physical() == PhysicalType::kString && b.type.physical() == PhysicalType::kString &&
         a.s == b.s;
}

// Stats of output column `col` of a kGet; nullptr without ANALYZE.
const catalog::ColumnStats* StatsOf(const LogicalOperator& get, int col) {
  if (get.kind != LogicalOpKind::kGet || !get.table || !get.table->stats || col < 0 ||
      static_cast<size_t>(col) >= get.column_ids.size()) {
    return nullptr;
  }
  size_t id = static_cast<size_t>(get.column_ids[static_cast<size_t>(col)]);
  const auto& columns = get.table->stats->columns;
  return id < columns.size() ? &columns[id] : nullptr;
}

double EqualitySelectivity(const catalog::ColumnStats& s, const Value& v) {
  double mcv_total = 0;
  for (size_t i = 0; i < s.mcv_values.size(); ++i) {
    if (SameValue(s.mcv_values[i], v)) return s.mcv_freqs[i];
    mcv_total += s.mcv_freqs[i];
  }
  double rest = s.n_distinct - static_cast<double>(s.mcv_values.size());
  if (rest < 1) return 0;  // every value is an MCV, and this is none of them
  return std::max(0.0, 1.0 - s.null_frac - mcv_total) / rest;
}

// Fraction of rows with column < v (or <= v): linear between min and max.
double BelowSelectivity(const catalog::ColumnStats& s, const Value& v) {
  double lo = 0, hi = 0, x = 0;
  if (!s.has_range || !ToNumber(s.min, &lo) || !ToNumber(s.max, &hi) || !ToNumber(v, &x)) {
    return -1;
  }
  double frac = hi > lo ? (x - lo) / (hi - lo) : (x >= hi ? 1.0 : 0.0);
  return std::clamp(frac, 0.0, 1.0) * (1.0 - s.null_frac);
}

// Selectivity of `col op constant`; -1 when the statistics cannot say.
double ComparisonSelectivity(const catalog::ColumnStats& s, std::string op, const Value& v) {
  if (op == "=") return EqualitySelectivity(s, v);
  if (op == "<>" || op == "!=") return std::max(0.0, 1.0 - s.null_frac - EqualitySelectivity(s, v));
  double below = BelowSelectivity(s, v);
  if (below < 0) return -1;
  if (op == "<" || op == "<=") return below;
  if (op == ">" || op == ">=") return std::max(0.0, 1.0 - s.null_frac - below);
  return -1;
}

std::string Flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op;
}

// The guesses used without statistics.
double DefaultSelectivity(const BoundExpr& e) {
  if (OperatorOf(e) == "=") return 0.05;
  if (e.kind == BoundExprKind::kInList && !e.negated) {
    return std::min(0.05 * static_cast<double>(e.children.size() - 1), 0.5);
  }
  return 0.3;
}

double StatsSelectivity(const BoundExpr& e, const LogicalOperator& get) {
  switch (e.kind) {
    case BoundExprKind::kAnd: {
      double s = 1;
      for (const auto& c : e.children) s *= FilterSelectivity(*c, get);
      return s;
    }
    case BoundExprKind::kOr: {
      double s = 0;
      for (const auto& c : e.children) {
        double t = FilterSelectivity(*c, get);
        s = s + t - s * t;
      }
      return s;
    }
    case BoundExprKind::kNot:
      return e.children.size() == 1 ? 1.0 - FilterSelectivity(*e.children[0], get) : -1;
    case BoundExprKind::kIsNull:
    case BoundExprKind::kIsNotNull: {
      const catalog::ColumnStats* s = StatsOf(get, ColumnOf(*e.children[0]));
      if (s == nullptr) return -1;
      return e.kind == BoundExprKind::kIsNull ? s->null_frac : 1.0 - s->null_frac;
    }
    case BoundExprKind::kInList: {
      const catalog::ColumnStats* s = StatsOf(get, ColumnOf(*e.children[0]));
      if (s == nullptr) return -1;
      double sum = 0;
      for (size_t i = 1; i < e.children.size(); ++i) {
        const BoundExpr* c = ConstantOf(*e.children[i]);
        sum += c != nullptr ? EqualitySelectivity(*s, c->value) : 1.0 / std::max(s->n_distinct, 1.0);
      }
      sum = std::min(sum, 1.0 - s->null_frac);
      return e.negated ? std::max(0.0, 1.0 - s->null_frac - sum) : sum;
    }
    default:
      break;
  }
  std::string op = OperatorOf(e);
  if (op.empty() || e.children.size() != 2) return -1;
  int col = ColumnOf(*e.children[0]);
  const BoundExpr* constant = ConstantOf(*e.children[1]);
  if (col < 0 || constant == nullptr) {
    col = ColumnOf(*e.children[1]);
    constant = ConstantOf(*e.children[0]);
    op = Flipped(op);
  }
  const catalog::ColumnStats* s = StatsOf(get, col);
  if (s == nullptr) return -1;
  if (constant == nullptr) {
    // Compared with a parameter or another column: 1/ndv for equality.
    if (op == "=") return (1.0 - s->null_frac) / std::max(s->n_distinct, 1.0);
    return -1;
  }
  return ComparisonSelectivity(*s, op, constant->value);
}

}  // namespace

double FilterSelectivity(const BoundExpr& e, const LogicalOperator& get) {
  double s = StatsSelectivity(e, get);
  return s >= 0 ? std::clamp(s, 0.0, 1.0) : DefaultSelectivity(e);
}

double EstimateGetRows(const LogicalOperator& get) {
  double rows = 1000;
  if (get.table && get.table->data) rows = static_cast<double>(get.table->data->RowCount());
  std::vector<BoundExprPtr> parts;
  if (get.filter) SplitConjuncts(get.filter->Copy(), &parts);
  for (const auto& p : parts) rows *= FilterSelectivity(*p, get);
  return std::max(rows, 1.0);
}

double DistinctValues(const LogicalOperator& op, const BoundExpr& key) {
  int col = ColumnOf(key);
  const LogicalOperator* p = &op;
  // Through column-only projections and filters down to a kGet.
  while (col >= 0 && p->kind != LogicalOpKind::kGet) {
    if (p->kind == LogicalOpKind::kFilter && !p->children.empty()) {
      p = p->children[0].get();
    } else if (p->kind == LogicalOpKind::kProjection && !p->children.empty() &&
               static_cast<size_t>(col) < p->exprs.size()) {
      col = ColumnOf(*p->exprs[static_cast<size_t>(col)]);
      p = p->children[0].get();
    } else {
      return -1;
    }
  }
  const catalog::ColumnStats* s = col >= 0 ? StatsOf(*p, col) : nullptr;
  if (s == nullptr) return -1;
  return std::max(1.0, std::min(s->n_distinct, EstimateGetRows(*p)));
}

}  // namespace omen::sql
