#include "common/types.h"

#include <array>
#include <string>
#include <utility>

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
    case TypeId::kName:
    case TypeId::kSingleChar:
    case TypeId::kPgNodeTree:
    case TypeId::kInterval:
    case TypeId::kArray:
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
    {TypeId::kOid, 26, 4, "oid"},
    {TypeId::kName, 19, 64, "name"},
    {TypeId::kSingleChar, 18, 1, "\"char\""},
    {TypeId::kRegclass, 2205, 4, "regclass"},
    {TypeId::kRegtype, 2206, 4, "regtype"},
    {TypeId::kRegnamespace, 4089, 4, "regnamespace"},
    {TypeId::kRegproc, 24, 4, "regproc"},
    {TypeId::kPgNodeTree, 194, -1, "pg_node_tree"},
    {TypeId::kInterval, 1186, 16, "interval"},
    {TypeId::kArray, 0, -1, "array"},  // OID and name come from the element type
    {TypeId::kAnyElement, 2283, 4, "anyelement"},
    {TypeId::kAnyArray, 2277, -1, "anyarray"},
};

// pg_type.typarray for each element type that has an array type.
constexpr std::pair<TypeId, uint32_t> kArrayOids[] = {
    {TypeId::kBool, 1000},     {TypeId::kInt16, 1005},        {TypeId::kInt32, 1007},
    {TypeId::kInt64, 1016},    {TypeId::kFloat32, 1021},      {TypeId::kFloat64, 1022},
    {TypeId::kNumeric, 1231},  {TypeId::kText, 1009},         {TypeId::kVarchar, 1015},
    {TypeId::kChar, 1014},     {TypeId::kDate, 1182},         {TypeId::kTimestamp, 1115},
    {TypeId::kTimestampTz, 1185}, {TypeId::kInterval, 1187},  {TypeId::kOid, 1028},
    {TypeId::kName, 1003},     {TypeId::kSingleChar, 1002},   {TypeId::kRegclass, 2210},
    {TypeId::kRegtype, 2211},  {TypeId::kRegnamespace, 4090}, {TypeId::kRegproc, 1008},
};

// By TypeId value, so kTypeInfo's rows need not follow the enum's order.
const TypeInfo& Info(TypeId id) {
  static const auto* by_id = [] {
    auto* t = new std::array<const TypeInfo*, 256>{};
    for (const TypeInfo& info : kTypeInfo) (*t)[static_cast<int>(info.id)] = &info;
    return t;
  }();
  return *(*by_id)[static_cast<int>(id)];
}

}  // namespace

uint32_t Type::Oid() const { return id == TypeId::kArray ? ArrayTypeOid(elem) : Info(id).oid; }

int16_t Type::Length() const { return Info(id).len; }

std::string Type::ToString() const {
  if (id == TypeId::kArray) return ElementType().ToString() + "[]";
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

uint32_t ArrayTypeOid(TypeId element) {
  for (const auto& [elem, oid] : kArrayOids) {
    if (elem == element) return oid;
  }
  return 0;
}

bool TypeFromOid(uint32_t oid, Type* out) {
  for (const auto& [elem, array_oid] : kArrayOids) {
    if (array_oid == oid) {
      *out = Type::ArrayOf(Type(elem));
      return true;
    }
  }
  for (const TypeInfo& info : kTypeInfo) {
    if (info.id == TypeId::kNull || info.id == TypeId::kArray) continue;
    if (info.oid == oid) {
      *out = Type(info.id);
      return true;
    }
  }
  return false;
}

}  // namespace omen
