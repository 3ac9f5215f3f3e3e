#include "common/types.h"

#include <string>

namespace omen {

PhysicalType Type::physical() const {
  switch (id) {
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return PhysicalType::kDouble;
    case TypeId::kNumeric:
      return PhysicalType::kNumeric;
    case TypeId::kNull:
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
      return PhysicalType::kString;
    default:
      return PhysicalType::kInt64;
  }
}

namespace {

struct TypeInfo {
  TypeId id;
  uint32_t oid;
  int16_t len;
  const char* name;
};

constexpr TypeInfo kTypeInfo[] = {
    {TypeId::kNull, 25, -1, "text"},
    {TypeId::kUnknown, 705, -2, "unknown"},
    {TypeId::kBool, 16, 1, "boolean"},
    {TypeId::kInt16, 21, 2, "smallint"},
    {TypeId::kInt32, 23, 4, "integer"},
    {TypeId::kInt64, 20, 8, "bigint"},
    {TypeId::kFloat32, 700, 4, "real"},
    {TypeId::kFloat64, 701, 8, "double precision"},
    {TypeId::kNumeric, 1700, -1, "numeric"},
    {TypeId::kText, 25, -1, "text"},
    {TypeId::kVarchar, 1043, -1, "character varying"},
    {TypeId::kChar, 1042, -1, "character"},
    {TypeId::kDate, 1082, 4, "date"},
    {TypeId::kTimestamp, 1114, 8, "timestamp without time zone"},
    {TypeId::kTimestampTz, 1184, 8, "timestamp with time zone"},
};

const TypeInfo& Info(TypeId id) { return kTypeInfo[static_cast<int>(id)]; }

}  // namespace

uint32_t Type::Oid() const { return Info(id).oid; }

int16_t Type::Length() const { return Info(id).len; }

std::string Type::ToString() const {
  std::string name = Info(id).name;
  switch (id) {
    case TypeId::kNumeric:
      if (typmod >= 4) {
        int32_t t = typmod - 4;
        name.append("(").append(std::to_string((t >> 16) & 0xffff)).append(",");
        name.append(std::to_string(t & 0xffff)).append(")");
      }
      break;
    case TypeId::kVarchar:
    case TypeId::kChar:
      // format_type shows bpchar without a typmod as "bpchar"; with one, character(n).
      if (typmod >= 0) {
        name.append("(").append(std::to_string(typmod)).append(")");
      } else if (id == TypeId::kChar) {
        name = "bpchar";
      }
      break;
    default:
      break;
  }
  return name;
}

bool TypeFromOid(uint32_t oid, Type* out) {
  for (const TypeInfo& info : kTypeInfo) {
    if (info.id == TypeId::kNull) continue;
    if (info.oid == oid) {
      *out = Type(info.id);
      return true;
    }
  }
  return false;
}

}  // namespace omen
