#include "server/pg_binary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/type_io.h"

namespace omen::server {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string Encode(const std::string& text, Type type) {
  Result<Value> v = ParseValue(text, type);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  std::string out;
  EXPECT_TRUE(EncodeBinary(*v, &out).ok());
  return out;
}

// Bytes PostgreSQL 15's typsend functions produce (SELECT numeric_send(...), int4send(...), ...).
TEST(PgBinaryTest, MatchesPostgresBytes) {
  EXPECT_EQ(Hex(Encode("12345.678", Type(TypeId::kNumeric))), "0003000100000003000109291a7c");
  EXPECT_EQ(Hex(Encode("0", Type(TypeId::kNumeric))), "0000000000000000");
  EXPECT_EQ(Hex(Encode("0.000", Type(TypeId::kNumeric))), "0000000000000003");
  EXPECT_EQ(Hex(Encode("-0.00012", Type(TypeId::kNumeric))), "0002ffff40000005000107d0");
  EXPECT_EQ(Hex(Encode("100000000", Type(TypeId::kNumeric))), "00010002000000000001");
  EXPECT_EQ(Hex(Encode("NaN", Type(TypeId::kNumeric))), "00000000c0000000");
  EXPECT_EQ(Hex(Encode("0.000000000000000000015", Type(TypeId::kNumeric))),
            "0002fffb0000001500011388");
  EXPECT_EQ(Hex(Encode("-2", Type(TypeId::kInt32))), "fffffffe");
  EXPECT_EQ(Hex(Encode("7", Type(TypeId::kInt16))), "0007");
  EXPECT_EQ(Hex(Encode("t", Type(TypeId::kBool))), "01");
  EXPECT_EQ(Hex(Encode("1.5", Type(TypeId::kFloat64))), "3ff8000000000000");
  EXPECT_EQ(Hex(Encode("1.5", Type(TypeId::kFloat32))), "3fc00000");
  EXPECT_EQ(Hex(Encode("2000-01-02", Type(TypeId::kDate))), "00000001");
  EXPECT_EQ(Hex(Encode("2000-01-01 00:00:01", Type(TypeId::kTimestamp))), "00000000000f4240");
  EXPECT_EQ(Hex(Encode("infinity", Type(TypeId::kDate))), "7fffffff");
  const Type int4_array = Type::ArrayOf(Type(TypeId::kInt32));
  EXPECT_EQ(Hex(Encode("{1,NULL,3}", int4_array)),
            "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003");
  EXPECT_EQ(Hex(Encode("{}", int4_array)), "000000000000000000000017");
  EXPECT_EQ(Hex(Encode("{a,bc}", Type::ArrayOf(Type(TypeId::kText)))),
            "00000001000000000000001900000002000000010000000161000000026263");
  EXPECT_EQ(Hex(Encode("[0:1]={5,6}", Type::ArrayOf(Type(TypeId::kInt64)))),
            "000000010000000000000014000000020000000000000008000000000000000500000008000000000000"
            "0006");
  EXPECT_EQ(Hex(Encode("1 year 2 mons 3 days 04:05:06.5", Type(TypeId::kInterval))),
            "000000036c9361a0000000030000000e");
  EXPECT_EQ(Hex(Encode("x", Type(TypeId::kSingleChar))), "78");
  EXPECT_EQ(Hex(Encode("1259", Type(TypeId::kOid))), "000004eb");
}

struct Sample {
  Type type;
  std::vector<std::string> texts;
};

TEST(PgBinaryTest, RoundTripsEveryType) {
  const std::vector<Sample> samples = {
      {Type(TypeId::kBool), {"t", "f"}},
      {Type(TypeId::kInt16), {"0", "-32768", "32767"}},
      {Type(TypeId::kInt32), {"0", "-2147483648", "2147483647"}},
      {Type(TypeId::kInt64), {"0", "-9223372036854775808", "9223372036854775807"}},
      {Type(TypeId::kFloat32), {"0", "-1.5", "3.4028235e+38", "NaN", "-Infinity", "1e-45"}},
      {Type(TypeId::kFloat64), {"0", "0.1", "-1.7976931348623157e+308", "Infinity", "5e-324"}},
      {Type(TypeId::kNumeric),
       {"0", "1", "-1", "0.0001", "12345678901234567890123456789012345678901234.5678", "-0.5",
        "10000", "1e100", "123.4500", "NaN", "Infinity", "-Infinity"}},
      {Type(TypeId::kNumeric, ((10 << 16) | 2) + 4), {"12.35", "-99999999.99"}},
      {Type(TypeId::kText), {"", "hello", "ünïcödé ✓", "a'b\"c\\d"}},
      {Type(TypeId::kVarchar, 5), {"abc", "abcde"}},
      {Type(TypeId::kChar, 4), {"ab", "abcd"}},
      {Type(TypeId::kDate),
       {"2000-01-01", "1999-12-31", "4713-01-01 BC", "5874897-12-31", "infinity", "-infinity"}},
      {Type(TypeId::kTimestamp),
       {"2000-01-01 00:00:00", "1970-01-01 12:34:56.789012", "294276-12-31 23:59:59.999999",
        "infinity", "-infinity"}},
      {Type(TypeId::kTimestampTz), {"2024-02-29 23:59:59.5+00", "1900-01-01 00:00:00+00"}},
      {Type(TypeId::kOid), {"0", "4294967295", "1259"}},
      {Type(TypeId::kName), {"pg_class", ""}},
      {Type(TypeId::kSingleChar), {"r", ""}},
      {Type(TypeId::kInterval),
       {"0", "-1 years -2 mons +3 days -04:05:06.000001", "1 day ago", "178000000 years"}},
      {Type::ArrayOf(Type(TypeId::kInt32)), {"{}", "{1,NULL,-3}", "[-2:0]={7,8,9}"}},
      {Type::ArrayOf(Type(TypeId::kText)), {"{\"a b\",NULL,\"x\\\"y\",\"\"}"}},
      {Type::ArrayOf(Type(TypeId::kNumeric, ((6 << 16) | 2) + 4)), {"{1.50,-2.25}"}},
      {Type::ArrayOf(Type(TypeId::kDate)), {"{2000-01-01,infinity}"}},
      {Type::ArrayOf(Type(TypeId::kInterval)), {"{\"1 day\",\"-00:00:01\"}"}},
      {Type::ArrayOf(Type(TypeId::kBool)), {"{t,f,NULL}"}},
  };
  for (const Sample& s : samples) {
    for (const std::string& text : s.texts) {
      Result<Value> v = ParseValue(text, s.type);
      ASSERT_TRUE(v.ok()) << s.type.ToString() << " " << text << ": " << v.status().ToString();
      std::string bytes;
      ASSERT_TRUE(EncodeBinary(*v, &bytes).ok()) << s.type.ToString();
      Result<Value> back = DecodeBinary(bytes, s.type);
      ASSERT_TRUE(back.ok()) << s.type.ToString() << " " << text << ": "
                             << back.status().ToString();
      EXPECT_EQ(FormatValue(*back), FormatValue(*v)) << s.type.ToString() << " " << text;
      EXPECT_EQ(back->type.id, s.type.id);
      EXPECT_EQ(back->type.elem, s.type.elem);
    }
  }
}

TEST(PgBinaryTest, RejectsMalformedBytes) {
  EXPECT_EQ(DecodeBinary("abc", Type(TypeId::kInt32)).status().code(),
            sqlstate::kProtocolViolation);
  EXPECT_EQ(DecodeBinary("abcde", Type(TypeId::kInt32)).status().code(),
            kInvalidBinaryRepresentation);
  EXPECT_EQ(DecodeBinary("", Type(TypeId::kBool)).status().code(), sqlstate::kProtocolViolation);
  EXPECT_EQ(
      DecodeBinary(std::string("\0\1\0\0\0\0\0\0", 8), Type(TypeId::kNumeric)).status().code(),
      kInvalidBinaryRepresentation);  // one digit announced, none sent
  // A digit of 10000 or more is not base 10000.
  EXPECT_EQ(DecodeBinary(std::string("\0\1\0\0\0\0\0\0\x27\x10", 10), Type(TypeId::kNumeric))
                .status()
                .code(),
            kInvalidBinaryRepresentation);
  // Arrays: a wrong element type, a truncated element.
  EXPECT_EQ(DecodeBinary(std::string("\0\0\0\0\0\0\0\0\0\0\0\x19", 12),
                         Type::ArrayOf(Type(TypeId::kInt32)))
                .status()
                .code(),
            sqlstate::kDatatypeMismatch);
  EXPECT_EQ(DecodeBinary(std::string("\0\0\0\1\0\0\0\0\0\0\0\x17\0\0\0\1\0\0\0\1\0\0\0\4\0", 25),
                         Type::ArrayOf(Type(TypeId::kInt32)))
                .status()
                .code(),
            sqlstate::kProtocolViolation);
  // The typmod applies to binary input too.
  EXPECT_EQ(DecodeBinary("abcdef", Type(TypeId::kVarchar, 3)).status().code(),
            sqlstate::kStringDataRightTruncation);
}

}  // namespace
}  // namespace omen::server
