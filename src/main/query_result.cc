#include <algorithm>

#include "omendb/omendb.h"

namespace omen {

namespace {
// (chunk index, row within it) of result row `row`.
std::pair<size_t, size_t> Locate(std::span<const size_t> starts, size_t row) {
  auto it = std::upper_bound(starts.begin(), starts.end(), row);
  size_t c = static_cast<size_t>(it - starts.begin()) - 1;
  return {c, row - starts[c]};
}
}  // namespace

const QueryResult::Columns& QueryResult::columns() const {
  static const Columns kNone;
  return columns_ != nullptr ? *columns_ : kNone;
}

Value QueryResult::GetValue(size_t row, size_t col) const {
  auto [c, r] = Locate({chunk_starts_.data(), chunk_starts_.size()}, row);
  return chunks_[c].columns[col].GetValue(r);
}

bool QueryResult::IsNull(size_t row, size_t col) const {
  auto [c, r] = Locate({chunk_starts_.data(), chunk_starts_.size()}, row);
  return chunks_[c].columns[col].IsNull(r);
}

std::string QueryResult::GetText(size_t row, size_t col) const {
  return GetValue(row, col).ToString();
}

}  // namespace omen
