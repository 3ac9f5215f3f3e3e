#include "execution/physical_distinct.h"

#include <absl/container/flat_hash_set.h>

#include "execution/value_compare.h"

namespace omen::execution {

Result<PushResult> PhysicalDistinct::Produce(ExecState& state, const ChunkConsumer& consumer) {
  absl::flat_hash_set<RowKey, RowKeyHash> seen;
  std::vector<uint32_t> sel;
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    std::vector<const Vector*> cols;
    for (const Vector& v : chunk.columns) cols.push_back(&v);
    sel.clear();
    for (size_t i = 0; i < chunk.size; ++i) {
      if (seen.insert(MakeRowKey(cols, i)).second) sel.push_back(static_cast<uint32_t>(i));
    }
    if (sel.empty()) return PushResult::kNeedMore;
    if (sel.size() != chunk.size) chunk.Select(sel.data(), sel.size());
    return consumer(chunk);
  });
}

}  // namespace omen::execution
