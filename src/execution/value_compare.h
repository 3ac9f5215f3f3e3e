#pragma once
// Per-type comparison, equality and hashing of vector slots and Values, as
// PostgreSQL orders them: integers, doubles (NaN equal to NaN and larger
// than everything, -0 = 0), Numeric::Compare, strings byte-wise (C
// collation), bools (false < true). Used by sort, grouping, DISTINCT, set
// operations, hash joins and GREATEST/LEAST.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/value.h"
#include "common/vector.h"

namespace omen::execution {

// <0, 0, >0. REQUIRES: both non-NULL, same physical type.
int CompareSlots(const Vector& a, size_t i, const Vector& b, size_t j);
int CompareValues(const Value& a, const Value& b);
// Hash of a non-NULL slot / Value consistent with CompareSlots == 0.
size_t HashSlot(const Vector& v, size_t i);
size_t HashValue(const Value& v);

// A row of key values with its hash: the key of hash tables where NULLs
// compare equal (GROUP BY, DISTINCT, set operations).
struct RowKey {
  std::vector<Value> values;
  size_t hash = 0;
  friend bool operator==(const RowKey& a, const RowKey& b);
};
struct RowKeyHash {
  size_t operator()(const RowKey& k) const { return k.hash; }
};

// Builds the key of row `row` from `columns`.
RowKey MakeRowKey(const std::vector<const Vector*>& columns, size_t row);

}  // namespace omen::execution
