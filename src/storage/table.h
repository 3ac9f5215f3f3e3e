#pragma once
// Table: the in-memory columnar store of one table's rows, and its indexes.
//
// Invariants (single-writer for now; MVCC arrives with issue 4):
// 1. Rows live in row groups of kRowGroupSize rows; each row group holds one
//    column segment per column (typed arrays + null flags, as Vector) and a
//    deleted flag per row. A row id is the row's slot: row_group * size + i;
//    stable for the row's life.
// 2. Every change made on behalf of a transaction is recorded in its UndoLog,
//    so RollbackTo() restores the exact previous state (values, deleted
//    flags, index entries). Statement-level atomicity and SAVEPOINTs are undo
//    log positions.
// 3. Indexes are kept in step with the rows by Insert/Update/Delete. A unique
//    index rejects a second live row with equal non-NULL key: 23505
//    'duplicate key value violates unique constraint "<name>"' with DETAIL
//    'Key (a)=(1) already exists.'. Integer-like single-column keys use the
//    LearnedIndex; other keys an absl::btree_map.
// 4. Dropped columns keep their slot (NULLs); column ids never move.
// Thread safety: readers may run concurrently with each other; writers need
// external exclusion (the database's write lock, until issue 4).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"

namespace omen::storage {

using row_id_t = uint64_t;
inline constexpr size_t kRowGroupSize = size_t{1} << 16;

class Table;

// One transaction's record of changes, newest last. Not thread-safe.
class UndoLog {
 public:
  size_t Position() const { return entries_.size(); }
  // Undoes entries newer than `position`, newest first, and drops them.
  void RollbackTo(size_t position);
  // Forgets everything (commit).
  void Clear() { entries_.clear(); }

  struct Entry {
    enum class Kind : uint8_t {
      kInsert,
      kDelete,
      kUpdate,
      kAddColumn,
      kIndexCreate,
      kTruncate,
      kIndexDrop,  // saved: the dropped index's spec and position
    } kind;
    std::shared_ptr<Table> table;
    row_id_t row = 0;
    std::vector<Value> before;   // kUpdate: the old values of `columns`
    std::vector<int> columns;    // kUpdate
    std::shared_ptr<void> saved; // kTruncate: the old contents
  };
  void Push(Entry e) { entries_.push_back(std::move(e)); }

 private:
  std::vector<Entry> entries_;
};

struct IndexSpec {
  std::string name;          // for error messages
  std::vector<int> columns;  // column ids, in key order
  bool unique = false;
  std::vector<std::string> column_names;  // for the 23505 DETAIL; optional
};

// A key range for IndexScan: lower/upper may be absent (unbounded).
struct KeyRange {
  std::vector<Value> lower, upper;  // prefix of the index's columns
  bool has_lower = false, has_upper = false;
  bool lower_inclusive = true, upper_inclusive = true;
};

class Table : public std::enable_shared_from_this<Table> {
 public:
  explicit Table(std::vector<Type> column_types);

  size_t ColumnCount() const;
  const std::vector<Type>& ColumnTypes() const;
  // Number of live rows.
  size_t RowCount() const;

  // Appends a column whose value in every existing row is `fill`.
  Status AddColumn(Type type, const Value& fill, UndoLog* undo);

  // Values are already of the column types (one per column, NULLs allowed).
  // Checks unique indexes (23505). Returns the new row id.
  Result<row_id_t> Insert(const std::vector<Value>& row, UndoLog* undo);
  // Vectorized append of `chunk` (all columns, column types). Same checks.
  Status Append(const DataChunk& chunk, UndoLog* undo);
  // Sets `columns` of a live row to `values`; unique checks as Insert.
  Status Update(row_id_t row, const std::vector<int>& columns, const std::vector<Value>& values,
                UndoLog* undo);
  Status Delete(row_id_t row, UndoLog* undo);
  // Removes every row (undoable).
  Status Truncate(UndoLog* undo);

  // Reads `column_ids` of a live row; false if the row is not live.
  bool Fetch(row_id_t row, const std::vector<int>& column_ids, std::vector<Value>* out) const;
  // Appends `column_ids` of a live row to out->columns[0..column_ids.size())
  // (vectors of those columns' types), without touching out->size or any
  // further column; false (nothing appended) if the row is not live.
  bool FetchAppend(row_id_t row, const std::vector<int>& column_ids, DataChunk* out) const;

  // Push-based scan of live rows in row-id order: fills a chunk with up to
  // kChunkSize rows of `column_ids` (types from ColumnTypes()) plus their row
  // ids, calls `sink`, stops early when sink returns an error or *stop.
  using ScanSink = std::function<Status(DataChunk& chunk, const std::vector<row_id_t>& rows)>;
  Status Scan(const std::vector<int>& column_ids, const ScanSink& sink) const;

  // Indexes. CreateIndex builds from the current rows (23505 if a unique
  // index finds duplicates). Index ids are positions, stable until DropIndex.
  Result<int> CreateIndex(IndexSpec spec, UndoLog* undo);
  void DropIndex(const std::string& name);
  // Drops index `name` (no-op if absent), recording in `undo` (may be null)
  // how to rebuild it at its old position, so index ids after a rollback are
  // those before the drop.
  Status DropIndex(const std::string& name, UndoLog* undo);
  const std::vector<IndexSpec>& Indexes() const;
  // Row ids of live rows whose key (prefix) equals `key`, ascending by key.
  Status IndexLookup(int index, const std::vector<Value>& key, std::vector<row_id_t>* out) const;
  // Row ids of live rows in the range, in key order (descending: reverse key
  // order, NULL keys first); at most `limit` (0: all). Keys whose first column
  // is NULL are returned only when the range has no bound (NULLs sort last).
  Status IndexScan(int index, const KeyRange& range, size_t limit, std::vector<row_id_t>* out,
                   bool descending = false) const;

  // Used by UndoLog::RollbackTo only.
  void UndoEntry(const UndoLog::Entry& e);

  ~Table();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omen::storage
