#include "common/type_io.h"

#include <gtest/gtest.h>

#include "common/vector.h"

namespace omen {
namespace {

std::string RoundTrip(const char* text, Type t) {
  Result<Value> v = ParseValue(text, t);
  if (!v.ok()) return "ERR " + std::string(v.status().code().code()) + " " + v.status().message();
  return FormatValue(*v);
}

std::string Cast(Value v, Type t, CastContext ctx = CastContext::kExplicit) {
  Result<Value> r = CastValue(v, t, ctx);
  if (!r.ok()) return "ERR " + std::string(r.status().code().code()) + " " + r.status().message();
  return FormatValue(*r);
}

// Expected outputs from PostgreSQL 15.
TEST(TypeIoTest, Integers) {
  EXPECT_EQ(RoundTrip(" 12 ", TypeId::kInt16), "12");
  EXPECT_EQ(RoundTrip("-2147483648", TypeId::kInt32), "-2147483648");
  EXPECT_EQ(RoundTrip("99999", TypeId::kInt16), "ERR 22003 value \"99999\" is out of range for type smallint");
  EXPECT_EQ(RoundTrip("", TypeId::kInt32), "ERR 22P02 invalid input syntax for type integer: \"\"");
  EXPECT_EQ(RoundTrip("12a", TypeId::kInt64), "ERR 22P02 invalid input syntax for type bigint: \"12a\"");
  EXPECT_EQ(RoundTrip("9223372036854775808", TypeId::kInt64),
            "ERR 22003 value \"9223372036854775808\" is out of range for type bigint");
}

TEST(TypeIoTest, Floats) {
  EXPECT_EQ(RoundTrip("1e15", TypeId::kFloat64), "1e+15");
  EXPECT_EQ(RoundTrip("1e14", TypeId::kFloat64), "100000000000000");
  EXPECT_EQ(RoundTrip("123456789012345678", TypeId::kFloat64), "1.2345678901234568e+17");
  EXPECT_EQ(RoundTrip("0.0001", TypeId::kFloat64), "0.0001");
  EXPECT_EQ(RoundTrip("0.00001234", TypeId::kFloat64), "1.234e-05");
  EXPECT_EQ(RoundTrip("100000", TypeId::kFloat32), "100000");
  EXPECT_EQ(RoundTrip("1000000", TypeId::kFloat32), "1e+06");
  EXPECT_EQ(RoundTrip("123456789", TypeId::kFloat32), "1.2345679e+08");
  EXPECT_EQ(RoundTrip("3.14159", TypeId::kFloat32), "3.14159");
  // Shortest forms exactly on a rounding boundary are not used (PostgreSQL's Ryu).
  EXPECT_EQ(RoundTrip("-361498816", TypeId::kFloat32), "-3.6149882e+08");
  EXPECT_EQ(RoundTrip("-102559376", TypeId::kFloat32), "-1.02559376e+08");
  EXPECT_EQ(RoundTrip("NaN", TypeId::kFloat64), "NaN");
  EXPECT_EQ(RoundTrip("-inf", TypeId::kFloat64), "-Infinity");
  EXPECT_EQ(RoundTrip("-0", TypeId::kFloat64), "-0");
  EXPECT_EQ(RoundTrip("1.7976931348623157e308", TypeId::kFloat64), "1.7976931348623157e+308");
  EXPECT_EQ(RoundTrip("1e400", TypeId::kFloat64),
            "ERR 22003 \"1e400\" is out of range for type double precision");
  EXPECT_EQ(RoundTrip("x", TypeId::kFloat32), "ERR 22P02 invalid input syntax for type real: \"x\"");
  EXPECT_EQ(Cast(Value::Float64(0.1f), TypeId::kFloat64), "0.10000000149011612");
}

TEST(TypeIoTest, BoolAndText) {
  EXPECT_EQ(RoundTrip("  t", TypeId::kBool), "t");
  EXPECT_EQ(RoundTrip("of", TypeId::kBool), "f");
  EXPECT_EQ(RoundTrip("Y", TypeId::kBool), "t");
  EXPECT_EQ(RoundTrip("tr", TypeId::kBool), "t");
  EXPECT_EQ(RoundTrip("o", TypeId::kBool), "ERR 22P02 invalid input syntax for type boolean: \"o\"");
  EXPECT_EQ(RoundTrip("abcd", Type(TypeId::kVarchar, 2)),
            "ERR 22001 value too long for type character varying(2)");
  EXPECT_EQ(RoundTrip("ab  ", Type(TypeId::kVarchar, 2)), "ab");
  EXPECT_EQ(RoundTrip("a", Type(TypeId::kChar, 3)), "a  ");
  EXPECT_EQ(Cast(Value::Text("abcd"), Type(TypeId::kVarchar, 2)), "ab");
  EXPECT_EQ(Cast(Value::Text("abcd"), Type(TypeId::kVarchar, 2), CastContext::kAssignment),
            "ERR 22001 value too long for type character varying(2)");
  EXPECT_EQ(Cast(Value::Text("abcd"), Type(TypeId::kChar, 2)), "ab");
  Result<Value> c = ParseValue("a", Type(TypeId::kChar, 3));
  EXPECT_EQ(Cast(*c, TypeId::kText) + "|", "a|");
  EXPECT_EQ(Cast(Value::Bool(true), TypeId::kText), "true");
}

TEST(TypeIoTest, Numeric) {
  EXPECT_EQ(RoundTrip("1.005", Type(TypeId::kNumeric, ((10 << 16) | 2) + 4)), "1.01");
  EXPECT_EQ(Cast(Value::Float32(0.1f), TypeId::kNumeric), "0.1");
  EXPECT_EQ(Cast(Value::Float64(0.1), TypeId::kNumeric), "0.1");
  EXPECT_EQ(Cast(Value::Int32(7), Type(TypeId::kNumeric, ((5 << 16) | 2) + 4)), "7.00");
}

TEST(TypeIoTest, Dates) {
  EXPECT_EQ(RoundTrip("2020-02-29", TypeId::kDate), "2020-02-29");
  EXPECT_EQ(RoundTrip("epoch", TypeId::kDate), "1970-01-01");
  EXPECT_EQ(RoundTrip("20200101", TypeId::kDate), "2020-01-01");
  EXPECT_EQ(RoundTrip("5874897-12-31", TypeId::kDate), "5874897-12-31");
  EXPECT_EQ(RoundTrip("99999999-01-01", TypeId::kDate), "ERR 22008 date out of range: \"99999999-01-01\"");
  EXPECT_EQ(RoundTrip("4714-11-23 BC", TypeId::kDate), "ERR 22008 date out of range: \"4714-11-23 BC\"");
  EXPECT_EQ(RoundTrip("294276-12-31 23:59:59", TypeId::kTimestamp), "294276-12-31 23:59:59");
  EXPECT_EQ(RoundTrip("294277-01-01", TypeId::kTimestamp),
            "ERR 22008 timestamp out of range: \"294277-01-01\"");
  EXPECT_EQ(Cast(*ParseValue("300000-01-01", TypeId::kDate), TypeId::kTimestamp),
            "ERR 22008 date out of range for timestamp");
  EXPECT_EQ(RoundTrip("1900-02-29", TypeId::kDate),
            "ERR 22008 date/time field value out of range: \"1900-02-29\"");
  EXPECT_EQ(RoundTrip("infinity", TypeId::kDate), "infinity");
  EXPECT_EQ(RoundTrip("4713-11-24 BC", TypeId::kDate), "4713-11-24 BC");
  EXPECT_EQ(RoundTrip("2020-13-01", TypeId::kDate),
            "ERR 22008 date/time field value out of range: \"2020-13-01\"");
  EXPECT_EQ(RoundTrip("2020-02-30", TypeId::kDate),
            "ERR 22008 date/time field value out of range: \"2020-02-30\"");
  EXPECT_EQ(RoundTrip("x", TypeId::kDate), "ERR 22007 invalid input syntax for type date: \"x\"");
  EXPECT_EQ(RoundTrip("2020-01-02 03:04", TypeId::kDate), "2020-01-02");
  Value d1 = *ParseValue("0001-01-01", TypeId::kDate);
  d1.i -= 1;
  EXPECT_EQ(FormatValue(d1), "0001-12-31 BC");
}

TEST(TypeIoTest, Timestamps) {
  EXPECT_EQ(RoundTrip("2020-01-02 03:04:05.5", TypeId::kTimestamp), "2020-01-02 03:04:05.5");
  EXPECT_EQ(RoundTrip("2020-01-02 03:04:05.123456", TypeId::kTimestampTz),
            "2020-01-02 03:04:05.123456+00");
  EXPECT_EQ(RoundTrip("2020-01-02", TypeId::kTimestamp), "2020-01-02 00:00:00");
  EXPECT_EQ(RoundTrip("2020-01-02T03:04:05+02", TypeId::kTimestampTz), "2020-01-02 01:04:05+00");
  EXPECT_EQ(RoundTrip("2020-01-02 03:04:05+02", TypeId::kTimestamp), "2020-01-02 03:04:05");
  EXPECT_EQ(RoundTrip("2020-01-02 24:00:00", TypeId::kTimestamp), "2020-01-03 00:00:00");
  EXPECT_EQ(RoundTrip("-infinity", TypeId::kTimestamp), "-infinity");
  Result<Value> ts = ParseValue("2020-01-02 03:04:05", TypeId::kTimestamp);
  EXPECT_EQ(Cast(*ts, TypeId::kDate), "2020-01-02");
  EXPECT_EQ(Cast(*ParseValue("1999-12-31", TypeId::kDate), TypeId::kTimestamp), "1999-12-31 00:00:00");
}

TEST(TypeIoTest, NumericCasts) {
  EXPECT_EQ(Cast(Value::Float64(2.5), TypeId::kInt32), "2");
  EXPECT_EQ(Cast(Value::Float64(3.5), TypeId::kInt32), "4");
  EXPECT_EQ(Cast(Value::Float64(-0.5), TypeId::kInt64), "0");
  EXPECT_EQ(Cast(Value::Float64(1e10), TypeId::kInt32), "ERR 22003 integer out of range");
  EXPECT_EQ(Cast(Value::Int32(40000), TypeId::kInt16), "ERR 22003 smallint out of range");
  EXPECT_EQ(Cast(Value::FromNumeric(*Numeric::Parse("-2.5")), TypeId::kInt32), "-3");
  EXPECT_EQ(Cast(Value::Float64(1e39), TypeId::kFloat32), "ERR 22003 value out of range: overflow");
  EXPECT_EQ(Cast(Value::Int32(5), TypeId::kBool), "t");
  EXPECT_EQ(Cast(Value::Bool(true), TypeId::kInt32), "1");
  EXPECT_EQ(Cast(Value::Text("abc"), TypeId::kInt32), "ERR 22P02 invalid input syntax for type integer: \"abc\"");
}

TEST(TypeIoTest, CastVectorNarrowing) {
  Vector in(TypeId::kInt64);
  in.Append(Value::Int64(1));
  in.Append(Value::Null(TypeId::kInt64));
  in.Append(Value::Int64(3));
  Vector out(TypeId::kInt32);
  ASSERT_TRUE(CastVector(in, TypeId::kInt32, CastContext::kImplicit, &out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out.i64()[2], 3);
  EXPECT_TRUE(out.IsNull(1));
  in.Append(Value::Int64(1LL << 40));
  Status s = CastVector(in, TypeId::kInt32, CastContext::kImplicit, &out);
  EXPECT_EQ(s.message(), "integer out of range");
  Vector txt(TypeId::kText);
  ASSERT_TRUE(CastVector(in, TypeId::kText, CastContext::kExplicit, &txt).ok());
  EXPECT_EQ(txt.str()[3], "1099511627776");
}

}  // namespace
}  // namespace omen
