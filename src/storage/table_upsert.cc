// Table::InsertOrConflict: INSERT ... ON CONFLICT's insertion, after
// PostgreSQL's speculative insertion. A pre-check probes the arbiter
// indexes (waiting for active writers of an equal key, table.h invariant 5)
// so a conflict costs no row slot; the insert then adds its index entries
// arbiters first, and an equal key that appeared meanwhile turns into a
// conflict (the row is rolled back) instead of 23505.

#include <algorithm>

#include "common/sqlstate.h"
#include "storage/table_impl.h"

namespace omen::storage {

Result<Table::UpsertResult> Table::InsertOrConflict(const std::vector<Value>& row,
                                                    const std::vector<int>& arbiters,
                                                    UndoLog* undo) {
  Impl& t = *impl_;
  OMEN_RETURN_IF_ERROR(t.CheckRowWidth(row.size()));
  for (int a : arbiters) {
    if (a < 0 || static_cast<size_t>(a) >= t.specs.size() || !t.specs[a].unique) {
      return Status(sqlstate::kInternalError, "ON CONFLICT arbiter is not a unique index");
    }
  }
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  auto key_of = [&](size_t i) {
    std::vector<Value> key;
    for (int c : t.specs[i].columns) key.push_back(row[static_cast<size_t>(c)]);
    return key;
  };
  constexpr row_id_t kNoRow = ~row_id_t{0};
  UpsertResult out;
  for (int a : arbiters) {
    row_id_t conflict = kNoRow;
    OMEN_RETURN_IF_ERROR(t.AddEntry(static_cast<size_t>(a), key_of(static_cast<size_t>(a)), kNoRow,
                                    undo, nullptr, &conflict, /*probe_only=*/true));
    if (conflict != kNoRow) {
      out.row = conflict;
      return out;
    }
  }
  DataChunk chunk(t.types);
  chunk.AppendRow(row);
  UndoLog local;
  UndoLog* u = undo != nullptr ? undo : &local;
  size_t position = u->Position();
  std::vector<row_id_t> ids;
  t.AppendRows(this, chunk, u, &ids);
  const row_id_t id = ids[0];
  if (u->txn() != nullptr) u->txn()->NoteWrite(this);
  std::vector<size_t> order;
  for (int a : arbiters) order.push_back(static_cast<size_t>(a));
  for (size_t i = 0; i < t.specs.size(); ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    bool arbiter = k < arbiters.size();
    row_id_t conflict = kNoRow;
    Status s = t.AddEntry(order[k], key_of(order[k]), id, u, nullptr, arbiter ? &conflict : nullptr);
    if (!s.ok() || conflict != kNoRow) {
      u->RollbackTo(position);
      if (!s.ok()) return s;
      out.row = conflict;
      return out;
    }
  }
  if (u == &local) local.Release(nullptr, 0);
  out.inserted = true;
  out.row = id;
  return out;
}

}  // namespace omen::storage
