#include "execution/physical_insert.h"

namespace omen::execution {

Status PhysicalInsert::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, *chunk));
  return table.Append(*chunk, state.ctx->undo);
}

}  // namespace omen::execution
