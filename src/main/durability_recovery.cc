// Durability::Open: creating or recovering a data directory (invariant 4 of
// durability.h).

#include <chrono>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "catalog/catalog_codec.h"
#include "main/durability.h"
#include "persist/keys.h"
#include "storage/row_codec.h"

namespace omen {

namespace {

std::string BigEndian(uint64_t v, int bytes) {
  std::string out;
  persist::AppendBigEndian(&out, v, bytes);
  return out;
}

// Rows are restored in chunks of this many.
constexpr size_t kRestoreChunk = 4096;

// A scan callback's way to stop early; IgnoreStop turns it back into OK.
Status StopScan() { return Status(sqlstate::kQueryCanceled, "stop"); }
Status IgnoreStop(Status s) {
  return s.code() == sqlstate::kQueryCanceled && s.message() == "stop" ? Status::OK() : s;
}

}  // namespace

struct Durability::Recovered {
  std::vector<std::shared_ptr<catalog::TableDef>> tables;
  uint64_t rows = 0;
  uint64_t max_storage_id = 0;
  std::vector<uint64_t> storage_ids;  // referenced by a catalog record
};

Result<std::unique_ptr<Durability>> Durability::Open(
    const std::string& dir, std::shared_ptr<const catalog::Catalog>* catalog) {
  std::unique_ptr<Durability> d(new Durability());
  OMEN_ASSIGN_OR_RETURN(d->store_, persist::Store::Open(dir, persist::StoreOptions()));
  OMEN_RETURN_IF_ERROR(d->Recover(catalog));
  return d;
}

Status Durability::LoadTable(const std::string& record, Recovered* out) {
  OMEN_ASSIGN_OR_RETURN(catalog::CatalogCodec::DecodedTable t,
                        catalog::CatalogCodec::DecodeTable(record));
  if (!t.def->is_view) {
    auto table = std::make_shared<storage::Table>(t.storage_types);
    DataChunk chunk(t.storage_types);
    std::vector<storage::row_id_t> ids;
    auto flush = [&]() -> Status {
      if (chunk.size == 0) return Status::OK();
      OMEN_RETURN_IF_ERROR(table->RestoreRows(chunk, ids));
      out->rows += chunk.size;
      chunk.Reset();
      ids.clear();
      return Status::OK();
    };
    uint64_t sid = t.storage_id;
    OMEN_RETURN_IF_ERROR(store_->Scan(
        persist::RowPrefix(sid), persist::RowPrefix(sid + 1),
        [&](std::string_view key, std::string_view value) -> Status {
          if (key.size() != 17) {
            return Status(sqlstate::kDataCorrupted, "invalid stored row key");
          }
          Status s = storage::DecodeRowInto(value, t.storage_types, &chunk);
          if (!s.ok()) {
            return Status(s.code(), s.message() + " (table \"" + t.def->name + "\", row " +
                                        std::to_string(persist::RowIdOfKey(key)) + ")");
          }
          ids.push_back(persist::RowIdOfKey(key));
          return chunk.size >= kRestoreChunk ? flush() : Status::OK();
        }));
    OMEN_RETURN_IF_ERROR(flush());
    // Indexes are bulk-built from the restored rows, in their old order.
    for (storage::IndexSpec& spec : t.index_specs) {
      auto built = table->CreateIndex(std::move(spec), nullptr);
      if (!built.ok()) {
        return Status(SqlState("XX002"), "could not rebuild an index of table \"" + t.def->name +
                                             "\": " + built.status().message());
      }
    }
    t.def->data = table;
    storage_ids_[table.get()] = Registered{sid, table};
    out->max_storage_id = std::max(out->max_storage_id, sid);
    out->storage_ids.push_back(sid);
  }
  out->tables.push_back(std::move(t.def));
  return Status::OK();
}

// Rows under a storage_id no catalog record references belong to a bulk
// load whose commit never happened (a crash between the SST ingestion and
// the commit's batch, or a failed commit): delete them, one range per
// storage_id, and move the counter past them so none is handed out again
// (persist::Batch::DeleteRange's contract: the range is never written again).
Status Durability::DropUnreferencedRows(const std::vector<uint64_t>& referenced) {
  std::set<uint64_t> keep(referenced.begin(), referenced.end());
  persist::Batch batch;
  uint64_t sid = 0;
  const std::string end("\x11", 1);
  for (;;) {
    // The first stored row at or after `sid` (one seek per storage_id).
    bool any = false;
    OMEN_RETURN_IF_ERROR(IgnoreStop(store_->Scan(
        persist::RowPrefix(sid), end, [&](std::string_view key, std::string_view) {
          if (key.size() < 9) return Status(sqlstate::kDataCorrupted, "invalid stored row key");
          sid = persist::ReadBigEndian(key, 1, 8);
          any = true;
          return StopScan();
        })));
    if (!any) break;
    if (keep.count(sid) == 0) {
      batch.DeleteRange(persist::RowPrefix(sid), persist::RowPrefix(sid + 1));
      next_storage_id_ = std::max(next_storage_id_, sid + 1);
    }
    if (sid == UINT64_MAX) break;
    ++sid;
  }
  if (next_storage_id_ != stored_next_id_) {
    batch.Put(persist::NextStorageIdKey(), BigEndian(next_storage_id_, 8));
  }
  if (batch.empty()) return Status::OK();
  OMEN_RETURN_IF_ERROR(store_->Commit(std::move(batch), true));
  stored_next_id_ = next_storage_id_;
  return Status::OK();
}

Status Durability::Recover(std::shared_ptr<const catalog::Catalog>* catalog) {
  auto start = std::chrono::steady_clock::now();
  std::string version;
  bool found = false;
  OMEN_RETURN_IF_ERROR(store_->Get(persist::FormatVersionKey(), &version, &found));
  if (!found) {
    // A new data directory: it must be empty, not a database of something else.
    bool empty = true;
    Status scan = store_->Scan("", std::string(9, '\xff'), [&](std::string_view, std::string_view) {
      empty = false;
      return Status(sqlstate::kInternalError, "stop");
    });
    if (!empty) {
      return Status(sqlstate::kDataCorrupted, "the data directory \"" + store_->dir() +
                                                  "\" holds data but no OmenDB format version");
    }
    OMEN_RETURN_IF_ERROR(scan);
    auto fresh = catalog::Catalog::Bootstrap();
    persist::Batch batch;
    batch.Put(persist::FormatVersionKey(), BigEndian(persist::kFormatVersion, 4));
    batch.Put(persist::NextStorageIdKey(), BigEndian(1, 8));
    batch.Put(persist::CatalogHeaderKey(), catalog::CatalogCodec::EncodeHeader(*fresh));
    OMEN_RETURN_IF_ERROR(store_->Commit(std::move(batch), true));
    *catalog = std::move(fresh);
    return Status::OK();
  }
  if (version.size() != 4 || persist::ReadBigEndian(version, 0, 4) != persist::kFormatVersion) {
    return Status(sqlstate::kDataCorrupted,
                  "the data directory \"" + store_->dir() + "\" has format version " +
                      (version.size() == 4 ? std::to_string(persist::ReadBigEndian(version, 0, 4))
                                           : std::string("(invalid)")) +
                      "; this OmenDB reads version " + std::to_string(persist::kFormatVersion));
  }
  std::string header, next;
  OMEN_RETURN_IF_ERROR(store_->Get(persist::CatalogHeaderKey(), &header, &found));
  if (!found) return Status(sqlstate::kDataCorrupted, "the stored catalog header is missing");
  OMEN_RETURN_IF_ERROR(store_->Get(persist::NextStorageIdKey(), &next, &found));
  if (!found || next.size() != 8) {
    return Status(sqlstate::kDataCorrupted, "the stored storage id counter is missing");
  }
  Recovered recovered;
  std::string end = persist::CatalogTablePrefix();
  end.back() = static_cast<char>(end.back() + 1);
  std::vector<std::string> records;
  OMEN_RETURN_IF_ERROR(store_->Scan(persist::CatalogTablePrefix(), end,
                                    [&](std::string_view, std::string_view value) {
                                      records.emplace_back(value);
                                      return Status::OK();
                                    }));
  for (const std::string& record : records) OMEN_RETURN_IF_ERROR(LoadTable(record, &recovered));
  stored_next_id_ = persist::ReadBigEndian(next, 0, 8);
  next_storage_id_ = std::max(stored_next_id_, recovered.max_storage_id + 1);
  OMEN_RETURN_IF_ERROR(DropUnreferencedRows(recovered.storage_ids));
  size_t table_count = recovered.tables.size();
  OMEN_ASSIGN_OR_RETURN(std::shared_ptr<catalog::Catalog> built,
                        catalog::CatalogCodec::Build(header, std::move(recovered.tables)));
  *catalog = std::move(built);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::fprintf(stderr, "omendb: recovered %zu relations, %llu rows from \"%s\" in %lld ms\n",
               table_count, static_cast<unsigned long long>(recovered.rows), store_->dir().c_str(),
               static_cast<long long>(ms));
  return Status::OK();
}

}  // namespace omen
