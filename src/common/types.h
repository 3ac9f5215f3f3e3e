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
//   kInterval (16 bytes, interval.h), kArray (array.h) -> std::string
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
  // System-catalog types (pg_catalog relations, reg* casts):
  kOid,          // oid (26), int64 physical, unsigned 32-bit values
  kName,         // name (19), string physical, at most 63 bytes
  kSingleChar,   // "char" (18), string physical of 0 or 1 byte
  kRegclass,     // regclass (2205): a relation's oid; prints its name
  kRegtype,      // regtype (2206): a type's oid; prints format_type()
  kRegnamespace, // regnamespace (4089): a schema's oid; prints its name
  kRegproc,      // regproc (24): a function's oid; prints its name
  kPgNodeTree,   // pg_node_tree (194): a stored expression's text (pg_attrdef.adbin, ...)
  // interval (1186): PostgreSQL's (months int32, days int32, microseconds
  // int64), string physical holding those 16 bytes (common/interval.h).
  kInterval,
  // A one-dimensional array of Type::elem (elements carry Type::typmod);
  // string physical in common/array.h's encoding. OIDs per element type.
  kArray,
  // Pseudo-types of polymorphic function signatures, never a value's type:
  // anyelement (2283) and anyarray (2277); OmenDB resolves them with
  // PostgreSQL's anycompatible rules (catalog/functions.cc).
  kAnyElement,
  kAnyArray,
};

enum class PhysicalType : uint8_t { kInt64, kDouble, kNumeric, kString };

// A logical type plus its modifier, as PostgreSQL's (type OID, typmod).
// typmod: varchar(n)/char(n): n (or -1 when unbounded);
//         numeric(p,s): PostgreSQL's encoding ((p << 16) | s) + 4, -1 when unconstrained.
struct Type {
  TypeId id = TypeId::kNull;
  TypeId elem = TypeId::kNull;  // kArray: the element type; kNull otherwise
  int32_t typmod = -1;

  constexpr Type() = default;
  constexpr Type(TypeId i, int32_t m = -1) : id(i), typmod(m) {}  // NOLINT: implicit
  // The array type of `element` (its typmod becomes the array's typmod).
  static constexpr Type ArrayOf(Type element) {
    Type t(TypeId::kArray, element.typmod);
    t.elem = element.id;
    return t;
  }
  // kArray: the element type with the array's typmod.
  Type ElementType() const { return Type(elem, typmod); }
  bool IsArray() const { return id == TypeId::kArray; }

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
    return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar || id == TypeId::kUnknown ||
           id == TypeId::kName;
  }
  // oid and the reg* types: an object's oid (int64 physical).
  bool IsOidLike() const {
    return id == TypeId::kOid || id == TypeId::kRegclass || id == TypeId::kRegtype ||
           id == TypeId::kRegnamespace || id == TypeId::kRegproc;
  }
  bool IsTemporal() const {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
  }

  // Same id, element type and typmod.
  friend bool operator==(const Type& a, const Type& b) {
    return a.id == b.id && a.elem == b.elem && a.typmod == b.typmod;
  }
};

// The Type for a PostgreSQL type OID; false if OmenDB has no such type.
bool TypeFromOid(uint32_t oid, Type* out);

// pg_type.typarray of an element type (int4 -> 1007 "_int4"); 0 if OmenDB
// has no array of it. Arrays of a new element type need one row in types.cc.
uint32_t ArrayTypeOid(TypeId element);

}  // namespace omen
