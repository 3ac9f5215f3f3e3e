#include "common/value.h"

#include <cmath>
#include <utility>

#include "common/type_io.h"

namespace omen {

Value Value::Null(Type t) {
  Value v;
  v.type = t;
  v.is_null = true;
  return v;
}

namespace {
Value IntLike(TypeId id, int64_t x) {
  Value v;
  v.type = Type(id);
  v.is_null = false;
  v.i = x;
  return v;
}
}  // namespace

Value Value::Bool(bool b) { return IntLike(TypeId::kBool, b ? 1 : 0); }
Value Value::Int16(int16_t x) { return IntLike(TypeId::kInt16, x); }
Value Value::Int32(int32_t x) { return IntLike(TypeId::kInt32, x); }
Value Value::Int64(int64_t x) { return IntLike(TypeId::kInt64, x); }
Value Value::Date(int32_t days) { return IntLike(TypeId::kDate, days); }
Value Value::Timestamp(int64_t micros) { return IntLike(TypeId::kTimestamp, micros); }

Value Value::Float32(float x) {
  Value v;
  v.type = Type(TypeId::kFloat32);
  v.is_null = false;
  v.d = static_cast<double>(x);
  return v;
}

Value Value::Float64(double x) {
  Value v;
  v.type = Type(TypeId::kFloat64);
  v.is_null = false;
  v.d = x;
  return v;
}

Value Value::FromNumeric(Numeric x, int32_t typmod) {
  Value v;
  v.type = Type(TypeId::kNumeric, typmod);
  v.is_null = false;
  v.n = std::move(x);
  return v;
}

Value Value::Text(std::string x) {
  Value v;
  v.type = Type(TypeId::kText);
  v.is_null = false;
  v.s = std::move(x);
  return v;
}

Value Value::Unknown(std::string x) {
  Value v = Text(std::move(x));
  v.type = Type(TypeId::kUnknown);
  return v;
}

std::string Value::ToString() const {
  if (is_null) return "";
  return FormatValue(*this);
}

}  // namespace omen
