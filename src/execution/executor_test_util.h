#pragma once
// Test-only helpers for execution tests: run a hand-built plan and render
// its rows as text ("1|a|NULL").

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/functions.h"
#include "execution/executor.h"
#include "sql/plan_test_util.h"

namespace omen::execution::testing {

using namespace omen::sql::testing;  // NOLINT: test helpers
using sql::BoundExpr;
using sql::BoundExprKind;
using sql::BoundExprPtr;
using sql::JoinType;
using sql::LogicalOperator;
using sql::LogicalOperatorPtr;
using sql::LogicalOpKind;

inline std::string RowText(const DataChunk& chunk, size_t i) {
  std::string s;
  for (size_t c = 0; c < chunk.columns.size(); ++c) {
    if (c) s += "|";
    const Vector& v = chunk.columns[c];
    s += v.IsNull(i) ? "NULL" : v.GetValue(i).ToString();
  }
  return s;
}

struct RunResult {
  Status status;
  uint64_t count = 0;
  std::vector<std::string> rows;
};

inline RunResult RunPlan(const LogicalOperator& plan, ExecutionContext* ctx = nullptr) {
  ExecutionContext local;
  storage::UndoLog undo;
  local.undo = &undo;
  ExecutionContext& c = ctx ? *ctx : local;
  RunResult out;
  Result<uint64_t> r = Execute(plan, c, [&](DataChunk& chunk) {
    for (size_t i = 0; i < chunk.size; ++i) out.rows.push_back(RowText(chunk, i));
    return Status::OK();
  });
  out.status = r.status();
  if (r.ok()) out.count = *r;
  return out;
}

inline LogicalOperatorPtr Dummy() {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kDummy;
  return op;
}

// VALUES of one row per expression list.
inline LogicalOperatorPtr ValuesOf(std::vector<std::vector<BoundExprPtr>> rows) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kValues;
  for (const auto& e : rows[0]) op->types.push_back(e->type);
  op->values = std::move(rows);
  return op;
}

// A one-column VALUES of int4 (std::nullopt-free: INT32_MIN means NULL).
inline LogicalOperatorPtr IntValues(const std::vector<int32_t>& vals) {
  std::vector<std::vector<BoundExprPtr>> rows;
  for (int32_t v : vals) {
    std::vector<BoundExprPtr> row;
    row.push_back(v == INT32_MIN ? Const(Value::Null(Type(TypeId::kInt32))) : Int(v));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    auto op = std::make_shared<LogicalOperator>();
    op->kind = LogicalOpKind::kValues;
    op->types = {Type(TypeId::kInt32)};
    return op;
  }
  return ValuesOf(std::move(rows));
}

inline constexpr int32_t kNullInt = INT32_MIN;

inline BoundExprPtr Node(BoundExprKind kind, Type type, std::vector<BoundExprPtr> children) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->children = std::move(children);
  return e;
}

template <typename... E>
std::vector<BoundExprPtr> Exprs(E... e) {
  std::vector<BoundExprPtr> v;
  (v.push_back(std::move(e)), ...);
  return v;
}

inline BoundExprPtr NullInt() { return Const(Value::Null(Type(TypeId::kInt32))); }
inline BoundExprPtr Text(const std::string& s) { return Const(Value::Text(s)); }

inline uint32_t OpOid(const std::string& op, Type l, Type r) {
  auto res = catalog::ResolveOperator(op, l, r);
  EXPECT_TRUE(res.ok()) << op;
  return res.ok() ? res->sig->oid : 0;
}

inline sql::AggregateCall Agg(const std::string& name, std::vector<BoundExprPtr> args) {
  std::vector<Type> types;
  for (const auto& a : args) types.push_back(a->type);
  auto res = catalog::ResolveFunction(name, types);
  EXPECT_TRUE(res.ok()) << name;
  sql::AggregateCall call;
  call.function_oid = res.ok() ? res->sig->oid : 0;
  call.type = res.ok() ? res->ret : Type(TypeId::kInt64);
  call.args = std::move(args);
  return call;
}

inline LogicalOperatorPtr Aggregate(LogicalOperatorPtr child, std::vector<BoundExprPtr> groups,
                                    std::vector<sql::AggregateCall> aggs) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalOpKind::kAggregate;
  for (const auto& g : groups) op->types.push_back(g->type);
  for (const auto& a : aggs) op->types.push_back(a.type);
  op->groups = std::move(groups);
  op->aggregates = std::move(aggs);
  op->children.push_back(std::move(child));
  return op;
}

}  // namespace omen::execution::testing
