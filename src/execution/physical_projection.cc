#include "execution/physical_projection.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

Result<PushResult> PhysicalProjection::Produce(ExecState& state, const ChunkConsumer& consumer) {
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    DataChunk out;
    out.size = chunk.size;
    out.columns.resize(op_.exprs.size());
    for (size_t c = 0; c < op_.exprs.size(); ++c) {
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.exprs[c], chunk, &out.columns[c]));
    }
    return consumer(out);
  });
}

}  // namespace omen::execution
