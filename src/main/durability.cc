#include "main/durability.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "catalog/catalog_codec.h"
#include "persist/keys.h"
#include "storage/row_codec.h"

namespace omen {

namespace {

using catalog::Catalog;
using catalog::CatalogCodec;
using catalog::TableDef;
using storage::Table;
using storage::UndoLog;

std::string NextStorageIdValue(uint64_t next) {
  std::string v;
  persist::AppendBigEndian(&v, next, 8);
  return v;
}

std::vector<int> AllColumns(const Table& table) {
  std::vector<int> all(table.ColumnCount());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  return all;
}

// Writes every live row of `table` under `storage_id`.
Status WriteAllRows(const Table& table, uint64_t storage_id, persist::Batch* batch) {
  const std::vector<Type>& types = table.ColumnTypes();
  std::vector<Value> row(types.size());
  return table.Scan(nullptr, AllColumns(table),
                    [&](DataChunk& chunk, const std::vector<storage::row_id_t>& rows) {
                      for (size_t i = 0; i < chunk.size; ++i) {
                        for (size_t c = 0; c < types.size(); ++c)
                          row[c] = chunk.columns[c].GetValue(i);
                        std::string bytes;
                        storage::EncodeRow(types, row, &bytes);
                        batch->Put(persist::RowKey(storage_id, rows[i]), std::move(bytes));
                      }
                      return Status::OK();
                    });
}

// A fresh table at least this large is bulk-loaded as an SST file instead
// of going through the WAL.
constexpr size_t kIngestRows = 50000;

// Bulk-loads every live row of `table` under `storage_id` (not yet
// referenced by any stored catalog record: invariant 1 of durability.h).
Status IngestAllRows(persist::Store& store, const Table& table, uint64_t storage_id) {
  const std::vector<Type>& types = table.ColumnTypes();
  return store.IngestSorted([&](const persist::Store::AddFn& add) {
    std::vector<Value> row(types.size());
    std::string key, bytes;
    return table.Scan(nullptr, AllColumns(table),
                      [&](DataChunk& chunk, const std::vector<storage::row_id_t>& rows) {
                        for (size_t i = 0; i < chunk.size; ++i) {
                          for (size_t c = 0; c < types.size(); ++c)
                            row[c] = chunk.columns[c].GetValue(i);
                          bytes.clear();
                          storage::EncodeRow(types, row, &bytes);
                          key = persist::RowKey(storage_id, rows[i]);
                          OMEN_RETURN_IF_ERROR(add(key, bytes));
                        }
                        return Status::OK();
                      });
  });
}

// True when the newest `added` columns of `table` hold a non-NULL value in
// some live row (then rows stored before ADD COLUMN would decode wrongly).
bool AddedColumnsHaveValues(const Table& table, size_t added) {
  size_t n = table.ColumnCount();
  std::vector<int> cols;
  for (size_t c = n - std::min(added, n); c < n; ++c) cols.push_back(static_cast<int>(c));
  bool any = false;
  Status s =
      table.Scan(nullptr, cols, [&](DataChunk& chunk, const std::vector<storage::row_id_t>&) {
        for (const Vector& v : chunk.columns) {
          for (size_t i = 0; i < chunk.size && !any; ++i) any = !v.IsNull(i);
        }
        return any ? Status(sqlstate::kInternalError, "found") : Status::OK();
      });
  (void)s;
  return any;
}

// What one transaction changed, from its undo log.
struct Changes {
  std::map<Table*, std::shared_ptr<Table>> tables;  // every table touched
  std::map<Table*, std::vector<storage::row_id_t>> rows;
  std::map<Table*, size_t> added_columns;
  std::set<Table*> truncated;
};

Changes CollectChanges(const UndoLog& undo) {
  Changes c;
  for (const UndoLog::Entry& e : undo.entries()) {
    if (e.table == nullptr) continue;
    Table* t = e.table.get();
    c.tables.emplace(t, e.table);
    switch (e.kind) {
      case UndoLog::Entry::Kind::kInsert:
      case UndoLog::Entry::Kind::kDelete:
      case UndoLog::Entry::Kind::kUpdate:
        c.rows[t].push_back(e.row);
        break;
      case UndoLog::Entry::Kind::kTruncate:
        c.truncated.insert(t);
        break;
      case UndoLog::Entry::Kind::kAddColumn:
        ++c.added_columns[t];
        break;
      default:
        break;
    }
  }
  return c;
}

std::map<uint32_t, std::shared_ptr<const TableDef>> ByOid(const Catalog& catalog) {
  std::map<uint32_t, std::shared_ptr<const TableDef>> out;
  for (const auto& [key, def] : catalog.tables()) out[def->oid] = def;
  return out;
}

}  // namespace

uint64_t Durability::StorageIdOf(const std::shared_ptr<Table>& table) const {
  auto it = storage_ids_.find(table.get());
  if (it == storage_ids_.end() || it->second.table.lock() != table) return 0;
  return it->second.storage_id;
}

namespace {

// Invariant 1: whether `table` (stored under `sid`, 0 if none) is written
// whole under a fresh storage_id at this commit.
bool Rewrites(Table* table, uint64_t sid, Changes& changes) {
  return sid == 0 || changes.truncated.count(table) != 0 ||
         (changes.added_columns.count(table) != 0 &&
          AddedColumnsHaveValues(*table, changes.added_columns[table]));
}

}  // namespace

Durability::Prepared::~Prepared() {
  if (ingested_.empty() || owner_->store_->read_only()) return;
  // Unused bulk loads (the commit failed or did not need them): their
  // storage_ids are never handed out again, so deleting the range is final.
  persist::Batch batch;
  for (const auto& [table, reg] : ingested_) {
    batch.DeleteRange(persist::RowPrefix(reg.storage_id), persist::RowPrefix(reg.storage_id + 1));
  }
  (void)owner_->store_->Enqueue(std::move(batch), false);
}

Result<std::unique_ptr<Durability::Prepared>> Durability::Prepare(const UndoLog& undo,
                                                                 const Catalog& before,
                                                                 const Catalog* after) {
  bool candidates = after != nullptr;
  for (const UndoLog::Entry& e : undo.entries()) {
    candidates |= e.kind == UndoLog::Entry::Kind::kTruncate;
  }
  if (!candidates) return std::unique_ptr<Prepared>();
  OMEN_RETURN_IF_ERROR(store_->WriteError());
  Changes changes = CollectChanges(undo);
  std::vector<std::pair<std::shared_ptr<Table>, uint64_t>> todo;
  {
    std::lock_guard<std::mutex> l(mu_);
    for (const auto& [oid, def] : ByOid(after != nullptr ? *after : before)) {
      if (def->data == nullptr || def->data->RowCount() < kIngestRows) continue;
      if (!Rewrites(def->data.get(), StorageIdOf(def->data), changes)) continue;
      todo.emplace_back(def->data, next_storage_id_++);
    }
  }
  if (todo.empty()) return std::unique_ptr<Prepared>();
  std::unique_ptr<Prepared> prepared(new Prepared(this));
  for (auto& [table, sid] : todo) {
    // Registered first: a failed ingest may have left part of the range.
    prepared->ingested_[table.get()] = Registered{sid, table};
    OMEN_RETURN_IF_ERROR(IngestAllRows(*store_, *table, sid));
  }
  return prepared;
}

Result<persist::CommitTicket> Durability::Enqueue(const UndoLog& undo, const Catalog& before,
                                                  const Catalog* after, bool sync,
                                                  Prepared* prepared) {
  if (undo.entries().empty() && after == nullptr) return persist::CommitTicket{};
  OMEN_RETURN_IF_ERROR(store_->WriteError());
  std::lock_guard<std::mutex> l(mu_);
  const Catalog& now = after != nullptr ? *after : before;
  Changes changes = CollectChanges(undo);
  persist::Batch batch;
  std::map<uint32_t, std::shared_ptr<const TableDef>> old_defs = ByOid(before);
  std::map<uint32_t, std::shared_ptr<const TableDef>> new_defs = ByOid(now);

  // The catalog records to (re)write: changed definitions (invariant 3).
  std::map<uint32_t, std::shared_ptr<const TableDef>> records;
  std::map<Table*, std::shared_ptr<const TableDef>> def_of;  // live tables of `now`
  for (const auto& [oid, def] : new_defs) {
    if (def->data != nullptr) def_of[def->data.get()] = def;
    auto old = old_defs.find(oid);
    if (after != nullptr && (old == old_defs.end() || old->second != def)) records[oid] = def;
  }
  // Storage that no table of `now` uses any more: dropped or rewritten tables.
  std::vector<std::pair<const Table*, uint64_t>> released;
  std::vector<std::pair<std::shared_ptr<Table>, uint64_t>> assigned;
  if (after != nullptr) {
    for (const auto& [oid, def] : old_defs) {
      if (new_defs.count(oid) == 0) batch.Delete(persist::CatalogTableKey(oid));
      if (def->data == nullptr || def_of.count(def->data.get()) != 0) continue;
      uint64_t sid = StorageIdOf(def->data);
      if (sid == 0) continue;
      batch.DeleteRange(persist::RowPrefix(sid), persist::RowPrefix(sid + 1));
      released.emplace_back(def->data.get(), sid);
    }
    batch.Put(persist::CatalogHeaderKey(), CatalogCodec::EncodeHeader(now));
  }
  // Tables whose rows are all written under a fresh storage_id (invariant 1).
  std::map<uint32_t, uint64_t> storage_of;  // oid -> storage_id for records
  uint64_t next = next_storage_id_;
  for (const auto& [table, def] : def_of) {
    uint64_t sid = StorageIdOf(def->data);
    if (!Rewrites(table, sid, changes)) {
      storage_of[def->oid] = sid;
      continue;
    }
    if (sid != 0) {
      batch.DeleteRange(persist::RowPrefix(sid), persist::RowPrefix(sid + 1));
      released.emplace_back(table, sid);
    }
    uint64_t fresh = 0;
    if (prepared != nullptr) {
      auto it = prepared->ingested_.find(table);
      if (it != prepared->ingested_.end() && it->second.table.lock() == def->data) {
        fresh = it->second.storage_id;  // bulk-loaded by Prepare
        prepared->ingested_.erase(it);
      }
    }
    if (fresh == 0) {
      fresh = next++;
      if (table->RowCount() >= kIngestRows) {
        OMEN_RETURN_IF_ERROR(IngestAllRows(*store_, *table, fresh));
      } else {
        OMEN_RETURN_IF_ERROR(WriteAllRows(*table, fresh, &batch));
      }
    }
    assigned.emplace_back(def->data, fresh);
    storage_of[def->oid] = fresh;
    records[def->oid] = def;
    changes.rows.erase(table);
  }
  if (next != stored_next_id_) batch.Put(persist::NextStorageIdKey(), NextStorageIdValue(next));
  for (const auto& [oid, def] : records) {
    batch.Put(persist::CatalogTableKey(oid), CatalogCodec::EncodeTable(*def, storage_of[oid]));
  }
  // The rows the transaction touched (invariant 2).
  std::vector<Value> row;
  for (auto& [table, ids] : changes.rows) {
    auto def = def_of.find(table);
    if (def == def_of.end()) continue;  // dropped in this transaction
    uint64_t sid = storage_of[def->second->oid];
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<int> all = AllColumns(*table);
    for (storage::row_id_t id : ids) {
      if (table->FetchLatest(id, all, &row)) {
        std::string bytes;
        storage::EncodeRow(table->ColumnTypes(), row, &bytes);
        batch.Put(persist::RowKey(sid, id), std::move(bytes));
      } else {
        batch.Delete(persist::RowKey(sid, id));
      }
    }
  }
  if (batch.empty()) return persist::CommitTicket{};
  // Registered before the wait: a failed write turns the store read-only,
  // so nothing builds on these ids until the database is reopened.
  for (const auto& [table, sid] : released) {
    auto it = storage_ids_.find(table);
    if (it != storage_ids_.end() && it->second.storage_id == sid) storage_ids_.erase(it);
  }
  for (auto& [table, sid] : assigned) storage_ids_[table.get()] = Registered{sid, table};
  next_storage_id_ = stored_next_id_ = next;
  // Enqueued under mu_ (WAL order = the order of calls); waited for outside
  // it, so concurrent commits share WAL syncs.
  return persist::CommitTicket{store_->Enqueue(std::move(batch), sync)};
}

Status Durability::CommitTransaction(const UndoLog& undo, const Catalog& before,
                                     const Catalog* after, bool sync) {
  OMEN_ASSIGN_OR_RETURN(persist::CommitTicket ticket, Enqueue(undo, before, after, sync));
  if (ticket.pending == nullptr) return Status::OK();
  return store_->Wait(ticket);
}

Status Durability::Backup(const std::string& dir) { return store_->CreateCheckpoint(dir); }

}  // namespace omen
