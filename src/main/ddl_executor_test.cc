#include "main/ddl_executor.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "main/ddl_internal.h"
#include "main/ddl_test_fixture.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "sql/utility_binder.h"

namespace omen {
namespace {

using catalog::ConstraintKind;

class DdlExecutorTest : public DdlTest {
 protected:
  std::string Code(std::string_view text) { return std::string(Run(text).code().code()); }
  void Insert(std::string_view table, const std::vector<Value>& row) {
    auto def = Table(table);
    ASSERT_NE(def, nullptr);
    auto r = def->data->Insert(row, &undo_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
};

TEST_F(DdlExecutorTest, CreateTableBuildsStorageAndIndexes) {
  ASSERT_TRUE(Run("CREATE TABLE t1 (a int PRIMARY KEY, b varchar(8) UNIQUE, c int)").ok());
  EXPECT_EQ(tag_, "CREATE TABLE");
  auto def = Table("t1");
  ASSERT_NE(def, nullptr);
  EXPECT_NE(def->oid, 0u);
  ASSERT_NE(def->data, nullptr);
  EXPECT_EQ(def->data->ColumnCount(), 3u);
  ASSERT_EQ(def->data->Indexes().size(), 2u);
  ASSERT_EQ(def->indexes.size(), 2u);
  for (size_t i = 0; i < def->indexes.size(); ++i) {
    EXPECT_EQ(def->data->Indexes()[i].name, def->indexes[i].name);
  }
  EXPECT_EQ(def->indexes[0].name, "t1_pkey");
  EXPECT_EQ(def->indexes[1].name, "t1_b_key");
  Insert("t1", {Value::Int32(1), Value::Text("x"), Value::Int32(2)});
  auto dup = def->data->Insert({Value::Int32(1), Value::Text("y"), Value::Int32(2)}, &undo_);
  EXPECT_EQ(dup.status().code(), sqlstate::kUniqueViolation);
}

TEST_F(DdlExecutorTest, CreateTableExistsAndIfNotExists) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  Status s = Run("CREATE TABLE t (a int)");
  EXPECT_EQ(s.code(), sqlstate::kDuplicateTable);
  EXPECT_EQ(s.message(), "relation \"t\" already exists");
  ASSERT_TRUE(Run("CREATE TABLE IF NOT EXISTS t (b int)").ok());
  EXPECT_EQ(tag_, "CREATE TABLE");
  ASSERT_EQ(notices_.size(), 1u);
  EXPECT_EQ(notices_[0], "relation \"t\" already exists, skipping");
  EXPECT_EQ(Table("t")->columns[0].name, "a");
  // The generated index name avoids the existing relation name.
  ASSERT_TRUE(Run("CREATE TABLE t_pkey (x int)").ok());
  ASSERT_TRUE(Run("CREATE TABLE u (a int)").ok());
  ASSERT_TRUE(Run("CREATE TABLE t2 (a int PRIMARY KEY)").ok());
  EXPECT_EQ(Table("t2")->indexes[0].name, "t2_pkey");
}

TEST_F(DdlExecutorTest, CreateTableAsCreatesTheTable) {
  ASSERT_TRUE(Run("CREATE TABLE t3 AS SELECT 1 AS x, 'a'::text AS y").ok());
  EXPECT_EQ(tag_, "CREATE TABLE AS");
  auto def = Table("t3");
  ASSERT_NE(def, nullptr);
  ASSERT_NE(def->data, nullptr);
  EXPECT_EQ(def->data->ColumnCount(), 2u);
  EXPECT_EQ(def->columns[1].type, Type(TypeId::kText));
  // main/ then fills it from the plan.
  auto parsed = sql::Parse("CREATE TABLE t4 AS SELECT 1 AS x, 'a' AS y, NULL AS z");
  ASSERT_TRUE(parsed.ok());
  sql::BindContext ctx;
  ctx.catalog = catalog_;
  auto bound = sql::BindUtility(parsed->statement(0), ctx);
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  ASSERT_TRUE(ExecuteDdl(*bound, ctx.search_path, catalog_.get(), &undo_, &tag_, &notices_).ok());
  execution::ExecutionContext exec;
  exec.undo = &undo_;
  auto filled = ddl::FillCreatedTable(*bound, *catalog_, exec);
  ASSERT_TRUE(filled.ok()) << filled.status().ToString();
  EXPECT_EQ(*filled, 1u);
  std::vector<Value> row;
  ASSERT_TRUE(Table("t4")->data->Fetch(nullptr, 0, {0, 1, 2}, &row));
  EXPECT_EQ(row[0].i, 1);
  EXPECT_EQ(row[1].s, "a");
  EXPECT_TRUE(row[2].is_null);
  ASSERT_TRUE(Run("CREATE TABLE IF NOT EXISTS t3 AS SELECT 1").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"relation \"t3\" already exists, skipping"}));
}

TEST_F(DdlExecutorTest, CreateTableChecksLiteralDefaults) {
  EXPECT_EQ(Code("CREATE TABLE t (a int DEFAULT 'abc')"), "22P02");
  EXPECT_EQ(Code("CREATE TABLE t (a varchar(2) DEFAULT 'abc')"), "22001");
  EXPECT_EQ(Table("t"), nullptr);
  ASSERT_TRUE(Run("CREATE TABLE t (a int DEFAULT 1.5, b text DEFAULT 'it''s', c int DEFAULT -3, "
                  "d date DEFAULT '2020-01-01'::date, e int DEFAULT 1 + 1)")
                  .ok());
}

TEST_F(DdlExecutorTest, IntervalAndArrayColumnsAreNotIndexed) {
  EXPECT_EQ(Code("CREATE TABLE t (id int, d interval, a int[])"), "00000");
  EXPECT_EQ(Code("CREATE INDEX ti ON t (d)"), "0A000");
  EXPECT_EQ(Code("CREATE INDEX ta ON t (a)"), "0A000");
  EXPECT_EQ(Code("ALTER TABLE t ADD PRIMARY KEY (d)"), "0A000");
  EXPECT_EQ(Code("CREATE TABLE u (d interval PRIMARY KEY)"), "0A000");
  EXPECT_EQ(Code("CREATE TABLE v (a text[] UNIQUE)"), "0A000");
  EXPECT_EQ(Code("CREATE INDEX tid ON t (id)"), "00000");
}

TEST_F(DdlExecutorTest, SchemaLifecycle) {
  ASSERT_TRUE(Run("CREATE SCHEMA s").ok());
  EXPECT_EQ(tag_, "CREATE SCHEMA");
  EXPECT_EQ(Code("CREATE SCHEMA s"), "42P06");
  ASSERT_TRUE(Run("CREATE SCHEMA IF NOT EXISTS s").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"schema \"s\" already exists, skipping"}));
  ASSERT_TRUE(Run("CREATE TABLE s.t (a int)").ok());
  EXPECT_NE(Table("t", "s"), nullptr);
  Status s = Run("DROP SCHEMA s");
  EXPECT_EQ(s.code(), SqlState("2BP01"));
  EXPECT_EQ(s.message(), "cannot drop schema s because other objects depend on it");
  ASSERT_TRUE(Run("DROP SCHEMA s CASCADE").ok());
  EXPECT_EQ(tag_, "DROP SCHEMA");
  EXPECT_EQ(notices_, (std::vector<std::string>{"drop cascades to table s.t"}));
  EXPECT_EQ(catalog_->FindSchema("s"), nullptr);
  EXPECT_EQ(Code("DROP SCHEMA s"), "3F000");
  ASSERT_TRUE(Run("DROP SCHEMA IF EXISTS s").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"schema \"s\" does not exist, skipping"}));
}

TEST_F(DdlExecutorTest, DropTableAndView) {
  ASSERT_TRUE(Run("CREATE TABLE t1 (x int, y varchar(8))").ok());
  ASSERT_TRUE(Run("CREATE VIEW view1 AS SELECT x FROM t1 WHERE x > 0").ok());
  EXPECT_EQ(tag_, "CREATE VIEW");
  auto view = Table("view1");
  ASSERT_NE(view, nullptr);
  EXPECT_TRUE(view->is_view);
  EXPECT_EQ(view->view_sql, "SELECT x FROM t1 WHERE x > 0");
  EXPECT_EQ(Code("CREATE VIEW view1 AS SELECT 1"), "42P07");
  ASSERT_TRUE(Run("CREATE OR REPLACE VIEW view1 AS SELECT y FROM t1").ok());
  EXPECT_EQ(Table("view1")->view_sql, "SELECT y FROM t1");
  EXPECT_EQ(Code("CREATE OR REPLACE VIEW t1 AS SELECT 1"), "42809");

  Status s = Run("DROP TABLE view1");
  EXPECT_EQ(s.code(), SqlState("42809"));
  EXPECT_EQ(s.message(), "\"view1\" is not a table");
  EXPECT_EQ(s.hint(), "Use DROP VIEW to remove a view.");
  EXPECT_EQ(Code("DROP VIEW t1"), "42809");
  ASSERT_TRUE(Run("DROP VIEW view1").ok());
  EXPECT_EQ(tag_, "DROP VIEW");
  Status missing = Run("DROP VIEW view1");
  EXPECT_EQ(missing.code(), sqlstate::kUndefinedTable);
  EXPECT_EQ(missing.message(), "view \"view1\" does not exist");
  ASSERT_TRUE(Run("DROP TABLE t1").ok());
  EXPECT_EQ(tag_, "DROP TABLE");
  EXPECT_EQ(Table("t1"), nullptr);
  Status gone = Run("DROP TABLE t1");
  EXPECT_EQ(gone.code(), sqlstate::kUndefinedTable);
  EXPECT_EQ(gone.message(), "table \"t1\" does not exist");
  ASSERT_TRUE(Run("DROP TABLE IF EXISTS t1, t2").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"table \"t1\" does not exist, skipping",
                                                "table \"t2\" does not exist, skipping"}));
}

TEST_F(DdlExecutorTest, DropWithDependentViews) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  ASSERT_TRUE(Run("CREATE VIEW v1 AS SELECT a FROM t").ok());
  ASSERT_TRUE(Run("CREATE VIEW v2 AS SELECT a FROM (SELECT a FROM v1) s").ok());
  ASSERT_TRUE(Run("CREATE VIEW v3 AS WITH t AS (SELECT 1 AS a) SELECT a FROM t").ok());
  Status s = Run("DROP TABLE t");
  EXPECT_EQ(s.code(), SqlState("2BP01"));
  EXPECT_EQ(s.message(), "cannot drop table t because other objects depend on it");
  EXPECT_EQ(s.detail(), "view v1 depends on table t");
  EXPECT_EQ(Code("DROP VIEW v1"), "2BP01");
  // Dependents listed in the same statement are no obstacle.
  ASSERT_TRUE(Run("CREATE TABLE u (a int)").ok());
  ASSERT_TRUE(Run("CREATE VIEW uv AS SELECT a FROM u").ok());
  ASSERT_TRUE(Run("CREATE VIEW uv2 AS SELECT a FROM uv").ok());
  EXPECT_EQ(Code("DROP VIEW uv"), "2BP01");
  Status both = Run("DROP VIEW uv, uv2");
  ASSERT_TRUE(both.ok()) << both.ToString();
  EXPECT_TRUE(notices_.empty());
  EXPECT_EQ(Table("uv2"), nullptr);
  ASSERT_TRUE(Run("CREATE VIEW uv AS SELECT a FROM u").ok());
  ASSERT_TRUE(Run("DROP TABLE u CASCADE").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"drop cascades to view uv"}));
  ASSERT_TRUE(Run("DROP TABLE t CASCADE").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"drop cascades to 2 other objects"}));
  EXPECT_EQ(Table("v1"), nullptr);
  EXPECT_EQ(Table("v2"), nullptr);
  EXPECT_NE(Table("v3"), nullptr);
}

TEST_F(DdlExecutorTest, CreateAndDropIndex) {
  ASSERT_TRUE(Run("CREATE TABLE t1 (x int, y varchar(8))").ok());
  ASSERT_TRUE(Run("CREATE INDEX t1i1 ON t1(x)").ok());
  EXPECT_EQ(tag_, "CREATE INDEX");
  ASSERT_TRUE(Run("CREATE INDEX ON t1(x, y)").ok());
  auto def = Table("t1");
  ASSERT_EQ(def->indexes.size(), 2u);
  EXPECT_EQ(def->indexes[0].name, "t1i1");
  EXPECT_EQ(def->indexes[1].name, "t1_x_y_idx");
  ASSERT_EQ(def->data->Indexes().size(), 2u);
  EXPECT_EQ(def->data->Indexes()[1].name, "t1_x_y_idx");
  ASSERT_TRUE(Run("CREATE INDEX ON t1(x, y)").ok());
  EXPECT_EQ(Table("t1")->indexes[2].name, "t1_x_y_idx1");
  EXPECT_EQ(Code("CREATE INDEX t1i1 ON t1(y)"), "42P07");
  EXPECT_EQ(Code("CREATE INDEX t1 ON t1(y)"), "42P07");
  ASSERT_TRUE(Run("CREATE INDEX IF NOT EXISTS t1i1 ON t1(y)").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"relation \"t1i1\" already exists, skipping"}));
  EXPECT_EQ(Code("CREATE INDEX ON t1(z)"), "42703");
  EXPECT_EQ(Code("CREATE INDEX ON t1((x + 1))"), "0A000");

  ASSERT_TRUE(Run("DROP INDEX t1i1").ok());
  EXPECT_EQ(tag_, "DROP INDEX");
  def = Table("t1");
  ASSERT_EQ(def->indexes.size(), 2u);
  EXPECT_EQ(def->indexes[0].name, "t1_x_y_idx");
  ASSERT_EQ(def->data->Indexes().size(), 2u);
  EXPECT_EQ(def->data->Indexes()[0].name, "t1_x_y_idx");
  Status s = Run("DROP INDEX t1i1");
  EXPECT_EQ(s.code(), SqlState("42704"));
  EXPECT_EQ(s.message(), "index \"t1i1\" does not exist");
  ASSERT_TRUE(Run("DROP INDEX IF EXISTS t1i1").ok());
  EXPECT_EQ(notices_, (std::vector<std::string>{"index \"t1i1\" does not exist, skipping"}));
  EXPECT_EQ(Code("DROP INDEX t1"), "42809");
  // Every name is checked before any index is dropped.
  EXPECT_EQ(Code("DROP INDEX t1_x_y_idx, nosuch"), "42704");
  EXPECT_EQ(Table("t1")->data->Indexes().size(), 2u);
  ASSERT_TRUE(Run("DROP INDEX t1_x_y_idx, t1_x_y_idx1").ok());
  EXPECT_EQ(Table("t1")->data->Indexes().size(), 0u);
}

TEST_F(DdlExecutorTest, UniqueIndexOnDuplicatesFails) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  Insert("t", {Value::Int32(1)});
  Insert("t", {Value::Int32(1)});
  Status s = Run("CREATE UNIQUE INDEX ON t(a)");
  EXPECT_EQ(s.code(), sqlstate::kUniqueViolation);
  EXPECT_EQ(s.message(), "could not create unique index \"t_a_idx\"");
  EXPECT_EQ(s.detail(), "Key (a)=(1) is duplicated.");
  EXPECT_EQ(Table("t")->data->Indexes().size(), 0u);
  EXPECT_EQ(Code("ALTER TABLE t ADD PRIMARY KEY (a)"), "23505");
}

TEST_F(DdlExecutorTest, ConstraintIndexCannotBeDropped) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int PRIMARY KEY)").ok());
  Status s = Run("DROP INDEX t_pkey");
  EXPECT_EQ(s.code(), SqlState("2BP01"));
  EXPECT_EQ(s.message(),
            "cannot drop index t_pkey because constraint t_pkey on table t requires it");
}

TEST_F(DdlExecutorTest, AlterTableColumns) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int, b text)").ok());
  Insert("t", {Value::Int32(1), Value::Text("x")});
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN c int DEFAULT 7").ok());
  EXPECT_EQ(tag_, "ALTER TABLE");
  auto def = Table("t");
  ASSERT_EQ(def->columns.size(), 3u);
  EXPECT_EQ(def->columns[2].default_sql, "7");
  EXPECT_EQ(def->data->ColumnCount(), 3u);
  std::vector<Value> row;
  ASSERT_TRUE(def->data->Fetch(nullptr, 0, {2}, &row));
  EXPECT_FALSE(row[0].is_null);
  EXPECT_EQ(row[0].i, 7);
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN c int"), "42701");
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int").ok());
  EXPECT_EQ(notices_,
            (std::vector<std::string>{"column \"c\" of relation \"t\" already exists, skipping"}));
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN d int NOT NULL"), "23502");
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN d int DEFAULT random()"), "0A000");
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN e bigint DEFAULT 2 * 3 + length('abc')").ok());
  ASSERT_TRUE(Table("t")->data->Fetch(nullptr, 0, {3}, &row));
  EXPECT_EQ(row[0].i, 9);
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN f varchar(2) DEFAULT 'abc'"), "22001");
  ASSERT_TRUE(Run("ALTER TABLE t DROP COLUMN e").ok());
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN d varchar(3) DEFAULT 'ab'").ok());

  ASSERT_TRUE(Run("ALTER TABLE t RENAME COLUMN b TO bb").ok());
  EXPECT_EQ(Table("t")->columns[1].name, "bb");
  EXPECT_EQ(Code("ALTER TABLE t RENAME COLUMN nosuch TO z"), "42703");
  EXPECT_EQ(Code("ALTER TABLE t RENAME COLUMN a TO bb"), "42701");

  ASSERT_TRUE(Run("ALTER TABLE t DROP COLUMN bb").ok());
  def = Table("t");
  EXPECT_TRUE(def->columns[1].dropped);
  EXPECT_EQ(def->columns.size(), 5u);
  EXPECT_EQ(Code("ALTER TABLE t DROP COLUMN bb"), "42703");
  ASSERT_TRUE(Run("ALTER TABLE t DROP COLUMN IF EXISTS bb").ok());
  EXPECT_EQ(notices_,
            (std::vector<std::string>{"column \"bb\" of relation \"t\" does not exist, skipping"}));
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN x int, ADD COLUMN y int"), "00000");
  EXPECT_EQ(Table("t")->columns.size(), 7u);
}

TEST_F(DdlExecutorTest, AlterTableNotNullAndDefaults) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int, b int)").ok());
  Insert("t", {Value::Int32(1), Value::Null(Type(TypeId::kInt32))});
  ASSERT_TRUE(Run("ALTER TABLE t ALTER COLUMN a SET NOT NULL").ok());
  EXPECT_TRUE(Table("t")->columns[0].not_null);
  Status s = Run("ALTER TABLE t ALTER COLUMN b SET NOT NULL");
  EXPECT_EQ(s.code(), sqlstate::kNotNullViolation);
  EXPECT_EQ(s.message(), "column \"b\" of relation \"t\" contains null values");
  ASSERT_TRUE(Run("ALTER TABLE t ALTER COLUMN a DROP NOT NULL").ok());
  EXPECT_FALSE(Table("t")->columns[0].not_null);
  ASSERT_TRUE(Run("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1 + 1").ok());
  EXPECT_EQ(Table("t")->columns[0].default_sql, "1 + 1");
  ASSERT_TRUE(Run("ALTER TABLE t ALTER COLUMN a DROP DEFAULT").ok());
  EXPECT_EQ(Table("t")->columns[0].default_sql, "");
  EXPECT_EQ(Code("ALTER TABLE t ALTER COLUMN z SET NOT NULL"), "42703");
  EXPECT_EQ(Code("ALTER TABLE t ADD PRIMARY KEY (b)"), "23502");
  ASSERT_TRUE(Run("ALTER TABLE t ADD PRIMARY KEY (a)").ok());
  auto def = Table("t");
  ASSERT_EQ(def->indexes.size(), 1u);
  EXPECT_EQ(def->indexes[0].name, "t_pkey");
  EXPECT_TRUE(def->indexes[0].primary);
  EXPECT_TRUE(def->columns[0].not_null);
  EXPECT_EQ(def->data->Indexes().size(), 1u);
  EXPECT_EQ(Code("ALTER TABLE t ALTER COLUMN a DROP NOT NULL"), "42P16");
  EXPECT_EQ(Code("ALTER TABLE t ADD PRIMARY KEY (b)"), "42P16");
  ASSERT_TRUE(Run("ALTER TABLE t ADD CONSTRAINT bu UNIQUE (b)").ok());
  EXPECT_EQ(Table("t")->indexes[1].name, "bu");
  ASSERT_TRUE(Run("ALTER TABLE t ADD UNIQUE (a, b)").ok());
  EXPECT_EQ(Table("t")->constraints.back().name, "t_a_b_key");
}

TEST_F(DdlExecutorTest, AddColumnWithConstraint) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN b int UNIQUE").ok());
  auto def = Table("t");
  ASSERT_EQ(def->indexes.size(), 1u);
  EXPECT_EQ(def->indexes[0].name, "t_b_key");
  EXPECT_EQ(def->indexes[0].columns, (std::vector<int>{1}));
  EXPECT_EQ(def->data->Indexes().size(), 1u);
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN c int CHECK (c > 0) DEFAULT 5").ok());
  EXPECT_EQ(Table("t")->constraints.back().name, "t_c_check");
  EXPECT_EQ(Table("t")->columns[2].default_sql, "5");
  ASSERT_TRUE(Run("ALTER TABLE t ADD COLUMN d int PRIMARY KEY").ok());
  EXPECT_TRUE(Table("t")->columns[3].not_null);
  EXPECT_EQ(Table("t")->indexes.back().name, "t_pkey");
  Insert("t", {Value::Int32(1), Value::Int32(1), Value::Int32(1), Value::Int32(1)});
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN e int PRIMARY KEY"), "42P16");
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN e int REFERENCES u(a)"), "0A000");
}

TEST_F(DdlExecutorTest, AddCheckValidatesRows) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int, b int)").ok());
  Insert("t", {Value::Int32(1), Value::Null(Type(TypeId::kInt32))});
  Insert("t", {Value::Int32(5), Value::Int32(2)});
  ASSERT_TRUE(Run("ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0)").ok());
  ASSERT_TRUE(Run("ALTER TABLE t ADD CHECK (b > 1)").ok());  // NULL passes
  EXPECT_EQ(Table("t")->constraints.back().name, "t_b_check");
  Status s = Run("ALTER TABLE t ADD CHECK (a < 3)");
  EXPECT_EQ(s.code(), sqlstate::kCheckViolation);
  EXPECT_EQ(s.message(),
            "check constraint \"t_a_check\" of relation \"t\" is violated by some row");
  EXPECT_EQ(Table("t")->constraints.size(), 2u);
  // An existing constraint's name is taken.
  EXPECT_EQ(Code("ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0)"), "42710");
}

TEST_F(DdlExecutorTest, RenameTableAndTruncate) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  ASSERT_TRUE(Run("CREATE TABLE u (a int)").ok());
  EXPECT_EQ(Code("ALTER TABLE t RENAME TO u"), "42P07");
  uint32_t oid = Table("t")->oid;
  ASSERT_TRUE(Run("ALTER TABLE t RENAME TO v").ok());
  EXPECT_EQ(Table("t"), nullptr);
  ASSERT_NE(Table("v"), nullptr);
  EXPECT_EQ(Table("v")->oid, oid);
  ASSERT_TRUE(Run("CREATE VIEW w AS SELECT a FROM v WHERE a > 0").ok());
  ASSERT_TRUE(Run("ALTER TABLE v RENAME TO v2").ok());
  EXPECT_EQ(Table("w")->view_sql, "SELECT a FROM v2 WHERE a > 0");
  ASSERT_TRUE(Run("ALTER TABLE v2 RENAME TO v").ok());
  ASSERT_TRUE(Run("DROP VIEW w").ok());
  Insert("v", {Value::Int32(1)});
  Insert("v", {Value::Int32(2)});
  size_t mark = undo_.Position();
  ASSERT_TRUE(Run("TRUNCATE v").ok());
  EXPECT_EQ(tag_, "TRUNCATE TABLE");
  EXPECT_EQ(Table("v")->data->RowCount(), 0u);
  undo_.RollbackTo(mark);
  EXPECT_EQ(Table("v")->data->RowCount(), 2u);
  ASSERT_TRUE(Run("TRUNCATE TABLE u, v").ok());
  EXPECT_EQ(Code("TRUNCATE nosuch"), "42P01");
}

}  // namespace
}  // namespace omen
