#include "common/status.h"

#include <gtest/gtest.h>

namespace omen {
namespace {

Status FailIfNegative(int x) {
  if (x < 0) return Status(sqlstate::kNumericValueOutOfRange, "value out of range");
  return Status::OK();
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status(sqlstate::kInvalidParameterValue, "odd");
  return x / 2;
}

Status Chain(int x, int* out) {
  OMEN_RETURN_IF_ERROR(FailIfNegative(x));
  OMEN_ASSIGN_OR_RETURN(int h, Half(x));
  *out = h;
  return Status::OK();
}

TEST(StatusTest, OkHasSuccessCode) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code().code(), "00000");
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesSqlStateDetailHint) {
  Status s(sqlstate::kDivisionByZero, "division by zero");
  s.WithDetail("d").WithHint("h");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), sqlstate::kDivisionByZero);
  EXPECT_EQ(s.code().class_code(), "22");
  EXPECT_EQ(s.ToString(), "ERROR:  division by zero (SQLSTATE 22012)\nDETAIL:  d\nHINT:  h");
  Status copy = s;
  EXPECT_EQ(copy.detail(), "d");
  EXPECT_EQ(copy.hint(), "h");
}

TEST(StatusTest, MacrosPropagate) {
  int out = 0;
  EXPECT_TRUE(Chain(8, &out).ok());
  EXPECT_EQ(out, 4);
  EXPECT_EQ(Chain(-1, &out).code(), sqlstate::kNumericValueOutOfRange);
  EXPECT_EQ(Chain(3, &out).code(), sqlstate::kInvalidParameterValue);
  EXPECT_EQ(out, 4);
}

TEST(StatusTest, ResultHoldsValueOrStatus) {
  Result<int> r = Half(10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
  Result<int> e = Half(1);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(), "odd");
}

TEST(SqlStateTest, Parse) {
  SqlState s;
  EXPECT_TRUE(SqlState::Parse("40P01", &s));
  EXPECT_EQ(s, sqlstate::kDeadlockDetected);
  EXPECT_FALSE(SqlState::Parse("4001", &s));
  EXPECT_FALSE(SqlState::Parse("40p01", &s));
}

TEST(StatusDeathTest, CheckAbortsInEveryBuild) {
  EXPECT_DEATH(OMEN_CHECK(1 + 1 == 3), "check failed: 1 \\+ 1 == 3");
}

}  // namespace
}  // namespace omen
