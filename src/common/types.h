#pragma once
// SQL types: the logical type of a column, value or expression, with the
// PostgreSQL type OID each one has on the wire and in pg_type.
//
// Physical representation in a Vector (see vector.h) and in Value:
//   kBool, kInt16, kInt32, kInt64, kDate, kTimestamp, kTimestampTz -> int64_t
//     (bool 0/1; date = days since 2000-01-01; timestamp[tz] = microseconds
//      since 2000-01-01 00:00:00 UTC, PostgreSQL's binary formats)
//   kFloat32, kFloat64                                -> double (float32 values
//      are rounded to float when produced)
//   kNumeric                                          -> Numeric (numeric.h)
//   kText, kVarchar, kChar, kUnknown                  -> std::string
//   kNull: the type of an untyped NULL literal; every slot is NULL.

#include <cstdint>
#include <string>

namespace omen {

enum class TypeId : uint8_t {
  kNull,     // untyped NULL (PostgreSQL resolves it to text when nothing else decides)
  kUnknown,  // untyped string literal, PostgreSQL's 'unknown' (OID 705)
  kBool,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kNumeric,
  kText,
  kVarchar,
  kChar,  // bpchar
  kDate,
  kTimestamp,
  kTimestampTz,
};

enum class PhysicalType : uint8_t { kInt64, kDouble, kNumeric, kString };

// A logical type plus its modifier, as PostgreSQL's (type OID, typmod).
// typmod: varchar(n)/char(n): n (or -1 when unbounded);
//         numeric(p,s): PostgreSQL's encoding ((p << 16) | s) + 4, -1 when unconstrained.
struct Type {
  TypeId id = TypeId::kNull;
  int32_t typmod = -1;

  constexpr Type() = default;
  constexpr Type(TypeId i, int32_t m = -1) : id(i), typmod(m) {}  // NOLINT: implicit

  PhysicalType physical() const;
  // The PostgreSQL type OID (bool 16, int2 21, int4 23, int8 20, float4 700,
  // float8 701, numeric 1700, text 25, varchar 1043, bpchar 1042, date 1082,
  // timestamp 1114, timestamptz 1184, unknown 705; kNull reports 25 (text)).
  uint32_t Oid() const;
  // pg_type.typlen: 1, 2, 4, 8 or -1 for variable length.
  int16_t Length() const;
  // format_type() output: "integer", "character varying(10)", "numeric(10,2)", ...
  std::string ToString() const;

  bool IsInteger() const { return id == TypeId::kInt16 || id == TypeId::kInt32 || id == TypeId::kInt64; }
  bool IsFloat() const { return id == TypeId::kFloat32 || id == TypeId::kFloat64; }
  bool IsNumericFamily() const { return IsInteger() || IsFloat() || id == TypeId::kNumeric; }
  bool IsString() const {
    return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar || id == TypeId::kUnknown;
  }
  bool IsTemporal() const {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
  }

  // Same id and typmod.
  friend bool operator==(const Type& a, const Type& b) { return a.id == b.id && a.typmod == b.typmod; }
};

// The Type for a PostgreSQL type OID; false if OmenDB has no such type.
bool TypeFromOid(uint32_t oid, Type* out);

}  // namespace omen
