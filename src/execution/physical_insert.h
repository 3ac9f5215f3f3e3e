#pragma once
// kInsert: checks NOT NULL and CHECK constraints of each full row from its
// child, appends the rows (Table::Append, recorded in ctx.undo) and emits
// RETURNING rows. A pipeline breaker: the whole input is read first, so
// INSERT ... SELECT from the same table sees only the old rows.
//
// With ON CONFLICT (op.on_conflict) rows go one at a time through
// Table::InsertOrConflict. On a conflict with an arbiter index, DO NOTHING
// skips the row; DO UPDATE locks the conflicting row (waiting for its
// writer), reads its newest version and, if WHERE holds, updates it with
// the SET expressions over (existing row, EXCLUDED row), as PostgreSQL's
// READ COMMITTED does even when that version is newer than the snapshot.
// REPEATABLE READ / SERIALIZABLE: a conflicting row the snapshot does not
// see is 40001. A row this command inserted or updated cannot be updated
// again (21000).

#include <absl/container/flat_hash_set.h>

#include "execution/dml_support.h"

namespace omen::execution {

class PhysicalInsert : public PhysicalDml {
 public:
  using PhysicalDml::PhysicalDml;

 protected:
  const char* Verb() const override { return "Insert"; }
  Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) override;

 private:
  // ON CONFLICT: inserts or resolves row `i` of `chunk`, appending the row
  // RETURNING sees (inserted or updated) to `done`.
  Status Upsert(ExecState& state, storage::Table& table, const DataChunk& chunk, size_t i,
                DataChunk* done);
  // DO UPDATE on the conflicting `row`: false when it must be retried (the
  // row was deleted or its key changed while we waited).
  Result<bool> UpdateExisting(ExecState& state, storage::Table& table, storage::row_id_t row,
                              const std::vector<Value>& proposed, DataChunk* done);

  void BeginRun() override { touched_.clear(); }

  absl::flat_hash_set<storage::row_id_t> touched_;  // rows this run inserted or updated
};

}  // namespace omen::execution
