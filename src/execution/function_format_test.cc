#include <gtest/gtest.h>

#include "catalog/functions.h"
#include "common/type_io.h"
#include "execution/functions.h"

namespace omen::execution {
namespace {

// Evaluates name(args...) on one row of literals; "ERR <sqlstate>" or the text output.
std::string Call(const char* name, const std::vector<std::pair<TypeId, const char*>>& args) {
  std::vector<Type> types;
  std::vector<Vector> cols;
  for (const auto& [t, text] : args) {
    types.emplace_back(t);
    Vector v{Type(t)};
    Result<Value> val = ParseValue(text, Type(t));
    EXPECT_TRUE(val.ok()) << text;
    v.Append(*val);
    cols.push_back(std::move(v));
  }
  Result<catalog::ResolvedFunction> rf = catalog::ResolveFunction(name, types);
  if (!rf.ok()) return "RESOLVE " + rf.status().message();
  ScalarKernel k = FindScalarKernel(rf->sig->oid);
  if (k == nullptr) return "NO KERNEL";
  std::vector<const Vector*> ptrs;
  for (const Vector& c : cols) ptrs.push_back(&c);
  Vector out(rf->ret);
  Status s = k(ptrs, 1, &out);
  if (!s.ok()) return "ERR " + std::string(s.code().code());
  return out.IsNull(0) ? "NULL" : FormatValue(out.GetValue(0));
}

constexpr TypeId kTs = TypeId::kTimestamp, kText = TypeId::kText, kNum = TypeId::kNumeric, kI4 = TypeId::kInt32,
                 kI8 = TypeId::kInt64;

TEST(FunctionFormatTest, TimestampToChar) {
  EXPECT_EQ(Call("to_char", {{kTs, "2024-05-06 17:08:09.123456"}, {kText, "YYYY-MM-DD HH24:MI:SS.US"}}),
            "2024-05-06 17:08:09.123456");
  EXPECT_EQ(Call("to_char", {{kTs, "2024-05-06 17:08:09"}, {kText, "FMHH12 am Day|Mon \"Q\"Q"}}),
            "5 pm Monday   |May Q2");
  EXPECT_EQ(Call("to_char", {{kTs, "infinity"}, {kText, "YYYY"}}), "NULL");
}

TEST(FunctionFormatTest, NumberToChar) {
  EXPECT_EQ(Call("to_char", {{kNum, "12345.678"}, {kText, "99,999.99"}}), " 12,345.68");
  EXPECT_EQ(Call("to_char", {{kI4, "-485"}, {kText, "999PR"}}), "<485>");
  EXPECT_EQ(Call("to_char", {{kI4, "12345"}, {kText, "999"}}), " ###");
  EXPECT_EQ(Call("to_char", {{kNum, "0.5"}, {kText, "9.99"}}), "  .50");
  EXPECT_EQ(Call("to_char", {{kI4, "5"}, {kText, "S999"}}), "  +5");
}

TEST(FunctionFormatTest, ParseDates) {
  EXPECT_EQ(Call("to_date", {{kText, "08/05/2024"}, {kText, "DD/MM/YYYY"}}), "2024-05-08");
  EXPECT_EQ(Call("to_date", {{kText, "2024-13-01"}, {kText, "YYYY-MM-DD"}}), "ERR 22008");
  EXPECT_EQ(Call("to_date", {{kText, "2024-ab-01"}, {kText, "YYYY-MM-DD"}}), "ERR 22007");
}

TEST(FunctionFormatTest, FactorialAndWidthBucket) {
  EXPECT_EQ(Call("factorial", {{kI8, "20"}}), "2432902008176640000");
  EXPECT_EQ(Call("factorial", {{kI8, "-1"}}), "ERR 22003");
  EXPECT_EQ(Call("width_bucket", {{kNum, "5"}, {kNum, "0"}, {kNum, "10"}, {kI4, "5"}}), "3");
  EXPECT_EQ(Call("width_bucket", {{kNum, "5"}, {kNum, "0"}, {kNum, "10"}, {kI4, "0"}}), "ERR 2201G");
}

}  // namespace
}  // namespace omen::execution
