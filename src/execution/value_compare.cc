#include "execution/value_compare.h"

#include <cmath>
#include <functional>
#include <string_view>

#include "common/array.h"
#include "common/interval.h"

namespace omen::execution {

namespace {

int CompareDoubles(double x, double y) {
  bool xn = std::isnan(x), yn = std::isnan(y);
  if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
  return x < y ? -1 : (x > y ? 1 : 0);
}

int CompareStrings(const std::string& x, const std::string& y) {
  int c = x.compare(y);  // std::string compares as unsigned char: byte order
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareArrays(const Type& t, const std::string& x, const std::string& y);
size_t HashArray(const Type& t, const std::string& x);

// String-physical types with their own order: interval by span, arrays
// element by element (common/array.h).
int CompareTypedStrings(const Type& t, const std::string& x, const std::string& y) {
  if (t.id == TypeId::kInterval) return CompareIntervals(DecodeInterval(x), DecodeInterval(y));
  if (t.id == TypeId::kArray) return CompareArrays(t, x, y);
  return CompareStrings(x, y);
}

size_t HashTypedString(const Type& t, const std::string& x) {
  if (t.id == TypeId::kInterval) return HashInterval(DecodeInterval(x));
  if (t.id == TypeId::kArray) return HashArray(t, x);
  return std::hash<std::string_view>()(x);
}

size_t HashDouble(double d) {
  if (std::isnan(d)) return 0x7ff8dead;
  if (d == 0) d = 0;  // -0 hashes as 0
  return std::hash<double>()(d);
}

size_t Mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

}  // namespace

int CompareSlots(const Vector& a, size_t i, const Vector& b, size_t j) {
  switch (a.type().physical()) {
    case PhysicalType::kInt64: {
      int64_t x = a.i64()[i], y = b.i64()[j];
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case PhysicalType::kDouble: return CompareDoubles(a.f64()[i], b.f64()[j]);
    case PhysicalType::kNumeric: return a.num()[i].Compare(b.num()[j]);
    case PhysicalType::kString: return CompareTypedStrings(a.type(), a.str()[i], b.str()[j]);
  }
  return 0;
}

int CompareValues(const Value& a, const Value& b) {
  switch (a.type.physical()) {
    case PhysicalType::kInt64: return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
    case PhysicalType::kDouble: return CompareDoubles(a.d, b.d);
    case PhysicalType::kNumeric: return a.n.Compare(b.n);
    case PhysicalType::kString: return CompareTypedStrings(a.type, a.s, b.s);
  }
  return 0;
}

size_t HashSlot(const Vector& v, size_t i) {
  switch (v.type().physical()) {
    case PhysicalType::kInt64: return std::hash<int64_t>()(v.i64()[i]) * 0x9e3779b97f4a7c15ULL;
    case PhysicalType::kDouble: return HashDouble(v.f64()[i]);
    case PhysicalType::kNumeric: return v.num()[i].Hash();
    case PhysicalType::kString: return HashTypedString(v.type(), v.str()[i]);
  }
  return 0;
}

size_t HashValue(const Value& v) {
  switch (v.type.physical()) {
    case PhysicalType::kInt64: return std::hash<int64_t>()(v.i) * 0x9e3779b97f4a7c15ULL;
    case PhysicalType::kDouble: return HashDouble(v.d);
    case PhysicalType::kNumeric: return v.n.Hash();
    case PhysicalType::kString: return HashTypedString(v.type, v.s);
  }
  return 0;
}

bool operator==(const RowKey& a, const RowKey& b) {
  if (a.hash != b.hash || a.values.size() != b.values.size()) return false;
  for (size_t k = 0; k < a.values.size(); ++k) {
    const Value& x = a.values[k];
    const Value& y = b.values[k];
    if (x.is_null || y.is_null) {
      if (x.is_null != y.is_null) return false;
      continue;
    }
    if (CompareValues(x, y) != 0) return false;
  }
  return true;
}

RowKey MakeRowKey(const std::vector<const Vector*>& columns, size_t row) {
  RowKey key;
  key.values.reserve(columns.size());
  size_t h = 0x12345;
  for (const Vector* c : columns) {
    key.values.push_back(c->GetValue(row));
    h = Mix(h, c->IsNull(row) ? 0x6e756c6c : HashSlot(*c, row));
  }
  key.hash = h;
  return key;
}

namespace {

// array_cmp: element by element (NULL after every value, NULLs equal), then
// the shorter array first, then the lower bound.
int CompareArrays(const Type& t, const std::string& x, const std::string& y) {
  int32_t xlo = 1, ylo = 1;
  std::vector<Value> a = DecodeArray(x, t.ElementType(), &xlo);
  std::vector<Value> b = DecodeArray(y, t.ElementType(), &ylo);
  for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
    if (a[k].is_null || b[k].is_null) {
      if (a[k].is_null != b[k].is_null) return a[k].is_null ? 1 : -1;
      continue;
    }
    int c = CompareValues(a[k], b[k]);
    if (c != 0) return c;
  }
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  if (a.empty() || xlo == ylo) return 0;
  return xlo < ylo ? -1 : 1;
}

size_t HashArray(const Type& t, const std::string& x) {
  size_t h = 0xa7;
  for (const Value& v : DecodeArray(x, t.ElementType())) h = Mix(h, v.is_null ? 0x6e756c6c : HashValue(v));
  return h;
}

}  // namespace

}  // namespace omen::execution
