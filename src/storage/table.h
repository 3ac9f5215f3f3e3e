#pragma once
// Table: the in-memory columnar store of one table's rows, its row versions
// and its indexes (DESIGN.md "Storage, versions and concurrency").
//
// Invariants:
// 1. Rows live in row groups of kRowGroupSize (2048) rows, allocated on
//    demand and never moved while the table lives (a two-level directory of
//    atomic pointers); each holds one column segment per column, a deleted
//    flag per row (of the newest version) and one version-chain head per row.
//    A row id is the row's slot: row_group * kRowGroupSize + i; stable for
//    the row's life. A slot is reused only once it is dead: deleted for
//    every snapshot (or its insert rolled back), no versions left, no index
//    entry naming it (Prune, UndoEntry; then Vacuum hands it to inserts).
//    An insert whose unique key a deleted row still has (its deletion seen
//    by the inserter's snapshot, nobody holding it) revives that row's slot
//    instead: new values in place, a kRevive chain entry keeping the
//    deleted version for older snapshots (DESIGN.md invariant 4).
// 2. Versions: the newest version of a row is in place; older ones are
//    reconstructed from its chain of before-images (row_group.h
//    VersionRecord), newest to oldest, each stamped with its writer's txn id
//    until commit and with the commit timestamp after. A reader with
//    snapshot s applies the before-images of entries s does not see; a row
//    whose head is null or visible is read in place, and a group without
//    chains is read at full columnar speed.
// 3. Latches and seqlocks: a row group's data, flags and chains are changed
//    under its latch held exclusively (one row, or one append), which keeps
//    the group's seqlock counter odd meanwhile. Readers (Scan, index
//    lookups, Fetch) copy a vector of up to 2048 rows, or one row, without
//    the latch and keep the copy only if the counter was even and did not
//    move; otherwise they retry, then fall back to the latch held shared
//    (always for Numeric columns). So readers never block writers, and a
//    group without chains is copied at full columnar speed. Unlinked chain
//    entries and replaced string blocks are retired through txn::Epochs and
//    freed only once no reader can hold them (row_group.h). Lock order: an
//    index mutex before a group latch; a latch is never held while waiting
//    for a transaction.
// 4. Row locks: a row is write-locked by the transaction whose uncommitted id
//    stamps its newest modifying chain entry (or a kLock entry). A writer
//    that finds another transaction's lock waits for it to end
//    (TransactionManager::WaitForTransaction, with the UndoLog's
//    WaitOptions) and then looks again. A writer whose snapshot does not see
//    the newest committed version gets WriteOutcome::kChanged and changes
//    nothing (READ COMMITTED re-checks on the newest version via
//    LockRow + FetchLatest; REPEATABLE READ and SERIALIZABLE fail with 40001).
// 5. Index entries are hints: an index keeps (key, row) for every key a
//    version of the row had, uncommitted ones included; IndexLookup and
//    IndexScan return only rows whose version the reader sees has the key.
//    A unique index rejects a second row whose newest version (or newest
//    committed one, while its writer is active) has an equal non-NULL key:
//    23505 'duplicate key value violates unique constraint "<name>"' with
//    DETAIL 'Key (a)=(1) already exists.', after waiting for that row's
//    writer when it is uncommitted (its abort lets the insert proceed).
// 6. Every change made on behalf of a transaction is recorded in its
//    UndoLog, so RollbackTo() restores the exact previous state (values,
//    flags, chains, index entries). Statement atomicity and SAVEPOINTs are
//    undo log positions. Commit stamps the chain entries (Stamp) and hands
//    them to a VersionReclaimer, which unlinks and frees entries no snapshot
//    can need (older than TransactionManager::Horizon()).
// 7. Structural changes (AddColumn, Truncate, CreateIndex, DropIndex,
//    RestoreRows) require that no other transaction uses the table (the
//    caller holds the table's exclusive lock).
// 8. Dropped columns keep their slot (NULLs); column ids never move.
// Thread safety: reads and row writes are thread-safe as above; structural
// changes as invariant 7.

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace omen::storage {

using row_id_t = uint64_t;
inline constexpr size_t kRowGroupSize = 2048;

class Table;

class VersionReclaimer;

// One transaction's record of changes, newest last, and its storage-level
// context: the transaction (null: changes are visible at once, as if
// committed at timestamp 0) and how long its row-lock waits may last. Used
// by one thread at a time.
class UndoLog {
 public:
  UndoLog() = default;
  UndoLog(const UndoLog&) = delete;
  UndoLog& operator=(const UndoLog&) = delete;
  // Without a transaction keeps the changes (Release); with one, rolls back
  // what is left (a transaction must end by Stamp + Release or RollbackTo(0)).
  ~UndoLog();

  // Attaches the running transaction (null: detach).
  void Attach(txn::TransactionManager* manager, txn::Transaction* txn) {
    manager_ = manager;
    txn_ = txn;
  }
  txn::Transaction* txn() const { return txn_; }
  txn::TransactionManager* manager() const { return manager_; }
  // What the transaction reads: its snapshot (READ COMMITTED: the
  // statement's), or every committed version without a transaction.
  txn::Snapshot snapshot() const { return txn_ != nullptr ? txn_->snapshot() : txn::Snapshot{}; }
  // The stamp of versions written now: the txn id, or 0 without a transaction.
  uint64_t writer_ts() const { return txn_ != nullptr ? txn_->id() : 0; }
  // Row-lock waits of the running statement (set by the session per statement).
  txn::WaitOptions wait;

  size_t Position() const { return entries_.size(); }
  // Undoes entries newer than `position`, newest first, and drops them.
  void RollbackTo(size_t position);
  // Commit: writes `ts` into every version this transaction made (the
  // commit sequence's stamping step).
  void Stamp(txn::commit_ts_t ts);
  // After commit (or when the changes are to be kept without a
  // transaction): forgets the entries, handing the versions to `reclaimer`
  // (may be null: versions stamped 0 are unlinked at once).
  void Release(VersionReclaimer* reclaimer, txn::commit_ts_t ts);
  // Forgets everything (kept for callers without versions to release).
  void Clear() { Release(nullptr, 0); }

  struct Entry {
    enum class Kind : uint8_t {
      kInsert,
      kDelete,
      kUpdate,
      kLock,  // a row lock only (FOR UPDATE, READ COMMITTED re-check)
      kAddColumn,
      kIndexCreate,
      kTruncate,
      kIndexDrop,  // saved: the dropped index's spec and position
      kShareLock,  // a shared row lock (FOR SHARE / FOR KEY SHARE); saved: its holder
    } kind;
    std::shared_ptr<Table> table;
    row_id_t row = 0;
    std::vector<Value> before;   // unused (kept for callers); see `version`
    std::vector<int> columns;    // kUpdate: the columns changed
    std::shared_ptr<void> saved; // kTruncate: the old contents; kUpdate: index entries added
    void* version = nullptr;     // kInsert/kDelete/kUpdate/kLock: the chain entry (row_group.h)
  };
  void Push(Entry e) { entries_.push_back(std::move(e)); }
  // Durability (issue 5, main/durability.cc): the entries, oldest first, read
  // at commit to find the rows and tables the transaction touched.
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  txn::TransactionManager* manager_ = nullptr;
  txn::Transaction* txn_ = nullptr;
};

// Committed transactions' versions waiting until no snapshot needs them.
// Thread-safe.
class VersionReclaimer {
 public:
  // Queues the rows whose chains `ts` committed into.
  void Add(txn::commit_ts_t ts, std::vector<std::pair<std::shared_ptr<Table>, row_id_t>> rows);
  // Unlinks and frees chain entries of queued rows committed at or before
  // `horizon` (TransactionManager::Horizon()); at most `max_batches` batches
  // (0: all). Returns the number of rows pruned.
  size_t Collect(txn::commit_ts_t horizon, size_t max_batches = 0);
  size_t Pending() const;

 private:
  struct Batch {
    txn::commit_ts_t ts;
    std::vector<std::pair<std::shared_ptr<Table>, row_id_t>> rows;
  };
  mutable std::mutex mu_;
  std::deque<Batch> queue_;
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

// The outcome of a row write (invariant 4).
enum class WriteOutcome : uint8_t {
  kDone,     // written (or locked)
  kChanged,  // the newest committed version is newer than the snapshot: nothing written
  kGone,     // the row's newest version is deleted: nothing written
  kBusy,     // LockRowFor without waiting: another transaction holds a conflicting lock
};

// Row lock strengths (SELECT ... FOR KEY SHARE / SHARE / NO KEY UPDATE / UPDATE).
// The update strengths are the exclusive lock in the version chain; the share
// strengths live in the row group's shared-lock table. Writers (UPDATE,
// DELETE, exclusive lockers) wait for every other transaction's share lock
// (stricter than PostgreSQL for FOR KEY SHARE against a non-key UPDATE).
enum class RowLockStrength : uint8_t { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
// What LockRowFor does when another transaction holds a conflicting lock.
enum class LockWaitPolicy : uint8_t { kBlock, kSkip, kError };

class Table : public std::enable_shared_from_this<Table> {
 public:
  explicit Table(std::vector<Type> column_types);

  size_t ColumnCount() const;
  const std::vector<Type>& ColumnTypes() const;
  // Number of rows whose newest version is live (uncommitted ones included):
  // an estimate for planning.
  size_t RowCount() const;

  // Appends a column whose value in every existing row is `fill`.
  Status AddColumn(Type type, const Value& fill, UndoLog* undo);

  // Values are already of the column types (one per column, NULLs allowed).
  // Checks unique indexes (23505, possibly after waiting for the writer of
  // an equal key). Returns the new row id. `undo` may be null (no transaction).
  Result<row_id_t> Insert(const std::vector<Value>& row, UndoLog* undo);
  // Vectorized append of `chunk` (all columns, column types). Same checks;
  // on error nothing of the chunk remains.
  Status Append(const DataChunk& chunk, UndoLog* undo);
  // INSERT ... ON CONFLICT (PostgreSQL's speculative insertion): inserts
  // `row` as Insert does unless a unique index in `arbiters` (index ids)
  // already has a row with an equal non-NULL key whose newest version is
  // committed or this transaction's own; then nothing is inserted and that
  // row is returned with inserted == false. A writer of an equal key that is
  // still active is waited for first (its abort lets the insert proceed).
  // Conflicts on other unique indexes are 23505 as in Insert.
  struct UpsertResult {
    bool inserted = false;
    row_id_t row = 0;  // the new row, or the conflicting one
  };
  Result<UpsertResult> InsertOrConflict(const std::vector<Value>& row,
                                        const std::vector<int>& arbiters, UndoLog* undo);
  // Sets `columns` of `row` to `values` for undo's transaction (invariant 4:
  // waits for another writer's lock; kChanged / kGone write nothing). Unique
  // checks as Insert; on an error nothing of the update remains.
  Result<WriteOutcome> Update(row_id_t row, const std::vector<int>& columns,
                              const std::vector<Value>& values, UndoLog* undo);
  // Deletes `row` (invariant 4 as Update).
  Result<WriteOutcome> Delete(row_id_t row, UndoLog* undo);
  // Locks the newest version of `row` for undo's transaction, waiting for
  // another writer: kDone (locked; already locked by this transaction is
  // kDone too) or kGone (newest version deleted; not locked). With
  // `nowait`, fails with 55P03 instead of waiting.
  Result<WriteOutcome> LockRow(row_id_t row, UndoLog* undo, bool nowait = false);
  // SELECT ... FOR <strength>: locks the newest version of `row` for undo's
  // transaction until it ends (or a ROLLBACK TO before the lock). kDone,
  // kChanged (locked, but its newest committed version is newer than the
  // snapshot: READ COMMITTED re-checks it, the others fail with 40001),
  // kGone (deleted; not locked) or, with a policy other than kBlock, kBusy
  // (another transaction holds a conflicting lock; nothing locked). Waits as
  // Update does (40P01, 55P03 lock_timeout, 57014). Defined in table_row_lock.cc.
  Result<WriteOutcome> LockRowFor(row_id_t row, RowLockStrength strength, LockWaitPolicy policy,
                                  UndoLog* undo);
  // Removes every row (undoable). REQUIRES invariant 7.
  Status Truncate(UndoLog* undo);

  // Reads `column_ids` of the version of `row` that `reader` sees; false if
  // it sees no live version. A null reader (here and in FetchAppend, Scan,
  // IndexLookup, IndexScan) sees the newest version of every row, committed
  // or not: for DDL under the table's exclusive lock, ANALYZE and tests.
  bool Fetch(const UndoLog* reader, row_id_t row, const std::vector<int>& column_ids,
             std::vector<Value>* out) const;
  // Reads the newest version (this transaction's own, or the newest
  // committed): for a writer holding the row's lock.
  bool FetchLatest(row_id_t row, const std::vector<int>& column_ids, std::vector<Value>* out) const;
  // As Fetch, appending to out->columns[0..column_ids.size()) (vectors of
  // those columns' types) without touching out->size or any further column;
  // false (nothing appended) if not visible.
  bool FetchAppend(const UndoLog* reader, row_id_t row, const std::vector<int>& column_ids,
                   DataChunk* out) const;

  // Push-based scan of the rows `reader` sees, in row-id order: fills a chunk
  // with up to kChunkSize rows of `column_ids` (types from ColumnTypes())
  // plus their row ids, calls `sink`, stops early when sink returns an error.
  using ScanSink = std::function<Status(DataChunk& chunk, const std::vector<row_id_t>& rows)>;
  Status Scan(const UndoLog* reader, const std::vector<int>& column_ids,
              const ScanSink& sink) const;

  // Indexes. CreateIndex builds from the newest live rows (23505 if a unique
  // index finds duplicates). Index ids are positions, stable until
  // DropIndex. REQUIRES invariant 7.
  Result<int> CreateIndex(IndexSpec spec, UndoLog* undo);
  void DropIndex(const std::string& name);
  // Drops index `name` (no-op if absent), recording in `undo` (may be null)
  // how to rebuild it at its old position, so index ids after a rollback are
  // those before the drop.
  Status DropIndex(const std::string& name, UndoLog* undo);
  const std::vector<IndexSpec>& Indexes() const;
  // Rows whose version `reader` sees has a key whose prefix equals `key`,
  // ascending by key.
  Status IndexLookup(const UndoLog* reader, int index, const std::vector<Value>& key,
                     std::vector<row_id_t>* out) const;
  // IndexLookup and FetchAppend in one pass (the point-lookup path): for
  // each row found appends its id to *rows and its column_ids to `out` as
  // FetchAppend does (out->size untouched).
  Status IndexLookupAppend(const UndoLog* reader, int index, const std::vector<Value>& key,
                           const std::vector<int>& column_ids, DataChunk* out,
                           std::vector<row_id_t>* rows) const;
  // Rows `reader` sees whose key is in the range, in key order (descending:
  // reverse key order, NULL keys first); at most `limit` (0: all). Keys whose
  // first column is NULL are returned only when the range has no bound
  // (NULLs sort last).
  Status IndexScan(const UndoLog* reader, int index, const KeyRange& range, size_t limit,
                   std::vector<row_id_t>* out, bool descending = false) const;

  // Recovery (issue 5, main/durability.cc): appends chunk's rows (all
  // columns) at row ids `rows` (ascending, each >= every existing slot);
  // skipped slots become deleted rows, so row ids are those before the
  // restart. No undo, no index maintenance. REQUIRES: no indexes yet (build
  // them afterwards with CreateIndex, which bulk-loads). XX001 when row ids
  // are out of order.
  Status RestoreRows(const DataChunk& chunk, const std::vector<row_id_t>& rows);

  // Unlinks and frees the chain entries of `row` no snapshot at or after
  // `horizon` needs (VersionReclaimer). A deleted row whose last version
  // goes becomes a dead slot: its heap is freed and its index entries
  // erased, and inserts reuse the slot after Vacuum() or once the dead
  // slots exceed 50 + 20% of the live rows (PostgreSQL's autovacuum
  // defaults; until then inserts append, as PostgreSQL's do).
  void Prune(row_id_t row, txn::commit_ts_t horizon);
  // VACUUM: makes every dead slot reusable by inserts and drops the bytes
  // of replaced strings (row_group.h StringArena).
  void Vacuum();
  // Used by UndoLog only.
  void UndoEntry(const UndoLog::Entry& e);
  void StampEntry(const UndoLog::Entry& e, txn::commit_ts_t ts);

  ~Table();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omen::storage
