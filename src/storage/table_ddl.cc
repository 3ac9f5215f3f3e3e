// Table: structural changes, indexes, undo and reclamation (table.h
// invariants 6 and 7). Rows and versions are in table.cc.
#include <algorithm>
#include <functional>
#include <utility>

#include "common/sqlstate.h"
#include "storage/row_group.h"
#include "storage/table.h"
#include "storage/table_impl.h"
#include "storage/table_index.h"
#include "txn/epochs.h"

namespace omen::storage {

using internal::RowGroup;
using internal::Segment;
using internal::TableIndex;
using internal::VersionRecord;

namespace {

// The old contents kept by a Truncate for its undo.
struct TruncatedRows {
  std::vector<std::unique_ptr<RowGroup>> groups;
  std::vector<row_id_t> free_slots;
  size_t slots = 0;
  int64_t live = 0;
  // What the groups held charged to the table's budget: released when the
  // truncation commits (this object dies), handed back to the table on undo.
  std::shared_ptr<MemoryBudget> budget;
  int64_t data_bytes = 0, version_bytes = 0;
  ~TruncatedRows() {
    if (budget == nullptr) return;
    budget->Release(data_bytes, MemoryComponent::kTableData);
    budget->Release(version_bytes, MemoryComponent::kVersions);
  }
};

struct DroppedIndex {
  IndexSpec spec;
  size_t position = 0;
};

using AddedEntries = std::vector<std::pair<std::string, std::vector<Value>>>;  // Table::Impl::AddedEntries

UndoLog::Entry MakeEntry(UndoLog::Entry::Kind kind, std::shared_ptr<Table> table) {
  OMEN_DCHECK(table != nullptr);  // undoable changes need a shared_ptr-owned Table
  UndoLog::Entry e;
  e.kind = kind;
  e.table = std::move(table);
  return e;
}

}  // namespace

// ---- UndoLog and VersionReclaimer ----

UndoLog::~UndoLog() {
  // Without a transaction the changes are kept (they are visible already);
  // a transaction's uncommitted versions must not outlive it.
  if (txn_ == nullptr) {
    Release(nullptr, 0);
  } else {
    RollbackTo(0);
  }
}

void UndoLog::RollbackTo(size_t position) {
  while (entries_.size() > position) {
    Entry e = std::move(entries_.back());
    entries_.pop_back();
    if (e.table != nullptr) e.table->UndoEntry(e);
  }
}

void UndoLog::Stamp(txn::commit_ts_t ts) {
  for (const Entry& e : entries_) {
    if (e.version != nullptr || e.kind == Entry::Kind::kShareLock) e.table->StampEntry(e, ts);
  }
}

void UndoLog::Release(VersionReclaimer* reclaimer, txn::commit_ts_t ts) {
  std::vector<std::pair<std::shared_ptr<Table>, row_id_t>> rows;
  for (Entry& e : entries_) {
    if (e.version != nullptr) rows.emplace_back(e.table, e.row);
  }
  entries_.clear();
  // A big transaction's log does not pin its memory in an idle session.
  if (entries_.capacity() > 4096) std::vector<Entry>().swap(entries_);
  if (rows.empty()) return;
  if (reclaimer != nullptr) {
    reclaimer->Add(ts, std::move(rows));
    return;
  }
  for (auto& [table, row] : rows) table->Prune(row, ts);
}

void VersionReclaimer::Add(txn::commit_ts_t ts,
                           std::vector<std::pair<std::shared_ptr<Table>, row_id_t>> rows) {
  std::lock_guard<std::mutex> l(mu_);
  queue_.push_back(Batch{ts, std::move(rows)});
}

size_t VersionReclaimer::Collect(txn::commit_ts_t horizon, size_t max_batches) {
  std::vector<Batch> ready;
  {
    std::lock_guard<std::mutex> l(mu_);
    // Batches arrive nearly in timestamp order; stop at the first too new.
    while (!queue_.empty() && queue_.front().ts <= horizon &&
           (max_batches == 0 || ready.size() < max_batches)) {
      ready.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  }
  size_t pruned = 0;
  for (Batch& b : ready) {
    for (auto& [table, row] : b.rows) {
      table->Prune(row, horizon);
      ++pruned;
    }
  }
  // The pruned entries were retired (lock-free readers may hold them). A
  // full collection (VACUUM) frees them now; after a commit Retire's own
  // batching frees them, so a commit does not scan every reader's slot.
  if (pruned != 0 && max_batches == 0) txn::Epochs::Global().Reclaim();
  return pruned;
}

size_t VersionReclaimer::Pending() const {
  std::lock_guard<std::mutex> l(mu_);
  return queue_.size();
}

// ---- Impl helpers ----

std::vector<std::unique_ptr<RowGroup>> Table::Impl::TakeGroups() {
  std::vector<std::unique_ptr<RowGroup>> out;
  size_t n = GroupCount();
  for (size_t gi = 0; gi < n; ++gi) {
    out.emplace_back(GroupAt(gi));
    SetGroup(gi, nullptr);
  }
  return out;
}

int Table::Impl::FindIndex(const std::string& name) const {
  for (size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void Table::Impl::EraseEntry(const std::string& name, const std::vector<Value>& key,
                             row_id_t row) {
  std::unique_lock<std::shared_mutex> il(index_mu);
  int i = FindIndex(name);
  if (i >= 0) indexes[static_cast<size_t>(i)]->Erase(key, row);
}

Status Table::Impl::BuildIndex(TableIndex* index) {
  const IndexSpec& spec = index->spec();
  std::vector<std::pair<std::vector<Value>, row_id_t>> entries;
  std::vector<size_t> live;  // positions in `entries` of live rows
  size_t groups = GroupCount();
  for (size_t gi = 0; gi < groups; ++gi) {
    const RowGroup* g = GroupAt(gi);
    if (g == nullptr) continue;
    std::shared_lock<internal::GroupLatch> l(g->latch);
    // Deleted rows too: a rollback may revive them, and entries are hints.
    for (size_t i = 0; i < g->size(); ++i) {
      row_id_t row = gi * kRowGroupSize + i;
      entries.emplace_back(KeyInPlace(*g, i, spec), row);
      if (g->deleted[i] == 0) live.push_back(entries.size() - 1);
      // The keys of older versions, which a snapshot or a rollback may need.
      std::vector<Value> key = entries.back().first;
      for (const VersionRecord* r = g->heads[i]; r != nullptr; r = r->next) {
        bool changed = false;
        for (size_t k = 0; k < r->columns.size(); ++k) {
          for (size_t c = 0; c < spec.columns.size(); ++c) {
            if (spec.columns[c] != r->columns[k]) continue;
            key[c] = r->before[k];
            changed = true;
          }
        }
        if (changed) entries.emplace_back(key, row);
      }
    }
  }
  if (spec.unique) {
    std::vector<size_t> order = live;
    auto cmp = [&](size_t a, size_t b) {
      for (size_t c = 0; c < spec.columns.size(); ++c) {
        int r = internal::CompareValues(phys[spec.columns[c]], entries[a].first[c],
                                        entries[b].first[c]);
        if (r != 0) return r < 0;
      }
      return entries[a].second < entries[b].second;
    };
    std::sort(order.begin(), order.end(), cmp);
    for (size_t i = 1; i < order.size(); ++i) {
      const auto& a = entries[order[i - 1]].first;
      const auto& b = entries[order[i]].first;
      bool equal = true;
      for (size_t c = 0; c < spec.columns.size() && equal; ++c) {
        equal = !a[c].is_null && !b[c].is_null &&
                internal::CompareValues(phys[spec.columns[c]], a[c], b[c]) == 0;
      }
      if (equal) return index->UniqueViolation(b);
    }
  }
  index->Build(entries);
  return Status::OK();
}

// ---- structure ----

Status Table::AddColumn(Type type, const Value& fill, UndoLog* undo) {
  Impl& t = *impl_;
  t.types.push_back(type);
  t.phys.push_back(type.physical());
  size_t groups = t.GroupCount();
  for (size_t gi = 0; gi < groups; ++gi) {
    RowGroup* g = t.GroupAt(gi);
    if (g == nullptr) continue;
    std::unique_lock<internal::GroupLatch> l(g->latch);
    g->columns.emplace_back();
    Segment& seg = g->columns.back();
    seg.Reserve(t.phys.back(), kRowGroupSize);
    for (size_t i = 0; i < g->size(); ++i) seg.Push(t.phys.back(), fill);
  }
  if (undo != nullptr) undo->Push(MakeEntry(UndoLog::Entry::Kind::kAddColumn, weak_from_this().lock()));
  return Status::OK();
}

Status Table::Truncate(UndoLog* undo) {
  Impl& t = *impl_;
  auto saved = std::make_shared<TruncatedRows>();
  {
    std::lock_guard<std::mutex> a(t.append_mu);
    saved->groups = t.TakeGroups();
    t.ReleaseDeadSlots();
    saved->free_slots = std::move(t.free_slots);
    t.free_slots.clear();
    t.dead_count.store(0, std::memory_order_relaxed);
    t.generation.fetch_add(1, std::memory_order_release);
    saved->slots = t.slots.exchange(0);
    saved->live = t.live.exchange(0);
    saved->budget = t.budget;
    saved->data_bytes = t.charged_data.exchange(0);
    saved->version_bytes = t.charged_versions.exchange(0);
  }
  {
    std::unique_lock<std::shared_mutex> il(t.index_mu);
    for (auto& index : t.indexes) index->Clear();
  }
  if (undo != nullptr) {
    if (undo->txn() != nullptr) undo->txn()->NoteWrite(this);
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kTruncate, weak_from_this().lock());
    e.saved = std::move(saved);
    undo->Push(std::move(e));
  }
  return Status::OK();
}

Status Table::RestoreRows(const DataChunk& chunk, const std::vector<row_id_t>& rows) {
  Impl& t = *impl_;
  if (!t.indexes.empty() || chunk.ColumnCount() != t.types.size() || rows.size() != chunk.size) {
    return Status(sqlstate::kInternalError, "RestoreRows: table has indexes or shape differs");
  }
  // Rows that exist already (recovery): accounted, never refused.
  t.ForceCharge(t.RowBytes(chunk.size) + EstimateStringHeap(chunk), MemoryComponent::kTableData);
  std::lock_guard<std::mutex> a(t.append_mu);
  const Value null_value;
  for (size_t i = 0; i < chunk.size; ++i) {
    row_id_t slot = t.slots.load(std::memory_order_relaxed);
    if (rows[i] < slot) return Status(sqlstate::kDataCorrupted, "stored row ids are out of order");
    for (; slot <= rows[i]; ++slot) {
      RowGroup& g = t.GroupForAppend(slot);
      std::unique_lock<internal::GroupLatch> l(g.latch);
      bool filler = slot < rows[i];
      for (size_t c = 0; c < t.types.size(); ++c) {
        if (filler) {
          g.columns[c].Push(t.phys[c], null_value);
        } else {
          g.columns[c].AppendFrom(t.phys[c], chunk.columns[c], i, 1);
        }
      }
      g.deleted.push_back(filler ? 1 : 0);
      if (filler) {
        ++g.deleted_count;
        t.dead_slots.push_back(slot);  // a row deleted before the database was reopened
        t.dead_count.fetch_add(1, std::memory_order_relaxed);
      }
      t.slots.store(slot + 1, std::memory_order_release);
    }
    t.live.fetch_add(1, std::memory_order_relaxed);
  }
  t.AutoVacuum();
  return Status::OK();
}

Result<int> Table::CreateIndex(IndexSpec spec, UndoLog* undo) {
  Impl& t = *impl_;
  std::vector<Type> key_types;
  for (int c : spec.columns) {
    if (c < 0 || static_cast<size_t>(c) >= t.types.size()) {
      return Status(sqlstate::kInternalError, "index column out of range");
    }
    key_types.push_back(t.types[c]);
  }
  auto index = std::make_unique<TableIndex>(spec, std::move(key_types));
  OMEN_RETURN_IF_ERROR(t.BuildIndex(index.get()));
  {
    std::unique_lock<std::shared_mutex> il(t.index_mu);
    t.specs.push_back(spec);
    t.indexes.push_back(std::move(index));
  }
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kIndexCreate, weak_from_this().lock());
    e.saved = std::make_shared<std::string>(spec.name);
    undo->Push(std::move(e));
  }
  return static_cast<int>(t.specs.size() - 1);
}

void Table::DropIndex(const std::string& name) {
  Impl& t = *impl_;
  std::unique_lock<std::shared_mutex> il(t.index_mu);
  int i = t.FindIndex(name);
  if (i < 0) return;
  t.specs.erase(t.specs.begin() + i);
  t.indexes.erase(t.indexes.begin() + i);
}

Status Table::DropIndex(const std::string& name, UndoLog* undo) {
  Impl& t = *impl_;
  std::unique_lock<std::shared_mutex> il(t.index_mu);
  int i = t.FindIndex(name);
  if (i < 0) return Status::OK();
  auto dropped = std::make_shared<DroppedIndex>();
  dropped->spec = t.specs[static_cast<size_t>(i)];
  dropped->position = static_cast<size_t>(i);
  t.specs.erase(t.specs.begin() + i);
  t.indexes.erase(t.indexes.begin() + i);
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kIndexDrop, weak_from_this().lock());
    e.saved = std::move(dropped);
    undo->Push(std::move(e));
  }
  return Status::OK();
}

const std::vector<IndexSpec>& Table::Indexes() const { return impl_->specs; }

// ---- undo ----

void Table::StampEntry(const UndoLog::Entry& e, txn::commit_ts_t ts) {
  if (e.kind == UndoLog::Entry::Kind::kShareLock) {  // shared row locks end at commit
    UndoEntry(e);
    return;
  }
  static_cast<VersionRecord*>(e.version)->ts.store(ts, std::memory_order_release);
}

void Table::UndoEntry(const UndoLog::Entry& e) {
  Impl& t = *impl_;
  using K = UndoLog::Entry::Kind;
  auto* rec = static_cast<VersionRecord*>(e.version);
  switch (e.kind) {
    case K::kInsert: {
      if (e.row >= t.slots.load(std::memory_order_acquire)) return;
      RowGroup& g = t.Group(e.row);
      size_t off = Impl::Offset(e.row);
      const uint64_t gen = t.generation.load(std::memory_order_acquire);
      std::vector<std::vector<Value>> keys;
      bool dead;
      {
        std::unique_lock<internal::GroupLatch> l(g.latch);
        if (rec != nullptr) t.Pop(g, off, rec);
        if (g.Deleted(off)) return;
        g.SetDeleted(off, true);
        ++g.deleted_count;
        for (const IndexSpec& spec : t.specs) keys.push_back(t.KeyInPlace(g, off, spec));
        // Nobody else ever saw the row: its slot is reusable at once.
        dead = t.ClearIfDead(g, off);
      }
      t.live.fetch_sub(1, std::memory_order_relaxed);
      {
        // A lookup that found these entries must compare keys: the slot may
        // hold another row by the time it looks (IndexLookupAppend).
        t.hint_gen.fetch_add(1, std::memory_order_seq_cst);
        std::unique_lock<std::shared_mutex> il(t.index_mu);
        for (size_t i = 0; i < keys.size() && i < t.indexes.size(); ++i) {
          t.indexes[i]->Erase(keys[i], e.row);
        }
      }
      if (dead) t.FreeSlot(e.row, gen);
      return;
    }
    case K::kDelete: {
      if (e.row >= t.slots.load(std::memory_order_acquire)) return;
      RowGroup& g = t.Group(e.row);
      size_t off = Impl::Offset(e.row);
      std::unique_lock<internal::GroupLatch> l(g.latch);
      if (rec != nullptr) t.Pop(g, off, rec);
      if (!g.Deleted(off)) return;
      g.SetDeleted(off, false);
      --g.deleted_count;
      t.live.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    case K::kUpdate: {
      if (e.row >= t.slots.load(std::memory_order_acquire) || rec == nullptr) return;
      RowGroup& g = t.Group(e.row);
      size_t off = Impl::Offset(e.row);
      // The row may lose its last version while entries for the undone key
      // remain until EraseEntry below (IndexLookupAppend compares keys).
      t.hint_inflight.fetch_add(1, std::memory_order_seq_cst);
      t.hint_gen.fetch_add(1, std::memory_order_seq_cst);
      {
        std::unique_lock<internal::GroupLatch> l(g.latch);
        std::vector<Value> now(rec->columns.size());
        for (size_t i = 0; i < rec->columns.size(); ++i) t.ReadInPlace(g, off, rec->columns[i], &now[i]);
        const int64_t grown = t.StringGrowth(rec->columns, now, rec->before);
        for (size_t i = 0; i < rec->columns.size(); ++i) {
          int c = rec->columns[i];
          g.columns[c].Set(t.phys[c], off, rec->before[i]);
        }
        if (grown > 0) t.ForceCharge(grown, MemoryComponent::kTableData);
        if (grown < 0) t.Uncharge(-grown, MemoryComponent::kTableData);
        if (rec->kind == VersionRecord::Kind::kRevive) {
          // The insert that revived a deleted row: it is deleted again.
          g.SetDeleted(off, true);
          ++g.deleted_count;
          t.live.fetch_sub(1, std::memory_order_relaxed);
          t.ForceCharge(t.RowBytes(1), MemoryComponent::kTableData);
        }
        t.Pop(g, off, rec);
      }
      if (e.saved != nullptr) {
        for (const auto& [name, key] : *std::static_pointer_cast<AddedEntries>(e.saved)) {
          t.EraseEntry(name, key, e.row);
        }
      }
      t.hint_inflight.fetch_sub(1, std::memory_order_seq_cst);
      return;
    }
    case K::kLock: {
      if (e.row >= t.slots.load(std::memory_order_acquire) || rec == nullptr) return;
      RowGroup& g = t.Group(e.row);
      std::unique_lock<internal::GroupLatch> l(g.latch);
      t.Pop(g, Impl::Offset(e.row), rec);
      return;
    }
    case K::kShareLock: {
      auto held = std::static_pointer_cast<std::pair<uint64_t, int>>(e.saved);
      if (held != nullptr) t.ReleaseSharedLock(e.row, held->first, held->second);
      return;
    }
    case K::kAddColumn: {
      t.types.pop_back();
      t.phys.pop_back();
      size_t groups = t.GroupCount();
      for (size_t gi = 0; gi < groups; ++gi) {
        RowGroup* g = t.GroupAt(gi);
        if (g == nullptr) continue;
        std::unique_lock<internal::GroupLatch> l(g->latch);
        g->columns.pop_back();
      }
      return;
    }
    case K::kIndexCreate:
      DropIndex(*std::static_pointer_cast<std::string>(e.saved));
      return;
    case K::kIndexDrop: {
      // Rebuilt from the current rows: newer changes were undone first, so
      // they equal the rows at drop time.
      auto dropped = std::static_pointer_cast<DroppedIndex>(e.saved);
      std::vector<Type> key_types;
      for (int c : dropped->spec.columns) key_types.push_back(t.types[static_cast<size_t>(c)]);
      auto index = std::make_unique<TableIndex>(dropped->spec, std::move(key_types));
      OMEN_CHECK(t.BuildIndex(index.get()).ok());
      std::unique_lock<std::shared_mutex> il(t.index_mu);
      size_t pos = std::min(dropped->position, t.specs.size());
      t.specs.insert(t.specs.begin() + static_cast<std::ptrdiff_t>(pos), dropped->spec);
      t.indexes.insert(t.indexes.begin() + static_cast<std::ptrdiff_t>(pos), std::move(index));
      return;
    }
    case K::kTruncate: {
      auto saved = std::static_pointer_cast<TruncatedRows>(e.saved);
      {
        std::lock_guard<std::mutex> a(t.append_mu);
        std::vector<std::unique_ptr<RowGroup>> newer = t.TakeGroups();  // freed here
        for (size_t gi = 0; gi < saved->groups.size(); ++gi) {
          t.SetGroup(gi, saved->groups[gi].release());
        }
        t.dead_slots.clear();
        t.free_slots = std::move(saved->free_slots);
        t.dead_count.store(static_cast<int64_t>(t.free_slots.size()), std::memory_order_relaxed);
        t.generation.fetch_add(1, std::memory_order_release);
        t.slots.store(saved->slots, std::memory_order_release);
        t.live.store(saved->live, std::memory_order_relaxed);
        // The newer groups' charges go with them; the old ones come back.
        t.Uncharge(t.charged_data.load(), MemoryComponent::kTableData);
        t.Uncharge(t.charged_versions.load(), MemoryComponent::kVersions);
        t.charged_data.fetch_add(saved->data_bytes);
        t.charged_versions.fetch_add(saved->version_bytes);
        saved->data_bytes = saved->version_bytes = 0;
      }
      for (auto& index : t.indexes) OMEN_CHECK(t.BuildIndex(index.get()).ok());
      return;
    }
  }
}

}  // namespace omen::storage
