#include "execution/physical_delete.h"

#include <absl/container/flat_hash_set.h>

#include "execution/dml_support.h"

namespace omen::execution {

Result<PushResult> PhysicalDelete::Produce(ExecState& state, const ChunkConsumer& consumer) {
  affected_ = 0;
  if (!op_.table || !op_.table->data) return Status(sqlstate::kInternalError, "table has no storage");
  storage::Table& table = *op_.table->data;
  std::vector<DataChunk> input;
  OMEN_RETURN_IF_ERROR(MaterializeDmlInput(*children_[0], state, &input));
  const std::vector<int> all = AllColumnIds(op_);
  absl::flat_hash_set<storage::row_id_t> done;
  std::vector<Value> full;
  for (DataChunk& chunk : input) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    const Vector& rid = chunk.columns.back();
    DataChunk old_rows(table.ColumnTypes());
    for (size_t i = 0; i < chunk.size; ++i) {
      storage::row_id_t row = static_cast<storage::row_id_t>(rid.i64()[i]);
      if (!done.insert(row).second || !table.Fetch(row, all, &full)) continue;
      OMEN_RETURN_IF_ERROR(table.Delete(row, state.ctx->undo));
      old_rows.AppendRow(full);
    }
    affected_ += old_rows.size;
    OMEN_ASSIGN_OR_RETURN(PushResult res, EmitReturning(state, op_, old_rows, consumer));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
