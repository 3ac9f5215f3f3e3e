#include "sql/logical_plan.h"

#include <gtest/gtest.h>

#include "common/type_io.h"
#include "sql/plan_test_util.h"

namespace omen::sql {
namespace {

using namespace testing;  // NOLINT

BoundExprPtr Named(int i, const char* name, Type t = Type(TypeId::kInt32)) {
  auto e = Col(i, t);
  e->name = name;
  return e;
}

TEST(BoundExprToString, OperatorsAndConstants) {
  EXPECT_EQ(Op("+", Named(0, "a"), Int(1))->ToString(), "(a + 1)");
  EXPECT_EQ(Op(">", Named(0, "a"), Int(-1))->ToString(), "(a > '-1'::integer)");
  EXPECT_EQ(Op("=", Named(0, "b", Type(TypeId::kText)), Const(Value::Text("it's")))->ToString(),
            "(b = 'it''s'::text)");
  EXPECT_EQ(Const(Value::Int64(42))->ToString(), "'42'::bigint");
  EXPECT_EQ(Const(Value::Bool(true))->ToString(), "true");
  EXPECT_EQ(Const(Value::Null(Type(TypeId::kInt32)))->ToString(), "NULL::integer");
  auto num = ParseValue("1.5", Type(TypeId::kNumeric));
  ASSERT_TRUE(num.ok());
  EXPECT_EQ(Const(*num)->ToString(), "1.5");
  auto neg = ParseValue("-2.5", Type(TypeId::kNumeric));
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(Const(*neg)->ToString(), "'-2.5'::numeric");
  auto param = std::make_unique<BoundExpr>();
  param->kind = BoundExprKind::kParameter;
  param->index = 0;
  param->type = Type(TypeId::kInt32);
  EXPECT_EQ(Op("=", Named(0, "a"), std::move(param))->ToString(), "(a = $1)");
}

TEST(BoundExprToString, LogicCastsCaseInList) {
  auto conj = And(Op(">", Named(0, "a"), Int(1)), Op("<", Named(1, "b"), Int(2)));
  EXPECT_EQ(conj->ToString(), "((a > 1) AND (b < 2))");
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kCast;
  cast->type = Type(TypeId::kInt64);
  cast->children.push_back(Named(0, "a"));
  EXPECT_EQ(cast->ToString(), "(a)::bigint");
  auto is_null = std::make_unique<BoundExpr>();
  is_null->kind = BoundExprKind::kIsNull;
  is_null->children.push_back(Named(0, "a"));
  EXPECT_EQ(is_null->ToString(), "(a IS NULL)");

  auto in = std::make_unique<BoundExpr>();
  in->kind = BoundExprKind::kInList;
  in->children.push_back(Named(0, "a"));
  for (int v : {1, 2, 3}) in->children.push_back(Int(v));
  EXPECT_EQ(in->ToString(), "(a = ANY ('{1,2,3}'::integer[]))");
  auto not_in = std::make_unique<BoundExpr>();
  not_in->kind = BoundExprKind::kInList;
  not_in->negated = true;
  not_in->children.push_back(Named(0, "b", Type(TypeId::kText)));
  not_in->children.push_back(Const(Value::Text("a")));
  not_in->children.push_back(Const(Value::Text("b c")));
  EXPECT_EQ(not_in->ToString(), "(b <> ALL ('{a,\"b c\"}'::text[]))");

  auto cs = std::make_unique<BoundExpr>();
  cs->kind = BoundExprKind::kCase;
  cs->has_else = true;
  cs->children.push_back(Op(">", Named(0, "a"), Int(1)));
  cs->children.push_back(Const(Value::Text("x")));
  cs->children.push_back(Const(Value::Text("y")));
  EXPECT_EQ(cs->ToString(), "CASE WHEN (a > 1) THEN 'x'::text ELSE 'y'::text END");
}

TEST(BoundExprCopy, IsDeepAndSharesSubqueries) {
  auto t = MakeTable("t", {{"a", Type(TypeId::kInt32)}});
  auto sub = Subquery(SubqueryKind::kExists, Get(t), false);
  auto e = And(Op("=", Named(0, "a"), Int(1)), std::move(sub));
  auto copy = e->Copy();
  EXPECT_EQ(copy->ToString(), e->ToString());
  copy->children[0]->children[1]->value = Value::Int32(7);
  EXPECT_EQ(e->children[0]->children[1]->value.i, 1);
  EXPECT_EQ(copy->children[1]->subquery.get(), e->children[1]->subquery.get());
}

TEST(LogicalPlanToString, ScansJoinsSortLimit) {
  auto t = MakeTable("t", {{"id", Type(TypeId::kInt32)}, {"a", Type(TypeId::kInt32)}}, {{0}});
  auto get = Get(t);
  get->filter = Op(">", Col(1), Int(1));
  EXPECT_EQ(get->ToString(), "Seq Scan on t\n  Filter: (a > 1)\n");

  auto idx = Get(t);
  idx->index_access.index = 0;
  idx->index_access.keys.push_back(Int(42));
  EXPECT_EQ(idx->ToString(), "Index Scan using t_pkey on t\n  Index Cond: (id = 42)\n");

  auto sorted = Limit(Sort(Get(t), Col(1), true), 3);
  EXPECT_EQ(sorted->ToString(),
            "Limit\n"
            "  ->  Sort\n"
            "        Sort Key: a DESC\n"
            "        ->  Seq Scan on t\n");

  auto u = MakeTable("u", {{"x", Type(TypeId::kInt32)}, {"y", Type(TypeId::kInt32)}});
  auto join = Join(Get(t), Get(u), JoinType::kInner);
  join->left_keys.push_back(Col(1));
  join->right_keys.push_back(Col(0));
  join->condition = Op("<", Col(0), Col(3));
  EXPECT_EQ(join->ToString(),
            "Hash Join\n"
            "  Hash Cond: (t.a = u.x)\n"
            "  Join Filter: (t.id < u.y)\n"
            "  ->  Seq Scan on t\n"
            "  ->  Hash\n"
            "        ->  Seq Scan on u\n");
}

TEST(LogicalPlanToString, SubPlan) {
  auto t = MakeTable("t", {{"a", Type(TypeId::kInt32)}});
  auto u = MakeTable("u", {{"y", Type(TypeId::kInt32)}});
  auto inner = Get(u);
  inner->filter = Op("=", Col(0), Outer(1, 0));
  auto get = Get(t);
  get->filter = Subquery(SubqueryKind::kExists, inner, true);
  EXPECT_EQ(get->ToString(),
            "Seq Scan on t\n"
            "  Filter: (SubPlan 1)\n"
            "  SubPlan 1\n"
            "    ->  Seq Scan on u\n"
            "          Filter: (u.y = t.a)\n");
}

TEST(LogicalPlanToString, FilterOverProjectionAndDummy) {
  auto dummy = std::make_shared<LogicalOperator>();
  dummy->kind = LogicalOpKind::kDummy;
  auto f = Filter(dummy, Const(Value::Bool(false)));
  EXPECT_EQ(f->ToString(), "Result\n  One-Time Filter: false\n");
}

}  // namespace
}  // namespace omen::sql
