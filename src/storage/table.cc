#include "storage/table.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <utility>

#include "common/sqlstate.h"
#include "storage/row_group.h"
#include "storage/table_impl.h"
#include "storage/table_index.h"
#include "txn/epochs.h"

namespace omen::storage {

using internal::IndexHit;
using internal::RowGroup;
using internal::Segment;
using internal::TableIndex;
using internal::VersionRecord;

namespace {

bool AnyNull(const std::vector<Value>& key) {
  for (const Value& v : key) {
    if (v.is_null) return true;
  }
  return false;
}

bool Touches(const IndexSpec& spec, const std::vector<int>& columns) {
  for (int c : spec.columns) {
    if (std::find(columns.begin(), columns.end(), c) != columns.end()) return true;
  }
  return false;
}

// A null reader sees the newest version of every row (table.h).
txn::Snapshot ReaderSnapshot(const UndoLog* reader) {
  if (reader != nullptr) return reader->snapshot();
  return txn::Snapshot{~uint64_t{0}, 0};
}

// The rows `chunk` holds so far (every column has as many), and dropping
// the rows a torn lock-free attempt appended after them.
size_t ColumnRows(const DataChunk& chunk) {
  return chunk.columns.empty() ? 0 : chunk.columns[0].size();
}
void DropRowsFrom(DataChunk* chunk, size_t rows) {
  for (Vector& v : chunk->columns) v.Resize(rows);
}

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// The seqlock read (row_group.h): runs `read`, which copies from `g`
// without its latch and starts by resetting its outputs, until no writer
// interfered (the counter even and unchanged around it): true. False when
// the guard has no epoch slot or writers kept interfering; the caller then
// runs `read` under the latch held shared.
template <typename F>
bool ReadStable(const RowGroup& g, const txn::Epochs::Guard& guard, F&& read) {
  if (!guard.ok()) return false;
  for (int attempt = 0; attempt < 8; ++attempt) {
    uint64_t s1 = g.seq.load(std::memory_order_acquire);
    if ((s1 & 1) != 0) {
      for (int spin = 0; spin < 256 && g.seq.load(std::memory_order_acquire) == s1; ++spin) {
        CpuRelax();
      }
      continue;
    }
    read();
    std::atomic_thread_fence(std::memory_order_acquire);
    if (g.seq.load(std::memory_order_relaxed) == s1) return true;
  }
  return false;
}

// Runs `read` lock-free if it can (see ReadStable), else under the latch.
template <typename F>
void ReadGroup(const RowGroup& g, bool latch_only, F&& read) {
  if (!latch_only) {
    txn::Epochs::Guard guard;
    if (ReadStable(g, guard, read)) return;
  }
  std::shared_lock<internal::GroupLatch> l(g.latch);
  read();
}

}  // namespace

Status CheckBeforeWrite(const UndoLog* undo) {
  if (undo == nullptr || undo->txn() == nullptr || undo->manager() == nullptr) return Status::OK();
  return undo->manager()->CheckSerializable(*undo->txn());
}

Status WaitForHolder(UndoLog* undo, uint64_t holder, bool nowait) {
  if (undo == nullptr || undo->txn() == nullptr || undo->manager() == nullptr) {
    return Status(sqlstate::kLockNotAvailable, "could not obtain lock on row");
  }
  txn::WaitOptions opts = undo->wait;
  opts.nowait = opts.nowait || nowait;
  return undo->manager()->WaitForTransaction(*undo->txn(), holder, opts);
}

Table::Impl::Impl(std::vector<Type> column_types)
    : types(std::move(column_types)), dir(new std::atomic<Block*>[kBlocks]) {
  for (const Type& t : types) phys.push_back(t.physical());
  for (size_t i = 0; i < kBlocks; ++i) dir[i].store(nullptr, std::memory_order_relaxed);
  if (CurrentBudget() != nullptr) budget = CurrentBudget()->weak_from_this().lock();
}

Status Table::Impl::Charge(int64_t bytes, MemoryComponent c) {
  if (budget == nullptr || bytes <= 0) return Status::OK();
  OMEN_RETURN_IF_ERROR(budget->Reserve(bytes, c));
  (c == MemoryComponent::kVersions ? charged_versions : charged_data).fetch_add(bytes);
  return Status::OK();
}

void Table::Impl::ForceCharge(int64_t bytes, MemoryComponent c) {
  if (budget == nullptr || bytes <= 0) return;
  budget->ForceCharge(bytes, c);
  (c == MemoryComponent::kVersions ? charged_versions : charged_data).fetch_add(bytes);
}

void Table::Impl::Uncharge(int64_t bytes, MemoryComponent c) {
  if (budget == nullptr || bytes <= 0) return;
  budget->Release(bytes, c);
  (c == MemoryComponent::kVersions ? charged_versions : charged_data).fetch_sub(bytes);
}

int64_t Table::Impl::RowBytes(size_t n) const {
  // The deleted flag and the chain head, then per column its slot and null
  // flag, and an entry per index (key and row id in the index's tree).
  int64_t per_row = 1 + static_cast<int64_t>(sizeof(internal::VersionRecord*));
  for (PhysicalType p : phys) {
    switch (p) {
      case PhysicalType::kInt64: per_row += 1 + sizeof(int64_t); break;
      case PhysicalType::kDouble: per_row += 1 + sizeof(double); break;
      case PhysicalType::kNumeric: per_row += 1 + sizeof(Numeric); break;
      case PhysicalType::kString: per_row += 1 + sizeof(std::string); break;
    }
  }
  per_row += static_cast<int64_t>(specs.size()) * 48;
  return per_row * static_cast<int64_t>(n);
}

int64_t Table::Impl::VersionBytes(const VersionRecord& r) {
  // Lock-only entries (FOR UPDATE / SHARE, table_row_lock.cc) are not
  // accounted: they are small and freed with their transaction's versions.
  if (r.kind == VersionRecord::Kind::kLock) return 0;
  int64_t bytes = sizeof(VersionRecord) + static_cast<int64_t>(r.columns.size() * sizeof(int));
  for (const Value& v : r.before) bytes += EstimateBytes(v);
  return bytes;
}

int64_t Table::Impl::StringGrowth(const std::vector<int>& columns, const std::vector<Value>& from,
                                  const std::vector<Value>& to) const {
  int64_t grown = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (phys[columns[i]] != PhysicalType::kString) continue;
    grown += EstimateBytes(to[i]) - EstimateBytes(from[i]);
  }
  return grown;
}

void Table::Impl::FreeChain(VersionRecord* r) {
  int64_t bytes = 0;
  for (const VersionRecord* p = r; p != nullptr; p = p->next) bytes += VersionBytes(*p);
  // Unlinked already; a lock-free reader may still be walking it.
  txn::Epochs::Global().Retire(r, [](void* p) { RowGroup::FreeChain(static_cast<VersionRecord*>(p)); });
  Uncharge(bytes, MemoryComponent::kVersions);
}

Table::Impl::~Impl() {
  if (budget != nullptr) {
    budget->Release(charged_data.load(), MemoryComponent::kTableData);
    budget->Release(charged_versions.load(), MemoryComponent::kVersions);
  }
  for (size_t b = 0; b < kBlocks; ++b) {
    Block* block = dir[b].load(std::memory_order_relaxed);
    if (block == nullptr) continue;
    for (auto& g : block->groups) delete g.load(std::memory_order_relaxed);
    delete block;
  }
}

void Table::Impl::SetGroup(size_t gi, RowGroup* g) {
  std::atomic<Block*>& slot = dir[gi / kBlockGroups];
  Block* b = slot.load(std::memory_order_acquire);
  if (b == nullptr) {
    b = new Block();
    slot.store(b, std::memory_order_release);
  }
  b->groups[gi % kBlockGroups].store(g, std::memory_order_release);
}

RowGroup& Table::Impl::GroupForAppend(row_id_t row) {
  size_t gi = row / kRowGroupSize;
  RowGroup* g = GroupAt(gi);
  if (g != nullptr) return *g;
  g = new RowGroup();
  g->columns.resize(types.size());
  g->deleted.reserve(kRowGroupSize);
  g->heads = std::make_unique<VersionRecord*[]>(kRowGroupSize);
  for (size_t c = 0; c < types.size(); ++c) g->columns[c].Reserve(phys[c], kRowGroupSize);
  SetGroup(gi, g);
  return *g;
}

void Table::Impl::Link(RowGroup& g, size_t off, VersionRecord* rec) {
  rec->next = g.MutableHead(off);
  if (rec->next == nullptr) ++g.chained;
  g.SetHead(off, rec);
}

void Table::Impl::Pop(RowGroup& g, size_t off, VersionRecord* rec) {
  OMEN_CHECK(g.MutableHead(off) == rec);
  g.SetHead(off, rec->next);
  if (rec->next == nullptr) --g.chained;
  Uncharge(VersionBytes(*rec), MemoryComponent::kVersions);
  // Unreachable now, but a lock-free reader may be on it: retired, and
  // only its own memory (its `next` stays valid for such a reader).
  txn::Epochs::Global().RetireObject(rec);
}

Table::Impl::RowState Table::Impl::Inspect(const RowGroup& g, size_t off,
                                           const txn::Snapshot& snap) const {
  RowState st;
  const VersionRecord* h = g.Head(off);
  if (h != nullptr) {
    uint64_t ts = h->ts.load(std::memory_order_acquire);
    if (txn::IsTxnId(ts) && ts != snap.txn_id) {
      st.holder = ts;
      for (const VersionRecord* r = h; r != nullptr && r->ts.load(std::memory_order_acquire) == ts;
           r = r->Next()) {
        st.holder_strength = std::max(st.holder_strength, r->strength);
      }
      return st;
    }
    st.mine = txn::IsTxnId(ts) && ts == snap.txn_id;
    if (!st.mine) {
      const VersionRecord* r = h;
      while (r != nullptr && r->kind == VersionRecord::Kind::kLock) r = r->Next();
      st.changed = r != nullptr && !snap.Sees(r->ts.load(std::memory_order_acquire));
    }
  }
  st.gone = g.Deleted(off);
  return st;
}

Table::Impl::RowState Table::Impl::InspectBelow(const RowGroup& g, size_t off,
                                                const txn::Snapshot& snap, uint64_t holder) const {
  RowState st;
  const VersionRecord* r = g.Head(off);
  while (r != nullptr && r->ts.load(std::memory_order_acquire) == holder) r = r->Next();
  while (r != nullptr && r->kind == VersionRecord::Kind::kLock) r = r->Next();
  st.changed = r != nullptr && !snap.Sees(r->ts.load(std::memory_order_acquire));
  st.gone = g.Deleted(off);  // the holder's entries update or lock only
  return st;
}

bool Table::Impl::ChangesUniqueKey(const RowGroup& g, size_t off, const std::vector<int>& columns,
                                   const std::vector<Value>& values) const {
  Value now;
  for (const IndexSpec& spec : specs) {
    if (!spec.unique) continue;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (std::find(spec.columns.begin(), spec.columns.end(), columns[i]) == spec.columns.end()) {
        continue;
      }
      ReadInPlace(g, off, columns[i], &now);
      const Value& v = values[i];
      if (now.is_null != v.is_null ||
          (!v.is_null && internal::CompareValues(phys[columns[i]], now, v) != 0)) {
        return true;
      }
    }
  }
  return false;
}

Result<Table::Impl::RowState> Table::Impl::LatchForWrite(RowGroup& g, size_t off,
                                                         const txn::Snapshot& snap, UndoLog* undo,
                                                         bool nowait,
                                                         std::unique_lock<internal::GroupLatch>* latch,
                                                         const std::vector<int>* columns,
                                                         const std::vector<Value>* values,
                                                         uint8_t* strength) const {
  for (;;) {
    *latch = std::unique_lock<internal::GroupLatch>(g.latch);
    RowState st = Inspect(g, off, snap);
    uint8_t mode = static_cast<uint8_t>(RowLockStrength::kUpdate);
    if (columns != nullptr && !ChangesUniqueKey(g, off, *columns, *values)) {
      mode = static_cast<uint8_t>(RowLockStrength::kNoKeyUpdate);
    }
    if (strength != nullptr) *strength = mode;
    if (st.holder == 0 && g.shared_locks != nullptr) st.holder = SharedHolder(g, off, snap.txn_id, mode);
    if (st.holder == 0) return st;
    latch->unlock();
    OMEN_RETURN_IF_ERROR(WaitForHolder(undo, st.holder, nowait));
  }
}

bool Table::Impl::ReadVersion(const RowGroup& g, size_t off, const txn::Snapshot& snap,
                              const std::vector<int>& column_ids, std::vector<Value>* out) const {
  out->resize(column_ids.size());
  for (size_t i = 0; i < column_ids.size(); ++i) ReadInPlace(g, off, column_ids[i], &(*out)[i]);
  bool live = !g.Deleted(off);
  for (const VersionRecord* r = g.Head(off);
       r != nullptr && !snap.Sees(r->ts.load(std::memory_order_acquire)); r = r->Next()) {
    switch (r->kind) {
      case VersionRecord::Kind::kInsert:
        live = false;
        break;
      case VersionRecord::Kind::kDelete:
        live = true;
        break;
      case VersionRecord::Kind::kUpdate:
      case VersionRecord::Kind::kRevive:
        for (size_t k = 0; k < r->columns.size(); ++k) {
          for (size_t i = 0; i < column_ids.size(); ++i) {
            if (column_ids[i] == r->columns[k]) (*out)[i] = r->before[k];
          }
        }
        if (r->kind == VersionRecord::Kind::kRevive) live = false;
        break;
      case VersionRecord::Kind::kLock:
        break;
    }
  }
  return live;
}

std::vector<Value> Table::Impl::KeyInPlace(const RowGroup& g, size_t off,
                                           const IndexSpec& spec) const {
  std::vector<Value> key(spec.columns.size());
  for (size_t i = 0; i < spec.columns.size(); ++i) ReadInPlace(g, off, spec.columns[i], &key[i]);
  return key;
}

void Table::Impl::AppendRows(Table* self, const DataChunk& chunk, UndoLog* undo,
                             std::vector<row_id_t>* ids) {
  std::vector<std::pair<row_id_t, VersionRecord*>> added;
  if (undo != nullptr) added.reserve(chunk.size);
  ids->clear();
  ids->reserve(chunk.size);
  int64_t reused_bytes = 0;  // charged again by the caller for reused slots
  {
    std::lock_guard<std::mutex> a(append_mu);
    size_t done = 0;
    // Dead slots first, one group latch per run of slots in the same group.
    while (done < chunk.size && !free_slots.empty()) {
      row_id_t row = free_slots.front();
      RowGroup& g = Group(row);
      std::unique_lock<internal::GroupLatch> l(g.latch);
      do {
        std::pop_heap(free_slots.begin(), free_slots.end(), std::greater<>());
        free_slots.pop_back();
        size_t off = Offset(row);
        for (size_t c = 0; c < types.size(); ++c) g.columns[c].SetFrom(phys[c], off, chunk.columns[c], done);
        g.SetDeleted(off, false);
        --g.deleted_count;
        if (undo != nullptr) {
          auto* rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kInsert);
          Link(g, off, rec);
          added.emplace_back(row, rec);
        }
        ids->push_back(row);
        ++done;
        dead_count.fetch_sub(1, std::memory_order_relaxed);
        reused_bytes += RowBytes(1);
        if (done == chunk.size || free_slots.empty()) break;
        row = free_slots.front();
      } while (row / kRowGroupSize == ids->back() / kRowGroupSize);
    }
    size_t next = slots.load(std::memory_order_relaxed);
    while (done < chunk.size) {
      RowGroup& g = GroupForAppend(next);
      std::unique_lock<internal::GroupLatch> l(g.latch);
      size_t n = std::min(chunk.size - done, kRowGroupSize - g.size());
      size_t base = g.size();
      for (size_t c = 0; c < types.size(); ++c) g.columns[c].AppendFrom(phys[c], chunk.columns[c], done, n);
      g.deleted.resize(base + n, 0);
      for (size_t k = 0; k < n; ++k) {
        if (undo != nullptr) {
          auto* rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kInsert);
          Link(g, base + k, rec);
          added.emplace_back(next + k, rec);
        }
        ids->push_back(next + k);
      }
      l.unlock();
      next += n;
      done += n;
      slots.store(next, std::memory_order_release);
    }
    live.fetch_add(static_cast<int64_t>(chunk.size), std::memory_order_relaxed);
  }
  // A reused slot's fixed part is charged already (its strings were
  // uncharged when it was cleared).
  Uncharge(reused_bytes, MemoryComponent::kTableData);
  if (undo != nullptr) {
    std::shared_ptr<Table> table = self->weak_from_this().lock();
    OMEN_DCHECK(table != nullptr);  // undoable changes need a shared_ptr-owned Table
    for (auto& [row, rec] : added) {
      UndoLog::Entry e;
      e.kind = UndoLog::Entry::Kind::kInsert;
      e.table = table;
      e.row = row;
      e.version = rec;
      undo->Push(std::move(e));
    }
  }
}

Status Table::Impl::CheckRowWidth(size_t n) const {
  if (n == types.size()) return Status::OK();
  return Status(sqlstate::kInternalError, "row has " + std::to_string(n) + " values for " +
                                              std::to_string(types.size()) + " columns");
}

bool Table::Impl::MayRevive() const {
  // Some slot holds a deleted row that is not dead yet (a dead slot has no
  // key left), and some unique index can find it.
  const int64_t deleted = static_cast<int64_t>(slots.load(std::memory_order_relaxed)) -
                          live.load(std::memory_order_relaxed) -
                          dead_count.load(std::memory_order_relaxed);
  if (deleted <= 0) return false;
  for (const IndexSpec& spec : specs) {
    if (spec.unique) return true;
  }
  return false;
}

bool Table::Impl::Revive(Table* self, const DataChunk& chunk, size_t r, UndoLog* undo,
                         row_id_t* id, std::shared_ptr<AddedEntries>* added) {
  const IndexSpec* spec = nullptr;
  size_t index = 0;
  std::vector<Value> key;
  for (size_t i = 0; i < specs.size() && spec == nullptr; ++i) {
    if (!specs[i].unique) continue;
    key.clear();
    for (int c : specs[i].columns) key.push_back(chunk.columns[c].GetValue(r));
    if (AnyNull(key)) continue;
    spec = &specs[i];
    index = i;
  }
  if (spec == nullptr) return false;
  std::vector<internal::IndexHit> hits;
  {
    std::shared_lock<std::shared_mutex> il(index_mu);
    indexes[index]->Lookup(key, &hits);
  }
  const txn::Snapshot snap = undo->snapshot();
  for (const internal::IndexHit& h : hits) {
    if (h.row >= slots.load(std::memory_order_acquire)) continue;
    RowGroup& g = Group(h.row);
    const size_t off = Offset(h.row);
    std::unique_lock<internal::GroupLatch> l(g.latch);
    // A deleted row nobody else holds, whose deletion this snapshot sees
    // (else the snapshot must keep seeing it beside the new row), with the
    // same key in place (a dead slot's values are cleared).
    RowState st = Inspect(g, off, snap);
    if (st.holder != 0 || !st.gone || (st.changed && !st.mine)) continue;
    if (g.shared_locks != nullptr && SharedHolder(g, off, snap.txn_id) != 0) continue;
    if (g.Head(off) == nullptr) continue;  // dead or dying: its slot goes the reuse way
    if (!SameKey(*spec, KeyInPlace(g, off, *spec), key)) continue;
    auto* rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kRevive);
    rec->columns.resize(types.size());
    rec->before.resize(types.size());
    for (size_t c = 0; c < types.size(); ++c) {
      rec->columns[c] = static_cast<int>(c);
      ReadInPlace(g, off, static_cast<int>(c), &rec->before[c]);
    }
    // The slot is charged already; its old values move into the entry,
    // which stands for the insert version Append charged.
    const VersionRecord probe(0, VersionRecord::Kind::kInsert);
    ForceCharge(VersionBytes(*rec) - VersionBytes(probe), MemoryComponent::kVersions);
    Uncharge(RowBytes(1), MemoryComponent::kTableData);
    Link(g, off, rec);
    for (size_t c = 0; c < types.size(); ++c) g.columns[c].SetFrom(phys[c], off, chunk.columns[c], r);
    g.SetDeleted(off, false);
    --g.deleted_count;
    l.unlock();
    live.fetch_add(1, std::memory_order_relaxed);
    *added = std::make_shared<AddedEntries>();
    UndoLog::Entry e;
    e.kind = UndoLog::Entry::Kind::kUpdate;
    e.table = self->weak_from_this().lock();
    e.row = h.row;
    e.columns = rec->columns;
    e.version = rec;
    e.saved = *added;
    undo->Push(std::move(e));
    *id = h.row;
    return true;
  }
  return false;
}

bool Table::Impl::ClearIfDead(RowGroup& g, size_t off) {
  if (!g.Deleted(off) || g.Head(off) != nullptr) return false;
  int64_t freed = 0;
  for (size_t c = 0; c < types.size(); ++c) freed += g.columns[c].Clear(phys[c], off);
  Uncharge(freed, MemoryComponent::kTableData);
  return true;
}

void Table::Impl::FreeSlot(row_id_t row, uint64_t gen) {
  std::lock_guard<std::mutex> a(append_mu);
  if (generation.load(std::memory_order_relaxed) != gen) return;
  dead_slots.push_back(row);
  dead_count.fetch_add(1, std::memory_order_relaxed);
  AutoVacuum();
}

void Table::Impl::AutoVacuum() {
  const int64_t now_live = std::max<int64_t>(0, live.load(std::memory_order_relaxed));
  if (dead_slots.size() > kVacuumThreshold + static_cast<size_t>(now_live / 5)) ReleaseDeadSlots();
}

void Table::Impl::ReleaseDeadSlots() {
  for (row_id_t row : dead_slots) {
    free_slots.push_back(row);
    std::push_heap(free_slots.begin(), free_slots.end(), std::greater<>());
  }
  dead_slots.clear();
  if (dead_slots.capacity() > 4096) std::vector<row_id_t>().swap(dead_slots);
}

void Table::Vacuum() {
  Impl& t = *impl_;
  {
    std::lock_guard<std::mutex> a(t.append_mu);
    t.ReleaseDeadSlots();
  }
  // Only the group latch: VACUUM takes no table lock, and only string
  // segments have garbage.
  size_t groups = t.GroupCount();
  for (size_t gi = 0; gi < groups; ++gi) {
    RowGroup* g = t.GroupAt(gi);
    if (g == nullptr) continue;
    std::unique_lock<internal::GroupLatch> l(g->latch);
    for (Segment& seg : g->columns) seg.CompactStrings();
  }
  txn::Epochs::Global().Reclaim();  // free the old blocks once no reader holds them
}

Table::Table(std::vector<Type> column_types)
    : impl_(std::make_unique<Impl>(std::move(column_types))) {}

Table::~Table() = default;

size_t Table::ColumnCount() const { return impl_->types.size(); }
const std::vector<Type>& Table::ColumnTypes() const { return impl_->types; }
size_t Table::RowCount() const {
  return static_cast<size_t>(std::max<int64_t>(0, impl_->live.load(std::memory_order_relaxed)));
}

Result<row_id_t> Table::Insert(const std::vector<Value>& row, UndoLog* undo) {
  Impl& t = *impl_;
  OMEN_RETURN_IF_ERROR(t.CheckRowWidth(row.size()));
  DataChunk chunk(t.types);
  chunk.AppendRow(row);
  UndoLog local;
  UndoLog* u = undo != nullptr ? undo : &local;
  size_t position = u->Position();
  OMEN_RETURN_IF_ERROR(Append(chunk, u));
  row_id_t id = u->entries()[position].row;
  if (u == &local) local.Release(nullptr, 0);
  return id;
}

Status Table::Append(const DataChunk& chunk, UndoLog* undo) {
  Impl& t = *impl_;
  if (chunk.ColumnCount() != t.types.size()) {
    return Status(sqlstate::kInternalError, "chunk has " + std::to_string(chunk.ColumnCount()) +
                                                " columns for " + std::to_string(t.types.size()));
  }
  if (chunk.size == 0) return Status::OK();
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  // The rows (kept until the table is dropped or truncated) and their
  // insert versions (freed by the reclaimer); nothing is charged on error.
  const int64_t data_bytes = t.RowBytes(chunk.size) + EstimateStringHeap(chunk);
  OMEN_RETURN_IF_ERROR(t.Charge(data_bytes, MemoryComponent::kTableData));
  {
    VersionRecord probe(0, VersionRecord::Kind::kInsert);
    Status s = t.Charge(Impl::VersionBytes(probe) * static_cast<int64_t>(chunk.size),
                        MemoryComponent::kVersions);
    if (!s.ok()) {
      t.Uncharge(data_bytes, MemoryComponent::kTableData);
      return s;
    }
  }
  UndoLog local;
  UndoLog* u = undo != nullptr ? undo : &local;
  size_t position = u->Position();
  std::vector<row_id_t> ids;
  // Rows whose key a deleted row still has revive that row's slot
  // (DESIGN.md invariant 4); the others are stored by AppendRows.
  std::vector<std::shared_ptr<Impl::AddedEntries>> revived;
  if (t.MayRevive()) {
    constexpr row_id_t kNone = ~row_id_t{0};
    std::vector<row_id_t> slot(chunk.size, kNone);
    revived.resize(chunk.size);
    std::vector<uint32_t> rest;
    for (size_t r = 0; r < chunk.size; ++r) {
      if (!t.Revive(this, chunk, r, u, &slot[r], &revived[r])) rest.push_back(static_cast<uint32_t>(r));
    }
    if (!rest.empty()) {
      DataChunk others = chunk;
      others.Select(rest.data(), rest.size());
      t.AppendRows(this, others, u, &ids);
      for (size_t k = 0; k < rest.size(); ++k) slot[rest[k]] = ids[k];
    }
    ids = std::move(slot);
  } else {
    t.AppendRows(this, chunk, u, &ids);
  }
  if (u->txn() != nullptr) u->txn()->NoteWrite(this);
  std::vector<Value> key;
  for (size_t i = 0; i < t.specs.size(); ++i) {
    const IndexSpec& spec = t.specs[i];
    key.resize(spec.columns.size());
    for (size_t r = 0; r < chunk.size; ++r) {
      for (size_t k = 0; k < spec.columns.size(); ++k) {
        key[k] = chunk.columns[spec.columns[k]].GetValue(r);
      }
      Status s = t.AddEntry(i, key, ids[r], u, revived.empty() ? nullptr : revived[r].get());
      if (!s.ok()) {
        u->RollbackTo(position);
        return s;
      }
    }
  }
  if (u == &local) local.Release(nullptr, 0);
  return Status::OK();
}

Result<WriteOutcome> Table::Update(row_id_t row, const std::vector<int>& columns,
                                   const std::vector<Value>& values, UndoLog* undo) {
  Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire)) {
    return Status(sqlstate::kInternalError, "update of a row that does not exist");
  }
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  UndoLog local;  // without a transaction: undone on failure, then kept
  if (undo == nullptr) undo = &local;
  const size_t position = undo->Position();
  txn::Snapshot snap = undo->snapshot();
  std::vector<size_t> touched;
  for (size_t i = 0; i < t.specs.size(); ++i) {
    if (Touches(t.specs[i], columns)) touched.push_back(i);
  }
  std::vector<std::vector<Value>> old_keys(touched.size()), new_keys(touched.size());
  VersionRecord* rec = nullptr;
  {
    std::unique_lock<internal::GroupLatch> l;
    uint8_t strength = 3;
    OMEN_ASSIGN_OR_RETURN(Impl::RowState st,
                          t.LatchForWrite(g, off, snap, undo, false, &l, &columns, &values, &strength));
    if (st.changed) return WriteOutcome::kChanged;
    if (st.gone) return WriteOutcome::kGone;
    for (size_t k = 0; k < touched.size(); ++k) old_keys[k] = t.KeyInPlace(g, off, t.specs[touched[k]]);
    rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kUpdate);
    rec->strength = strength;
    rec->columns = columns;
    rec->before.resize(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) t.ReadInPlace(g, off, columns[i], &rec->before[i]);
    const int64_t grown = t.StringGrowth(columns, rec->before, values);
    Status charged = t.Charge(Impl::VersionBytes(*rec), MemoryComponent::kVersions);
    if (charged.ok() && grown > 0) {
      charged = t.Charge(grown, MemoryComponent::kTableData);
      if (!charged.ok()) t.Uncharge(Impl::VersionBytes(*rec), MemoryComponent::kVersions);
    }
    if (!charged.ok()) {
      delete rec;
      return charged;
    }
    if (grown < 0) t.Uncharge(-grown, MemoryComponent::kTableData);
    Impl::Link(g, off, rec);
    for (size_t i = 0; i < columns.size(); ++i) {
      g.columns[columns[i]].Set(t.phys[columns[i]], off, values[i]);
    }
    for (size_t k = 0; k < touched.size(); ++k) new_keys[k] = t.KeyInPlace(g, off, t.specs[touched[k]]);
  }
  auto added = std::make_shared<std::vector<std::pair<std::string, std::vector<Value>>>>();
  if (undo->txn() != nullptr) undo->txn()->NoteWrite(this);
  UndoLog::Entry e;
  e.kind = UndoLog::Entry::Kind::kUpdate;
  e.table = weak_from_this().lock();
  e.row = row;
  e.columns = columns;
  e.version = rec;
  e.saved = added;
  undo->Push(std::move(e));
  for (size_t k = 0; k < touched.size(); ++k) {
    const IndexSpec& spec = t.specs[touched[k]];
    bool same = true;
    for (size_t c = 0; c < spec.columns.size() && same; ++c) {
      same = internal::CompareValues(t.phys[spec.columns[c]], old_keys[k][c], new_keys[k][c]) == 0 &&
             old_keys[k][c].is_null == new_keys[k][c].is_null;
    }
    if (same) continue;
    Status s = t.AddEntry(touched[k], new_keys[k], row, undo, added.get());
    if (!s.ok()) {
      undo->RollbackTo(position);  // nothing of a failed update remains
      return s;
    }
  }
  if (undo == &local) local.Release(nullptr, 0);
  return WriteOutcome::kDone;
}

Result<WriteOutcome> Table::Delete(row_id_t row, UndoLog* undo) {
  Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire)) {
    return Status(sqlstate::kInternalError, "delete of a row that does not exist");
  }
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  txn::Snapshot snap = undo != nullptr ? undo->snapshot() : txn::Snapshot{};
  VersionRecord* rec = nullptr;
  {
    std::unique_lock<internal::GroupLatch> l;
    OMEN_ASSIGN_OR_RETURN(Impl::RowState st, t.LatchForWrite(g, off, snap, undo, false, &l));
    if (st.changed) return WriteOutcome::kChanged;
    if (st.gone) return WriteOutcome::kGone;
    if (undo != nullptr) {
      rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kDelete);
      Status charged = t.Charge(Impl::VersionBytes(*rec), MemoryComponent::kVersions);
      if (!charged.ok()) {
        delete rec;
        return charged;
      }
      Impl::Link(g, off, rec);
    }
    g.SetDeleted(off, true);
    ++g.deleted_count;
  }
  t.live.fetch_sub(1, std::memory_order_relaxed);
  if (undo != nullptr) {
    if (undo->txn() != nullptr) undo->txn()->NoteWrite(this);
    UndoLog::Entry e;
    e.kind = UndoLog::Entry::Kind::kDelete;
    e.table = weak_from_this().lock();
    e.row = row;
    e.version = rec;
    undo->Push(std::move(e));
  }
  return WriteOutcome::kDone;
}

Result<WriteOutcome> Table::LockRow(row_id_t row, UndoLog* undo, bool nowait) {
  Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire) || undo == nullptr) {
    return Status(sqlstate::kInternalError, "lock of a row that does not exist");
  }
  OMEN_RETURN_IF_ERROR(CheckBeforeWrite(undo));
  RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  txn::Snapshot snap = undo->snapshot();
  WriteOutcome outcome;
  VersionRecord* rec = nullptr;
  {
    std::unique_lock<internal::GroupLatch> l;
    OMEN_ASSIGN_OR_RETURN(Impl::RowState st, t.LatchForWrite(g, off, snap, undo, nowait, &l));
    if (st.gone) return WriteOutcome::kGone;
    outcome = st.changed ? WriteOutcome::kChanged : WriteOutcome::kDone;
    if (st.mine) return outcome;
    rec = new VersionRecord(undo->writer_ts(), VersionRecord::Kind::kLock);
    Status charged = t.Charge(Impl::VersionBytes(*rec), MemoryComponent::kVersions);
    if (!charged.ok()) {
      delete rec;
      return charged;
    }
    Impl::Link(g, off, rec);
  }
  if (undo->txn() != nullptr) undo->txn()->NoteWrite(this);
  UndoLog::Entry e;
  e.kind = UndoLog::Entry::Kind::kLock;
  e.table = weak_from_this().lock();
  e.row = row;
  e.version = rec;
  undo->Push(std::move(e));
  return outcome;
}

bool Table::Fetch(const UndoLog* reader, row_id_t row, const std::vector<int>& column_ids,
                  std::vector<Value>* out) const {
  const Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire)) return false;
  const RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  txn::Snapshot snap = ReaderSnapshot(reader);
  bool live = false;
  ReadGroup(g, t.NeedsLatch(column_ids), [&] { live = t.ReadVersion(g, off, snap, column_ids, out); });
  return live;
}

bool Table::FetchLatest(row_id_t row, const std::vector<int>& column_ids,
                        std::vector<Value>* out) const {
  const Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire)) return false;
  const RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  std::shared_lock<internal::GroupLatch> l(g.latch);
  if (g.Deleted(off)) return false;
  out->resize(column_ids.size());
  for (size_t i = 0; i < column_ids.size(); ++i) t.ReadInPlace(g, off, column_ids[i], &(*out)[i]);
  return true;
}

bool Table::FetchAppend(const UndoLog* reader, row_id_t row, const std::vector<int>& column_ids,
                        DataChunk* out) const {
  const Impl& t = *impl_;
  if (row >= t.slots.load(std::memory_order_acquire)) return false;
  const RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  txn::Snapshot snap = ReaderSnapshot(reader);
  const size_t base = ColumnRows(*out);
  bool found = false;
  bool again = false;  // a retry: drop what the torn attempt appended
  ReadGroup(g, t.NeedsLatch(column_ids), [&] {
    if (again) DropRowsFrom(out, base);
    again = true;
    found = false;
    const VersionRecord* h = g.Head(off);
    if (h == nullptr || snap.Sees(h->ts.load(std::memory_order_acquire))) {
      if (g.Deleted(off)) return;
    } else {
      std::vector<Value> values;
      if (!t.ReadVersion(g, off, snap, {}, &values)) return;
    }
    t.AppendVisible(g, off, snap, column_ids, out);
    found = true;
  });
  return found;
}

Status Table::Scan(const UndoLog* reader, const std::vector<int>& column_ids,
                   const ScanSink& sink) const {
  const Impl& t = *impl_;
  txn::Snapshot snap = ReaderSnapshot(reader);
  if (reader != nullptr && reader->txn() != nullptr) reader->txn()->NoteRead(this);
  std::vector<Type> types;
  types.reserve(column_ids.size());
  for (int c : column_ids) types.push_back(t.types[c]);
  const bool latch_only = t.NeedsLatch(column_ids);
  std::vector<row_id_t> rows;
  rows.reserve(kChunkSize);
  std::vector<uint32_t> sel;
  sel.reserve(kChunkSize);
  std::vector<Value> values;
  size_t groups = t.GroupCount();
  for (size_t gi = 0; gi < groups; ++gi) {
    const RowGroup* gp = t.GroupAt(gi);
    if (gp == nullptr) continue;
    const RowGroup& g = *gp;
    row_id_t group_base = gi * kRowGroupSize;
    DataChunk chunk(types);
    // One vector: copied lock-free and validated (ReadGroup), or under the
    // latch. Everything copied is owned by `chunk` before `sink` runs.
    ReadGroup(g, latch_only, [&] {
      chunk.Reset();
      sel.clear();
      rows.clear();
      size_t n = g.PublishedSize();
      if (n == 0) return;
      if (g.chained.load(std::memory_order_acquire) == 0) {
        if (g.deleted_count.load(std::memory_order_relaxed) != 0) {
          for (size_t i = 0; i < n; ++i) {
            if (!g.Deleted(i)) sel.push_back(static_cast<uint32_t>(i));
          }
          if (sel.empty()) return;
        }
        bool contiguous = sel.empty();
        size_t count = contiguous ? n : sel.size();
        for (size_t j = 0; j < column_ids.size(); ++j) {
          int c = column_ids[j];
          Vector& v = chunk.columns[j];
          v.Resize(count);
          if (contiguous) {
            g.columns[c].CopyTo(t.phys[c], 0, count, &v);
          } else {
            g.columns[c].GatherTo(t.phys[c], sel.data(), count, &v);
          }
        }
        chunk.size = count;
        rows.resize(count);
        for (size_t i = 0; i < count; ++i) rows[i] = group_base + (contiguous ? i : sel[i]);
        return;
      }
      // Versions present: row by row, in place when the snapshot sees the head.
      for (size_t i = 0; i < n; ++i) {
        const VersionRecord* h = g.Head(i);
        if (h == nullptr || snap.Sees(h->ts.load(std::memory_order_acquire))) {
          if (g.Deleted(i)) continue;
          for (size_t j = 0; j < column_ids.size(); ++j) {
            int c = column_ids[j];
            g.columns[c].AppendTo(t.phys[c], i, &chunk.columns[j]);
          }
        } else {
          if (!t.ReadVersion(g, i, snap, column_ids, &values)) continue;
          for (size_t j = 0; j < column_ids.size(); ++j) chunk.columns[j].Append(values[j]);
        }
        rows.push_back(group_base + i);
      }
      chunk.size = rows.size();
    });
    if (chunk.size == 0) continue;
    OMEN_RETURN_IF_ERROR(sink(chunk, rows));
  }
  return Status::OK();
}

Table::Impl::Conflict Table::Impl::UniqueConflict(row_id_t other, const std::vector<Value>& key,
                                                  const IndexSpec& spec, uint64_t my_ts,
                                                  uint64_t* holder) const {
  if (other >= slots.load(std::memory_order_acquire)) return Conflict::kNone;
  const RowGroup& g = Group(other);
  size_t off = Offset(other);
  std::shared_lock<internal::GroupLatch> l(g.latch);
  const VersionRecord* r = g.Head(off);
  while (r != nullptr && r->kind == VersionRecord::Kind::kLock) r = r->Next();
  uint64_t ts = r != nullptr ? r->ts.load(std::memory_order_acquire) : 0;
  bool other_active = txn::IsTxnId(ts) && ts != my_ts;
  auto equal = [&](const std::vector<Value>& k) {
    for (size_t c = 0; c < key.size(); ++c) {
      if (k[c].is_null || internal::CompareValues(phys[spec.columns[c]], k[c], key[c]) != 0) {
        return false;
      }
    }
    return true;
  };
  if (!g.Deleted(off) && equal(KeyInPlace(g, off, spec))) {
    if (!other_active) return Conflict::kDuplicate;
    *holder = ts;
    return Conflict::kWait;
  }
  if (!other_active) return Conflict::kNone;
  std::vector<Value> committed;
  if (ReadVersion(g, off, txn::Snapshot{}, spec.columns, &committed) && equal(committed)) {
    *holder = ts;
    return Conflict::kWait;
  }
  return Conflict::kNone;
}

Status Table::Impl::AddEntry(size_t i, const std::vector<Value>& key, row_id_t row, UndoLog* undo,
                             std::vector<std::pair<std::string, std::vector<Value>>>* added,
                             row_id_t* conflict, bool probe_only) {
  uint64_t my_ts = undo != nullptr ? undo->writer_ts() : 0;
  std::vector<IndexHit> hits;
  for (;;) {
    uint64_t holder = 0;
    {
      std::unique_lock<std::shared_mutex> il(index_mu);
      TableIndex& index = *indexes[i];
      if (index.spec().unique && !AnyNull(key)) {
        hits.clear();
        index.Lookup(key, &hits);
        for (const IndexHit& h : hits) {
          if (h.row == row) continue;
          Conflict c = UniqueConflict(h.row, key, index.spec(), my_ts, &holder);
          if (c == Conflict::kDuplicate && conflict != nullptr) {
            *conflict = h.row;
            return Status::OK();
          }
          if (c == Conflict::kDuplicate) return index.UniqueViolation(key);
          if (c == Conflict::kWait) break;
        }
      }
      if (holder == 0) {
        if (probe_only) return Status::OK();
        if (index.Insert(key, row) && added != nullptr) added->emplace_back(index.spec().name, key);
        return Status::OK();
      }
    }
    OMEN_RETURN_IF_ERROR(WaitForHolder(undo, holder));
  }
}

void Table::Impl::AppendVisible(const RowGroup& g, size_t off, const txn::Snapshot& snap,
                                const std::vector<int>& column_ids, DataChunk* out) const {
  const VersionRecord* h = g.chained.load(std::memory_order_acquire) == 0 ? nullptr : g.Head(off);
  if (h == nullptr || snap.Sees(h->ts.load(std::memory_order_acquire))) {
    for (size_t i = 0; i < column_ids.size(); ++i) {
      int c = column_ids[i];
      g.columns[c].AppendTo(phys[c], off, &out->columns[i]);
    }
    return;
  }
  std::vector<Value> values;
  ReadVersion(g, off, snap, column_ids, &values);
  for (size_t i = 0; i < column_ids.size(); ++i) out->columns[i].Append(values[i]);
}

void Table::Impl::FilterHits(const UndoLog* reader, const TableIndex& index,
                             const std::vector<IndexHit>& hits, size_t key_columns,
                             std::vector<row_id_t>* out, const std::vector<int>* column_ids,
                             DataChunk* chunk, bool check_in_place) const {
  txn::Snapshot snap = ReaderSnapshot(reader);
  const std::vector<int>& cols = index.spec().columns;
  size_t n = std::min(key_columns, cols.size());
  std::vector<int> key_cols;  // cols[0..n), made when a row needs them
  bool latch_only = column_ids != nullptr && NeedsLatch(*column_ids);
  for (size_t c = 0; c < n; ++c) latch_only = latch_only || phys[cols[c]] == PhysicalType::kNumeric;
  std::vector<Value> visible;
  for (const IndexHit& h : hits) {
    if (h.row >= slots.load(std::memory_order_acquire)) continue;
    const RowGroup& g = Group(h.row);
    size_t off = Offset(h.row);
    bool match = false;
    bool again = false;  // a retry: drop what the torn attempt appended
    const size_t base = chunk == nullptr ? 0 : ColumnRows(*chunk);
    ReadGroup(g, latch_only, [&] {
      match = false;
      if (chunk != nullptr) {
        if (again) DropRowsFrom(chunk, base);
        again = true;
        // Start every cache miss of this row now, so they overlap instead
        // of following one another through the checks below.
        __builtin_prefetch(g.deleted.data() + off);
        for (int c : *column_ids) g.columns[c].Prefetch(phys[c], off);
      }
      bool compare = true;  // compare `visible` with the hit's key
      const VersionRecord* head = g.chained.load(std::memory_order_acquire) == 0 ? nullptr : g.Head(off);
      if (head == nullptr) {
        // No versions: the newest version is what the snapshot sees. Its
        // key is compared unless the caller knows no entry went stale (a
        // hit may predate a pruned key change or the slot's reuse).
        if (g.Deleted(off)) return;
        if (!check_in_place) {
          match = true;
          compare = false;
        } else if (h.key == nullptr && n == 1 && phys[cols[0]] == PhysicalType::kInt64) {
          const Segment& seg = g.columns[cols[0]];
          match = internal::Load(seg.null[off]) == 0 && internal::Load(seg.i64[off]) == h.ikey;
          compare = false;
        } else {
          visible.resize(n);
          for (size_t c = 0; c < n; ++c) ReadInPlace(g, off, cols[c], &visible[c]);
          match = true;
        }
      } else {
        if (key_cols.empty()) key_cols.assign(cols.begin(), cols.begin() + static_cast<std::ptrdiff_t>(n));
        if (!ReadVersion(g, off, snap, key_cols, &visible)) return;
        match = true;
      }
      if (compare) {
        for (size_t c = 0; c < n && match; ++c) {
          if (h.key == nullptr) {
            match = !visible[c].is_null && visible[c].i == h.ikey;
          } else {
            const Value& k = (*h.key)[c];
            match = k.is_null == visible[c].is_null &&
                    (k.is_null || internal::CompareValues(phys[cols[c]], k, visible[c]) == 0);
          }
        }
      }
      if (match && chunk != nullptr) AppendVisible(g, off, snap, *column_ids, chunk);
    });
    if (match) out->push_back(h.row);
  }
}

Status Table::IndexLookupAppend(const UndoLog* reader, int index, const std::vector<Value>& key,
                                const std::vector<int>& column_ids, DataChunk* out,
                                std::vector<row_id_t>* rows) const {
  const Impl& t = *impl_;
  if (index < 0 || static_cast<size_t>(index) >= t.indexes.size()) {
    return Status(sqlstate::kInternalError, "no index " + std::to_string(index));
  }
  if (reader != nullptr && reader->txn() != nullptr) reader->txn()->NoteRead(this);
  // The hit list is per thread and reused: a point lookup allocates nothing
  // here (nothing below calls back into another lookup).
  thread_local std::vector<IndexHit> hits;
  hits.clear();
  const uint64_t gen = t.hint_gen.load(std::memory_order_seq_cst);
  const bool dropping = t.hint_inflight.load(std::memory_order_seq_cst) != 0;
  {
    std::shared_lock<std::shared_mutex> il(t.index_mu);
    t.indexes[index]->Lookup(key, &hits);
  }
  const size_t rows_before = rows->size();
  const size_t chunk_before = ColumnRows(*out);
  t.FilterHits(reader, *t.indexes[index], hits, t.specs[index].columns.size(), rows, &column_ids,
               out, /*check_in_place=*/dropping);
  if (!dropping && t.hint_gen.load(std::memory_order_seq_cst) != gen) {
    // An entry may have gone stale meanwhile: filter again, comparing keys.
    rows->resize(rows_before);
    DropRowsFrom(out, chunk_before);
    t.FilterHits(reader, *t.indexes[index], hits, t.specs[index].columns.size(), rows,
                 &column_ids, out, /*check_in_place=*/true);
  }
  hits.clear();  // hits may own key copies
  return Status::OK();
}

Status Table::IndexLookup(const UndoLog* reader, int index, const std::vector<Value>& key,
                          std::vector<row_id_t>* out) const {
  const Impl& t = *impl_;
  if (index < 0 || static_cast<size_t>(index) >= t.indexes.size()) {
    return Status(sqlstate::kInternalError, "no index " + std::to_string(index));
  }
  if (reader != nullptr && reader->txn() != nullptr) reader->txn()->NoteRead(this);
  std::vector<IndexHit> hits;
  {
    std::shared_lock<std::shared_mutex> il(t.index_mu);
    t.indexes[index]->Lookup(key, &hits);
  }
  t.FilterHits(reader, *t.indexes[index], hits, t.specs[index].columns.size(), out);
  return Status::OK();
}

Status Table::IndexScan(const UndoLog* reader, int index, const KeyRange& range, size_t limit,
                        std::vector<row_id_t>* out, bool descending) const {
  const Impl& t = *impl_;
  if (index < 0 || static_cast<size_t>(index) >= t.indexes.size()) {
    return Status(sqlstate::kInternalError, "no index " + std::to_string(index));
  }
  if (reader != nullptr && reader->txn() != nullptr) reader->txn()->NoteRead(this);
  std::vector<IndexHit> hits;
  {
    std::shared_lock<std::shared_mutex> il(t.index_mu);
    t.indexes[index]->Scan(range, descending, &hits);
  }
  size_t start = out->size();
  t.FilterHits(reader, *t.indexes[index], hits, t.specs[index].columns.size(), out);
  if (limit != 0 && out->size() - start > limit) out->resize(start + limit);
  return Status::OK();
}

bool Table::Impl::SameKey(const IndexSpec& spec, const std::vector<Value>& a,
                          const std::vector<Value>& b) const {
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (a[c].is_null != b[c].is_null) return false;
    if (!a[c].is_null && internal::CompareValues(phys[spec.columns[c]], a[c], b[c]) != 0) return false;
  }
  return true;
}

void Table::Impl::VersionKeys(const RowGroup& g, size_t off, const VersionRecord* first_dropped,
                              std::vector<KeyList>* kept, std::vector<KeyList>* dropped) const {
  kept->assign(specs.size(), {});
  dropped->assign(specs.size(), {});
  bool dead = g.Deleted(off) && g.Head(off) == first_dropped;  // nobody sees it any more
  for (size_t i = 0; i < specs.size(); ++i) {
    std::vector<Value> key = KeyInPlace(g, off, specs[i]);
    bool in_dropped = false;
    (dead ? (*dropped)[i] : (*kept)[i]).push_back(key);
    for (const VersionRecord* r = g.Head(off); r != nullptr; r = r->Next()) {
      in_dropped = in_dropped || r == first_dropped;
      bool changed = false;
      for (size_t k = 0; k < r->columns.size(); ++k) {
        for (size_t c = 0; c < specs[i].columns.size(); ++c) {
          if (specs[i].columns[c] != r->columns[k]) continue;
          key[c] = r->before[k];
          changed = true;
        }
      }
      if (changed) (in_dropped ? (*dropped)[i] : (*kept)[i]).push_back(key);
    }
  }
}

void Table::Prune(row_id_t row, txn::commit_ts_t horizon) {
  Impl& t = *impl_;
  const uint64_t gen = t.generation.load(std::memory_order_acquire);  // before the group
  if (row >= t.slots.load(std::memory_order_acquire)) return;
  RowGroup* gp = t.GroupAt(row / kRowGroupSize);
  if (gp == nullptr) return;
  RowGroup& g = *gp;
  size_t off = Impl::Offset(row);
  std::vector<Impl::KeyList> kept, dropped;
  std::vector<std::string> names;  // of the indexes `dropped` is parallel to
  bool stale = false;  // index entries that no version needs any more
  bool dead = false;   // the row is gone for every snapshot: its slot is reusable
  {
    std::unique_lock<internal::GroupLatch> l(g.latch);
    if (off >= g.size()) return;
    VersionRecord* prev = nullptr;
    VersionRecord* r = g.MutableHead(off);
    while (r != nullptr) {
      uint64_t ts = r->ts.load(std::memory_order_acquire);
      if (!txn::IsTxnId(ts) && ts <= horizon) break;
      prev = r;
      r = r->next;
    }
    if (r == nullptr) return;
    if (!t.specs.empty()) {
      t.VersionKeys(g, off, r, &kept, &dropped);
      for (const IndexSpec& spec : t.specs) names.push_back(spec.name);
      for (size_t i = 0; i < t.specs.size() && !stale; ++i) {
        for (const auto& d : dropped[i]) {
          bool needed = false;
          for (const auto& k : kept[i]) needed = needed || t.SameKey(t.specs[i], d, k);
          stale = stale || !needed;
        }
      }
    }
    if (stale) {
      // From here until the entries are erased, a version-less row may have
      // entries for keys it no longer has (IndexLookupAppend checks this).
      t.hint_inflight.fetch_add(1, std::memory_order_seq_cst);
      t.hint_gen.fetch_add(1, std::memory_order_seq_cst);
    }
    if (prev != nullptr) {
      internal::Store(prev->next, static_cast<VersionRecord*>(nullptr), std::memory_order_release);
    } else {
      g.SetHead(off, nullptr);
      --g.chained;
    }
    t.FreeChain(r);
    // Only the call that frees a deleted row's last version sees it dead:
    // nothing writes a dead row until FreeSlot hands it out again.
    dead = t.ClearIfDead(g, off);
  }
  if (stale) {
    // Drop the entries of keys no remaining version has (table.h invariant
    // 5: a row without versions has entries for its in-place key only).
    // Re-read under the index mutex, so no writer adds one of these keys
    // meanwhile.
    std::unique_lock<std::shared_mutex> il(t.index_mu);
    std::shared_lock<internal::GroupLatch> l(g.latch);
    std::vector<Impl::KeyList> now_kept, unused;
    t.VersionKeys(g, off, nullptr, &now_kept, &unused);
    for (size_t i = 0; i < dropped.size(); ++i) {
      int now = t.FindIndex(names[i]);  // indexes may have been dropped meanwhile
      if (now < 0) continue;
      for (const auto& d : dropped[i]) {
        bool needed = false;
        for (const auto& k : now_kept[static_cast<size_t>(now)]) {
          needed = needed || (!dead && t.SameKey(t.specs[static_cast<size_t>(now)], d, k));
        }
        if (!needed) t.indexes[static_cast<size_t>(now)]->Erase(d, row);
      }
    }
    t.hint_inflight.fetch_sub(1, std::memory_order_seq_cst);
  }
  if (dead) t.FreeSlot(row, gen);
}

}  // namespace omen::storage
