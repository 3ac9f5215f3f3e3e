#pragma once
// Vector and DataChunk: the unit of vectorized execution.
// A Vector is one column of `size` values of one Type. Exactly one of the
// data arrays is used, chosen by type.physical(); null[i] != 0 marks NULL
// (the data slot of a NULL holds an unspecified value).
// A DataChunk is up to kChunkSize rows: one Vector per column, all of the
// same size. Not thread-safe; owned by one operator at a time.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "common/numeric.h"
#include "common/types.h"
#include "common/value.h"

namespace omen {

inline constexpr size_t kChunkSize = 2048;

class Vector {
 public:
  Vector() = default;
  explicit Vector(Type type) : type_(type) {}

  const Type& type() const { return type_; }
  size_t size() const { return null_.size(); }

  // Resizes every array of this physical type; new slots are NULL when
  // `as_null`, otherwise not-null with a zero/empty value.
  void Resize(size_t n, bool as_null = false);
  void Reserve(size_t n);
  void Clear() { Resize(0); }

  bool IsNull(size_t i) const { return null_[i] != 0; }
  void SetNull(size_t i, bool is_null) { null_[i] = is_null ? 1 : 0; }

  // Typed access; REQUIRES: the matching physical type.
  int64_t* i64() { return i64_.data(); }
  const int64_t* i64() const { return i64_.data(); }
  double* f64() { return f64_.data(); }
  const double* f64() const { return f64_.data(); }
  Numeric* num() { return num_.data(); }
  const Numeric* num() const { return num_.data(); }
  std::string* str() { return str_.data(); }
  const std::string* str() const { return str_.data(); }
  uint8_t* nulls() { return null_.data(); }
  const uint8_t* nulls() const { return null_.data(); }

  // Appends one value (its type is taken as this vector's; no conversion).
  void Append(const Value& v);
  // Appends one slot of a kInt64 / kDouble vector (value ignored when null).
  void AppendInt64(bool is_null, int64_t v) {
    null_.push_back(is_null ? 1 : 0);
    i64_.push_back(is_null ? 0 : v);
  }
  void AppendDouble(bool is_null, double v) {
    null_.push_back(is_null ? 1 : 0);
    f64_.push_back(is_null ? 0 : v);
  }
  // Appends row `i` of `other` (same physical type).
  void AppendFrom(const Vector& other, size_t i);
  // Row i as a Value of this vector's type.
  Value GetValue(size_t i) const;
  void SetValue(size_t i, const Value& v);
  // Keeps only rows with sel[i] for i in [0, n): sel are ascending indices.
  void Select(const uint32_t* sel, size_t n);

 private:
  // Inline capacity for a few rows (no allocation for one-row results such
  // as point lookups) at no size cost over std::vector for the scalar arrays.
  Type type_;
  absl::InlinedVector<uint8_t, 16> null_;
  absl::InlinedVector<int64_t, 2> i64_;
  absl::InlinedVector<double, 2> f64_;
  std::vector<Numeric> num_;
  absl::InlinedVector<std::string, 1> str_;
};

struct DataChunk {
  std::vector<Vector> columns;
  size_t size = 0;

  DataChunk() = default;
  explicit DataChunk(const std::vector<Type>& types);
  void Reset();  // size 0, columns kept
  size_t ColumnCount() const { return columns.size(); }
  // Appends row `i` of `other` (same column types).
  void AppendRow(const DataChunk& other, size_t i);
  void AppendRow(const std::vector<Value>& row);
  std::vector<Value> GetRow(size_t i) const;
  // Keeps rows sel[0..n) in order.
  void Select(const uint32_t* sel, size_t n);
  // Gives column c the type types[c] where it differs (same physical type:
  // varchar(n) / numeric(p,s) labels of the inputs of a UNION or a
  // recursive CTE), converting the values.
  void Relabel(const std::vector<Type>& types);
};

}  // namespace omen
