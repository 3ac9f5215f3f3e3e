#include "execution/physical_delete.h"

#include <utility>

namespace omen::execution {

Status PhysicalDelete::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  const Vector& rid = chunk->columns.back();
  DataChunk old_rows(table.ColumnTypes());
  std::vector<Value> full;
  for (size_t i = 0; i < chunk->size; ++i) {
    storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
    if (!FetchOnce(table, row, &full)) continue;
    OMEN_RETURN_IF_ERROR(table.Delete(row, state.ctx->undo));
    old_rows.AppendRow(full);
  }
  *chunk = std::move(old_rows);
  return Status::OK();
}

}  // namespace omen::execution
