// The simple protocol's plan cache must be invisible: every statement gives
// the same rows, column names and types, tags, and errors (SQLSTATE, message,
// position) with omen.plan_cache on as off. Each statement runs twice on
// each side: with the cache on, a miss and then a hit.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "omendb/omendb.h"

namespace omen {
namespace {

std::string Describe(const Result<QueryResult>& r) {
  if (!r.ok()) {
    const Status& st = r.status();
    return "ERROR " + std::string(st.code().code()) + " " + st.message() + " @" +
           std::to_string(st.position());
  }
  const QueryResult& q = r.value();
  std::string out = q.tag() + " |";
  for (size_t c = 0; c < q.ColumnCount(); ++c) {
    out += " " + q.names()[c] + ":" + q.types()[c].ToString();
  }
  std::vector<std::string> rows;
  for (size_t i = 0; i < q.RowCount(); ++i) {
    std::string row;
    for (size_t c = 0; c < q.ColumnCount(); ++c) {
      row += (q.IsNull(i, c) ? std::string("NULL") : q.GetText(i, c)) + ",";
    }
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());  // plans may differ in row order only
  for (auto& row : rows) out += "\n" + row;
  return out;
}

class PlanCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i) {
      auto db = Database::Open({});
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      dbs_[i] = std::move(*db);
      conns_[i] = dbs_[i]->Connect();
    }
    ASSERT_TRUE(conns_[1]->Execute("SET omen.plan_cache = off").ok());
    EXPECT_EQ(conns_[0]->GetSetting("omen.plan_cache"), "on");
    EXPECT_EQ(conns_[1]->GetSetting("omen.plan_cache"), "off");
  }

  // Runs `sql` on both; returns the uncached result's description.
  std::string Same(const std::string& sql) {
    // Twice on each (writes change the data alike): a miss, then a hit.
    std::string off = Describe(conns_[1]->Execute(sql));
    std::string off2 = Describe(conns_[1]->Execute(sql));
    std::string first = Describe(conns_[0]->Execute(sql));
    std::string second = Describe(conns_[0]->Execute(sql));
    EXPECT_EQ(first, off) << sql;
    EXPECT_EQ(second, off2) << sql << " (second run)";
    ++checked_;
    return off;
  }

  std::unique_ptr<Database> dbs_[2];
  std::unique_ptr<Connection> conns_[2];
  int checked_ = 0;
};

TEST_F(PlanCacheTest, SettingIsBoolean) {
  auto r = conns_[0]->Execute("SET omen.plan_cache = maybe");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(std::string(r.status().code().code()), "22023");
}

// Every statement of sqllogictest's select1.test (when present).
TEST_F(PlanCacheTest, Select1Corpus) {
  std::ifstream in("/work/shared/sqllogictest/select1.test");
  if (!in) GTEST_SKIP() << "select1.test not present";
  std::string line, sql;
  bool in_sql = false;
  auto flush = [&] {
    if (in_sql && !sql.empty()) Same(sql);
    in_sql = false;
    sql.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("statement", 0) == 0 || line.rfind("query", 0) == 0) {
      flush();
      in_sql = true;
    } else if (line.empty() || line == "----") {
      flush();
    } else if (in_sql) {
      sql += (sql.empty() ? "" : "\n") + line;
    }
  }
  flush();
  EXPECT_GT(checked_, 1000);
}

TEST_F(PlanCacheTest, LiteralsTypesAndErrors) {
  const char* corpus[] = {
      "CREATE TABLE t (id int PRIMARY KEY, big bigint, n numeric(10,2), s text, "
      "vc varchar(3), d date, ts timestamp, f float8, b boolean)",
      "INSERT INTO t VALUES (1, 10000000000, 1.25, 'one', 'abc', '2020-01-01', "
      "'2020-01-01 10:00', 1.5, true)",
      "INSERT INTO t VALUES (2, 2, 2.5, 'two', 'de', '2021-06-30', '2021-06-30 00:00:01', 2, false)",
      "INSERT INTO t VALUES (3, NULL, NULL, 'it''s', NULL, NULL, NULL, NULL, NULL)",
      "INSERT INTO t (id, vc) VALUES (4, 'abcd')",
      "INSERT INTO t (id, d) VALUES (5, 'not a date')",
      "INSERT INTO t (id, n) VALUES (6, 123456789012.5)",
      "INSERT INTO t (id) VALUES (1)",
      "INSERT INTO t (id, big) VALUES (7, 99999999999999999999)",
      "SELECT s FROM t WHERE id = 1",
      "SELECT s FROM t WHERE id = 2",
      "SELECT s FROM t WHERE id = 3000000000",
      "SELECT s FROM t WHERE id = 1.0",
      "SELECT s FROM t WHERE id = 1.5",
      "SELECT s FROM t WHERE id = '2'",
      "SELECT s FROM t WHERE id = 'x'",
      "SELECT id FROM t WHERE big = 10000000000",
      "SELECT id FROM t WHERE big > 5",
      "SELECT id FROM t WHERE n = 1.25",
      "SELECT id FROM t WHERE n = 2.50",
      "SELECT id FROM t WHERE n < 2",
      "SELECT id FROM t WHERE d = '2020-01-01'",
      "SELECT id FROM t WHERE d = '2021-06-30'",
      "SELECT id FROM t WHERE d = '2021-02-30'",
      "SELECT id FROM t WHERE d > '2020-06-01' AND d < '2030-01-01'",
      "SELECT id FROM t WHERE ts >= '2020-01-01 10:00:00'",
      "SELECT id FROM t WHERE s = 'it''s'",
      "SELECT id FROM t WHERE s LIKE 't%'",
      "SELECT id FROM t WHERE vc = 'abcdef'",
      "SELECT id FROM t WHERE f = 1.5",
      "SELECT id FROM t WHERE b = 'true'",
      "SELECT id FROM t WHERE b = 'maybe'",
      "SELECT id FROM t WHERE id IN (1, 2, 5)",
      "SELECT id FROM t WHERE id IN (2, 3)",
      "SELECT id FROM t WHERE id BETWEEN 1 AND 2",
      "SELECT 'abc' || 'def'",
      "SELECT 'abc' || 'xyz'",
      "SELECT 1",
      "SELECT 2",
      "SELECT 1.5",
      "SELECT 'x'",
      "SELECT 'x' AS name",
      "SELECT 1 + 2, 3 * 4",
      "SELECT 2147483647 + 1",
      "SELECT 2147483648 + 1",
      "SELECT 9223372036854775807 + 1",
      "SELECT 1 / 0",
      "SELECT 'x'::int",
      "SELECT '12'::int",
      "SELECT CAST('y' AS int)",
      "SELECT DATE '2020-01-01'",
      "SELECT interval '1 day'",
      "SELECT '1 day'::interval",
      "SELECT 'abc'::varchar(2)",
      "SELECT 12.345::numeric(5,1)",
      "SELECT -5, - 2147483648, -2147483648",
      "SELECT abs(-3), length('hello'), upper('abc')",
      "SELECT substring('hello' from 2 for 3)",
      "SELECT coalesce(NULL, 'a')",
      "SELECT CASE WHEN id = 1 THEN 'one' ELSE 'other' END FROM t",
      "SELECT id, s FROM t ORDER BY 2",
      "SELECT id, s FROM t ORDER BY 1 DESC LIMIT 2",
      "SELECT id, s FROM t ORDER BY (1) LIMIT 2",
      "SELECT s, count(*) FROM t GROUP BY 1",
      "SELECT DISTINCT ON (1) id, s FROM t",
      "SELECT id FROM t ORDER BY id LIMIT 2 OFFSET 1",
      "SELECT id FROM t ORDER BY id LIMIT -1",
      "SELECT id FROM t WHERE id > (SELECT 1)",
      "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.id = 2)",
      "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(x, y) WHERE x = 2",
      "SELECT 1 UNION SELECT 2",
      "SELECT 'a' UNION SELECT 'b'",
      "SELECT $1",
      "SELECT 1; SELECT 2",
      "UPDATE t SET s = 'uno' WHERE id = 1",
      "UPDATE t SET vc = 'toolong' WHERE id = 1",
      "UPDATE t SET d = '2022-02-02' WHERE id = 2 RETURNING d",
      "UPDATE t SET n = n + 0.5 WHERE id = 2",
      "DELETE FROM t WHERE id = 99",
      "DELETE FROM t WHERE id = 3 RETURNING s",
      "SELECT * FROM t",
      "ALTER TABLE t ADD COLUMN extra int DEFAULT 7",
      "SELECT * FROM t WHERE id = 1",
      "SELECT * FROM t WHERE id = 2",
      "DROP TABLE t",
      "SELECT s FROM t WHERE id = 1",
      "CREATE TABLE t (id text, s int)",
      "INSERT INTO t VALUES ('1', 11)",
      "SELECT s FROM t WHERE id = 1",
      "SELECT s FROM t WHERE id = '1'",
      "BEGIN",
      "SELECT s FROM t WHERE id = '1'",
      "SELECT s FROM t WHERE id = 'no' || 1",
      "SELECT 1 / 0",
      "SELECT s FROM t WHERE id = '1'",
      "ROLLBACK",
      "SET search_path = pg_catalog",
      "SELECT s FROM t WHERE id = '1'",
      "RESET search_path",
      "SELECT s FROM t WHERE id = '1'",
  };
  for (const char* sql : corpus) Same(sql);
}

// Statements of one shape with different literals share the plan: the
// second and later ones run from the cache with their own values.
TEST_F(PlanCacheTest, ShapeWithDifferentLiterals) {
  Same("CREATE TABLE k (id int PRIMARY KEY, v text, d date, vc varchar(4))");
  for (int i = 0; i < 50; ++i) {
    Same("INSERT INTO k VALUES (" + std::to_string(i) + ", 'v" + std::to_string(i) +
         "', '2020-01-" + std::to_string(i % 28 + 1) + "', '" + std::string(i % 6, 'x') + "')");
  }
  for (int i = -2; i < 55; i += 3) {
    Same("SELECT v FROM k WHERE id = " + std::to_string(i));
    Same("SELECT v, d FROM k WHERE d = '2020-01-" + std::to_string(i) + "'");
    Same("UPDATE k SET vc = '" + std::string(i % 7 + 2, 'y') + "' WHERE id = " + std::to_string(i));
    Same("SELECT count(*) FROM k WHERE v > 'v" + std::to_string(i) + "' LIMIT " + std::to_string(i));
  }
  Same("SELECT v FROM k WHERE id = 4000000000");
  Same("SELECT v FROM k WHERE id = 4.0");
  Same("SELECT * FROM k ORDER BY id");
}

}  // namespace
}  // namespace omen
