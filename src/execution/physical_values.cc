#include "execution/physical_values.h"

#include "execution/expression_executor.h"

namespace omen::execution {

Result<PushResult> PhysicalDummy::Produce(ExecState&, const ChunkConsumer& consumer) {
  DataChunk chunk;
  chunk.size = 1;
  return consumer(chunk);
}

Result<PushResult> PhysicalValues::Produce(ExecState& state, const ChunkConsumer& consumer) {
  DataChunk chunk(op_.types);
  DataChunk one;
  one.size = 1;
  for (size_t r = 0; r < op_.values.size(); ++r) {
    const auto& row = op_.values[r];
    for (size_t c = 0; c < row.size() && c < chunk.columns.size(); ++c) {
      Vector v;
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *row[c], one, &v));
      chunk.columns[c].AppendFrom(v, 0);
    }
    ++chunk.size;
    if (chunk.size == kChunkSize || r + 1 == op_.values.size()) {
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(chunk));
      if (res == PushResult::kFinished) return res;
      chunk = DataChunk(op_.types);
    }
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
