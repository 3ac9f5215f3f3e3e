#include "common/array.h"

#include <gtest/gtest.h>

#include "common/type_io.h"

namespace omen {
namespace {

std::string RoundTrip(const char* text, Type elem) {
  Result<Value> v = ParseValue(text, Type::ArrayOf(elem));
  if (!v.ok()) return "ERROR " + std::string(v.status().code().code());
  return FormatValue(*v);
}

TEST(ArrayTest, TextInputAndOutput) {
  EXPECT_EQ(RoundTrip("{1,2,NULL}", TypeId::kInt32), "{1,2,NULL}");
  EXPECT_EQ(RoundTrip(" { 1 , 2 } ", TypeId::kInt64), "{1,2}");
  EXPECT_EQ(RoundTrip("{}", TypeId::kText), "{}");
  EXPECT_EQ(RoundTrip("{a,\"b c\",\"NULL\",\"\",\"x\\\"y\"}", TypeId::kText),
            "{a,\"b c\",\"NULL\",\"\",\"x\\\"y\"}");
  EXPECT_EQ(RoundTrip("[0:1]={5,6}", TypeId::kInt32), "[0:1]={5,6}");
  EXPECT_EQ(RoundTrip("{1.50,2}", TypeId::kNumeric), "{1.50,2}");
  EXPECT_EQ(RoundTrip("{t,f}", TypeId::kBool), "{t,f}");
}

TEST(ArrayTest, Errors) {
  EXPECT_EQ(RoundTrip("1,2", TypeId::kInt32), "ERROR 22P02");
  EXPECT_EQ(RoundTrip("{1,2", TypeId::kInt32), "ERROR 22P02");
  EXPECT_EQ(RoundTrip("{1,,2}", TypeId::kInt32), "ERROR 22P02");
  EXPECT_EQ(RoundTrip("{{1},{2}}", TypeId::kInt32), "ERROR 0A000");
  EXPECT_EQ(RoundTrip("{x}", TypeId::kInt32), "ERROR 22P02");
}

TEST(ArrayTest, EncodingKeepsElementsAndNulls) {
  std::vector<Value> in = {Value::Int32(7), Value::Null(TypeId::kInt32), Value::Int32(-1)};
  std::string bytes = EncodeArray(in, 3);
  int32_t lower = 0;
  std::vector<Value> out = DecodeArray(bytes, Type(TypeId::kInt32), &lower);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(lower, 3);
  EXPECT_EQ(out[0].i, 7);
  EXPECT_TRUE(out[1].is_null);
  EXPECT_EQ(out[2].i, -1);
  EXPECT_EQ(ArrayLength(bytes), 3u);
  EXPECT_EQ(Type::ArrayOf(Type(TypeId::kInt32)).Oid(), 1007u);
  EXPECT_EQ(Type::ArrayOf(Type(TypeId::kVarchar, 14)).ToString(), "character varying(14)[]");
  Type t;
  ASSERT_TRUE(TypeFromOid(1009, &t));
  EXPECT_EQ(t, Type::ArrayOf(Type(TypeId::kText)));
}

}  // namespace
}  // namespace omen
