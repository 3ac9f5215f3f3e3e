#include "execution/physical_insert.h"

#include <utility>

#include "execution/expression_executor.h"
#include "execution/value_compare.h"

namespace omen::execution {

namespace {

bool ReadCommitted(const storage::UndoLog* undo) {
  const txn::Transaction* txn = undo != nullptr ? undo->txn() : nullptr;
  return txn == nullptr || txn->isolation() == txn::IsolationLevel::kReadCommitted;
}

// Whether `existing` still has the proposed key in one of the arbiter indexes.
bool StillConflicts(const storage::Table& table, const std::vector<int>& arbiters,
                    const std::vector<Value>& existing, const std::vector<Value>& proposed) {
  for (int a : arbiters) {
    bool equal = true;
    for (int c : table.Indexes()[static_cast<size_t>(a)].columns) {
      const Value& x = existing[static_cast<size_t>(c)];
      const Value& y = proposed[static_cast<size_t>(c)];
      if (x.is_null || y.is_null || CompareValues(x, y) != 0) {
        equal = false;
        break;
      }
    }
    if (equal) return true;
  }
  return false;
}

}  // namespace

Status PhysicalInsert::ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) {
  OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, *chunk));
  if (op_.on_conflict == nullptr) return table.Append(*chunk, state.ctx->undo);
  DataChunk done(table.ColumnTypes());
  for (size_t i = 0; i < chunk->size; ++i) {
    OMEN_RETURN_IF_ERROR(Upsert(state, table, *chunk, i, &done));
  }
  *chunk = std::move(done);
  return Status::OK();
}

Status PhysicalInsert::Upsert(ExecState& state, storage::Table& table, const DataChunk& chunk,
                              size_t i, DataChunk* done) {
  const sql::OnConflictAction& oc = *op_.on_conflict;
  storage::UndoLog* undo = state.ctx->undo;
  std::vector<Value> proposed(chunk.ColumnCount());
  for (size_t c = 0; c < proposed.size(); ++c) proposed[c] = chunk.columns[c].GetValue(i);
  for (;;) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    OMEN_ASSIGN_OR_RETURN(storage::Table::UpsertResult r,
                          table.InsertOrConflict(proposed, oc.arbiters, undo));
    if (r.inserted) {
      touched_.insert(r.row);
      done->AppendRow(proposed);
      return Status::OK();
    }
    if (!oc.do_update) {
      // REPEATABLE READ: a conflicting row the snapshot cannot see is a
      // concurrent change (PostgreSQL's ExecCheckTupleVisible).
      std::vector<Value> unused;
      if (!ReadCommitted(undo) && !table.Fetch(undo, r.row, {}, &unused)) {
        return SerializationFailure();
      }
      return Status::OK();
    }
    if (touched_.contains(r.row)) {
      return Status(sqlstate::kCardinalityViolation,
                    "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .WithHint(
              "Ensure that no rows proposed for insertion within the same command have "
              "duplicate constrained values.");
    }
    OMEN_ASSIGN_OR_RETURN(bool finished, UpdateExisting(state, table, r.row, proposed, done));
    if (finished) return Status::OK();
  }
}

Result<bool> PhysicalInsert::UpdateExisting(ExecState& state, storage::Table& table,
                                            storage::row_id_t row,
                                            const std::vector<Value>& proposed, DataChunk* done) {
  const sql::OnConflictAction& oc = *op_.on_conflict;
  storage::UndoLog* undo = state.ctx->undo;
  OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome locked, table.LockRow(row, undo));
  if (locked == storage::WriteOutcome::kGone) return false;
  if (locked == storage::WriteOutcome::kChanged && !ReadCommitted(undo)) {
    return SerializationFailure();
  }
  std::vector<Value> existing;
  if (!table.FetchLatest(row, AllColumns(), &existing)) return false;
  if (!StillConflicts(table, oc.arbiters, existing, proposed)) return false;
  std::vector<Type> pair_types = table.ColumnTypes();
  pair_types.insert(pair_types.end(), table.ColumnTypes().begin(), table.ColumnTypes().end());
  DataChunk pair(pair_types);
  std::vector<Value> both = existing;
  both.insert(both.end(), proposed.begin(), proposed.end());
  pair.AppendRow(both);
  if (oc.where != nullptr) {
    std::vector<uint32_t> sel;
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *oc.where, pair, &sel));
    if (sel.empty()) return true;  // locked, left as it is
  }
  std::vector<Value> updated = existing;
  std::vector<Value> values(oc.update_columns.size());
  for (size_t k = 0; k < oc.update_columns.size(); ++k) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *oc.set_exprs[k], pair, &v));
    values[k] = v.GetValue(0);
    updated[static_cast<size_t>(oc.update_columns[k])] = values[k];
  }
  DataChunk one(table.ColumnTypes());
  one.AppendRow(updated);
  OMEN_RETURN_IF_ERROR(CheckRowConstraints(state, op_, one));
  OMEN_ASSIGN_OR_RETURN(storage::WriteOutcome w,
                        table.Update(row, oc.update_columns, values, undo));
  if (w != storage::WriteOutcome::kDone) return false;
  touched_.insert(row);
  done->AppendRow(updated);
  return true;
}

}  // namespace omen::execution
