#pragma once
// Value: one SQL datum of a given Type, or NULL. Used for constants,
// parameters, single-row results and the embedded API; bulk data travels in
// Vectors (vector.h). Physical representation as in types.h.

#include <cstdint>
#include <string>

#include "common/numeric.h"
#include "common/types.h"

namespace omen {

struct Value {
  Type type;
  bool is_null = true;
  int64_t i = 0;    // kInt64-backed types (bool, ints, date, timestamp)
  double d = 0;     // floats
  Numeric n;        // numeric
  std::string s;    // strings

  Value() = default;
  static Value Null(Type t = Type(TypeId::kNull));
  static Value Bool(bool b);
  static Value Int16(int16_t v);
  static Value Int32(int32_t v);
  static Value Int64(int64_t v);
  static Value Float32(float v);
  static Value Float64(double v);
  static Value FromNumeric(Numeric v, int32_t typmod = -1);
  static Value Text(std::string v);
  static Value Unknown(std::string v);  // untyped string literal
  static Value Date(int32_t days_since_2000);
  static Value Timestamp(int64_t micros_since_2000);

  bool AsBool() const { return i != 0; }
  // PostgreSQL text output of the value (the wire's text format);
  // "" for NULL (callers decide how to show NULL). Defined in common/value.cc
  // using the type I/O in common/type_io.h.
  std::string ToString() const;
};

}  // namespace omen
