// Subquery expressions: scalar, EXISTS, ANY/IN and ALL/NOT IN. Uncorrelated
// subqueries run once per statement and are cached; correlated ones run once
// per input row with that row pushed on the outer-row stack.

#include <string>
#include <utility>

#include "common/array.h"
#include "execution/expression_executor.h"
#include "execution/functions.h"

namespace omen::execution {

using sql::BoundExpr;
using sql::SubqueryKind;

struct ExecState::SubqueryCache {
  Vector column;  // first output column of the rows read
  size_t rows = 0;
};

namespace {

// Runs the subquery, keeping its first column; stops after `max_rows` rows
// (0: all).
Status RunSubquery(ExecState& st, const BoundExpr& e, size_t max_rows, ExecState::SubqueryCache* out) {
  const sql::LogicalOperator& plan = *e.subquery;
  out->column = Vector(plan.types.empty() ? Type(TypeId::kBool) : plan.types[0]);
  out->rows = 0;
  return st.run_subquery(plan, [&](DataChunk& chunk) -> Result<PushResult> {
    for (size_t i = 0; i < chunk.size; ++i) {
      if (!chunk.columns.empty()) out->column.AppendFrom(chunk.columns[0], i);
      ++out->rows;
      if (max_rows != 0 && out->rows >= max_rows) return PushResult::kFinished;
    }
    return PushResult::kNeedMore;
  });
}

size_t RowLimit(SubqueryKind kind) {
  switch (kind) {
    case SubqueryKind::kScalar: return 2;
    case SubqueryKind::kExists: return 1;
    default: return 0;
  }
}

int BoolAt(const Vector& v, size_t i) { return v.IsNull(i) ? -1 : (v.i64()[i] != 0 ? 1 : 0); }

// Folds comparison results into `acc` (1/0/-1): ANY is an OR, ALL an AND.
void Fold(int* acc, int b, bool any) {
  int decided = any ? 1 : 0;
  if (*acc == decided) return;
  if (b == decided) *acc = decided;
  else if (b < 0) *acc = -1;
}

Status Compare(const BoundExpr& e, const Vector& left, const Vector& right, size_t n, Vector* out) {
  ScalarKernel kernel = FindScalarKernel(e.function_oid);
  if (kernel == nullptr) {
    return Status(sqlstate::kFeatureNotSupported,
                  "function with OID " + std::to_string(e.function_oid) + " is not implemented");
  }
  *out = Vector(Type(TypeId::kBool));
  return kernel({&left, &right}, n, out);
}

// The result for one row given the subquery's rows and, for ANY/ALL, the
// left operand `x` at row `xi`.
Status ResultForRow(const BoundExpr& e, const ExecState::SubqueryCache& c, const Vector* x, size_t xi,
                    Vector* out, size_t oi) {
  switch (e.subquery_kind) {
    case SubqueryKind::kScalar:
      if (c.rows > 1) {
        return Status(sqlstate::kCardinalityViolation,
                      "more than one row returned by a subquery used as an expression");
      }
      if (c.rows == 0) {
        out->SetNull(oi, true);
      } else {
        CopySlot(out, oi, c.column, 0);
      }
      return Status::OK();
    case SubqueryKind::kExists:
      out->SetNull(oi, false);
      out->i64()[oi] = (c.rows > 0) != e.negated ? 1 : 0;
      return Status::OK();
    case SubqueryKind::kArray: {
      std::vector<Value> elems;
      elems.reserve(c.rows);
      for (size_t j = 0; j < c.rows; ++j) elems.push_back(c.column.GetValue(j));
      out->SetValue(oi, MakeArrayValue(e.type, elems));
      return Status::OK();
    }
    case SubqueryKind::kAny:
    case SubqueryKind::kAll: {
      bool any = e.subquery_kind == SubqueryKind::kAny;
      int acc = any ? 0 : 1;
      if (c.rows > 0) {
        Vector left(x->type()), cmp;
        left.Resize(c.rows);
        for (size_t j = 0; j < c.rows; ++j) CopySlot(&left, j, *x, xi);
        OMEN_RETURN_IF_ERROR(Compare(e, left, c.column, c.rows, &cmp));
        for (size_t j = 0; j < c.rows && acc != (any ? 1 : 0); ++j) Fold(&acc, BoolAt(cmp, j), any);
      }
      out->SetNull(oi, acc < 0);
      out->i64()[oi] = acc > 0 ? 1 : 0;
      return Status::OK();
    }
  }
  return Status::OK();
}

// Uncorrelated ANY/ALL: one kernel call per subquery row over all input rows.
Status AnyAllUncorrelated(const BoundExpr& e, const ExecState::SubqueryCache& c, const Vector& x,
                          size_t n, Vector* out) {
  bool any = e.subquery_kind == SubqueryKind::kAny;
  std::vector<int> acc(n, any ? 0 : 1);
  Vector right(c.column.type()), cmp;
  for (size_t j = 0; j < c.rows; ++j) {
    right.Resize(n);
    for (size_t i = 0; i < n; ++i) CopySlot(&right, i, c.column, j);
    OMEN_RETURN_IF_ERROR(Compare(e, x, right, n, &cmp));
    for (size_t i = 0; i < n; ++i) Fold(&acc[i], BoolAt(cmp, i), any);
  }
  for (size_t i = 0; i < n; ++i) {
    out->SetNull(i, acc[i] < 0);
    out->i64()[i] = acc[i] > 0 ? 1 : 0;
  }
  return Status::OK();
}

}  // namespace

Status EvaluateSubquery(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  size_t n = in.size;
  *out = Vector(e.type);
  out->Resize(n, true);
  if (n == 0) return Status::OK();
  if (!e.subquery || !st.run_subquery) {
    return Status(sqlstate::kInternalError, "subquery without a plan");
  }
  bool any_all = e.subquery_kind == SubqueryKind::kAny || e.subquery_kind == SubqueryKind::kAll;
  Vector x;
  if (any_all) OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &x));
  if (!e.correlated) {
    auto& slot = st.subquery_caches[&e];
    if (!slot) {
      auto cache = std::make_shared<ExecState::SubqueryCache>();
      OMEN_RETURN_IF_ERROR(RunSubquery(st, e, RowLimit(e.subquery_kind), cache.get()));
      slot = std::move(cache);
    }
    if (any_all) return AnyAllUncorrelated(e, *slot, x, n, out);
    for (size_t i = 0; i < n; ++i) OMEN_RETURN_IF_ERROR(ResultForRow(e, *slot, nullptr, 0, out, i));
    return Status::OK();
  }
  ExecState::SubqueryCache cache;
  for (size_t i = 0; i < n; ++i) {
    OMEN_RETURN_IF_ERROR(st.CheckCancel());
    st.outer_rows.push_back(in.GetRow(i));
    Status s = RunSubquery(st, e, RowLimit(e.subquery_kind), &cache);
    st.outer_rows.pop_back();
    OMEN_RETURN_IF_ERROR(s);
    OMEN_RETURN_IF_ERROR(ResultForRow(e, cache, any_all ? &x : nullptr, i, out, i));
  }
  return Status::OK();
}

}  // namespace omen::execution
