#include "execution/physical_update.h"

#include <utility>

#include <absl/container/flat_hash_set.h>

#include "execution/dml_support.h"
#include "execution/expression_executor.h"

namespace omen::execution {

Result<PushResult> PhysicalUpdate::Produce(ExecState& state, const ChunkConsumer& consumer) {
  affected_ = 0;
  if (!op_.table || !op_.table->data) return Status(sqlstate::kInternalError, "table has no storage");
  storage::Table& table = *op_.table->data;
  std::vector<DataChunk> input;
  OMEN_RETURN_IF_ERROR(MaterializeDmlInput(*children_[0], state, &input));
  const std::vector<int> all = AllColumnIds(op_);
  absl::flat_hash_set<storage::row_id_t> done;
  for (DataChunk& chunk : input) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    std::vector<Vector> sets(op_.set_exprs.size());
    for (size_t k = 0; k < op_.set_exprs.size(); ++k) {
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.set_exprs[k], chunk, &sets[k]));
    }
    const Vector& rid = chunk.columns.back();
    DataChunk new_rows(table.ColumnTypes());
    std::vector<storage::row_id_t> ids;
    std::vector<Value> full;
    for (size_t i = 0; i < chunk.size; ++i) {
      storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
      if (!done.insert(row).second || !table.Fetch(row, all, &full)) continue;
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
    affected_ += ids.size();
    OMEN_ASSIGN_OR_RETURN(PushResult res, EmitReturning(state, op_, new_rows, consumer));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
