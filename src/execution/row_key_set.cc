#include "execution/row_key_set.h"

namespace omen::execution {

std::vector<const Vector*> ColumnPointers(const DataChunk& chunk) {
  std::vector<const Vector*> cols;
  cols.reserve(chunk.columns.size());
  for (const Vector& v : chunk.columns) cols.push_back(&v);
  return cols;
}

size_t RowKeySet::KeepNew(const std::vector<const Vector*>& key_columns, DataChunk* chunk) {
  sel_.clear();
  for (size_t i = 0; i < chunk->size; ++i) {
    if (seen_.insert(MakeRowKey(key_columns, i)).second) sel_.push_back(static_cast<uint32_t>(i));
  }
  if (!sel_.empty() && sel_.size() != chunk->size) chunk->Select(sel_.data(), sel_.size());
  return sel_.size();
}

}  // namespace omen::execution
