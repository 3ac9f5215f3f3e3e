#include "execution/physical_insert.h"

#include "execution/dml_support.h"

namespace omen::execution {

Result<PushResult> PhysicalInsert::Produce(ExecState& state, const ChunkConsumer& consumer) {
  affected_ = 0;
  if (!op_.table || !op_.table->data) return Status(sqlstate::kInternalError, "table has no storage");
  storage::Table& table = *op_.table->data;
  std::vector<DataChunk> input;
  OMEN_RETURN_IF_ERROR(MaterializeDmlInput(*children_[0], state, &input));
  for (DataChunk& chunk : input) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, chunk));
    OMEN_RETURN_IF_ERROR(table.Append(chunk, state.ctx->undo));
    affected_ += chunk.size;
    OMEN_ASSIGN_OR_RETURN(PushResult r, EmitReturning(state, op_, chunk, consumer));
    if (r == PushResult::kFinished) return r;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
