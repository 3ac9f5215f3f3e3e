// ANALYZE: statistics stored with the catalog's TableDef (analyze.cc).

#include <gtest/gtest.h>

#include "main/ddl_test_fixture.h"

namespace omen {
namespace {

class AnalyzeTest : public DdlTest {
 protected:
  // Rows (i, i % mod or NULL every null_every-th row, 'k' || i % 3).
  void Fill(std::string_view table, int n, int mod, int null_every) {
    auto def = Table(table);
    ASSERT_NE(def, nullptr);
    for (int i = 0; i < n; ++i) {
      Value b = null_every > 0 && i % null_every == 0 ? Value::Null(Type(TypeId::kInt32))
                                                     : Value::Int32(i % mod);
      auto r = def->data->Insert({Value::Int32(i), b, Value::Text("k" + std::to_string(i % 3))},
                                 &undo_);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }
};

TEST_F(AnalyzeTest, ExactOnSmallTables) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int, b int, c text)").ok());
  Fill("t", 1000, 7, 10);
  EXPECT_EQ(Table("t")->stats, nullptr);
  ASSERT_TRUE(Run("ANALYZE t").ok());
  EXPECT_EQ(tag_, "ANALYZE");
  auto stats = Table("t")->stats;
  ASSERT_NE(stats, nullptr);
  EXPECT_EQ(stats->row_count, 1000u);
  ASSERT_EQ(stats->columns.size(), 3u);
  const auto& a = stats->columns[0];
  EXPECT_EQ(a.null_frac, 0);
  EXPECT_EQ(a.n_distinct, 1000);
  EXPECT_EQ(a.min.i, 0);
  EXPECT_EQ(a.max.i, 999);
  EXPECT_TRUE(a.mcv_values.empty());  // nothing repeats
  const auto& b = stats->columns[1];
  EXPECT_DOUBLE_EQ(b.null_frac, 0.1);
  EXPECT_EQ(b.n_distinct, 7);
  EXPECT_EQ(b.min.i, 0);
  EXPECT_EQ(b.max.i, 6);
  const auto& c = stats->columns[2];
  EXPECT_EQ(c.n_distinct, 3);
  EXPECT_EQ(c.min.s, "k0");
  EXPECT_EQ(c.max.s, "k2");
  ASSERT_EQ(c.mcv_values.size(), 3u);
  EXPECT_NEAR(c.mcv_freqs[0], 0.334, 0.001);
}

TEST_F(AnalyzeTest, EstimatesOnLargeTables) {
  ASSERT_TRUE(Run("CREATE TABLE big (a int, b int, c text)").ok());
  Fill("big", 100000, 500, 0);
  ASSERT_TRUE(Run("VACUUM ANALYZE big").ok());
  EXPECT_EQ(tag_, "VACUUM");
  auto stats = Table("big")->stats;
  ASSERT_NE(stats, nullptr);
  EXPECT_EQ(stats->row_count, 100000u);
  EXPECT_LT(stats->sampled_rows, stats->row_count);
  // A unique column: every sampled value is distinct.
  EXPECT_EQ(stats->columns[0].n_distinct, 100000);
  EXPECT_NEAR(stats->columns[1].n_distinct, 500, 50);
  EXPECT_EQ(stats->columns[2].n_distinct, 3);
}

TEST_F(AnalyzeTest, AllTablesVacuumAndErrors) {
  ASSERT_TRUE(Run("CREATE TABLE t1 (a int, b int, c text)").ok());
  ASSERT_TRUE(Run("CREATE TABLE t2 (a int, b int, c text)").ok());
  ASSERT_TRUE(Run("CREATE VIEW v AS SELECT a FROM t1").ok());
  Fill("t2", 10, 2, 0);
  ASSERT_TRUE(Run("VACUUM t1").ok());
  EXPECT_EQ(kind_, sql::StatementKind::kNoOp);
  EXPECT_EQ(Table("t1")->stats, nullptr);
  ASSERT_TRUE(Run("ANALYZE").ok());
  ASSERT_NE(Table("t1")->stats, nullptr);
  EXPECT_EQ(Table("t1")->stats->row_count, 0u);
  EXPECT_EQ(Table("t2")->stats->columns[1].n_distinct, 2);
  EXPECT_EQ(Table("v")->stats, nullptr);
  ASSERT_TRUE(Run("ANALYZE v, t1 (a, b)").ok());
  EXPECT_EQ(Run("ANALYZE nope").code(), SqlState("42P01"));
  EXPECT_EQ(Run("ANALYZE t1 (nope)").code(), SqlState("42703"));
}

}  // namespace
}  // namespace omen
