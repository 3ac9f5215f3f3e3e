#pragma once
// Test-only helpers that build tables, expressions and naive logical plans
// by hand, as the binder would.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/functions.h"
#include "sql/logical_plan.h"

namespace omen::sql::testing {

inline std::shared_ptr<catalog::TableDef> MakeTable(
    const std::string& name, const std::vector<std::pair<std::string, Type>>& cols,
    const std::vector<std::vector<int>>& indexes = {}, bool first_is_pk = true) {
  auto t = std::make_shared<catalog::TableDef>();
  t->schema = "public";
  t->name = name;
  for (const auto& [n, ty] : cols) {
    catalog::ColumnDef c;
    c.name = n;
    c.type = ty;
    t->columns.push_back(c);
  }
  for (size_t i = 0; i < indexes.size(); i++) {
    catalog::IndexDef idx;
    idx.columns = indexes[i];
    idx.primary = first_is_pk && i == 0;
    idx.unique = idx.primary;
    idx.name = idx.primary ? name + "_pkey" : name + "_idx" + std::to_string(i);
    if (idx.primary) {
      for (int c : idx.columns) t->columns[c].not_null = true;
    }
    t->indexes.push_back(idx);
  }
  return t;
}

inline LogicalOperatorPtr Get(std::shared_ptr<catalog::TableDef> t, std::string alias = "") {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kGet;
  op->table = t;
  op->alias = alias;
  for (size_t i = 0; i < t->columns.size(); i++) {
    op->column_ids.push_back(static_cast<int>(i));
    op->types.push_back(t->columns[i].type);
    op->names.push_back(t->columns[i].name);
  }
  return op;
}

inline BoundExprPtr Col(int i, Type t = Type(TypeId::kInt32)) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kColumnRef;
  e->index = i;
  e->type = t;
  return e;
}

inline BoundExprPtr Outer(int depth, int i, Type t = Type(TypeId::kInt32)) {
  auto e = Col(i, t);
  e->kind = BoundExprKind::kOuterColumnRef;
  e->depth = depth;
  return e;
}

inline BoundExprPtr Const(Value v) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kConstant;
  e->type = v.type;
  e->value = std::move(v);
  return e;
}

inline BoundExprPtr Int(int32_t v) { return Const(Value::Int32(v)); }

inline BoundExprPtr Op(const std::string& op, BoundExprPtr l, BoundExprPtr r) {
  auto res = catalog::ResolveOperator(op, l->type, r->type);
  EXPECT_TRUE(res.ok()) << op;
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kFunction;
  e->function_oid = res.ok() ? res->sig->oid : 0;
  e->type = res.ok() ? res->ret : Type(TypeId::kBool);
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

inline BoundExprPtr Logic(BoundExprKind kind, BoundExprPtr a, BoundExprPtr b) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = Type(TypeId::kBool);
  e->children.push_back(std::move(a));
  e->children.push_back(std::move(b));
  return e;
}

inline BoundExprPtr And(BoundExprPtr a, BoundExprPtr b) {
  return Logic(BoundExprKind::kAnd, std::move(a), std::move(b));
}

inline LogicalOperatorPtr Unary(LogicalOpKind kind, LogicalOperatorPtr child) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = kind;
  op->types = child->types;
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr Filter(LogicalOperatorPtr child, BoundExprPtr cond) {
  auto op = Unary(LogicalOpKind::kFilter, std::move(child));
  op->filter = std::move(cond);
  return op;
}

inline LogicalOperatorPtr Join(LogicalOperatorPtr l, LogicalOperatorPtr r, JoinType jt,
                               BoundExprPtr cond = nullptr) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kJoin;
  op->join_type = jt;
  op->types = l->types;
  if (jt != JoinType::kSemi && jt != JoinType::kAnti) {
    op->types.insert(op->types.end(), r->types.begin(), r->types.end());
  }
  op->condition = std::move(cond);
  op->children = {std::move(l), std::move(r)};
  return op;
}

inline LogicalOperatorPtr Project(LogicalOperatorPtr child, std::vector<BoundExprPtr> exprs) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kProjection;
  for (const auto& e : exprs) op->types.push_back(e->type);
  op->exprs = std::move(exprs);
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr Sort(LogicalOperatorPtr child, BoundExprPtr key, bool desc) {
  auto op = Unary(LogicalOpKind::kSort, std::move(child));
  op->order.push_back(OrderItem{std::move(key), desc, desc});
  return op;
}

inline LogicalOperatorPtr Limit(LogicalOperatorPtr child, int64_t n) {
  auto op = Unary(LogicalOpKind::kLimit, std::move(child));
  op->limit = Const(Value::Int64(n));
  return op;
}

inline BoundExprPtr Subquery(SubqueryKind kind, LogicalOperatorPtr plan, bool correlated,
                             BoundExprPtr left = nullptr, uint32_t op_oid = 0) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSubquery;
  e->type = kind == SubqueryKind::kScalar ? plan->types[0] : Type(TypeId::kBool);
  e->subquery_kind = kind;
  e->subquery = std::move(plan);
  e->correlated = correlated;
  e->function_oid = op_oid;
  if (left) e->children.push_back(std::move(left));
  return e;
}

}  // namespace omen::sql::testing
