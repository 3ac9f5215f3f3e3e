#include "common/numeric.h"

#include <gtest/gtest.h>

#include "common/numeric_internal.h"

namespace omen {
namespace {

Numeric N(const char* s) {
  Result<Numeric> r = Numeric::Parse(s);
  EXPECT_TRUE(r.ok()) << s;
  return r.ok() ? *r : Numeric();
}

// Expected strings come from PostgreSQL 15.
TEST(NumericTest, ParseAndFormat) {
  EXPECT_EQ(N(" 1.5e3 ").ToString(), "1500");
  EXPECT_EQ(N("1e-3").ToString(), "0.001");
  EXPECT_EQ(N("-0.00").ToString(), "0.00");
  EXPECT_EQ(N("+.5").ToString(), "0.5");
  EXPECT_EQ(N("5.").ToString(), "5");
  EXPECT_EQ(N("nan").ToString(), "NaN");
  EXPECT_EQ(N("-inf").ToString(), "-Infinity");
  Result<Numeric> bad = Numeric::Parse("abc");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), sqlstate::kInvalidTextRepresentation);
  EXPECT_EQ(bad.status().message(), "invalid input syntax for type numeric: \"abc\"");
}

TEST(NumericTest, Division) {
  EXPECT_EQ(N("1").Div(N("3"))->ToString(), "0.33333333333333333333");
  EXPECT_EQ(N("10").Div(N("4"))->ToString(), "2.5000000000000000");
  EXPECT_EQ(N("100000").Div(N("3"))->ToString(), "33333.333333333333");
  EXPECT_EQ(N("2").Div(N("3"))->ToString(), "0.66666666666666666667");
  EXPECT_EQ(N("1").Div(N("7000"))->ToString(), "0.00014285714285714286");
  EXPECT_EQ(N("0.0001").Div(N("3"))->ToString(), "0.000033333333333333333333");
  EXPECT_EQ(N("1.0").Div(N("7.0"))->ToString(), "0.14285714285714285714");
  EXPECT_EQ(N("12345678901234567890123456789012345678901234567890").Div(N("7"))->ToString(),
            "1763668414462081127160493827001763668414462081127");
  Result<Numeric> z = N("1").Div(N("0"));
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.status().code(), sqlstate::kDivisionByZero);
  EXPECT_EQ(N("5").Div(N("inf"))->ToString(), "0");
  EXPECT_FALSE(N("inf").Div(N("0")).ok());
}

TEST(NumericTest, AddMulMod) {
  EXPECT_EQ(N("1.5e2").Mul(N("2.25"))->ToString(), "337.50");
  EXPECT_EQ(N("123456789012345678901234567890.5").Mul(N("1000000000000.25"))->ToString(),
            "123456789012376543098487654310225308641972.625");
  EXPECT_EQ(N("99999999999999999999999999999999999999").Add(N("1"))->ToString(),
            "100000000000000000000000000000000000000");
  EXPECT_EQ(N("1.1").Sub(N("0.25"))->ToString(), "0.85");
  EXPECT_EQ(N("7.5").Mod(N("-2"))->ToString(), "1.5");
  EXPECT_EQ(N("-7.5").Mod(N("2"))->ToString(), "-1.5");
  EXPECT_EQ(N("inf").Mul(N("0"))->ToString(), "NaN");
  EXPECT_EQ(N("5").Mod(N("inf"))->ToString(), "5");
  EXPECT_EQ(N("inf").Mod(N("5"))->ToString(), "NaN");
  EXPECT_EQ(N("inf").Add(N("-inf"))->ToString(), "NaN");
  EXPECT_FALSE(N("1e131071").Mul(N("100")).ok());
}

TEST(NumericTest, RoundTruncTypmod) {
  EXPECT_EQ(N("2.5").Round(0).ToString(), "3");
  EXPECT_EQ(N("-2.5").Round(0).ToString(), "-3");
  EXPECT_EQ(N("1234.5678").Round(-2).ToString(), "1200");
  EXPECT_EQ(N("-1.99").Trunc(1).ToString(), "-1.9");
  int32_t t102 = ((10 << 16) | 2) + 4;
  EXPECT_EQ(N("1.005").ApplyTypmod(t102)->ToString(), "1.01");
  int32_t t52 = ((5 << 16) | 2) + 4;
  Result<Numeric> over = N("12345.6").ApplyTypmod(t52);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), "numeric field overflow");
  EXPECT_EQ(over.status().detail(),
            "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
  EXPECT_FALSE(N("inf").ApplyTypmod(t52).ok());
}

TEST(NumericTest, CompareHashConvert) {
  EXPECT_EQ(N("1.0").Compare(N("1.00")), 0);
  EXPECT_EQ(N("1.0").Hash(), N("1.00").Hash());
  EXPECT_LT(N("-inf").Compare(N("-1e100")), 0);
  EXPECT_GT(N("nan").Compare(N("inf")), 0);
  EXPECT_LT(N("123456789012345678901234567890123456789012").Compare(N("123456789012345678901234567890123456789013")), 0);
  EXPECT_EQ(*N("2.5").ToInt64(), 3);
  EXPECT_EQ(*N("-2.5").ToInt64(), -3);
  EXPECT_FALSE(N("9223372036854775808").ToInt64().ok());
  EXPECT_DOUBLE_EQ(N("0.1").ToDouble(), 0.1);
  EXPECT_EQ(Numeric::FromDouble(0.1).ToString(), "0.1");
  EXPECT_EQ(Numeric::FromInt64(-42).ToString(), "-42");
}

TEST(NumericTest, Sqrt) {
  EXPECT_EQ(NumericSqrt(N("2"))->ToString(), "1.414213562373095");
  EXPECT_EQ(NumericSqrt(N("100"))->ToString(), "10.000000000000000");
  EXPECT_EQ(NumericSqrt(N("0.0001"))->ToString(), "0.01000000000000000");
  EXPECT_EQ(NumericSqrt(N("1e10"))->ToString(), "100000.00000000000");
  EXPECT_EQ(NumericSqrt(N("12345678901234567890"))->ToString(), "3513641828.8201443");
  EXPECT_EQ(NumericSqrt(N("0"))->ToString(), "0.000000000000000");
  EXPECT_EQ(NumericSqrt(N("2.00000000000000000000"))->ToString(), "1.41421356237309504880");
  EXPECT_EQ(NumericSqrt(N("-1")).status().code(), SqlState("2201F"));
}

}  // namespace
}  // namespace omen
