// Table::DropIndex(name, undo): a rolled-back drop restores the index at its
// old position with entries for the rows as they are after the rollback.

#include <gtest/gtest.h>

#include "common/sqlstate.h"
#include "storage/table.h"

namespace omen::storage {
namespace {

std::shared_ptr<Table> MakeTable() {
  return std::make_shared<Table>(std::vector<Type>{Type(TypeId::kInt64), Type(TypeId::kInt32)});
}

std::vector<std::string> IndexNames(const Table& t) {
  std::vector<std::string> out;
  for (const auto& spec : t.Indexes()) out.push_back(spec.name);
  return out;
}

std::vector<row_id_t> Lookup(const Table& t, int index, Value key) {
  std::vector<row_id_t> rows;
  EXPECT_TRUE(t.IndexLookup(nullptr, index, {std::move(key)}, &rows).ok());
  return rows;
}

class TableIndexUndoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t_->CreateIndex(IndexSpec{"t_pkey", {0}, true, {"id"}}, nullptr).ok());
    ASSERT_TRUE(t_->CreateIndex(IndexSpec{"t_a_idx", {1}, false, {"a"}}, nullptr).ok());
    ASSERT_TRUE(t_->CreateIndex(IndexSpec{"t_a_key", {1}, true, {"a"}}, nullptr).ok());
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(t_->Insert({Value::Int64(i), Value::Int32(i * 10)}, nullptr).ok());
    }
  }
  std::shared_ptr<Table> t_ = MakeTable();
  UndoLog undo_;
};

TEST_F(TableIndexUndoTest, RollbackRestoresPosition) {
  ASSERT_TRUE(t_->DropIndex("t_a_idx", &undo_).ok());
  EXPECT_EQ(IndexNames(*t_), (std::vector<std::string>{"t_pkey", "t_a_key"}));
  undo_.RollbackTo(0);
  EXPECT_EQ(IndexNames(*t_), (std::vector<std::string>{"t_pkey", "t_a_idx", "t_a_key"}));
  EXPECT_EQ(Lookup(*t_, 1, Value::Int32(30)), (std::vector<row_id_t>{3}));
  EXPECT_EQ(Lookup(*t_, 2, Value::Int32(40)), (std::vector<row_id_t>{4}));
}

TEST_F(TableIndexUndoTest, RowsChangedAfterDropAreUndoneFirst) {
  ASSERT_TRUE(t_->DropIndex("t_a_key", &undo_).ok());
  ASSERT_TRUE(t_->Insert({Value::Int64(100), Value::Int32(10)}, &undo_).ok());  // dup of a=10
  ASSERT_TRUE(t_->Delete(5, &undo_).ok());
  ASSERT_TRUE(t_->Update(6, {1}, {Value::Int32(-6)}, &undo_).ok());
  undo_.RollbackTo(0);
  ASSERT_EQ(IndexNames(*t_).size(), 3u);
  EXPECT_EQ(Lookup(*t_, 2, Value::Int32(10)), (std::vector<row_id_t>{1}));
  EXPECT_EQ(Lookup(*t_, 2, Value::Int32(50)), (std::vector<row_id_t>{5}));
  EXPECT_EQ(Lookup(*t_, 2, Value::Int32(60)), (std::vector<row_id_t>{6}));
  EXPECT_TRUE(Lookup(*t_, 2, Value::Int32(-6)).empty());
  // The restored unique index enforces uniqueness again.
  auto dup = t_->Insert({Value::Int64(200), Value::Int32(20)}, nullptr);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), sqlstate::kUniqueViolation);
}

TEST_F(TableIndexUndoTest, SavepointsAndSeveralDrops) {
  ASSERT_TRUE(t_->DropIndex("t_pkey", &undo_).ok());
  size_t savepoint = undo_.Position();
  ASSERT_TRUE(t_->DropIndex("t_a_key", &undo_).ok());
  ASSERT_TRUE(t_->DropIndex("t_a_idx", &undo_).ok());
  EXPECT_TRUE(IndexNames(*t_).empty());
  undo_.RollbackTo(savepoint);
  EXPECT_EQ(IndexNames(*t_), (std::vector<std::string>{"t_a_idx", "t_a_key"}));
  undo_.RollbackTo(0);
  EXPECT_EQ(IndexNames(*t_), (std::vector<std::string>{"t_pkey", "t_a_idx", "t_a_key"}));
  EXPECT_EQ(Lookup(*t_, 0, Value::Int64(7)), (std::vector<row_id_t>{7}));
}

TEST_F(TableIndexUndoTest, DropThenCreateSameNameRollsBack) {
  ASSERT_TRUE(t_->DropIndex("t_a_idx", &undo_).ok());
  ASSERT_TRUE(t_->CreateIndex(IndexSpec{"t_a_idx", {0}, false, {"id"}}, &undo_).ok());
  undo_.RollbackTo(0);
  EXPECT_EQ(IndexNames(*t_), (std::vector<std::string>{"t_pkey", "t_a_idx", "t_a_key"}));
  EXPECT_EQ(t_->Indexes()[1].columns, (std::vector<int>{1}));
}

TEST_F(TableIndexUndoTest, MissingNameIsNoOp) {
  ASSERT_TRUE(t_->DropIndex("nope", &undo_).ok());
  EXPECT_EQ(undo_.Position(), 0u);
  EXPECT_EQ(IndexNames(*t_).size(), 3u);
}

}  // namespace
}  // namespace omen::storage
