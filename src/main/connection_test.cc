// Session behaviour of the embedded API: transaction blocks, savepoints,
// statement atomicity, settings, prepared statements. Expected outcomes are
// PostgreSQL 15's.

#include <gtest/gtest.h>

#include "main/embedded_test_fixture.h"
#include "omendb/omendb.h"

namespace omen {
namespace {

class ConnectionTest : public EmbeddedDbTest {
 protected:
  std::string Code(std::string_view sql) {
    auto r = conn_->Execute(sql);
    return r.ok() ? "00000" : std::string(r.status().code().code());
  }
  std::string One(std::string_view sql) {
    QueryResult r = Ok(sql);
    if (r.RowCount() != 1 || r.ColumnCount() != 1) return "<" + std::to_string(r.RowCount()) + " rows>";
    return r.IsNull(0, 0) ? "NULL" : r.GetText(0, 0);
  }
};

TEST_F(ConnectionTest, RollbackUndoesDmlAndDdl) {
  Ok("CREATE TABLE t (id int PRIMARY KEY, v int)");
  Ok("INSERT INTO t VALUES (1, 10), (2, 20)");
  Ok("BEGIN");
  EXPECT_EQ(conn_->TransactionStatus(), 'T');
  Ok("UPDATE t SET v = v + 1");
  Ok("DELETE FROM t WHERE id = 1");
  Ok("INSERT INTO t VALUES (3, 30)");
  Ok("CREATE TABLE u (x int)");
  Ok("ROLLBACK");
  EXPECT_EQ(conn_->TransactionStatus(), 'I');
  EXPECT_EQ(One("SELECT sum(v) FROM t"), "30");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "2");
  EXPECT_EQ(Code("SELECT * FROM u"), "42P01");
}

TEST_F(ConnectionTest, FailedStatementAbortsTheBlock) {
  Ok("CREATE TABLE t (id int PRIMARY KEY)");
  Ok("BEGIN");
  Ok("INSERT INTO t VALUES (1)");
  EXPECT_EQ(Code("INSERT INTO t VALUES (1)"), "23505");
  EXPECT_EQ(conn_->TransactionStatus(), 'E');
  EXPECT_EQ(Code("SELECT 1"), "25P02");
  EXPECT_EQ(Code("SELECT * FROM no_such_table"), "25P02");
  QueryResult r = Ok("COMMIT");
  EXPECT_EQ(r.tag(), "ROLLBACK");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "0");
}

TEST_F(ConnectionTest, FailedStatementLeavesNoTrace) {
  Ok("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)");
  // The second row fails: the first of the same statement must go too.
  EXPECT_EQ(Code("INSERT INTO t VALUES (1, 1), (2, NULL)"), "23502");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "0");
  Ok("INSERT INTO t VALUES (1, 1)");
}

TEST_F(ConnectionTest, Savepoints) {
  Ok("CREATE TABLE t (id int)");
  Ok("BEGIN");
  Ok("INSERT INTO t VALUES (1)");
  Ok("SAVEPOINT a");
  Ok("INSERT INTO t VALUES (2)");
  Ok("SAVEPOINT b");
  Ok("INSERT INTO t VALUES (3)");
  EXPECT_EQ(Code("SELECT 1/0"), "22012");
  EXPECT_EQ(Code("SELECT 1"), "25P02");
  Ok("ROLLBACK TO SAVEPOINT b");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "2");
  Ok("ROLLBACK TO a");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "1");
  Ok("RELEASE SAVEPOINT a");
  EXPECT_EQ(Code("ROLLBACK TO a"), "3B001");
  Ok("ROLLBACK");
  Ok("BEGIN");
  Ok("INSERT INTO t VALUES (5)");
  Ok("COMMIT");
  EXPECT_EQ(One("SELECT sum(id) FROM t"), "5");
  EXPECT_EQ(Code("SAVEPOINT x"), "25P01");
}

TEST_F(ConnectionTest, SetShowReset) {
  EXPECT_EQ(One("SHOW search_path"), "\"$user\", public");
  Ok("SET search_path TO s1, public");
  EXPECT_EQ(One("SHOW search_path"), "s1, public");
  EXPECT_EQ(conn_->GetSetting("search_path"), "s1, public");
  Ok("RESET search_path");
  EXPECT_EQ(One("SHOW search_path"), "\"$user\", public");
  EXPECT_EQ(Code("SET no_such_setting = 1"), "42704");
  EXPECT_EQ(Code("SHOW no_such_setting"), "42704");
  Ok("BEGIN");
  Ok("SET LOCAL application_name = 'x'");
  EXPECT_EQ(One("SHOW application_name"), "x");
  Ok("COMMIT");
  EXPECT_EQ(One("SHOW application_name"), "");
}

TEST_F(ConnectionTest, PreparedStatementsRebindAfterDdl) {
  Ok("CREATE TABLE t (id bigint PRIMARY KEY, v text)");
  Ok("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
  auto stmt = conn_->Prepare("SELECT v FROM t WHERE id = $1");
  ASSERT_TRUE(stmt.ok()) << stmt.status().ToString();
  ASSERT_EQ((*stmt)->parameter_types().size(), 1u);
  EXPECT_EQ((*stmt)->parameter_types()[0].id, TypeId::kInt64);
  auto r = (*stmt)->Execute({Value::Int64(2)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->RowCount(), 1u);
  EXPECT_EQ(r->GetText(0, 0), "two");
  r = (*stmt)->Execute({Value::Text("1")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->GetText(0, 0), "one");
  EXPECT_FALSE((*stmt)->Execute({Value::Text("x")}).ok());
  Ok("ALTER TABLE t ADD COLUMN w int");
  r = (*stmt)->Execute({Value::Int64(1)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->GetText(0, 0), "one");
  Ok("DROP TABLE t");
  EXPECT_EQ((*stmt)->Execute({Value::Int64(1)}).status().code(), sqlstate::kUndefinedTable);
}

// Persistent directories (issue 5; main/durability_test.cc has the rest):
// a path that cannot be a directory fails to open with an I/O error.
TEST_F(ConnectionTest, UnusableDataDirectoryFailsToOpen) {
  auto db = Database::Open({.data_dir = "/proc/omendb-cannot-exist"});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), sqlstate::kIoError) << db.status().message();
}

}  // namespace
}  // namespace omen
