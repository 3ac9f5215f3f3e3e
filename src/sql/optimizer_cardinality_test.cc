#include "sql/optimizer_cardinality.h"

#include <gtest/gtest.h>

#include "sql/optimizer.h"
#include "sql/plan_test_util.h"

namespace omen::sql {
namespace {

using namespace testing;  // NOLINT

const Type kInt = Type(TypeId::kInt32);

// A table of `rows` rows (a = 0..rows-1) with hand-made statistics:
// a unique in [0, rows), b with `b_distinct` values and 10% NULLs.
std::shared_ptr<catalog::TableDef> Analyzed(const std::string& name, int rows, double b_distinct,
                                            bool with_stats = true) {
  auto t = MakeTable(name, {{"a", kInt}, {"b", kInt}}, {{0}});
  t->data = std::make_shared<storage::Table>(std::vector<Type>{kInt, kInt});
  for (int i = 0; i < rows; ++i) {
    EXPECT_TRUE(t->data->Insert({Value::Int32(i), Value::Int32(i % 7)}, nullptr).ok());
  }
  if (!with_stats) return t;
  auto stats = std::make_shared<catalog::TableStats>();
  stats->row_count = static_cast<uint64_t>(rows);
  catalog::ColumnStats a;
  a.n_distinct = rows;
  a.has_range = true;
  a.min = Value::Int32(0);
  a.max = Value::Int32(rows - 1);
  catalog::ColumnStats b;
  b.null_frac = 0.1;
  b.n_distinct = b_distinct;
  b.mcv_values = {Value::Int32(3)};
  b.mcv_freqs = {0.5};
  stats->columns = {a, b};
  t->stats = stats;
  return t;
}

BoundExprPtr IsNull(BoundExprPtr e, bool negated = false) {
  auto out = std::make_unique<BoundExpr>();
  out->kind = negated ? BoundExprKind::kIsNotNull : BoundExprKind::kIsNull;
  out->type = Type(TypeId::kBool);
  out->children.push_back(std::move(e));
  return out;
}

TEST(Cardinality, SelectivityFromStatistics) {
  auto t = Analyzed("t", 1000, 5);
  auto get = Get(t);
  EXPECT_NEAR(FilterSelectivity(*Op("=", Col(0), Int(5)), *get), 0.001, 1e-9);
  // MCV hit, and the rest shared by the other 4 values.
  EXPECT_NEAR(FilterSelectivity(*Op("=", Col(1), Int(3)), *get), 0.5, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*Op("=", Col(1), Int(4)), *get), 0.1, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*Op("<", Col(0), Int(100)), *get), 100.0 / 999, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*Op(">=", Int(100), Col(0)), *get), 100.0 / 999, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*Op(">", Col(0), Int(5000)), *get), 0, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*IsNull(Col(1)), *get), 0.1, 1e-9);
  EXPECT_NEAR(FilterSelectivity(*IsNull(Col(1), true), *get), 0.9, 1e-9);
  auto both = And(Op("<", Col(0), Int(500)), Op("=", Col(1), Int(3)));
  EXPECT_NEAR(FilterSelectivity(*both, *get), 0.5 * 500 / 999, 1e-9);
  auto either = Logic(BoundExprKind::kOr, Op("=", Col(1), Int(3)), Op("=", Col(1), Int(4)));
  EXPECT_NEAR(FilterSelectivity(*either, *get), 0.5 + 0.1 - 0.05, 1e-9);
}

TEST(Cardinality, FallsBackWithoutStatistics) {
  auto t = Analyzed("t", 1000, 5, false);
  auto get = Get(t);
  EXPECT_DOUBLE_EQ(FilterSelectivity(*Op("=", Col(0), Int(5)), *get), 0.05);
  EXPECT_DOUBLE_EQ(FilterSelectivity(*Op("<", Col(0), Int(5)), *get), 0.3);
  EXPECT_DOUBLE_EQ(EstimateGetRows(*get), 1000);  // storage row count without ANALYZE
  EXPECT_LT(DistinctValues(*get, *Col(0)), 0);
}

TEST(Cardinality, RowsAndDistinct) {
  auto t = Analyzed("t", 1000, 5);
  auto get = Get(t);
  get->filter = Op("<", Col(0), Int(100));
  EXPECT_NEAR(EstimateGetRows(*get), 100.1, 0.1);
  EXPECT_DOUBLE_EQ(DistinctValues(*get, *Col(1)), 5);
  EXPECT_NEAR(DistinctValues(*get, *Col(0)), 100.1, 0.1);  // at most the rows
}

TEST(Cardinality, AnalyzedRangeUsesSeqScanWhenWide) {
  auto t = Analyzed("t", 1000, 5);
  auto narrow = Optimize(Filter(Get(t), Op("<", Col(0), Int(10))));
  ASSERT_TRUE(narrow.ok());
  EXPECT_EQ((*narrow)->ToString(), "Index Scan using t_pkey on t\n  Index Cond: (a < 10)\n");
  auto wide = Optimize(Filter(Get(t), Op(">", Col(0), Int(10))));
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ((*wide)->ToString(), "Seq Scan on t\n  Filter: (a > 10)\n");
  auto plain = Analyzed("p", 1000, 5, false);
  auto unanalyzed = Optimize(Filter(Get(plain), Op(">", Col(0), Int(10))));
  ASSERT_TRUE(unanalyzed.ok());
  EXPECT_EQ((*unanalyzed)->ToString(), "Index Scan using p_pkey on p\n  Index Cond: (a > 10)\n");
}

TEST(Cardinality, JoinOrderFollowsJoinSize) {
  // h (the smallest, so first) joins x on b (5 values: 6000 rows) and y on
  // the unique a (100 rows). x is the smaller table, but y joins first.
  auto h = Analyzed("h", 100, 5);
  auto x = Analyzed("x", 300, 5);
  auto y = Analyzed("y", 400, 5);
  auto chain = Join(Join(Get(h), Get(x), JoinType::kCross), Get(y), JoinType::kCross);
  auto where = And(Op("=", Col(1), Col(3)), Op("=", Col(0), Col(4)));
  auto plan = Optimize(Filter(chain, std::move(where)));
  ASSERT_TRUE(plan.ok());
  const LogicalOperator* top = plan->get();
  while (top->kind != LogicalOpKind::kJoin) top = top->children[0].get();
  // h and y join first (100 rows), then x: the big side, so the probe side
  // (left), with the hash built on the smaller join result.
  ASSERT_EQ(top->children[0]->kind, LogicalOpKind::kGet) << (*plan)->ToString();
  EXPECT_EQ(top->children[0]->table->name, "x");
  EXPECT_EQ(top->children[1]->kind, LogicalOpKind::kJoin);
}

}  // namespace
}  // namespace omen::sql
