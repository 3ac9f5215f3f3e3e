#include "execution/expression_executor.h"

#include <gtest/gtest.h>

#include "execution/executor_test_util.h"

namespace omen::execution {
namespace {

using namespace testing;  // NOLINT

// SELECT <exprs> FROM (VALUES (a, b), ...) evaluated per row.
std::vector<std::string> Eval(LogicalOperatorPtr input, std::vector<BoundExprPtr> exprs,
                              Status* status = nullptr) {
  auto plan = Project(std::move(input), std::move(exprs));
  RunResult r = RunPlan(*plan);
  if (status) *status = r.status;
  else EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  return r.rows;
}

LogicalOperatorPtr Pairs(const std::vector<std::pair<int32_t, int32_t>>& rows) {
  std::vector<std::vector<BoundExprPtr>> v;
  for (auto [a, b] : rows) {
    v.push_back(Exprs(a == kNullInt ? NullInt() : Int(a), b == kNullInt ? NullInt() : Int(b)));
  }
  return ValuesOf(std::move(v));
}

TEST(ExpressionExecutorTest, ArithmeticAndComparison) {
  auto rows = Eval(Pairs({{1, 2}, {5, kNullInt}}),
                   Exprs(Op("+", Col(0), Col(1)), Op("<", Col(0), Col(1))));
  EXPECT_EQ(rows, (std::vector<std::string>{"3|t", "NULL|NULL"}));
}

TEST(ExpressionExecutorTest, DivisionByZeroIsAnError) {
  Status s;
  Eval(Pairs({{1, 0}}), Exprs(Op("/", Col(0), Col(1))), &s);
  EXPECT_EQ(s.code(), sqlstate::kDivisionByZero);
}

TEST(ExpressionExecutorTest, CaseIsLazy) {
  auto c = Node(BoundExprKind::kCase, Type(TypeId::kInt32),
                Exprs(Op("<>", Col(1), Int(0)), Op("/", Col(0), Col(1))));
  auto rows = Eval(Pairs({{6, 3}, {1, 0}, {4, kNullInt}}), Exprs(std::move(c)));
  EXPECT_EQ(rows, (std::vector<std::string>{"2", "NULL", "NULL"}));
  auto c2 = Node(BoundExprKind::kCase, Type(TypeId::kInt32),
                 Exprs(Op("=", Col(1), Int(0)), Int(-1), Op("/", Col(0), Col(1))));
  c2->has_else = true;
  rows = Eval(Pairs({{6, 3}, {1, 0}}), Exprs(std::move(c2)));
  EXPECT_EQ(rows, (std::vector<std::string>{"2", "-1"}));
}

TEST(ExpressionExecutorTest, AndOrThreeValued) {
  // a = 1 AND b = 1 ; a = 1 OR b = 1 over (1,NULL), (0,NULL), (1,1)
  auto rows = Eval(Pairs({{1, kNullInt}, {0, kNullInt}, {1, 1}}),
                   Exprs(And(Op("=", Col(0), Int(1)), Op("=", Col(1), Int(1))),
                         Logic(BoundExprKind::kOr, Op("=", Col(0), Int(1)), Op("=", Col(1), Int(1))),
                         Node(BoundExprKind::kNot, Type(TypeId::kBool), Exprs(Op("=", Col(1), Int(1))))));
  EXPECT_EQ(rows, (std::vector<std::string>{"NULL|t|NULL", "f|NULL|NULL", "t|t|f"}));
}

TEST(ExpressionExecutorTest, AndShortCircuitsPerRow) {
  // b <> 0 AND a / b > 1 must not divide by zero.
  auto rows = Eval(Pairs({{6, 3}, {1, 0}}),
                   Exprs(And(Op("<>", Col(1), Int(0)), Op(">", Op("/", Col(0), Col(1)), Int(1)))));
  EXPECT_EQ(rows, (std::vector<std::string>{"t", "f"}));
}

TEST(ExpressionExecutorTest, CoalesceNullIfIsNull) {
  auto nullif = Node(BoundExprKind::kNullIf, Type(TypeId::kInt32), Exprs(Col(0), Int(1)));
  nullif->function_oid = OpOid("=", Type(TypeId::kInt32), Type(TypeId::kInt32));
  auto rows = Eval(Pairs({{1, kNullInt}, {2, 5}}),
                   Exprs(Node(BoundExprKind::kCoalesce, Type(TypeId::kInt32), Exprs(Col(1), Col(0))),
                         std::move(nullif),
                         Node(BoundExprKind::kIsNull, Type(TypeId::kBool), Exprs(Col(1))),
                         Node(BoundExprKind::kIsNotNull, Type(TypeId::kBool), Exprs(Col(1)))));
  EXPECT_EQ(rows, (std::vector<std::string>{"1|NULL|t|f", "5|2|f|t"}));
}

TEST(ExpressionExecutorTest, CoalesceIsLazy) {
  auto rows = Eval(Pairs({{1, 0}}), Exprs(Node(BoundExprKind::kCoalesce, Type(TypeId::kInt32),
                                               Exprs(Col(0), Op("/", Col(0), Col(1))))));
  EXPECT_EQ(rows, (std::vector<std::string>{"1"}));
}

TEST(ExpressionExecutorTest, InListNullSemantics) {
  uint32_t eq = OpOid("=", Type(TypeId::kInt32), Type(TypeId::kInt32));
  auto in = Node(BoundExprKind::kInList, Type(TypeId::kBool), Exprs(Col(0), Int(1), NullInt()));
  in->function_oid = eq;
  auto not_in = Node(BoundExprKind::kInList, Type(TypeId::kBool), Exprs(Col(0), Int(1), NullInt()));
  not_in->function_oid = eq;
  not_in->negated = true;
  auto in2 = Node(BoundExprKind::kInList, Type(TypeId::kBool), Exprs(Col(0), Int(1), Int(2)));
  in2->function_oid = eq;
  auto rows = Eval(Pairs({{1, 0}, {3, 0}, {kNullInt, 0}}),
                   Exprs(std::move(in), std::move(not_in), std::move(in2)));
  EXPECT_EQ(rows, (std::vector<std::string>{"t|f|t", "NULL|NULL|f", "NULL|NULL|NULL"}));
}

TEST(ExpressionExecutorTest, IsDistinctFrom) {
  auto d = Node(BoundExprKind::kIsDistinctFrom, Type(TypeId::kBool), Exprs(Col(0), Col(1)));
  auto nd = Node(BoundExprKind::kIsDistinctFrom, Type(TypeId::kBool), Exprs(Col(0), Col(1)));
  nd->negated = true;
  auto rows = Eval(Pairs({{1, 1}, {1, kNullInt}, {kNullInt, kNullInt}, {1, 2}}),
                   Exprs(std::move(d), std::move(nd)));
  EXPECT_EQ(rows, (std::vector<std::string>{"f|t", "t|f", "f|t", "t|f"}));
}

TEST(ExpressionExecutorTest, GreatestLeastIgnoreNulls) {
  auto rows = Eval(Pairs({{1, 5}, {kNullInt, 3}, {kNullInt, kNullInt}}),
                   Exprs(Node(BoundExprKind::kGreatest, Type(TypeId::kInt32), Exprs(Col(0), Col(1))),
                         Node(BoundExprKind::kLeast, Type(TypeId::kInt32), Exprs(Col(0), Col(1)))));
  EXPECT_EQ(rows, (std::vector<std::string>{"5|1", "3|3", "NULL|NULL"}));
}

TEST(ExpressionExecutorTest, CastAndParameter) {
  auto cast = Node(BoundExprKind::kCast, Type(TypeId::kText), Exprs(Col(0)));
  auto param = std::make_unique<BoundExpr>();
  param->kind = BoundExprKind::kParameter;
  param->type = Type(TypeId::kInt32);
  param->index = 0;
  auto plan = Project(Pairs({{42, 0}}), Exprs(std::move(cast), std::move(param)));
  std::vector<Value> int_params = {Value::Int32(7)};
  ExecutionContext ctx;
  ctx.parameters = int_params;
  RunResult r = RunPlan(*plan, &ctx);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (std::vector<std::string>{"42|7"}));
  std::vector<Value> text_params = {Value::Text("12")};
  ExecutionContext text_param;
  text_param.parameters = text_params;
  r = RunPlan(*plan, &text_param);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (std::vector<std::string>{"42|12"}));
  ExecutionContext none;
  r = RunPlan(*plan, &none);
  EXPECT_EQ(r.status.code().code(), "42P02");
}

}  // namespace
}  // namespace omen::execution
