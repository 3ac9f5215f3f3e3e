#include "execution/dml_support.h"

#include <string>
#include <utility>

#include "execution/expression_executor.h"
#include "execution/physical_projection.h"
#include "execution/value_compare.h"
#include "sql/optimizer_util.h"

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

Status MaterializeDmlInput(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out,
                           MemoryReservation* memory) {
  return Materialize(child, state, out, memory);
}

Result<PushResult> PhysicalDml::Produce(ExecState& state, const ChunkConsumer& consumer) {
  affected_ = 0;
  seen_.clear();
  BeginRun();
  if (!op_.table || !op_.table->data) return Status(sqlstate::kInternalError, "table has no storage");
  storage::Table& table = *op_.table->data;
  all_columns_ = AllColumnIds(op_);
  std::vector<DataChunk> input;
  MemoryReservation memory(MemoryComponent::kOperators);
  OMEN_RETURN_IF_ERROR(MaterializeDmlInput(*children_[0], state, &input, &memory));
  for (DataChunk& chunk : input) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    OMEN_RETURN_IF_ERROR(ApplyChunk(state, table, &chunk));
    affected_ += chunk.size;
    OMEN_ASSIGN_OR_RETURN(PushResult r, EmitReturning(state, op_, chunk, consumer));
    if (r == PushResult::kFinished) return r;
  }
  return PushResult::kNeedMore;
}

DataChunk PhysicalDml::ReturningChunk(const storage::Table& table, const DataChunk& child) const {
  std::vector<Type> types = table.ColumnTypes();
  if (op_.returning_child) {
    for (const Vector& v : child.columns) types.push_back(v.type());
  }
  return DataChunk(types);
}

void PhysicalDml::AppendReturning(DataChunk* out, std::vector<Value> full, const DataChunk& child,
                                  size_t i) const {
  if (op_.returning_child) {
    for (const Vector& v : child.columns) full.push_back(v.GetValue(i));
  }
  out->AppendRow(full);
}

bool PhysicalDml::FetchOnce(ExecState& state, const storage::Table& table, storage::row_id_t row,
                            std::vector<Value>* full) {
  return seen_.insert(row).second && table.Fetch(state.ctx->undo, row, all_columns_, full);
}

Status SerializationFailure(bool deleted) {
  return Status(sqlstate::kSerializationFailure,
                std::string("could not serialize access due to concurrent ") +
                    (deleted ? "delete" : "update"));
}

Result<bool> IndexConditionHolds(ExecState& state, const sql::LogicalOperator& get,
                                 const storage::Table& table, storage::row_id_t row) {
  const sql::IndexAccess& ia = get.index_access;
  if (ia.index < 0) return true;
  const std::vector<int>& cols = table.Indexes()[static_cast<size_t>(ia.index)].columns;
  std::vector<Value> key;
  if (!table.FetchLatest(row, cols, &key)) return false;
  switch (ia.kind) {
    case sql::IndexAccess::Kind::kEquality:
      for (size_t k = 0; k < ia.keys.size() && k < key.size(); ++k) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *ia.keys[k]));
        if (v.is_null || key[k].is_null || CompareValues(key[k], v) != 0) return false;
      }
      return true;
    case sql::IndexAccess::Kind::kInList:
      for (const auto& k : ia.keys) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *k));
        if (!v.is_null && !key[0].is_null && CompareValues(key[0], v) == 0) return true;
      }
      return false;
    case sql::IndexAccess::Kind::kRange: {
      if (key[0].is_null) return false;
      if (ia.lower) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *ia.lower));
        int c = CompareValues(key[0], v);
        if (v.is_null || c < 0 || (c == 0 && !ia.lower_inclusive)) return false;
      }
      if (ia.upper) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *ia.upper));
        int c = CompareValues(key[0], v);
        if (v.is_null || c > 0 || (c == 0 && !ia.upper_inclusive)) return false;
      }
      return true;
    }
  }
  return true;
}

namespace {

// The slot holding the scan of `table` that emits row ids (the DML target)
// in `op`'s tree; null when there is none.
sql::LogicalOperatorPtr* FindTargetGet(sql::LogicalOperatorPtr* op, const storage::Table& table) {
  sql::LogicalOperator& node = **op;
  if (node.kind == sql::LogicalOpKind::kGet && node.emit_row_id && node.table != nullptr &&
      node.table->data.get() == &table) {
    return op;
  }
  for (auto& c : node.children) {
    if (c == nullptr) continue;
    if (sql::LogicalOperatorPtr* found = FindTargetGet(&c, table)) return found;
  }
  return nullptr;
}

// UPDATE ... FROM / DELETE ... USING (PostgreSQL's EvalPlanQual for a join):
// reruns the child plan with the target's scan replaced by the newest
// version of `row`, keeping the scan's own filter; the first output row for
// `row` is the re-checked child row. False when none qualifies any more.
// REQUIRES: the row is locked by this transaction.
Result<bool> RecheckJoin(ExecState& state, const sql::LogicalOperator& child,
                         const storage::Table& table, storage::row_id_t row,
                         DataChunk* child_row) {
  sql::LogicalOperatorPtr copy = sql::ClonePlan(child);
  sql::LogicalOperatorPtr* slot = FindTargetGet(&copy, table);
  if (slot == nullptr) return SerializationFailure();
  const sql::LogicalOperator& get = **slot;
  std::vector<Value> values;
  if (!table.FetchLatest(row, get.column_ids, &values)) return false;
  OMEN_ASSIGN_OR_RETURN(bool in_range, IndexConditionHolds(state, get, table, row));
  if (!in_range) return false;
  values.push_back(Value::Int64(static_cast<int64_t>(row)));
  auto one = std::make_shared<sql::LogicalOperator>();
  one->kind = sql::LogicalOpKind::kValues;
  one->types = get.types;
  one->names = get.names;
  std::vector<sql::BoundExprPtr> exprs;
  for (size_t c = 0; c < values.size() && c < get.types.size(); ++c) {
    auto e = std::make_unique<sql::BoundExpr>();
    e->kind = sql::BoundExprKind::kConstant;
    e->type = get.types[c];
    e->value = values[c];
    exprs.push_back(std::move(e));
  }
  one->values.push_back(std::move(exprs));
  sql::LogicalOperatorPtr replacement = one;
  if (get.filter) {
    auto f = std::make_shared<sql::LogicalOperator>();
    f->kind = sql::LogicalOpKind::kFilter;
    f->types = get.types;
    f->filter = get.filter->Copy();
    f->children.push_back(one);
    replacement = f;
  }
  *slot = replacement;
  OMEN_ASSIGN_OR_RETURN(std::unique_ptr<PhysicalOperator> plan, CreatePhysicalPlan(*copy));
  bool found = false;
  Result<PushResult> r = plan->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    const Vector& ids = chunk.columns.back();
    for (size_t i = 0; i < chunk.size; ++i) {
      if (ids.IsNull(i) || static_cast<storage::row_id_t>(ids.i64()[i]) != row) continue;
      *child_row = DataChunk(child.types);
      child_row->AppendRow(chunk, i);
      found = true;
      return PushResult::kFinished;
    }
    return PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(r.status());
  return found;
}

}  // namespace

Result<bool> PhysicalDml::Recheck(ExecState& state, storage::Table& table, storage::row_id_t row,
                                  DataChunk* child_row) {
  storage::UndoLog* undo = state.ctx->undo;
  const txn::Transaction* txn = undo != nullptr ? undo->txn() : nullptr;
  if (txn != nullptr && txn->isolation() != txn::IsolationLevel::kReadCommitted) {
    return SerializationFailure();
  }
  std::vector<const sql::LogicalOperator*> filters;
  const sql::LogicalOperator* node = op_.children.empty() ? nullptr : op_.children[0].get();
  while (node != nullptr && node->kind == sql::LogicalOpKind::kFilter) {
    filters.push_back(node);
    node = node->children[0].get();
  }
  bool plain_scan = node != nullptr && node->kind == sql::LogicalOpKind::kGet &&
                    node->emit_row_id && node->table != nullptr &&
                    node->table->data.get() == &table;
  if (!plain_scan && (op_.children.empty() || !op_.children[0])) return SerializationFailure();
  OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome locked, table.LockRow(row, undo));
  if (locked == storage::WriteOutcome::kGone) return false;
  // UPDATE ... FROM / DELETE ... USING: rerun the join for this one row.
  if (!plain_scan) return RecheckJoin(state, *op_.children[0], table, row, child_row);
  std::vector<Value> values;
  if (!table.FetchLatest(row, node->column_ids, &values)) return false;
  OMEN_ASSIGN_OR_RETURN(bool in_range, IndexConditionHolds(state, *node, table, row));
  if (!in_range) return false;
  values.push_back(Value::Int64(static_cast<int64_t>(row)));
  *child_row = DataChunk(node->types);
  child_row->AppendRow(values);
  std::vector<uint32_t> sel;
  if (node->filter) {
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *node->filter, *child_row, &sel));
    if (sel.empty()) return false;
  }
  for (auto it = filters.rbegin(); it != filters.rend(); ++it) {
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *(*it)->filter, *child_row, &sel));
    if (sel.empty()) return false;
  }
  return true;
}

}  // namespace omen::execution
