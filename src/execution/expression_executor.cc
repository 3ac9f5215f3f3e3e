#include "execution/expression_executor.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/array.h"
#include "common/type_io.h"
#include "execution/function_catalog.h"
#include "execution/function_session.h"
#include "execution/functions.h"
#include "execution/value_compare.h"

namespace omen::execution {

using sql::BoundExpr;
using sql::BoundExprKind;

void CopySlot(Vector* dst, size_t i, const Vector& src, size_t j) {
  dst->SetNull(i, src.IsNull(j));
  if (src.IsNull(j)) return;
  switch (dst->type().physical()) {
    case PhysicalType::kInt64: dst->i64()[i] = src.i64()[j]; break;
    case PhysicalType::kDouble: dst->f64()[i] = src.f64()[j]; break;
    case PhysicalType::kNumeric: dst->num()[i] = src.num()[j]; break;
    case PhysicalType::kString: dst->str()[i] = src.str()[j]; break;
  }
}

void FillConstant(Vector* out, const Value& v, size_t n) {
  out->Resize(n, v.is_null);
  if (v.is_null || n == 0) return;
  switch (out->type().physical()) {
    case PhysicalType::kInt64: std::fill(out->i64(), out->i64() + n, v.i); break;
    case PhysicalType::kDouble: std::fill(out->f64(), out->f64() + n, v.d); break;
    case PhysicalType::kNumeric: std::fill(out->num(), out->num() + n, v.n); break;
    case PhysicalType::kString: std::fill(out->str(), out->str() + n, v.s); break;
  }
}

namespace {

Status NotImplemented(uint32_t oid) {
  return Status(sqlstate::kFeatureNotSupported,
                "function with OID " + std::to_string(oid) + " is not implemented");
}

// Calls the kernel of `oid` over `args` (n rows) into `out`.
Status CallKernel(uint32_t oid, const std::vector<const Vector*>& args, size_t n, Vector* out) {
  ScalarKernel kernel = FindScalarKernel(oid);
  if (kernel == nullptr) return NotImplemented(oid);
  return kernel(args, n, out);
}

// Boolean slot: 1 true, 0 false, -1 NULL.
int BoolAt(const Vector& v, size_t i) { return v.IsNull(i) ? -1 : (v.i64()[i] != 0 ? 1 : 0); }

void SetBool(Vector* out, size_t i, int b) {
  out->SetNull(i, b < 0);
  out->i64()[i] = b > 0 ? 1 : 0;
}

Status EvalFunction(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  std::vector<Vector> vals(e.children.size());
  std::vector<const Vector*> args;
  for (size_t k = 0; k < e.children.size(); ++k) {
    const BoundExpr& c = *e.children[k];
    if (c.kind == BoundExprKind::kColumnRef) {
      args.push_back(&in.columns[c.index]);
      continue;
    }
    OMEN_RETURN_IF_ERROR(EvaluateExpression(st, c, in, &vals[k]));
    args.push_back(&vals[k]);
  }
  if (IsSessionFunction(st, e.function_oid)) {
    return EvaluateSessionFunction(st, e, args, in.size, out);
  }
  if (IsCatalogFunction(e.function_oid)) return EvaluateCatalogFunction(st, e, args, in.size, out);
  return CallKernel(e.function_oid, args, in.size, out);
}

// AND (is_and) / OR with three-valued logic; later operands are evaluated
// only on rows whose result is still undecided.
Status EvalAndOr(ExecState& st, const BoundExpr& e, const DataChunk& in, bool is_and, Vector* out) {
  size_t n = in.size;
  const int decided = is_and ? 0 : 1;  // false decides AND, true decides OR
  out->Resize(n);
  for (size_t i = 0; i < n; ++i) SetBool(out, i, 1 - decided);
  std::vector<uint32_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = static_cast<uint32_t>(i);
  for (const auto& child : e.children) {
    if (rows.empty()) break;
    Vector part;
    OMEN_RETURN_IF_ERROR(EvaluateOnRows(st, *child, in, rows, &part));
    std::vector<uint32_t> next;
    for (size_t k = 0; k < rows.size(); ++k) {
      int b = BoolAt(part, k);
      if (b == decided) {
        SetBool(out, rows[k], decided);
        continue;
      }
      if (b < 0) SetBool(out, rows[k], -1);
      next.push_back(rows[k]);
    }
    rows = std::move(next);
  }
  return Status::OK();
}

Status EvalCase(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  size_t n = in.size;
  out->Resize(n, true);
  std::vector<uint32_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = static_cast<uint32_t>(i);
  size_t pairs = (e.children.size() - (e.has_else ? 1 : 0)) / 2;
  for (size_t p = 0; p < pairs && !rows.empty(); ++p) {
    Vector cond;
    OMEN_RETURN_IF_ERROR(EvaluateOnRows(st, *e.children[2 * p], in, rows, &cond));
    std::vector<uint32_t> hit, rest;
    for (size_t k = 0; k < rows.size(); ++k) (BoolAt(cond, k) == 1 ? hit : rest).push_back(rows[k]);
    if (!hit.empty()) {
      Vector val;
      OMEN_RETURN_IF_ERROR(EvaluateOnRows(st, *e.children[2 * p + 1], in, hit, &val));
      for (size_t k = 0; k < hit.size(); ++k) CopySlot(out, hit[k], val, k);
    }
    rows = std::move(rest);
  }
  if (e.has_else && !rows.empty()) {
    Vector val;
    OMEN_RETURN_IF_ERROR(EvaluateOnRows(st, *e.children.back(), in, rows, &val));
    for (size_t k = 0; k < rows.size(); ++k) CopySlot(out, rows[k], val, k);
  }
  return Status::OK();
}

Status EvalCoalesce(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  size_t n = in.size;
  out->Resize(n, true);
  std::vector<uint32_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = static_cast<uint32_t>(i);
  for (const auto& child : e.children) {
    if (rows.empty()) break;
    Vector val;
    OMEN_RETURN_IF_ERROR(EvaluateOnRows(st, *child, in, rows, &val));
    std::vector<uint32_t> rest;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (val.IsNull(k)) {
        rest.push_back(rows[k]);
      } else {
        CopySlot(out, rows[k], val, k);
      }
    }
    rows = std::move(rest);
  }
  return Status::OK();
}

Status EvalNullIf(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  Vector a(e.children[0]->type), b(e.children[1]->type), eq(Type(TypeId::kBool));
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &a));
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[1], in, &b));
  OMEN_RETURN_IF_ERROR(CallKernel(e.function_oid, {&a, &b}, in.size, &eq));
  *out = std::move(a);
  for (size_t i = 0; i < in.size; ++i) {
    if (BoolAt(eq, i) == 1) out->SetNull(i, true);
  }
  return Status::OK();
}

Status EvalInList(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  size_t n = in.size;
  Vector x(e.children[0]->type);
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &x));
  out->Resize(n);
  for (size_t i = 0; i < n; ++i) SetBool(out, i, 0);
  for (size_t k = 1; k < e.children.size(); ++k) {
    Vector item(e.children[k]->type), eq(Type(TypeId::kBool));
    OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[k], in, &item));
    OMEN_RETURN_IF_ERROR(CallKernel(e.function_oid, {&x, &item}, n, &eq));
    for (size_t i = 0; i < n; ++i) {
      int cur = BoolAt(*out, i), b = BoolAt(eq, i);
      if (cur == 1) continue;
      if (b == 1) SetBool(out, i, 1);
      else if (b < 0) SetBool(out, i, -1);
    }
  }
  if (e.negated) {
    for (size_t i = 0; i < n; ++i) {
      int b = BoolAt(*out, i);
      if (b >= 0) SetBool(out, i, 1 - b);
    }
  }
  return Status::OK();
}

// x op ANY/ALL (array): the operator over each element, folded with
// three-valued OR (ANY) or AND (ALL); an empty array gives false / true.
Status EvalArrayOp(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  size_t n = in.size;
  Vector x(e.children[0]->type), arr(e.children[1]->type);
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &x));
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[1], in, &arr));
  out->Resize(n);
  const bool any = !e.negated;
  const Type elem_type = arr.type().ElementType();
  for (size_t i = 0; i < n; ++i) {
    if (arr.IsNull(i)) {
      SetBool(out, i, -1);
      continue;
    }
    std::vector<Value> elems = DecodeArray(arr.str()[i], elem_type);
    int acc = any ? 0 : 1;
    if (!elems.empty()) {
      Vector left(x.type()), right(elem_type), cmp(Type(TypeId::kBool));
      left.Resize(elems.size());
      right.Resize(elems.size());
      for (size_t j = 0; j < elems.size(); ++j) {
        CopySlot(&left, j, x, i);
        right.SetValue(j, elems[j]);
        right.SetNull(j, elems[j].is_null);
      }
      OMEN_RETURN_IF_ERROR(CallKernel(e.function_oid, {&left, &right}, elems.size(), &cmp));
      for (size_t j = 0; j < elems.size() && acc != (any ? 1 : 0); ++j) {
        int b = BoolAt(cmp, j);
        if (b == (any ? 1 : 0)) acc = b;
        else if (b < 0) acc = -1;
      }
    }
    SetBool(out, i, acc);
  }
  return Status::OK();
}

Status EvalGreatestLeast(ExecState& st, const BoundExpr& e, const DataChunk& in, bool greatest,
                         Vector* out) {
  size_t n = in.size;
  out->Resize(n, true);
  for (const auto& child : e.children) {
    Vector v(child->type);
    OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *child, in, &v));
    for (size_t i = 0; i < n; ++i) {
      if (v.IsNull(i)) continue;
      if (out->IsNull(i)) {
        CopySlot(out, i, v, i);
        continue;
      }
      int c = CompareSlots(v, i, *out, i);
      if (greatest ? c > 0 : c < 0) CopySlot(out, i, v, i);
    }
  }
  return Status::OK();
}

Status EvalIsDistinct(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  Vector a(e.children[0]->type), b(e.children[1]->type);
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &a));
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[1], in, &b));
  out->Resize(in.size);
  for (size_t i = 0; i < in.size; ++i) {
    bool distinct;
    if (a.IsNull(i) || b.IsNull(i)) {
      distinct = a.IsNull(i) != b.IsNull(i);
    } else {
      distinct = CompareSlots(a, i, b, i) != 0;
    }
    SetBool(out, i, distinct != e.negated ? 1 : 0);
  }
  return Status::OK();
}

Status EvalOuterRef(ExecState& st, const BoundExpr& e, size_t n, Vector* out) {
  if (e.depth < 1 || static_cast<size_t>(e.depth) > st.outer_rows.size()) {
    return Status(sqlstate::kInternalError, "outer column reference without an outer row");
  }
  const std::vector<Value>& row = st.outer_rows[st.outer_rows.size() - e.depth];
  if (e.index < 0 || static_cast<size_t>(e.index) >= row.size()) {
    return Status(sqlstate::kInternalError, "outer column reference out of range");
  }
  FillConstant(out, row[e.index], n);
  return Status::OK();
}

// Fills `out` with `v`, converting it first if its type is not the
// expression's (parameters arrive from clients; never trust the layout).
Status FillTyped(const Value& v, Type type, size_t n, Vector* out) {
  if (v.is_null || v.type.id == type.id || type.id == TypeId::kNull) {
    FillConstant(out, v, n);
    return Status::OK();
  }
  OMEN_ASSIGN_OR_RETURN(Value cast, CastValue(v, type, CastContext::kExplicit));
  FillConstant(out, cast, n);
  return Status::OK();
}

Status EvalParameter(ExecState& st, const BoundExpr& e, size_t n, Vector* out) {
  if (e.index < 0 || static_cast<size_t>(e.index) >= st.ctx->parameters.size()) {
    return Status(SqlState("42P02"), "there is no parameter $" + std::to_string(e.index + 1));
  }
  return FillTyped(st.ctx->parameters[e.index], e.type, n, out);
}

}  // namespace

Status EvaluateExpression(ExecState& st, const BoundExpr& e, const DataChunk& in, Vector* out) {
  *out = Vector(e.type);
  size_t n = in.size;
  switch (e.kind) {
    case BoundExprKind::kConstant:
      if (e.value.type.physical() != e.type.physical()) return FillTyped(e.value, e.type, n, out);
      FillConstant(out, e.value, n);
      return Status::OK();
    case BoundExprKind::kColumnRef:
      if (e.index < 0 || static_cast<size_t>(e.index) >= in.columns.size()) {
        return Status(sqlstate::kInternalError, "column reference out of range");
      }
      *out = in.columns[e.index];
      return Status::OK();
    case BoundExprKind::kOuterColumnRef: return EvalOuterRef(st, e, n, out);
    case BoundExprKind::kParameter: return EvalParameter(st, e, n, out);
    case BoundExprKind::kFunction: return EvalFunction(st, e, in, out);
    case BoundExprKind::kCast: {
      Vector v(e.children[0]->type);
      OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &v));
      return CastVector(v, e.type, static_cast<CastContext>(e.cast_context), out);
    }
    case BoundExprKind::kAnd: return EvalAndOr(st, e, in, true, out);
    case BoundExprKind::kOr: return EvalAndOr(st, e, in, false, out);
    case BoundExprKind::kNot: {
      Vector v;
      OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &v));
      out->Resize(n);
      for (size_t i = 0; i < n; ++i) {
        int b = BoolAt(v, i);
        SetBool(out, i, b < 0 ? -1 : 1 - b);
      }
      return Status::OK();
    }
    case BoundExprKind::kIsNull:
    case BoundExprKind::kIsNotNull: {
      Vector v;
      OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e.children[0], in, &v));
      out->Resize(n);
      bool want_null = e.kind == BoundExprKind::kIsNull;
      for (size_t i = 0; i < n; ++i) SetBool(out, i, v.IsNull(i) == want_null ? 1 : 0);
      return Status::OK();
    }
    case BoundExprKind::kIsDistinctFrom: return EvalIsDistinct(st, e, in, out);
    case BoundExprKind::kCase: return EvalCase(st, e, in, out);
    case BoundExprKind::kCoalesce: return EvalCoalesce(st, e, in, out);
    case BoundExprKind::kNullIf: return EvalNullIf(st, e, in, out);
    case BoundExprKind::kInList: return EvalInList(st, e, in, out);
    case BoundExprKind::kArrayOp: return EvalArrayOp(st, e, in, out);
    case BoundExprKind::kSubquery: return EvaluateSubquery(st, e, in, out);
    case BoundExprKind::kGreatest: return EvalGreatestLeast(st, e, in, true, out);
    case BoundExprKind::kLeast: return EvalGreatestLeast(st, e, in, false, out);
    case BoundExprKind::kWindowRef: break;  // replaced by the binder; never evaluated
  }
  return Status(sqlstate::kInternalError, "unknown expression kind");
}

Status EvaluateOnRows(ExecState& st, const BoundExpr& e, const DataChunk& in,
                      const std::vector<uint32_t>& sel, Vector* out) {
  if (sel.size() == in.size) return EvaluateExpression(st, e, in, out);
  DataChunk part = in;
  part.Select(sel.data(), sel.size());
  return EvaluateExpression(st, e, part, out);
}

Result<Value> EvaluateScalar(ExecState& st, const BoundExpr& e) {
  // Index keys are mostly parameters and constants of the right type: hand
  // them over without building a vector (the primary-key lookup path).
  if (e.kind == BoundExprKind::kParameter && e.index >= 0 &&
      static_cast<size_t>(e.index) < st.ctx->parameters.size()) {
    const Value& p = st.ctx->parameters[e.index];
    if (p.type == e.type) return p;
  } else if (e.kind == BoundExprKind::kConstant && e.value.type == e.type) {
    return e.value;
  }
  DataChunk one;
  one.size = 1;
  Vector v;
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, e, one, &v));
  return v.GetValue(0);
}

Status EvaluateFilter(ExecState& st, const BoundExpr& cond, const DataChunk& in,
                      std::vector<uint32_t>* sel) {
  Vector v;
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, cond, in, &v));
  sel->clear();
  for (size_t i = 0; i < in.size; ++i) {
    if (!v.IsNull(i) && v.i64()[i] != 0) sel->push_back(static_cast<uint32_t>(i));
  }
  return Status::OK();
}

}  // namespace omen::execution
