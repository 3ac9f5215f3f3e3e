#include "common/vector.h"

#include <utility>

namespace omen {

void Vector::Resize(size_t n, bool as_null) {
  null_.resize(n, as_null ? 1 : 0);
  switch (type_.physical()) {
    case PhysicalType::kInt64: i64_.resize(n); break;
    case PhysicalType::kDouble: f64_.resize(n); break;
    case PhysicalType::kNumeric: num_.resize(n); break;
    case PhysicalType::kString: str_.resize(n); break;
  }
}

void Vector::Reserve(size_t n) {
  null_.reserve(n);
  switch (type_.physical()) {
    case PhysicalType::kInt64: i64_.reserve(n); break;
    case PhysicalType::kDouble: f64_.reserve(n); break;
    case PhysicalType::kNumeric: num_.reserve(n); break;
    case PhysicalType::kString: str_.reserve(n); break;
  }
}

void Vector::Append(const Value& v) {
  null_.push_back(v.is_null ? 1 : 0);
  switch (type_.physical()) {
    case PhysicalType::kInt64: i64_.push_back(v.i); break;
    case PhysicalType::kDouble: f64_.push_back(v.d); break;
    case PhysicalType::kNumeric: num_.push_back(v.n); break;
    case PhysicalType::kString: str_.push_back(v.s); break;
  }
}

void Vector::AppendFrom(const Vector& other, size_t i) {
  null_.push_back(other.null_[i]);
  switch (type_.physical()) {
    case PhysicalType::kInt64: i64_.push_back(other.i64_[i]); break;
    case PhysicalType::kDouble: f64_.push_back(other.f64_[i]); break;
    case PhysicalType::kNumeric: num_.push_back(other.num_[i]); break;
    case PhysicalType::kString: str_.push_back(other.str_[i]); break;
  }
}

Value Vector::GetValue(size_t i) const {
  Value v;
  v.type = type_;
  v.is_null = null_[i] != 0;
  if (v.is_null) return v;
  switch (type_.physical()) {
    case PhysicalType::kInt64: v.i = i64_[i]; break;
    case PhysicalType::kDouble: v.d = f64_[i]; break;
    case PhysicalType::kNumeric: v.n = num_[i]; break;
    case PhysicalType::kString: v.s = str_[i]; break;
  }
  return v;
}

void Vector::SetValue(size_t i, const Value& v) {
  null_[i] = v.is_null ? 1 : 0;
  if (v.is_null) return;
  switch (type_.physical()) {
    case PhysicalType::kInt64: i64_[i] = v.i; break;
    case PhysicalType::kDouble: f64_[i] = v.d; break;
    case PhysicalType::kNumeric: num_[i] = v.n; break;
    case PhysicalType::kString: str_[i] = v.s; break;
  }
}

namespace {
template <typename Container>
void Compact(Container& data, const uint32_t* sel, size_t n) {
  // sel is ascending, so sel[k] >= k and moving forward never overwrites an
  // element still to be read.
  for (size_t k = 0; k < n; ++k) {
    if (sel[k] != k) data[k] = std::move(data[sel[k]]);
  }
  data.resize(n);
}
}  // namespace

void Vector::Select(const uint32_t* sel, size_t n) {
  Compact(null_, sel, n);
  switch (type_.physical()) {
    case PhysicalType::kInt64: Compact(i64_, sel, n); break;
    case PhysicalType::kDouble: Compact(f64_, sel, n); break;
    case PhysicalType::kNumeric: Compact(num_, sel, n); break;
    case PhysicalType::kString: Compact(str_, sel, n); break;
  }
}

DataChunk::DataChunk(const std::vector<Type>& types) {
  columns.reserve(types.size());
  for (const Type& t : types) columns.emplace_back(t);
}

void DataChunk::Reset() {
  for (Vector& v : columns) v.Clear();
  size = 0;
}

void DataChunk::AppendRow(const DataChunk& other, size_t i) {
  for (size_t c = 0; c < columns.size(); ++c) columns[c].AppendFrom(other.columns[c], i);
  ++size;
}

void DataChunk::AppendRow(const std::vector<Value>& row) {
  for (size_t c = 0; c < columns.size(); ++c) columns[c].Append(row[c]);
  ++size;
}

std::vector<Value> DataChunk::GetRow(size_t i) const {
  std::vector<Value> row;
  row.reserve(columns.size());
  for (const Vector& v : columns) row.push_back(v.GetValue(i));
  return row;
}

void DataChunk::Relabel(const std::vector<Type>& types) {
  for (size_t c = 0; c < columns.size() && c < types.size(); ++c) {
    if (columns[c].type() == types[c]) continue;
    Vector v(types[c]);
    v.Resize(size);
    for (size_t i = 0; i < size; ++i) {
      if (columns[c].IsNull(i)) {
        v.SetNull(i, true);
      } else {
        v.SetValue(i, columns[c].GetValue(i));
      }
    }
    columns[c] = std::move(v);
  }
}

void DataChunk::Select(const uint32_t* sel, size_t n) {
  for (Vector& v : columns) v.Select(sel, n);
  size = n;
}

}  // namespace omen
