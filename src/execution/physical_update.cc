#include "execution/physical_update.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

Status PhysicalUpdate::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  std::vector<Vector> sets(op_.set_exprs.size());
  for (size_t k = 0; k < op_.set_exprs.size(); ++k) {
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.set_exprs[k], *chunk, &sets[k]));
  }
  const Vector& rid = chunk->columns.back();
  DataChunk new_rows(table.ColumnTypes());
  std::vector<storage::row_id_t> ids;
  std::vector<Value> full;
  for (size_t i = 0; i < chunk->size; ++i) {
    storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
    if (!FetchOnce(table, row, &full)) continue;
    for (size_t k = 0; k < op_.update_columns.size() && k < sets.size(); ++k) {
      full[op_.update_columns[k]] = sets[k].GetValue(i);
    }
    new_rows.AppendRow(full);
    ids.push_back(row);
  }
  OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, new_rows));
  std::vector<Value> values(op_.update_columns.size());
  for (size_t r = 0; r < ids.size(); ++r) {
    for (size_t k = 0; k < op_.update_columns.size(); ++k) {
      values[k] = new_rows.columns[op_.update_columns[k]].GetValue(r);
    }
    OMEN_RETURN_IF_ERROR(table.Update(ids[r], op_.update_columns, values, state.ctx->undo));
  }
  *chunk = std::move(new_rows);
  return Status::OK();
}

}  // namespace omen::execution
