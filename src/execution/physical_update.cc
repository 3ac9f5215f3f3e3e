#include "execution/physical_update.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

Status PhysicalUpdate::NewRow(ExecState& state, const DataChunk& child, size_t i,
                              std::vector<Value>* full) {
  for (size_t k = 0; k < op_.update_columns.size() && k < op_.set_exprs.size(); ++k) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.set_exprs[k], child, &v));
    (*full)[op_.update_columns[k]] = v.GetValue(i);
  }
  return Status::OK();
}

Status PhysicalUpdate::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  std::vector<Vector> sets(op_.set_exprs.size());
  for (size_t k = 0; k < op_.set_exprs.size(); ++k) {
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.set_exprs[k], *chunk, &sets[k]));
  }
  const Vector& rid = chunk->columns.back();
  DataChunk new_rows(table.ColumnTypes());
  std::vector<storage::row_id_t> ids;
  std::vector<size_t> from;  // the child row of each id
  std::vector<Value> full;
  for (size_t i = 0; i < chunk->size; ++i) {
    storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
    if (!FetchOnce(state, table, row, &full)) continue;
    for (size_t k = 0; k < op_.update_columns.size() && k < sets.size(); ++k) {
      full[op_.update_columns[k]] = sets[k].GetValue(i);
    }
    new_rows.AppendRow(full);
    ids.push_back(row);
    from.push_back(i);
  }
  OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, new_rows));
  DataChunk done = ReturningChunk(table, *chunk);
  std::vector<Value> values(op_.update_columns.size());
  DataChunk child_row;
  for (size_t r = 0; r < ids.size(); ++r) {
    for (size_t k = 0; k < op_.update_columns.size(); ++k) {
      values[k] = new_rows.columns[op_.update_columns[k]].GetValue(r);
    }
    OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome w,
                          table.Update(ids[r], op_.update_columns, values, state.ctx->undo));
    if (w == storage::WriteOutcome::kGone) continue;
    if (w == storage::WriteOutcome::kDone) {
      if (!op_.returning_child) {
        done.AppendRow(new_rows, r);
        continue;
      }
      for (size_t c = 0; c < full.size(); ++c) full[c] = new_rows.columns[c].GetValue(r);
      AppendReturning(&done, full, *chunk, from[r]);
      continue;
    }
    // READ COMMITTED: re-evaluate on the newest version (EvalPlanQual).
    OMEN_ASSIGN_OR_RETURN(bool still, Recheck(state, table, ids[r], &child_row));
    if (!still || !table.FetchLatest(ids[r], AllColumns(), &full)) continue;
    OMEN_RETURN_IF_ERROR(NewRow(state, child_row, 0, &full));
    DataChunk one(table.ColumnTypes());
    one.AppendRow(full);
    OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, one));
    for (size_t k = 0; k < op_.update_columns.size(); ++k) values[k] = full[op_.update_columns[k]];
    OMEN_ASSIGN_OR_RETURN(w, table.Update(ids[r], op_.update_columns, values, state.ctx->undo));
    if (w == storage::WriteOutcome::kDone) AppendReturning(&done, full, child_row, 0);
  }
  *chunk = std::move(done);
  return Status::OK();
}

}  // namespace omen::execution
