#include "execution/dml_support.h"

#include <string>
#include <utility>

#include "execution/expression_executor.h"
#include "execution/physical_projection.h"

namespace omen::execution {

namespace {

std::string FailingRow(const sql::LogicalOperator& op, const DataChunk& rows, size_t i) {
  std::string out = "Failing row contains (";
  bool first = true;
  for (size_t c = 0; c < rows.columns.size(); ++c) {
    if (c < op.table->columns.size() && op.table->columns[c].dropped) continue;
    if (!first) out += ", ";
    first = false;
    const Vector& v = rows.columns[c];
    out += v.IsNull(i) ? "null" : v.GetValue(i).ToString();
  }
  return out + ").";
}

}  // namespace

Status CheckRowConstraints(ExecState& state, const sql::LogicalOperator& op, const DataChunk& rows) {
  const auto& cols = op.table->columns;
  for (size_t c = 0; c < cols.size() && c < rows.columns.size(); ++c) {
    if (!cols[c].not_null || cols[c].dropped) continue;
    for (size_t i = 0; i < rows.size; ++i) {
      if (!rows.columns[c].IsNull(i)) continue;
      Status s(sqlstate::kNotNullViolation, "null value in column \"" + cols[c].name + "\" of relation \"" +
                                                op.table->name + "\" violates not-null constraint");
      s.WithDetail(FailingRow(op, rows, i));
      return s;
    }
  }
  for (size_t k = 0; k < op.check_exprs.size(); ++k) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op.check_exprs[k], rows, &v));
    for (size_t i = 0; i < rows.size; ++i) {
      if (v.IsNull(i) || v.i64()[i] != 0) continue;
      // The binder names each CHECK expression after its constraint.
      const std::string& name = op.check_exprs[k]->alias;
      Status s(sqlstate::kCheckViolation,
               "new row for relation \"" + op.table->name + "\" violates check constraint \"" + name + "\"");
      s.WithDetail(FailingRow(op, rows, i));
      return s;
    }
  }
  return Status::OK();
}

Result<PushResult> EmitReturning(ExecState& state, const sql::LogicalOperator& op, const DataChunk& rows,
                                 const ChunkConsumer& consumer) {
  if (op.returning.empty() || rows.size == 0) return PushResult::kNeedMore;
  DataChunk out;
  OMEN_RETURN_IF_ERROR(ProjectChunk(state, op.returning, rows, &out));
  return consumer(out);
}

std::vector<int> AllColumnIds(const sql::LogicalOperator& op) {
  std::vector<int> ids(op.table->data ? op.table->data->ColumnCount() : op.table->columns.size());
  for (size_t c = 0; c < ids.size(); ++c) ids[c] = static_cast<int>(c);
  return ids;
}

Status MaterializeDmlInput(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out) {
  return Materialize(child, state, out);
}

Result<PushResult> PhysicalDml::Produce(ExecState& state, const ChunkConsumer& consumer) {
  affected_ = 0;
  seen_.clear();
  if (!op_.table || !op_.table->data) return Status(sqlstate::kInternalError, "table has no storage");
  storage::Table& table = *op_.table->data;
  all_columns_ = AllColumnIds(op_);
  std::vector<DataChunk> input;
  OMEN_RETURN_IF_ERROR(MaterializeDmlInput(*children_[0], state, &input));
  for (DataChunk& chunk : input) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    OMEN_RETURN_IF_ERROR(ApplyChunk(state, table, &chunk));
    affected_ += chunk.size;
    OMEN_ASSIGN_OR_RETURN(PushResult r, EmitReturning(state, op_, chunk, consumer));
    if (r == PushResult::kFinished) return r;
  }
  return PushResult::kNeedMore;
}

bool PhysicalDml::FetchOnce(const storage::Table& table, storage::row_id_t row,
                            std::vector<Value>* full) {
  return seen_.insert(row).second && table.Fetch(row, all_columns_, full);
}

}  // namespace omen::execution
