#include "sql/utility_binder.h"

#include <gtest/gtest.h>
#include <pg_query/pg_query.pb-c.h>

#include "catalog/catalog.h"
#include "sql/parser.h"

namespace omen::sql {
namespace {

using catalog::ConstraintKind;

class UtilityBinderTest : public ::testing::Test {
 protected:
  Result<BoundStatement> Bind(std::string_view text) {
    auto parsed = Parse(text);
    if (!parsed.ok()) return parsed.status();
    EXPECT_EQ(parsed->size(), 1u);
    EXPECT_TRUE(IsUtilityStatement(parsed->statement(0)));
    BindContext ctx;
    ctx.catalog = catalog_;
    return BindUtility(parsed->statement(0), ctx);
  }
  std::string Code(std::string_view text) {
    auto r = Bind(text);
    return std::string(r.status().code().code());
  }
  std::shared_ptr<catalog::Catalog> catalog_ = catalog::Catalog::Bootstrap()->Clone();
};

TEST_F(UtilityBinderTest, CreateTableColumnsAndTypes) {
  auto r = Bind(
      "CREATE TABLE t1 (a INTEGER, b VARCHAR(8), c numeric(10,2), d char, e char(3), f text, "
      "g double precision, h real, i bigint, j smallint, k boolean, l date, m timestamp, "
      "n timestamptz, o numeric, p decimal(5))");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->kind, StatementKind::kCreateTable);
  const auto& def = *r->create_table.def;
  EXPECT_EQ(def.schema, "public");
  EXPECT_EQ(def.name, "t1");
  ASSERT_EQ(def.columns.size(), 16u);
  EXPECT_EQ(def.columns[0].type, Type(TypeId::kInt32));
  EXPECT_EQ(def.columns[1].type, Type(TypeId::kVarchar, 8));
  EXPECT_EQ(def.columns[2].type, Type(TypeId::kNumeric, ((10 << 16) | 2) + 4));
  EXPECT_EQ(def.columns[3].type, Type(TypeId::kChar, 1));
  EXPECT_EQ(def.columns[4].type, Type(TypeId::kChar, 3));
  EXPECT_EQ(def.columns[5].type, Type(TypeId::kText));
  EXPECT_EQ(def.columns[6].type, Type(TypeId::kFloat64));
  EXPECT_EQ(def.columns[7].type, Type(TypeId::kFloat32));
  EXPECT_EQ(def.columns[8].type, Type(TypeId::kInt64));
  EXPECT_EQ(def.columns[9].type, Type(TypeId::kInt16));
  EXPECT_EQ(def.columns[10].type, Type(TypeId::kBool));
  EXPECT_EQ(def.columns[11].type, Type(TypeId::kDate));
  EXPECT_EQ(def.columns[12].type, Type(TypeId::kTimestamp));
  EXPECT_EQ(def.columns[13].type, Type(TypeId::kTimestampTz));
  EXPECT_EQ(def.columns[14].type, Type(TypeId::kNumeric));
  EXPECT_EQ(def.columns[15].type, Type(TypeId::kNumeric, ((5 << 16) | 0) + 4));
  EXPECT_TRUE(def.constraints.empty());
  EXPECT_TRUE(def.indexes.empty());
}

TEST_F(UtilityBinderTest, CreateTableConstraintsAreNamedAsPostgres) {
  auto r = Bind(
      "CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE NOT NULL DEFAULT 1 + 2, c int CHECK (c > "
      "0), "
      "d text DEFAULT 'x', UNIQUE (b, c), CHECK (a < b), CONSTRAINT named CHECK (d <> ''))");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& def = *r->create_table.def;
  EXPECT_TRUE(def.columns[0].not_null);
  EXPECT_TRUE(def.columns[1].not_null);
  EXPECT_FALSE(def.columns[2].not_null);
  EXPECT_EQ(def.columns[1].default_sql, "1 + 2");
  EXPECT_EQ(def.columns[3].default_sql, "'x'");
  ASSERT_EQ(def.constraints.size(), 6u);
  EXPECT_EQ(def.constraints[0].name, "t_pkey");
  EXPECT_EQ(def.constraints[0].kind, ConstraintKind::kPrimaryKey);
  EXPECT_EQ(def.constraints[0].index_name, "t_pkey");
  EXPECT_EQ(def.constraints[1].name, "t_b_key");
  EXPECT_EQ(def.constraints[2].name, "t_c_check");
  EXPECT_EQ(def.constraints[2].check_sql, "c > 0");
  EXPECT_EQ(def.constraints[3].name, "t_b_c_key");
  EXPECT_EQ(def.constraints[3].columns, (std::vector<int>{1, 2}));
  EXPECT_EQ(def.constraints[4].name, "t_check");
  EXPECT_EQ(def.constraints[5].name, "named");
  ASSERT_EQ(def.indexes.size(), 3u);
  EXPECT_EQ(def.indexes[0].name, "t_pkey");
  EXPECT_TRUE(def.indexes[0].primary);
  EXPECT_TRUE(def.indexes[0].unique);
  EXPECT_EQ(def.indexes[1].name, "t_b_key");
  EXPECT_FALSE(def.indexes[1].primary);
  EXPECT_EQ(def.indexes[2].name, "t_b_c_key");
}

TEST_F(UtilityBinderTest, PrimaryKeyIndexComesFirstAndNamesDedupe) {
  auto r = Bind(
      "CREATE TABLE t (a int UNIQUE, b int, PRIMARY KEY (a, b), CONSTRAINT t_a_key1 UNIQUE (b))");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& def = *r->create_table.def;
  ASSERT_EQ(def.indexes.size(), 3u);
  EXPECT_EQ(def.indexes[0].name, "t_pkey");
  EXPECT_EQ(def.indexes[1].name, "t_a_key");
  EXPECT_EQ(def.indexes[2].name, "t_a_key1");
  auto r2 = Bind("CREATE TABLE t (a int CHECK (a > 0), CHECK (a < 10))");
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->create_table.def->constraints[0].name, "t_a_check");
  EXPECT_EQ(r2->create_table.def->constraints[1].name, "t_a_check1");
  // A UNIQUE on the primary key's columns is redundant.
  auto r3 = Bind("CREATE TABLE t (a int PRIMARY KEY UNIQUE)");
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->create_table.def->indexes.size(), 1u);
}

TEST_F(UtilityBinderTest, LongGeneratedNamesAreClippedAsPostgres) {
  std::string table(58, 'a');
  std::string column(55, 'b');
  auto r =
      Bind("CREATE TABLE " + table + " (" + column + " int UNIQUE, c int UNIQUE, CHECK (c > 0))");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& cons = r->create_table.def->constraints;
  ASSERT_EQ(cons.size(), 3u);
  EXPECT_EQ(cons[0].name, std::string(29, 'a') + "_" + std::string(29, 'b') + "_key");
  EXPECT_EQ(cons[1].name, std::string(57, 'a') + "_c_key");
  EXPECT_EQ(cons[2].name, std::string(55, 'a') + "_c_check");
}

TEST_F(UtilityBinderTest, CreateTableErrors) {
  EXPECT_EQ(Code("CREATE TABLE t (a int, a text)"), "42701");
  EXPECT_EQ(Code("CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY)"), "42P16");
  EXPECT_EQ(Code("CREATE TABLE t (a int, PRIMARY KEY (b))"), "42703");
  EXPECT_EQ(Code("CREATE TABLE t (a int CHECK (z > 0))"), "42703");
  EXPECT_EQ(Code("CREATE TABLE t (a foo)"), "42704");
  EXPECT_EQ(Code("CREATE TABLE t (a serial)"), "0A000");
  EXPECT_EQ(Code("CREATE TABLE t (a int[][])"), "00000");  // one-dimensional arrays of any element type
  EXPECT_EQ(Code("CREATE TABLE t (a interval(3))"), "0A000");
  EXPECT_EQ(Code("CREATE TEMP TABLE t (a int)"), "0A000");
  EXPECT_EQ(Code("CREATE TEMPORARY TABLE t AS SELECT 1 AS a"), "0A000");
  EXPECT_EQ(Code("CREATE TEMP VIEW v AS SELECT 1 AS a"), "0A000");
  EXPECT_EQ(Code("CREATE TABLE t (a varchar(0))"), "22023");
  EXPECT_EQ(Code("CREATE TABLE t (a numeric(2000))"), "22023");
  EXPECT_EQ(Code("CREATE TABLE nosuch.t (a int)"), "3F000");
  EXPECT_EQ(Code("CREATE TABLE pg_catalog.t (a int)"), "42501");
  EXPECT_EQ(Code("CREATE TABLE t (a int NULL NOT NULL)"), "42601");
  EXPECT_EQ(Code("CREATE TABLE t (a int4(5))"), "42601");
  EXPECT_EQ(Bind("CREATE TABLE t (a int4(5))").status().message(),
            "type modifier is not allowed for type \"int4\"");
  auto r = Bind("CREATE TABLE t (a foo)");
  EXPECT_EQ(r.status().message(), "type \"foo\" does not exist");
  auto r2 = Bind("CREATE TABLE t (a int, a int)");
  EXPECT_EQ(r2.status().message(), "column \"a\" specified more than once");
}

TEST_F(UtilityBinderTest, CreateTableWithOptionsAndSchema) {
  auto r = Bind("CREATE TABLE IF NOT EXISTS public.t (a int) WITH (fillfactor=70)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->create_table.if_not_exists);
  EXPECT_EQ(r->create_table.def->schema, "public");
}

TEST_F(UtilityBinderTest, CreateTableAs) {
  auto r = Bind("CREATE TABLE t3 AS SELECT 1 AS x, 'a' AS y");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, StatementKind::kCreateTable);
  ASSERT_NE(r->plan, nullptr);
  const auto& def = *r->create_table.def;
  ASSERT_EQ(def.columns.size(), 2u);
  EXPECT_EQ(def.columns[0].name, "x");
  EXPECT_EQ(def.columns[0].type, Type(TypeId::kInt32));
  EXPECT_EQ(def.columns[1].type, Type(TypeId::kText));
  auto named = Bind("CREATE TABLE t3 (a) AS SELECT 1 AS x, 2 AS y WITH NO DATA");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->plan, nullptr);
  EXPECT_EQ(named->create_table.def->columns[0].name, "a");
  EXPECT_EQ(named->create_table.def->columns[1].name, "y");
  EXPECT_EQ(Code("CREATE TABLE t3 (a, b, c) AS SELECT 1, 2"), "42601");
  EXPECT_EQ(Code("CREATE TABLE t3 AS SELECT 1 AS a, 2 AS a"), "42701");
  EXPECT_EQ(Code("CREATE TABLE t3 AS SELECT * FROM nosuch"), "42P01");
  EXPECT_EQ(Code("CREATE MATERIALIZED VIEW m AS SELECT 1"), "0A000");
}

TEST_F(UtilityBinderTest, DeparseExpression) {
  auto parsed = Parse("SELECT a + 1 > 2 AND b IS NOT NULL");
  ASSERT_TRUE(parsed.ok());
  const PgQuery__Node* select = parsed->statement(0);
  auto text = DeparseExpression(select->select_stmt->target_list[0]->res_target->val);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "(a + 1) > 2 AND b IS NOT NULL");
}

TEST_F(UtilityBinderTest, Transactions) {
  auto r = Bind("START TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StatementKind::kTransaction);
  EXPECT_EQ(r->txn.kind, TransactionInfo::Kind::kBegin);
  EXPECT_EQ(r->txn.isolation, "repeatable read");
  EXPECT_EQ(Bind("BEGIN")->txn.kind, TransactionInfo::Kind::kBegin);
  EXPECT_EQ(Bind("COMMIT")->txn.kind, TransactionInfo::Kind::kCommit);
  EXPECT_EQ(Bind("END")->txn.kind, TransactionInfo::Kind::kCommit);
  EXPECT_EQ(Bind("ROLLBACK")->txn.kind, TransactionInfo::Kind::kRollback);
  EXPECT_EQ(Bind("ABORT")->txn.kind, TransactionInfo::Kind::kRollback);
  auto sp = Bind("SAVEPOINT s1");
  EXPECT_EQ(sp->txn.kind, TransactionInfo::Kind::kSavepoint);
  EXPECT_EQ(sp->txn.savepoint, "s1");
  EXPECT_EQ(Bind("RELEASE s1")->txn.kind, TransactionInfo::Kind::kRelease);
  EXPECT_EQ(Bind("RELEASE SAVEPOINT s1")->txn.savepoint, "s1");
  EXPECT_EQ(Bind("ROLLBACK TO SAVEPOINT s1")->txn.kind, TransactionInfo::Kind::kRollbackTo);
  EXPECT_EQ(Code("PREPARE TRANSACTION 'x'"), "0A000");
}

TEST_F(UtilityBinderTest, SetAndShow) {
  auto r = Bind("SET search_path TO public, \"My Schema\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StatementKind::kSet);
  EXPECT_EQ(r->set_name, "search_path");
  EXPECT_EQ(r->set_value, "public, \"My Schema\"");
  EXPECT_EQ(Bind("SET search_path = \"$user\", 'Pub'")->set_value, "\"$user\", \"Pub\"");
  EXPECT_EQ(Bind("SET extra_float_digits = 3")->set_value, "3");
  EXPECT_EQ(Bind("SET x.y = 1.5")->set_value, "1.5");
  auto local = Bind("SET LOCAL statement_timeout = '1s'");
  EXPECT_TRUE(local->set_local);
  EXPECT_EQ(local->set_value, "1s");
  auto tz = Bind("SET TIME ZONE 'UTC'");
  EXPECT_EQ(tz->set_name, "timezone");
  EXPECT_EQ(tz->set_value, "UTC");
  auto def = Bind("SET datestyle TO DEFAULT");
  EXPECT_TRUE(def->reset);
  auto reset = Bind("RESET datestyle");
  EXPECT_TRUE(reset->reset);
  EXPECT_EQ(reset->set_name, "datestyle");
  auto all = Bind("RESET ALL");
  EXPECT_TRUE(all->reset);
  EXPECT_EQ(all->set_name, "all");
  auto session = Bind("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  EXPECT_EQ(session->set_name, "default_transaction_isolation");
  EXPECT_EQ(session->set_value, "serializable");
  auto txn = Bind("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
  EXPECT_EQ(txn->set_name, "transaction_isolation");
  EXPECT_EQ(txn->set_value, "read committed");
  auto show = Bind("SHOW ALL");
  EXPECT_EQ(show->kind, StatementKind::kShow);
  EXPECT_EQ(show->set_name, "all");
  EXPECT_EQ(Bind("SHOW search_path")->set_name, "search_path");
  EXPECT_EQ(Bind("SHOW TRANSACTION ISOLATION LEVEL")->set_name, "transaction_isolation");
}

TEST_F(UtilityBinderTest, VacuumAnalyzeAndUnsupported) {
  auto v = Bind("VACUUM");
  EXPECT_EQ(v->kind, StatementKind::kNoOp);
  EXPECT_EQ(v->tag, "VACUUM");
  EXPECT_EQ(Bind("ANALYZE")->tag, "ANALYZE");
  auto trig = Bind("CREATE TRIGGER t1r1 AFTER INSERT ON t1 FOR EACH ROW EXECUTE FUNCTION f()");
  EXPECT_EQ(trig.status().code(), sqlstate::kFeatureNotSupported);
  EXPECT_EQ(trig.status().message(), "CREATE TRIGGER is not supported");
  EXPECT_EQ(Code("DROP TRIGGER t1r1 ON t1"), "0A000");
  EXPECT_EQ(Code("CREATE SEQUENCE s"), "0A000");
  EXPECT_EQ(Bind("CREATE DOMAIN d AS int").status().message(), "CREATE DOMAIN is not supported");
}

TEST_F(UtilityBinderTest, Drop) {
  auto r = Bind("DROP TABLE IF EXISTS s.a, b CASCADE");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StatementKind::kDrop);
  EXPECT_EQ(r->drop.object, DropInfo::ObjectKind::kTable);
  EXPECT_TRUE(r->drop.if_exists);
  EXPECT_TRUE(r->drop.cascade);
  ASSERT_EQ(r->drop.names.size(), 2u);
  EXPECT_EQ(r->drop.names[0], (std::pair<std::string, std::string>("s", "a")));
  EXPECT_EQ(r->drop.names[1], (std::pair<std::string, std::string>("", "b")));
  EXPECT_EQ(Bind("DROP VIEW v")->drop.object, DropInfo::ObjectKind::kView);
  EXPECT_EQ(Bind("DROP INDEX i")->drop.object, DropInfo::ObjectKind::kIndex);
  auto schema = Bind("DROP SCHEMA s");
  EXPECT_EQ(schema->drop.object, DropInfo::ObjectKind::kSchema);
  EXPECT_EQ(schema->drop.names[0].second, "s");
}

TEST_F(UtilityBinderTest, CreateSchemaViewAndTruncateNeedNoTable) {
  auto s = Bind("CREATE SCHEMA IF NOT EXISTS s");
  EXPECT_EQ(s->kind, StatementKind::kCreateSchema);
  EXPECT_EQ(s->name, "s");
  EXPECT_TRUE(s->if_not_exists);
  auto v = Bind("CREATE OR REPLACE VIEW v (x, y) AS SELECT 1, 2");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->create_view.sql, "SELECT 1, 2");
  EXPECT_EQ(v->create_view.column_names, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(v->create_view.or_replace);
  EXPECT_EQ(v->create_view.schema, "public");
  EXPECT_EQ(Code("CREATE VIEW v AS SELECT x FROM nosuch"), "42P01");
  EXPECT_EQ(Code("CREATE VIEW v (a, b) AS SELECT 1"), "42601");
  EXPECT_EQ(Code("CREATE VIEW v AS SELECT 1, 2"), "42701");
  EXPECT_TRUE(Bind("CREATE VIEW v (a) AS SELECT 1 AS x, 2 AS y").ok());
  EXPECT_EQ(Code("CREATE VIEW v (y) AS SELECT 1 AS x, 2 AS y"), "42701");
  EXPECT_EQ(Bind("REINDEX INDEX i")->tag, "REINDEX");
  EXPECT_EQ(Code("TRUNCATE nosuch"), "42P01");
  EXPECT_EQ(Code("CREATE INDEX ON nosuch (a)"), "42P01");
  EXPECT_EQ(Code("ALTER TABLE nosuch ADD COLUMN a int"), "42P01");
  auto missing = Bind("ALTER TABLE IF EXISTS nosuch ADD COLUMN a int");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->kind, StatementKind::kAlterTable);
  EXPECT_EQ(missing->alter.action, AlterTableInfo::Action::kMissingTable);
}

}  // namespace
}  // namespace omen::sql
