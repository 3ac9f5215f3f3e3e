#pragma once
// RowKeySet: the "first occurrence wins" filter of DISTINCT, DISTINCT ON and
// UNION. Local state of one operator run; not thread-safe.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <absl/container/flat_hash_set.h>

#include "common/vector.h"
#include "execution/value_compare.h"

namespace omen::execution {

// Pointers to every column of `chunk`, in order (a whole-row key).
std::vector<const Vector*> ColumnPointers(const DataChunk& chunk);

class RowKeySet {
 public:
  // Narrows *chunk to the rows whose key over `key_columns` (columns of
  // *chunk) was not seen before, and remembers those keys. Returns how many
  // rows are left.
  size_t KeepNew(const std::vector<const Vector*>& key_columns, DataChunk* chunk);

 private:
  absl::flat_hash_set<RowKey, RowKeyHash> seen_;
  std::vector<uint32_t> sel_;
};

}  // namespace omen::execution
