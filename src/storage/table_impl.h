#pragma once
// Table::Impl: the state of a Table shared by table.cc (rows and versions)
// and table_ddl.cc (structure, indexes, undo). Private to storage/.

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "common/memory_budget.h"
#include "storage/row_group.h"
#include "storage/table.h"
#include "storage/table_index.h"

namespace omen::storage {

struct Table::Impl {
  static constexpr size_t kBlockGroups = 1024;  // row groups per directory block
  static constexpr size_t kBlocks = 2048;       // 2048 * 1024 * 2048 rows at most
  struct Block {
    std::atomic<internal::RowGroup*> groups[kBlockGroups];
    Block() {
      for (auto& g : groups) g.store(nullptr, std::memory_order_relaxed);
    }
  };

  // What a writer found at a row (under the group latch).
  struct RowState {
    uint64_t holder = 0;   // another transaction's uncommitted id on the newest entry
    uint8_t holder_strength = 0;  // the strongest row lock its entries on top hold
    bool mine = false;     // the newest entry is the writer's own
    bool changed = false;  // newest committed change not seen by the snapshot
    bool gone = false;     // newest version deleted
  };

  std::vector<Type> types;
  std::vector<PhysicalType> phys;
  std::unique_ptr<std::atomic<Block*>[]> dir;
  std::atomic<size_t> slots{0};   // row ids handed out and written: [0, slots)
  std::atomic<int64_t> live{0};   // rows whose newest version is live
  std::mutex append_mu;           // serializes appends (slot allocation)
  // Dead slots (deleted, no versions, no index entries, heap freed) that
  // inserts reuse before appending (DESIGN.md invariant 1: a row id is
  // reused only after garbage collection). A min-heap (std::greater), so
  // rows refill the table from its front. Guarded by append_mu.
  std::vector<row_id_t> free_slots;
  // Dead slots not yet handed to inserts: like PostgreSQL, whose inserts
  // reuse space only once (auto)vacuum has recorded it, they move to
  // free_slots on VACUUM (Table::Vacuum) or once they exceed
  // kVacuumThreshold + live / 5 (autovacuum's defaults). Guarded by append_mu.
  std::vector<row_id_t> dead_slots;
  static constexpr size_t kVacuumThreshold = 50;
  // free_slots.size() + dead_slots.size(), readable without append_mu.
  std::atomic<int64_t> dead_count{0};
  // Bumped (under append_mu) when Truncate or its undo replaces the groups:
  // a slot found dead before that is not handed out after it.
  std::atomic<uint64_t> generation{0};
  mutable std::shared_mutex index_mu;  // guards the indexes' contents
  std::vector<IndexSpec> specs;
  std::vector<std::unique_ptr<internal::TableIndex>> indexes;  // parallel to specs
  // Memory accounting (common/memory_budget.h): the budget current when the
  // table was created (null: not accounted) and what this table holds
  // charged to it, released as versions are freed and in full at ~Impl.
  std::shared_ptr<MemoryBudget> budget;
  std::atomic<int64_t> charged_data{0}, charged_versions{0};

  explicit Impl(std::vector<Type> column_types);
  ~Impl();

  // Charges `bytes` of `c` (kTableData or kVersions) to the budget: 53200
  // when it is exhausted (nothing charged). Force: never fails.
  Status Charge(int64_t bytes, MemoryComponent c);
  void ForceCharge(int64_t bytes, MemoryComponent c);
  void Uncharge(int64_t bytes, MemoryComponent c);
  // Estimated bytes of `n` rows of this table without their strings'
  // heap (segments, flags, chain heads, index entries).
  int64_t RowBytes(size_t n) const;
  // Estimated bytes of a chain entry (freed by FreeChain / Pop).
  static int64_t VersionBytes(const internal::VersionRecord& r);
  // Heap bytes the strings among `columns` gain going from `from` to `to`
  // (negative: they shrink).
  int64_t StringGrowth(const std::vector<int>& columns, const std::vector<Value>& from,
                       const std::vector<Value>& to) const;
  // Uncharges and frees the chain starting at `r`.
  void FreeChain(internal::VersionRecord* r);

  internal::RowGroup* GroupAt(size_t gi) const {
    Block* b = dir[gi / kBlockGroups].load(std::memory_order_acquire);
    return b == nullptr ? nullptr : b->groups[gi % kBlockGroups].load(std::memory_order_acquire);
  }
  internal::RowGroup& Group(row_id_t row) const { return *GroupAt(row / kRowGroupSize); }
  static size_t Offset(row_id_t row) { return row % kRowGroupSize; }
  size_t GroupCount() const {
    return (slots.load(std::memory_order_acquire) + kRowGroupSize - 1) / kRowGroupSize;
  }
  // The group for slot `row`, created if missing. REQUIRES: append_mu held.
  internal::RowGroup& GroupForAppend(row_id_t row);
  void SetGroup(size_t gi, internal::RowGroup* g);
  // Takes every group out of the directory (Truncate).
  std::vector<std::unique_ptr<internal::RowGroup>> TakeGroups();

  // Stores the rows of `chunk`, in dead slots first (free_slots), then
  // appended; with `undo`, each gets a kInsert chain entry stamped
  // undo->writer_ts() and an undo entry. *ids receives the row ids, in
  // chunk order.
  void AppendRows(Table* self, const DataChunk& chunk, UndoLog* undo, std::vector<row_id_t>* ids);
  // XX000 unless a row of `n` values fits this table.
  Status CheckRowWidth(size_t n) const;
  using AddedEntries = std::vector<std::pair<std::string, std::vector<Value>>>;
  // Whether an insert may find a deleted row to revive (cheap pre-check).
  bool MayRevive() const;
  // Stores row r of `chunk` in the slot of a deleted row that has the same
  // key in a unique index (DESIGN.md invariant 4), if there is one nobody
  // holds and whose deletion undo's snapshot sees: the row's values go in
  // place, a kRevive entry keeps the deleted version for older snapshots,
  // and an undo entry (kUpdate) restores it. *id receives the slot and
  // *added the list AddEntry records new index entries in (undone with it).
  bool Revive(Table* self, const DataChunk& chunk, size_t r, UndoLog* undo, row_id_t* id,
              std::shared_ptr<AddedEntries>* added);
  // If slot `off` of `g` is dead (deleted, no versions), frees its strings
  // and returns true: the caller then hands it to FreeSlot once no index
  // entry names it. REQUIRES: latch exclusive.
  bool ClearIfDead(internal::RowGroup& g, size_t off);
  // Records a cleared dead slot (dead_slots), unless the groups were
  // replaced since `gen` (generation read before the slot was examined).
  void FreeSlot(row_id_t row, uint64_t gen);
  // Moves dead_slots to free_slots: always / past the autovacuum
  // threshold. REQUIRE: append_mu.
  void ReleaseDeadSlots();
  void AutoVacuum();

  // REQUIRE the group latch (shared at least).
  RowState Inspect(const internal::RowGroup& g, size_t off, const txn::Snapshot& snap) const;
  // The state below `holder`'s entries on top of the chain (the newest
  // committed version): for a lock that does not conflict with the holder's.
  RowState InspectBelow(const internal::RowGroup& g, size_t off, const txn::Snapshot& snap,
                        uint64_t holder) const;
  // Takes `g`'s latch exclusively into *latch once no other transaction
  // holds a lock on row `off` conflicting with `strength` (waiting for each
  // holder to end: 40P01, 55P03, 57014), and returns the row's state for
  // `snap` under it (holder == 0). With `columns`/`values` (an UPDATE), the
  // strength is kUpdate if the update changes a unique key, else
  // kNoKeyUpdate, decided under the latch; *strength receives it.
  Result<RowState> LatchForWrite(internal::RowGroup& g, size_t off, const txn::Snapshot& snap,
                                 UndoLog* undo, bool nowait,
                                 std::unique_lock<internal::GroupLatch>* latch,
                                 const std::vector<int>* columns = nullptr,
                                 const std::vector<Value>* values = nullptr,
                                 uint8_t* strength = nullptr) const;
  // Whether setting `columns` to `values` changes a unique index's key.
  // REQUIRES: the latch.
  bool ChangesUniqueKey(const internal::RowGroup& g, size_t off, const std::vector<int>& columns,
                        const std::vector<Value>& values) const;
  // Another transaction (not `me`) holding a shared row lock on `off` that
  // conflicts with an exclusive lock of `strength` (PostgreSQL: FOR NO KEY
  // UPDATE conflicts with FOR SHARE only, FOR UPDATE with FOR KEY SHARE
  // too), or 0. REQUIRES: the latch. Defined in table_row_lock.cc.
  static uint64_t SharedHolder(const internal::RowGroup& g, size_t off, uint64_t me,
                               uint8_t strength = 3);
  // Drops (or, with prev >= 0, downgrades to strength `prev`) txn's shared
  // lock on `row` (undo of a kShareLock entry, and its release at commit).
  void ReleaseSharedLock(row_id_t row, uint64_t txn, int prev);
  // The version `snap` sees of column_ids: false if it sees no live version.
  bool ReadVersion(const internal::RowGroup& g, size_t off, const txn::Snapshot& snap,
                   const std::vector<int>& column_ids, std::vector<Value>* out) const;
  // Whether reading `cols` needs the group latch (Numeric values own heap
  // memory a writer may free: no lock-free copies).
  bool NeedsLatch(const std::vector<int>& cols) const {
    for (int c : cols) {
      if (phys[c] == PhysicalType::kNumeric) return true;
    }
    return false;
  }
  void ReadInPlace(const internal::RowGroup& g, size_t off, int col, Value* out) const {
    out->type = types[col];
    g.columns[col].Get(phys[col], off, out);
  }
  std::vector<Value> KeyInPlace(const internal::RowGroup& g, size_t off,
                                const IndexSpec& spec) const;
  // Links `rec` as the newest entry of the row. REQUIRES: latch exclusive.
  static void Link(internal::RowGroup& g, size_t off, internal::VersionRecord* rec);
  // Unlinks, uncharges and frees the newest entry, which must be `rec`.
  // REQUIRES: latch exclusive.
  void Pop(internal::RowGroup& g, size_t off, internal::VersionRecord* rec);

  // Adds (key, row) to index i, enforcing uniqueness (invariant 5); records
  // the added entry in `added` (may be null). With `conflict` (ON CONFLICT's
  // arbiters), a duplicate is not an error: *conflict receives the row that
  // has the key and nothing is added. With `probe_only`, nothing is added
  // in any case (the arbiter pre-check).
  Status AddEntry(size_t i, const std::vector<Value>& key, row_id_t row, UndoLog* undo,
                  std::vector<std::pair<std::string, std::vector<Value>>>* added,
                  row_id_t* conflict = nullptr, bool probe_only = false);
  enum class Conflict : uint8_t { kNone, kDuplicate, kWait };
  Conflict UniqueConflict(row_id_t other, const std::vector<Value>& key, const IndexSpec& spec,
                          uint64_t my_ts, uint64_t* holder) const;
  // Removes (key, row) from the index named `name` (if it still exists).
  void EraseEntry(const std::string& name, const std::vector<Value>& key, row_id_t row);
  // Filters index candidates down to rows whose visible version has the hit's key.
  // With `chunk`, also appends each passing row's column_ids (as FetchAppend).
  // Without `check_in_place`, a row without versions is taken to have the
  // hit's key (its entries are for its in-place key only): the caller
  // ensures no index entry was being dropped meanwhile (hint_gen below).
  void FilterHits(const UndoLog* reader, const internal::TableIndex& index,
                  const std::vector<internal::IndexHit>& hits, size_t key_columns,
                  std::vector<row_id_t>* out, const std::vector<int>* column_ids = nullptr,
                  DataChunk* chunk = nullptr, bool check_in_place = true) const;
  // Entries that may no longer match their row's in-place key: between a
  // pruner dropping a row's last version that had a key and its erasing
  // that key's entries, hint_inflight > 0; each such prune and each erase
  // before a slot is freed bump hint_gen first. A lookup that saw
  // hint_inflight == 0 and the same hint_gen before and after may skip
  // comparing a version-less row's in-place key (one cache miss saved).
  std::atomic<uint64_t> hint_gen{0};
  std::atomic<int64_t> hint_inflight{0};
  // Appends column_ids of the version `snap` sees. REQUIRES: the latch; the
  // version is live.
  void AppendVisible(const internal::RowGroup& g, size_t off, const txn::Snapshot& snap,
                     const std::vector<int>& column_ids, DataChunk* out) const;

  using KeyList = std::vector<std::vector<Value>>;
  // Per index, the keys of the row's versions: those kept (in place and the
  // chain entries above `first_dropped`) and those of versions made by
  // `first_dropped` and older (all of them when the row is deleted and no
  // version above remains). REQUIRES: the latch.
  void VersionKeys(const internal::RowGroup& g, size_t off,
                   const internal::VersionRecord* first_dropped, std::vector<KeyList>* kept,
                   std::vector<KeyList>* dropped) const;
  bool SameKey(const IndexSpec& spec, const std::vector<Value>& a,
               const std::vector<Value>& b) const;

  // Builds `index` from the newest live rows; 23505 on a duplicate (unique).
  Status BuildIndex(internal::TableIndex* index);
  int FindIndex(const std::string& name) const;
};

// SERIALIZABLE's early validation before a write (TransactionManager::CheckSerializable).
Status CheckBeforeWrite(const UndoLog* undo);
// Waits for transaction `holder` on behalf of undo's transaction.
Status WaitForHolder(UndoLog* undo, uint64_t holder, bool nowait = false);

}  // namespace omen::storage
