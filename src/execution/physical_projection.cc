#include "execution/physical_projection.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

Status ProjectChunk(ExecState& state, const std::vector<sql::BoundExprPtr>& exprs,
                    const DataChunk& input, DataChunk* out) {
  out->size = input.size;
  out->columns.resize(exprs.size());
  for (size_t c = 0; c < exprs.size(); ++c) {
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *exprs[c], input, &out->columns[c]));
  }
  return Status::OK();
}

Result<PushResult> PhysicalProjection::Produce(ExecState& state, const ChunkConsumer& consumer) {
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    DataChunk out;
    OMEN_RETURN_IF_ERROR(ProjectChunk(state, op_.exprs, chunk, &out));
    return consumer(out);
  });
}

}  // namespace omen::execution
