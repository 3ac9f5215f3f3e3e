#include "execution/physical_delete.h"

#include <utility>

namespace omen::execution {

Status PhysicalDelete::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  const Vector& rid = chunk->columns.back();
  DataChunk old_rows = ReturningChunk(table, *chunk);
  std::vector<Value> full;
  DataChunk child_row;
  for (size_t i = 0; i < chunk->size; ++i) {
    storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
    if (!FetchOnce(state, table, row, &full)) continue;
    OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome r, table.Delete(row, state.ctx->undo));
    if (r == storage::WriteOutcome::kGone) continue;
    if (r == storage::WriteOutcome::kChanged) {
      OMEN_ASSIGN_OR_RETURN(bool still, Recheck(state, table, row, &child_row));
      if (!still || !table.FetchLatest(row, AllColumns(), &full)) continue;
      OMEN_ASSIGN_OR_RETURN(r, table.Delete(row, state.ctx->undo));
      if (r != storage::WriteOutcome::kDone) continue;
    }
    AppendReturning(&old_rows, full, *chunk, i);
  }
  *chunk = std::move(old_rows);
  return Status::OK();
}

}  // namespace omen::execution
