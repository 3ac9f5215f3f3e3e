// Array operators and functions (PostgreSQL 15's arrayfuncs.c, array_userfuncs.c):
// comparison, containment, concatenation, the ARRAY[...] constructor,
// subscripts and slices, array_position, array_to_string, string_to_array,
// the dimension functions and cardinality. One dimension only.

#include <string>
#include <unordered_map>

#include "catalog/functions.h"
#include "common/array.h"
#include "execution/function_scalar_internal.h"
#include "execution/value_compare.h"

namespace omen::execution::internal {

namespace {

struct Arr {
  std::vector<Value> elems;
  int32_t lower = 1;
};

Arr Decode(const Value& v) {
  Arr a;
  if (!v.is_null) a.elems = DecodeArray(v.s, v.type.ElementType(), &a.lower);
  return a;
}

void SetArr(Value* out, const std::vector<Value>& elems, int32_t lower = 1) {
  out->s = EncodeArray(elems, elems.empty() ? 1 : lower);
}

bool SameValue(const Value& a, const Value& b) {
  if (a.is_null || b.is_null) return false;
  return CompareValues(a, b) == 0;
}

template <int kOp>  // 0 =, 1 <>, 2 <, 3 >, 4 <=, 5 >=
Status CompareArr(const std::vector<Value>& a, Value* out) {
  int c = CompareValues(a[0], a[1]);
  bool r = kOp == 0   ? c == 0
           : kOp == 1 ? c != 0
           : kOp == 2 ? c < 0
           : kOp == 3 ? c > 0
           : kOp == 4 ? c <= 0
                      : c >= 0;
  out->i = r ? 1 : 0;
  return Status::OK();
}

// Whether every element of `inner` equals some element of `outer` (a NULL never matches).
bool Contains(const Arr& outer, const Arr& inner) {
  for (const Value& x : inner.elems) {
    bool found = false;
    for (const Value& y : outer.elems) found = found || SameValue(x, y);
    if (!found) return false;
  }
  return true;
}

template <bool kSwap>
Status ContainsFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]), y = Decode(a[1]);
  out->i = (kSwap ? Contains(y, x) : Contains(x, y)) ? 1 : 0;
  return Status::OK();
}

Status OverlapFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]), y = Decode(a[1]);
  bool any = false;
  for (const Value& v : x.elems) {
    for (const Value& w : y.elems) any = any || SameValue(v, w);
  }
  out->i = any ? 1 : 0;
  return Status::OK();
}

// array_cat: NULL arrays count as empty; both NULL gives NULL.
Status CatFn(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null && a[1].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  Arr x = Decode(a[0]), y = Decode(a[1]);
  int32_t lower = x.elems.empty() ? y.lower : x.lower;
  x.elems.insert(x.elems.end(), y.elems.begin(), y.elems.end());
  SetArr(out, x.elems, lower);
  return Status::OK();
}

Status AppendFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]);
  x.elems.push_back(a[1]);
  SetArr(out, x.elems, x.lower);
  return Status::OK();
}

Status PrependFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[1]);
  x.elems.insert(x.elems.begin(), a[0]);
  SetArr(out, x.elems, x.lower);
  return Status::OK();
}

Status RemoveFn(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  Arr x = Decode(a[0]);
  std::vector<Value> kept;
  for (const Value& v : x.elems) {
    bool match = a[1].is_null ? v.is_null : SameValue(v, a[1]);
    if (!match) kept.push_back(v);
  }
  SetArr(out, kept, x.lower);
  return Status::OK();
}

// array_position(arr, x [, start]): NULL finds the first NULL.
Status PositionFn(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  Arr x = Decode(a[0]);
  int64_t start = x.lower;
  if (a.size() == 3) {
    if (a[2].is_null) return Status(SqlState("22004"), "initial position must not be null");
    start = a[2].i;
  }
  for (size_t k = 0; k < x.elems.size(); ++k) {
    int64_t sub = x.lower + static_cast<int64_t>(k);
    if (sub < start) continue;
    bool match = a[1].is_null ? x.elems[k].is_null : SameValue(x.elems[k], a[1]);
    if (match) {
      out->i = sub;
      return Status::OK();
    }
  }
  out->is_null = true;
  return Status::OK();
}

// array_to_string(arr, delim [, null_string]).
Status ToStringFn(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null || a[1].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  bool has_null_text = a.size() == 3 && !a[2].is_null;
  std::string s;
  bool first = true;
  for (const Value& v : Decode(a[0]).elems) {
    if (v.is_null && !has_null_text) continue;
    if (!first) s += a[1].s;
    first = false;
    s += v.is_null ? a[2].s : (v.type.IsString() ? v.s : FormatValue(v));
  }
  out->s = std::move(s);
  return Status::OK();
}

// string_to_array(text, delim [, null_string]).
Status StringToArrayFn(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  const std::string& s = a[0].s;
  std::vector<std::string> parts;
  if (!s.empty()) {
    if (a[1].is_null) {
      for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
        parts.push_back(s.substr(i, len));
        i += len;
      }
    } else if (a[1].s.empty()) {
      parts.push_back(s);
    } else {
      size_t pos = 0;
      while (true) {
        size_t next = s.find(a[1].s, pos);
        parts.push_back(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos) break;
        pos = next + a[1].s.size();
      }
    }
  }
  std::vector<Value> elems;
  bool has_null_text = a.size() == 3 && !a[2].is_null;
  for (std::string& p : parts) {
    elems.push_back(has_null_text && p == a[2].s ? Value::Null(TypeId::kText)
                                                 : Value::Text(std::move(p)));
  }
  SetArr(out, elems);
  return Status::OK();
}

// array_lower / array_upper / array_length (dimension 1 only; empty: NULL).
template <int kWhat>  // 0 lower, 1 upper, 2 length
Status DimFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]);
  if (a[1].i != 1 || x.elems.empty()) {
    out->is_null = true;
    return Status::OK();
  }
  int64_t n = static_cast<int64_t>(x.elems.size());
  out->i = kWhat == 0 ? x.lower : kWhat == 1 ? x.lower + n - 1 : n;
  return Status::OK();
}

Status NdimsFn(const std::vector<Value>& a, Value* out) {
  if (ArrayLength(a[0].s) == 0)
    out->is_null = true;
  else
    out->i = 1;
  return Status::OK();
}

Status DimsFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]);
  if (x.elems.empty()) {
    out->is_null = true;
    return Status::OK();
  }
  out->s = "[" + std::to_string(x.lower) + ":" +
           std::to_string(x.lower + static_cast<int64_t>(x.elems.size()) - 1) + "]";
  return Status::OK();
}

Status CardinalityFn(const std::vector<Value>& a, Value* out) {
  out->i = ArrayLength(a[0].s);
  return Status::OK();
}

// ARRAY[a, b, ...]: arguments already of the element type.
Status ConstructFn(const std::vector<Value>& a, Value* out) {
  std::vector<Value> elems = a;
  for (Value& v : elems) v.type = out->type.ElementType();
  SetArr(out, elems);
  return Status::OK();
}

Status SubscriptFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]);
  int64_t k = a[1].i - x.lower;
  if (k < 0 || k >= static_cast<int64_t>(x.elems.size())) {
    out->is_null = true;
    return Status::OK();
  }
  Value v = x.elems[static_cast<size_t>(k)];
  v.type = out->type;
  *out = std::move(v);
  return Status::OK();
}

// a[lo:hi]: the overlap with the array's subscripts, renumbered from 1.
Status SliceFn(const std::vector<Value>& a, Value* out) {
  Arr x = Decode(a[0]);
  int64_t n = static_cast<int64_t>(x.elems.size());
  int64_t lo = std::max<int64_t>(a[1].i, x.lower), hi = std::min<int64_t>(a[2].i, x.lower + n - 1);
  std::vector<Value> part;
  for (int64_t s = lo; s <= hi; ++s) part.push_back(x.elems[static_cast<size_t>(s - x.lower)]);
  SetArr(out, part);
  return Status::OK();
}

}  // namespace

ScalarKernel ArrayKernel(uint32_t oid) {
  static const auto* table = new std::unordered_map<uint32_t, ScalarKernel>{
      {744, kRow<&CompareArr<0>>},
      {390, kRow<&CompareArr<1>>},
      {391, kRow<&CompareArr<2>>},
      {392, kRow<&CompareArr<3>>},
      {393, kRow<&CompareArr<4>>},
      {396, kRow<&CompareArr<5>>},
      {2748, kRow<&ContainsFn<false>>},
      {2749, kRow<&ContainsFn<true>>},
      {2747, kRow<&OverlapFn>},
      {383, kRowLax<&CatFn>},
      {378, kRowLax<&AppendFn>},
      {379, kRowLax<&PrependFn>},
      {3167, kRowLax<&RemoveFn>},
      {3277, kRowLax<&PositionFn>},
      {3278, kRowLax<&PositionFn>},
      {395, kRow<&ToStringFn>},
      {384, kRowLax<&ToStringFn>},
      {2092, kRow<&DimFn<1>>},
      {2091, kRow<&DimFn<0>>},
      {2176, kRow<&DimFn<2>>},
      {748, kRow<&NdimsFn>},
      {747, kRow<&DimsFn>},
      {3179, kRow<&CardinalityFn>},
      {394, kRowLax<&StringToArrayFn>},
      {376, kRowLax<&StringToArrayFn>},
      {catalog::kArrayConstructorOid, kRowLax<&ConstructFn>},
      {catalog::kArraySubscriptOid, kRow<&SubscriptFn>},
      {catalog::kArraySliceOid, kRow<&SliceFn>},
  };
  auto it = table->find(oid);
  return it == table->end() ? nullptr : it->second;
}

}  // namespace omen::execution::internal
