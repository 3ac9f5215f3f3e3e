// ALTER TABLE: DROP CONSTRAINT, several actions per statement, IF EXISTS on a
// missing table (ddl_alter.cc), and VACUUM in a transaction block
// (connection.cc). Expected outcomes are PostgreSQL 15's.

#include <gtest/gtest.h>

#include "main/ddl_test_fixture.h"
#include "main/embedded_test_fixture.h"
#include "omendb/omendb.h"

namespace omen {
namespace {

class DdlAlterTest : public DdlTest {};

TEST_F(DdlAlterTest, DropConstraintRemovesBackingIndex) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0))").ok());
  ASSERT_TRUE(Run("ALTER TABLE t DROP CONSTRAINT t_b_key").ok());
  auto def = Table("t");
  ASSERT_EQ(def->indexes.size(), 1u);
  EXPECT_EQ(def->indexes[0].name, "t_pkey");
  ASSERT_EQ(def->data->Indexes().size(), 1u);
  ASSERT_TRUE(Run("ALTER TABLE t DROP CONSTRAINT t_pkey, DROP CONSTRAINT t_c_check").ok());
  def = Table("t");
  EXPECT_TRUE(def->indexes.empty());
  EXPECT_TRUE(def->constraints.empty());
  EXPECT_TRUE(def->data->Indexes().empty());
  // PostgreSQL 15 keeps the primary key's NOT NULL.
  EXPECT_TRUE(def->columns[0].not_null);
}

TEST_F(DdlAlterTest, DropConstraintIsUndoable) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int UNIQUE)").ok());
  size_t position = undo_.Position();
  auto before = Table("t");
  ASSERT_TRUE(Run("ALTER TABLE t DROP CONSTRAINT t_a_key").ok());
  EXPECT_TRUE(before->data->Indexes().empty());
  undo_.RollbackTo(position);
  ASSERT_EQ(before->data->Indexes().size(), 1u);
  EXPECT_EQ(before->data->Indexes()[0].name, "t_a_key");
}

TEST_F(DdlAlterTest, DropMissingConstraint) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int)").ok());
  Status s = Run("ALTER TABLE t DROP CONSTRAINT nosuch");
  EXPECT_EQ(s.code(), sqlstate::kUndefinedObject);
  EXPECT_EQ(s.message(), "constraint \"nosuch\" of relation \"t\" does not exist");
  ASSERT_TRUE(Run("ALTER TABLE t DROP CONSTRAINT IF EXISTS nosuch").ok());
  ASSERT_EQ(notices_.size(), 1u);
  EXPECT_EQ(notices_[0], "constraint \"nosuch\" of relation \"t\" does not exist, skipping");
}

TEST_F(DdlAlterTest, SeveralActionsInOrder) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int, c int)").ok());
  ASSERT_TRUE(
      Run("ALTER TABLE t ADD COLUMN b int, ADD CONSTRAINT b_pos CHECK (b > 0), DROP COLUMN c, "
          "ADD UNIQUE (b)")
          .ok());
  auto def = Table("t");
  ASSERT_EQ(def->columns.size(), 3u);
  EXPECT_TRUE(def->columns[1].dropped);
  EXPECT_EQ(def->columns[2].name, "b");
  ASSERT_EQ(def->constraints.size(), 2u);
  EXPECT_EQ(def->constraints[0].name, "b_pos");
  EXPECT_EQ(def->constraints[1].name, "t_b_key");
  EXPECT_EQ(def->data->ColumnCount(), 3u);
  // A later action sees the earlier ones: the second ADD of b fails.
  EXPECT_EQ(Run("ALTER TABLE t ADD COLUMN d int, ADD COLUMN d int").code(), SqlState("42701"));
  EXPECT_EQ(Run("ALTER TABLE t DROP COLUMN a, DROP COLUMN a").code(), sqlstate::kUndefinedColumn);
}

TEST_F(DdlAlterTest, IfExistsOnMissingTable) {
  ASSERT_TRUE(Run("ALTER TABLE IF EXISTS nosuch ADD COLUMN a int").ok());
  EXPECT_EQ(tag_, "ALTER TABLE");
  ASSERT_EQ(notices_.size(), 1u);
  EXPECT_EQ(notices_[0], "relation \"nosuch\" does not exist, skipping");
  ASSERT_TRUE(Run("ALTER TABLE IF EXISTS nosuch RENAME TO other").ok());
  ASSERT_EQ(notices_.size(), 1u);
  EXPECT_EQ(Run("ALTER TABLE nosuch ADD COLUMN a int").code(), sqlstate::kUndefinedTable);
}

TEST_F(DdlAlterTest, AlterTypeRewritesStorageAndIndexes) {
  ASSERT_TRUE(Run("CREATE TABLE t (a int PRIMARY KEY, b text)").ok());
  auto before = Table("t");
  ASSERT_TRUE(before->data->Insert({Value::Int32(1), Value::Text("x")}, &undo_).ok());
  ASSERT_TRUE(Run("ALTER TABLE t ALTER COLUMN a TYPE bigint").ok());
  auto def = Table("t");
  EXPECT_EQ(def->columns[0].type, Type(TypeId::kInt64));
  ASSERT_NE(def->data, before->data);
  EXPECT_EQ(def->data->RowCount(), 1u);
  ASSERT_EQ(def->data->Indexes().size(), 1u);
  EXPECT_EQ(def->data->Insert({Value::Int64(1), Value::Text("y")}, &undo_).status().code(),
            sqlstate::kUniqueViolation);
  // The old version's storage is untouched (a rollback returns to it).
  EXPECT_EQ(before->data->ColumnTypes()[0], Type(TypeId::kInt32));
  Status s = Run("ALTER TABLE t ALTER COLUMN a TYPE boolean");
  EXPECT_EQ(s.code(), sqlstate::kDatatypeMismatch);
  EXPECT_EQ(s.message(), "column \"a\" cannot be cast automatically to type boolean");
  EXPECT_EQ(Run("ALTER TABLE t ALTER COLUMN a TYPE int USING a + 1").code(),
            sqlstate::kFeatureNotSupported);
}

class AlterSessionTest : public EmbeddedDbTest {
 protected:
  std::string Code(std::string_view sql) {
    auto r = conn_->Execute(sql);
    return r.ok() ? "00000" : std::string(r.status().code().code());
  }
};

TEST_F(AlterSessionTest, FailedActionUndoesTheStatement) {
  ASSERT_EQ(Code("CREATE TABLE t (a int)"), "00000");
  ASSERT_EQ(Code("INSERT INTO t VALUES (1)"), "00000");
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN b int UNIQUE, ADD CONSTRAINT big CHECK (a > 5)"),
            "23514");
  EXPECT_EQ(Code("SELECT b FROM t"), "42703");
  EXPECT_EQ(Code("ALTER TABLE t ADD COLUMN b int"), "00000");
}

TEST_F(AlterSessionTest, VacuumInsideTransactionBlock) {
  EXPECT_EQ(Code("VACUUM"), "00000");
  ASSERT_EQ(Code("BEGIN"), "00000");
  auto r = conn_->Execute("VACUUM");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), sqlstate::kActiveSqlTransaction);
  EXPECT_EQ(r.status().message(), "VACUUM cannot run inside a transaction block");
  EXPECT_EQ(Code("SELECT 1"), "25P02");
  ASSERT_EQ(Code("ROLLBACK"), "00000");
  ASSERT_EQ(Code("BEGIN"), "00000");
  EXPECT_EQ(Code("VACUUM ANALYZE"), "25001");
  ASSERT_EQ(Code("ROLLBACK"), "00000");
}

}  // namespace
}  // namespace omen
