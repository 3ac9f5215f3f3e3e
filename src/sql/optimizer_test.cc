#include "sql/optimizer.h"

#include <gtest/gtest.h>

#include <functional>

#include "sql/plan_test_util.h"

namespace omen::sql {
namespace {

using namespace testing;  // NOLINT

const Type kInt = Type(TypeId::kInt32);

std::shared_ptr<catalog::TableDef> Plain(const std::string& name,
                                         const std::vector<std::string>& cols) {
  std::vector<std::pair<std::string, Type>> defs;
  for (const auto& c : cols) defs.push_back({c, kInt});
  return MakeTable(name, defs);
}

LogicalOperatorPtr Opt(LogicalOperatorPtr plan) {
  auto r = Optimize(std::move(plan));
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : nullptr;
}

// "table.column" for each output column, traced through the plan.
std::vector<std::string> Trace(const LogicalOperator& op) {
  std::vector<std::string> out;
  switch (op.kind) {
    case LogicalOpKind::kGet:
      for (int id : op.column_ids) out.push_back(op.table->name + "." + op.table->columns[id].name);
      return out;
    case LogicalOpKind::kJoin: {
      out = Trace(*op.children[0]);
      if (op.join_type == JoinType::kSemi || op.join_type == JoinType::kAnti) return out;
      auto r = Trace(*op.children[1]);
      out.insert(out.end(), r.begin(), r.end());
      return out;
    }
    case LogicalOpKind::kProjection: {
      auto in = Trace(*op.children[0]);
      for (const auto& e : op.exprs) {
        out.push_back(e->kind == BoundExprKind::kColumnRef ? in.at(e->index) : "expr");
      }
      return out;
    }
    default:
      return Trace(*op.children[0]);
  }
}

void ForEachJoin(const LogicalOperator& op, const std::function<void(const LogicalOperator&)>& fn) {
  if (op.kind == LogicalOpKind::kJoin) fn(op);
  for (const auto& c : op.children) ForEachJoin(*c, fn);
}

TEST(Optimizer, PushesFiltersAndExtractsKeys) {
  auto t = Plain("t", {"id", "a"});
  auto u = Plain("u", {"x", "y"});
  auto where = And(And(Op("=", Col(1), Col(2)), Op(">", Col(0), Int(5))), Op("<", Col(3), Int(3)));
  auto plan = Opt(Filter(Join(Get(t), Get(u), JoinType::kCross), std::move(where)));
  EXPECT_EQ(plan->ToString(),
            "Hash Join\n"
            "  Hash Cond: (t.a = u.x)\n"
            "  ->  Seq Scan on t\n"
            "        Filter: (t.id > 5)\n"
            "  ->  Hash\n"
            "        ->  Seq Scan on u\n"
            "              Filter: (u.y < 3)\n");
  EXPECT_EQ(plan->join_type, JoinType::kInner);
}

TEST(Optimizer, OuterJoinPushdownRespectsNullableSide) {
  auto t = Plain("t", {"id", "a"});
  auto u = Plain("u", {"x", "y"});
  auto on = And(Op("=", Col(1), Col(2)), And(Op(">", Col(3), Int(1)), Op(">", Col(0), Int(2))));
  auto where = And(Op("<", Col(0), Int(9)), Logic(BoundExprKind::kIsDistinctFrom, Col(3), Int(4)));
  auto plan = Opt(Filter(Join(Get(t), Get(u), JoinType::kLeft, std::move(on)), std::move(where)));
  EXPECT_EQ(plan->ToString(),
            "Hash Left Join\n"
            "  Hash Cond: (t.a = u.x)\n"
            "  Join Filter: (t.id > 2)\n"
            "  Filter: (u.y IS DISTINCT FROM 4)\n"
            "  ->  Seq Scan on t\n"
            "        Filter: (t.id < 9)\n"
            "  ->  Hash\n"
            "        ->  Seq Scan on u\n"
            "              Filter: (u.y > 1)\n");
}

TEST(Optimizer, GreedyJoinOrderAvoidsCrossProducts) {
  // FROM t1, t2, t3, t4 WHERE t1.a = t3.a AND t3.b = t2.b AND t2.c = t4.c AND t4.a = 1
  auto t1 = Plain("t1", {"a", "b", "c"});
  auto t2 = Plain("t2", {"a", "b", "c"});
  auto t3 = Plain("t3", {"a", "b", "c"});
  auto t4 = Plain("t4", {"a", "b", "c"});
  auto chain = Join(Join(Join(Get(t1), Get(t2), JoinType::kCross), Get(t3), JoinType::kCross),
                    Get(t4), JoinType::kCross);
  std::vector<std::string> before = Trace(*chain);
  auto where = And(And(Op("=", Col(0), Col(6)), Op("=", Col(7), Col(4))),
                   And(Op("=", Col(5), Col(11)), Op("=", Col(9), Int(1))));
  auto plan = Opt(Filter(chain, std::move(where)));
  EXPECT_EQ(Trace(*plan), before);
  int joins = 0;
  ForEachJoin(*plan, [&](const LogicalOperator& j) {
    joins++;
    EXPECT_EQ(j.join_type, JoinType::kInner);
    EXPECT_EQ(j.left_keys.size(), 1u);
    EXPECT_EQ(j.condition, nullptr);
  });
  EXPECT_EQ(joins, 3);
  // The filtered table is the smallest: it starts the chain, as the build
  // side of the first join.
  const LogicalOperator* deepest = plan.get();
  while (deepest->kind != LogicalOpKind::kJoin ||
         deepest->children[0]->kind == LogicalOpKind::kJoin) {
    deepest = deepest->children[0].get();
  }
  ASSERT_EQ(deepest->children[1]->kind, LogicalOpKind::kGet);
  EXPECT_EQ(deepest->children[1]->table->name, "t4");
  EXPECT_EQ(deepest->children[0]->table->name, "t2");
}

TEST(Optimizer, CorrelatedSubqueryIsRemappedWhenPushed) {
  auto t = Plain("t", {"id", "a"});
  auto u = Plain("u", {"x", "y"});
  auto v = Plain("v", {"z"});
  // WHERE u.y = (SELECT max... simplified: EXISTS (SELECT FROM v WHERE v.z = u.y))
  auto inner = Get(v);
  inner->filter = Op("=", Col(0), Outer(1, 3));
  auto shared_inner = inner;
  auto where = And(Op("=", Col(0), Col(2)), Subquery(SubqueryKind::kExists, inner, true));
  auto plan = Opt(Filter(Join(Get(t), Get(u), JoinType::kCross), std::move(where)));
  ASSERT_EQ(plan->kind, LogicalOpKind::kJoin);
  const LogicalOperator& right = *plan->children[1];
  ASSERT_EQ(right.kind, LogicalOpKind::kGet);
  ASSERT_NE(right.filter, nullptr);
  ASSERT_EQ(right.filter->kind, BoundExprKind::kSubquery);
  const BoundExpr& outer_ref = *right.filter->subquery->filter->children[1];
  EXPECT_EQ(outer_ref.kind, BoundExprKind::kOuterColumnRef);
  EXPECT_EQ(outer_ref.index, 1);
  // The original subquery plan is not modified in place.
  EXPECT_EQ(shared_inner->filter->children[1]->index, 3);
}

TEST(Optimizer, PushesThroughProjectionAndAggregate) {
  auto t = Plain("t", {"id", "a"});
  std::vector<BoundExprPtr> exprs;
  exprs.push_back(Col(1));
  exprs.push_back(Op("+", Col(0), Int(1)));
  auto proj = Project(Get(t), std::move(exprs));
  auto agg = std::make_shared<LogicalOperator>();
  agg->kind = LogicalOpKind::kAggregate;
  agg->groups.push_back(Col(0));
  agg->types = {kInt};
  agg->children.push_back(proj);
  auto where = And(Op(">", Col(0), Int(3)), Op("<", Col(0), Int(10)));
  auto plan = Opt(Filter(agg, std::move(where)));
  ASSERT_EQ(plan->kind, LogicalOpKind::kAggregate);
  const LogicalOperator& get = *plan->children[0]->children[0];
  ASSERT_EQ(get.kind, LogicalOpKind::kGet);
  EXPECT_EQ(get.ToString(), "Seq Scan on t\n  Filter: ((a > 3) AND (a < 10))\n");

  auto filter_on_expr = Filter(Project(Get(t),
                                       [] {
                                         std::vector<BoundExprPtr> v;
                                         v.push_back(Op("+", Col(0), Int(1)));
                                         return v;
                                       }()),
                               Op(">", Col(0), Int(3)));
  auto p2 = Opt(filter_on_expr);
  ASSERT_EQ(p2->kind, LogicalOpKind::kProjection);
  EXPECT_EQ(p2->children[0]->ToString(), "Seq Scan on t\n  Filter: ((id + 1) > 3)\n");
}

TEST(Optimizer, AggregateWithoutGroupsKeepsHaving) {
  auto t = Plain("t", {"id"});
  auto agg = std::make_shared<LogicalOperator>();
  agg->kind = LogicalOpKind::kAggregate;
  agg->types = {Type(TypeId::kInt64)};
  agg->children.push_back(Get(t));
  auto plan = Opt(Filter(agg, Const(Value::Bool(false))));
  EXPECT_EQ(plan->kind, LogicalOpKind::kFilter);
}

std::shared_ptr<catalog::TableDef> Indexed() {
  return MakeTable("t", {{"id", kInt}, {"a", kInt}, {"b", Type(TypeId::kText)}}, {{0}, {1, 2}});
}

TEST(Optimizer, IndexEqualityOnPrimaryKey) {
  auto t = Indexed();
  auto plan = Opt(Filter(Get(t), And(Op("=", Col(0), Int(42)), Op(">", Col(1), Int(1)))));
  EXPECT_EQ(plan->ToString(),
            "Index Scan using t_pkey on t\n"
            "  Index Cond: (id = 42)\n"
            "  Filter: (a > 1)\n");
  auto prefix = Opt(Filter(Get(t), Op("=", Int(7), Col(1))));
  EXPECT_EQ(prefix->ToString(), "Index Scan using t_idx1 on t\n  Index Cond: (a = 7)\n");
}

BoundExprPtr Widen(BoundExprPtr col) {
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kCast;
  cast->type = Type(TypeId::kInt64);
  cast->children.push_back(std::move(col));
  return cast;
}

TEST(Optimizer, IndexKeyIsCastToColumnType) {
  auto t = Indexed();
  auto plan = Opt(Filter(Get(t), Op("=", Widen(Col(0)), Const(Value::Int64(5)))));
  ASSERT_EQ(plan->index_access.index, 0);
  EXPECT_EQ(plan->index_access.keys[0]->type.id, TypeId::kInt32);
  EXPECT_EQ(plan->filter, nullptr);
  auto big = Opt(Filter(Get(t), Op("=", Widen(Col(0)), Const(Value::Int64(int64_t{1} << 40)))));
  EXPECT_EQ(big->index_access.index, -1);
  EXPECT_NE(big->filter, nullptr);
}

TEST(Optimizer, IndexInListAndRange) {
  auto t = Indexed();
  auto in = std::make_unique<BoundExpr>();
  in->kind = BoundExprKind::kInList;
  in->type = Type(TypeId::kBool);
  in->children.push_back(Col(0));
  for (int v : {3, 1, 3}) in->children.push_back(Int(v));
  auto plan = Opt(Filter(Get(t), std::move(in)));
  EXPECT_EQ(plan->ToString(),
            "Index Scan using t_pkey on t\n"
            "  Index Cond: (id = ANY ('{3,1}'::integer[]))\n");
  auto range = Opt(Filter(Get(t), And(Op(">=", Col(0), Int(1)), Op("<", Col(0), Int(9)))));
  EXPECT_EQ(range->ToString(),
            "Index Scan using t_pkey on t\n"
            "  Index Cond: ((id >= 1) AND (id < 9))\n");
}

TEST(Optimizer, OrderByIndexLimit) {
  auto t = Indexed();
  auto plan = Opt(Limit(Sort(Get(t), Col(0), true), 3));
  EXPECT_EQ(plan->ToString(),
            "Limit\n"
            "  ->  Index Scan Backward using t_pkey on t\n");
  // A nullable key keeps its Sort, with the ordered scan below it.
  auto nullable = Opt(Limit(Sort(Get(t), Col(1), false), 3));
  EXPECT_EQ(nullable->children[0]->kind, LogicalOpKind::kSort);
  EXPECT_TRUE(nullable->children[0]->children[0]->index_access.ordered);
}

TEST(Optimizer, SemiJoinConditionsPushDown) {
  auto t = Plain("t", {"id", "a"});
  auto u = Plain("u", {"x", "y"});
  auto on = And(Op("=", Col(1), Col(2)), Op(">", Col(3), Int(0)));
  auto plan = Opt(Join(Get(t), Get(u), JoinType::kAnti, std::move(on)));
  EXPECT_EQ(plan->ToString(),
            "Hash Anti Join\n"
            "  Hash Cond: (t.a = u.x)\n"
            "  ->  Seq Scan on t\n"
            "  ->  Hash\n"
            "        ->  Seq Scan on u\n"
            "              Filter: (u.y > 0)\n");
}

TEST(Optimizer, TwoWayJoinBuildsOnSmallerSide) {
  auto t = Plain("t", {"id", "a"});
  auto u = Plain("u", {"x", "y"});
  auto where = And(Op("=", Col(1), Col(2)), Op("=", Col(0), Int(7)));
  auto chain = Join(Get(t), Get(u), JoinType::kCross);
  auto before = Trace(*chain);
  auto plan = Opt(Filter(chain, std::move(where)));
  EXPECT_EQ(Trace(*plan), before);
  ASSERT_EQ(plan->kind, LogicalOpKind::kProjection);
  EXPECT_EQ(plan->children[0]->ToString(),
            "Hash Join\n"
            "  Hash Cond: (u.x = t.a)\n"
            "  ->  Seq Scan on u\n"
            "  ->  Hash\n"
            "        ->  Seq Scan on t\n"
            "              Filter: (t.id = 7)\n");
}

TEST(Optimizer, CrossWidthJoinKeysAreWidened) {
  auto t = Plain("t", {"a"});
  auto u = MakeTable("u", {{"c", Type(TypeId::kInt64)}});
  auto plan =
      Opt(Join(Get(t), Get(u), JoinType::kInner, Op("=", Col(0), Col(1, Type(TypeId::kInt64)))));
  ASSERT_EQ(plan->kind, LogicalOpKind::kJoin);
  ASSERT_EQ(plan->left_keys.size(), 1u);
  EXPECT_EQ(plan->left_keys[0]->type.id, TypeId::kInt64);
  EXPECT_EQ(plan->right_keys[0]->type.id, TypeId::kInt64);
  EXPECT_EQ(plan->right_keys[0]->index, 0);
  EXPECT_EQ(plan->condition, nullptr);
}

TEST(Optimizer, SetOpAndLimit) {
  auto t = Plain("t", {"a"});
  auto u = Plain("u", {"x"});
  auto setop = Join(Get(t), Get(u), JoinType::kInner);
  setop->kind = LogicalOpKind::kSetOp;
  setop->types = {kInt};
  setop->set_op = SetOpType::kUnion;
  setop->set_all = true;
  auto plan = Opt(Filter(setop, Op(">", Col(0), Int(1))));
  EXPECT_EQ(plan->ToString(),
            "Append\n"
            "  ->  Seq Scan on t\n"
            "        Filter: (t.a > 1)\n"
            "  ->  Seq Scan on u\n"
            "        Filter: (u.x > 1)\n");
  auto limited = Opt(Filter(Limit(Get(t), 5), Op(">", Col(0), Int(1))));
  EXPECT_EQ(limited->ToString(),
            "Result\n"
            "  Filter: (a > 1)\n"
            "  ->  Limit\n"
            "        ->  Seq Scan on t\n");
}

TEST(Optimizer, CastConstantKeyIsFolded) {
  auto t = Indexed();
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundExprKind::kCast;
  cast->type = Type(TypeId::kInt64);
  cast->children.push_back(Int(5));
  auto plan = Opt(Filter(Get(t), Op("<", Col(0), std::move(cast))));
  EXPECT_EQ(plan->ToString(), "Index Scan using t_pkey on t\n  Index Cond: (id < 5)\n");
}

TEST(Optimizer, VolatileProjectionBlocksPushdown) {
  auto t = Plain("t", {"a"});
  auto random = catalog::ResolveFunction("random", {});
  ASSERT_TRUE(random.ok());
  auto call = std::make_unique<BoundExpr>();
  call->kind = BoundExprKind::kFunction;
  call->function_oid = random->sig->oid;
  call->type = random->ret;
  std::vector<BoundExprPtr> exprs;
  exprs.push_back(std::move(call));
  auto plan = Opt(Filter(Project(Get(t), std::move(exprs)),
                         Op("<", Col(0, Type(TypeId::kFloat64)), Const(Value::Float64(0.5)))));
  EXPECT_EQ(plan->kind, LogicalOpKind::kFilter);
}

TEST(Optimizer, SharedSubqueryIsOptimizedOnce) {
  auto t = Plain("t", {"a"});
  auto u = Plain("u", {"x"});
  auto inner = Filter(Get(u), Op("=", Col(0), Int(1)));
  auto sub = Subquery(SubqueryKind::kExists, inner, false);
  auto copy = sub->Copy();
  auto plan = Opt(Filter(Get(t), Logic(BoundExprKind::kOr, std::move(sub), std::move(copy))));
  ASSERT_EQ(plan->kind, LogicalOpKind::kGet);
  const BoundExpr& f = *plan->filter;
  EXPECT_EQ(f.children[0]->subquery.get(), f.children[1]->subquery.get());
  EXPECT_EQ(f.children[0]->subquery->kind, LogicalOpKind::kGet);
  EXPECT_NE(f.children[0]->subquery->filter, nullptr);
}

}  // namespace
}  // namespace omen::sql
