// A prepared SELECT keeps its physical plan between executions
// (execution::ReusablePlan): every execution must still see the current
// data, its own parameters, a fresh per-run state, and DDL since binding.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "main/embedded_test_fixture.h"
#include "omendb/omendb.h"

namespace omen {
namespace {

class PreparedPlanReuseTest : public EmbeddedDbTest {
 protected:
  std::unique_ptr<PreparedStatement> Prepare(const std::string& sql) {
    auto stmt = conn_->Prepare(sql, {Type(TypeId::kInt64)});
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    return stmt.ok() ? std::move(*stmt) : nullptr;
  }
};

TEST_F(PreparedPlanReuseTest, PointLookupSeesEachParameterAndNewRows) {
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v bigint)");
  Ok("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  auto stmt = Prepare("SELECT v FROM t WHERE id = $1");
  ASSERT_NE(stmt, nullptr);
  for (int round = 0; round < 3; ++round) {
    for (int64_t id = 1; id <= 3; ++id) {
      auto r = stmt->Execute({Value::Int64(id)});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_EQ(r->RowCount(), 1u);
      EXPECT_EQ(r->GetValue(0, 0).i, id * 10);
    }
    auto miss = stmt->Execute({Value::Int64(99)});
    ASSERT_TRUE(miss.ok());
    EXPECT_EQ(miss->RowCount(), 0u);
  }
  Ok("INSERT INTO t VALUES (99, 990)");
  Ok("UPDATE t SET v = 11 WHERE id = 1");
  auto r = stmt->Execute({Value::Int64(99)});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->RowCount(), 1u);
  EXPECT_EQ(r->GetValue(0, 0).i, 990);
  r = stmt->Execute({Value::Int64(1)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->GetValue(0, 0).i, 11);
  Ok("DELETE FROM t WHERE id = 2");
  r = stmt->Execute({Value::Int64(2)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->RowCount(), 0u);
}

TEST_F(PreparedPlanReuseTest, AggregateAndLimitStartFreshEachRun) {
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v bigint)");
  Ok("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40)");
  auto sum = Prepare("SELECT sum(v), count(*) FROM t WHERE id <= $1");
  ASSERT_NE(sum, nullptr);
  for (int round = 0; round < 2; ++round) {
    auto r = sum->Execute({Value::Int64(3)});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->GetText(0, 0), "60");
    EXPECT_EQ(r->GetText(0, 1), "3");
  }
  auto limit = Prepare("SELECT id FROM t ORDER BY id LIMIT $1");
  ASSERT_NE(limit, nullptr);
  for (int round = 0; round < 2; ++round) {
    auto r = limit->Execute({Value::Int64(2)});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->RowCount(), 2u);
    EXPECT_EQ(r->GetValue(1, 0).i, 2);
  }
}

TEST_F(PreparedPlanReuseTest, ErrorThenSuccessAndDdlRebind) {
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v bigint)");
  Ok("INSERT INTO t VALUES (1, 10), (2, 0)");
  auto stmt = Prepare("SELECT 100 / v FROM t WHERE id = $1");
  ASSERT_NE(stmt, nullptr);
  auto bad = stmt->Execute({Value::Int64(2)});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(std::string(bad.status().code().code()), "22012");  // division_by_zero
  auto good = stmt->Execute({Value::Int64(1)});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->GetText(0, 0), "10");
  // A new table under the same name: the statement binds (and plans) again.
  Ok("DROP TABLE t");
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v bigint)");
  Ok("INSERT INTO t VALUES (1, 50)");
  good = stmt->Execute({Value::Int64(1)});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->GetText(0, 0), "2");
  Ok("DROP TABLE t");
  auto gone = stmt->Execute({Value::Int64(1)});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), sqlstate::kUndefinedTable);
}

TEST_F(PreparedPlanReuseTest, RollbackIsVisibleToTheCachedPlan) {
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v bigint)");
  auto stmt = Prepare("SELECT v FROM t WHERE id = $1");
  ASSERT_NE(stmt, nullptr);
  Ok("BEGIN");
  Ok("INSERT INTO t VALUES (7, 70)");
  auto r = stmt->Execute({Value::Int64(7)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->RowCount(), 1u);
  Ok("ROLLBACK");
  r = stmt->Execute({Value::Int64(7)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->RowCount(), 0u);
}

}  // namespace
}  // namespace omen
