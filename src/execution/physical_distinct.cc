#include "execution/physical_distinct.h"

#include "execution/row_key_set.h"

namespace omen::execution {

Result<PushResult> PhysicalDistinct::Produce(ExecState& state, const ChunkConsumer& consumer) {
  RowKeySet seen;
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    std::vector<const Vector*> cols = ColumnPointers(chunk);
    if (!op_.distinct_columns.empty()) {
      // DISTINCT ON: the key is only these columns; the first row wins.
      cols.clear();
      for (int c : op_.distinct_columns) cols.push_back(&chunk.columns[c]);
    }
    if (seen.KeepNew(cols, &chunk) == 0) return PushResult::kNeedMore;
    return consumer(chunk);
  });
}

}  // namespace omen::execution
