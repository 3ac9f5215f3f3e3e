#include "storage/row_codec.h"

#include <gtest/gtest.h>

#include <cmath>

#include "storage/table.h"

namespace omen::storage {
namespace {

std::vector<Type> Types() {
  return {Type(TypeId::kInt64), Type(TypeId::kFloat64), Type(TypeId::kNumeric),
          Type(TypeId::kText),  Type(TypeId::kBool),    Type(TypeId::kDate)};
}

TEST(RowCodecTest, RoundTripsEveryPhysicalTypeAndNull) {
  auto types = Types();
  std::vector<Value> row = {Value::Int64(-1234567890123LL),
                            Value::Float64(-0.5),
                            Value::FromNumeric(*Numeric::Parse("12345.6700")),
                            Value::Text("héllo"),
                            Value::Null(Type(TypeId::kBool)),
                            Value::Date(-3)};
  std::string bytes;
  EncodeRow(types, row, &bytes);
  DataChunk chunk(types);
  ASSERT_TRUE(DecodeRowInto(bytes, types, &chunk).ok());
  ASSERT_EQ(chunk.size, 1u);
  std::vector<Value> back = chunk.GetRow(0);
  EXPECT_EQ(back[0].i, -1234567890123LL);
  EXPECT_EQ(back[1].d, -0.5);
  EXPECT_EQ(back[2].n.ToString(), "12345.6700");
  EXPECT_EQ(back[3].s, "héllo");
  EXPECT_TRUE(back[4].is_null);
  EXPECT_EQ(back[5].i, -3);
}

TEST(RowCodecTest, MissingTrailingColumnsDecodeAsNull) {
  std::vector<Type> old_types = {Type(TypeId::kInt32)};
  std::string bytes;
  EncodeRow(old_types, {Value::Int32(7)}, &bytes);
  std::vector<Type> now = {Type(TypeId::kInt32), Type(TypeId::kText)};
  DataChunk chunk(now);
  ASSERT_TRUE(DecodeRowInto(bytes, now, &chunk).ok());
  EXPECT_EQ(chunk.GetRow(0)[0].i, 7);
  EXPECT_TRUE(chunk.GetRow(0)[1].is_null);
}

TEST(RowCodecTest, GarbageIsDataCorrupted) {
  auto types = Types();
  DataChunk chunk(types);
  EXPECT_EQ(DecodeRowInto("", types, &chunk).code(), sqlstate::kDataCorrupted);
  EXPECT_EQ(DecodeRowInto("\x09\x01", types, &chunk).code(), sqlstate::kDataCorrupted);
  std::string bytes;
  EncodeRow(types,
            {Value::Int64(1), Value::Float64(2), Value::FromNumeric(Numeric::FromInt64(3)),
             Value::Text("abc"), Value::Bool(true), Value::Date(1)},
            &bytes);
  EXPECT_EQ(DecodeRowInto(bytes.substr(0, bytes.size() - 2), types, &chunk).code(),
            sqlstate::kDataCorrupted);
  EXPECT_EQ(DecodeRowInto(bytes + "x", types, &chunk).code(), sqlstate::kDataCorrupted);
}

TEST(RowCodecTest, RestoreRowsKeepsRowIdsAndGaps) {
  std::vector<Type> types = {Type(TypeId::kInt64)};
  auto table = std::make_shared<Table>(types);
  DataChunk chunk(types);
  std::vector<row_id_t> ids = {0, 2, 3, 70000};
  for (row_id_t id : ids) chunk.AppendRow({Value::Int64(static_cast<int64_t>(id) * 10)});
  ASSERT_TRUE(table->RestoreRows(chunk, ids).ok());
  EXPECT_EQ(table->RowCount(), 4u);
  std::vector<Value> out;
  EXPECT_FALSE(table->Fetch(nullptr, 1, {0}, &out));
  ASSERT_TRUE(table->Fetch(nullptr, 70000, {0}, &out));
  EXPECT_EQ(out[0].i, 700000);
  ASSERT_TRUE(table->CreateIndex(IndexSpec{"pk", {0}, true, {"a"}}, nullptr).ok());
  std::vector<row_id_t> found;
  ASSERT_TRUE(table->IndexLookup(nullptr, 0, {Value::Int64(30)}, &found).ok());
  EXPECT_EQ(found, std::vector<row_id_t>{3});
  // The gaps are dead slots: inserts refill them, lowest first.
  auto next = table->Insert({Value::Int64(5)}, nullptr);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 1u);
  ASSERT_TRUE(table->Fetch(nullptr, 1, {0}, &out));
  EXPECT_EQ(out[0].i, 5);
  EXPECT_EQ(table->RowCount(), 5u);
  DataChunk late(types);
  late.AppendRow({Value::Int64(1)});
  EXPECT_FALSE(table->RestoreRows(late, {5}).ok());  // has indexes now
}

}  // namespace
}  // namespace omen::storage
