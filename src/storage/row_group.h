#pragma once
// Segment and RowGroup: the columnar storage of a Table (private to storage/).
// A Segment is one column of one row group: the typed array of the column's
// physical type plus null flags, as Vector lays them out (the data slot of a
// NULL holds an unspecified value). Every segment of a row group has exactly
// RowGroup::size() slots, and capacity for kRowGroupSize (reserved up front,
// so its arrays never move).
//
// Concurrency (DESIGN.md invariant 3, table.h invariant 3): writers change a
// group under its latch held exclusively, and while they hold it the group's
// seqlock counter `seq` is odd (GroupLatch). Readers read without the latch:
// they note an even `seq`, copy what they need, and keep the copy only if
// `seq` has not moved (ReadStable in table.cc); otherwise they retry, and
// after a few tries (or for Numeric columns, whose values own heap memory a
// writer may free) they read under the latch held shared. Every word a
// lock-free reader may read while a writer writes it is accessed atomically
// (Load/Store below; bulk copies use memcpy outside ThreadSanitizer builds,
// their result discarded if torn). What a reader may still hold after a
// writer unlinks it (version chain entries, a string arena's blocks) is
// retired through txn::Epochs, never freed at once; readers keep an
// Epochs::Guard open around their reads. `rows` publishes the slot count.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/memory_budget.h"
#include "common/numeric.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"
#include "txn/epochs.h"
#include "txn/transaction.h"

namespace omen::storage::internal {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kAtomicCopies = true;  // TSan: element-wise atomic copies
#else
inline constexpr bool kAtomicCopies = false;
#endif

// A word written by a writer in place and read by lock-free readers.
template <typename T>
inline T Load(const T& x, std::memory_order o = std::memory_order_relaxed) {
  return std::atomic_ref<T>(const_cast<T&>(x)).load(o);
}
template <typename T>
inline void Store(T& x, T v, std::memory_order o = std::memory_order_relaxed) {
  std::atomic_ref<T>(x).store(v, o);
}
// Copies n elements a writer may be changing (the copy is validated by the
// caller's seqlock check).
template <typename T>
inline void CopyRacy(T* dst, const T* src, size_t n) {
  if constexpr (kAtomicCopies) {
    for (size_t i = 0; i < n; ++i) dst[i] = Load(src[i]);
  } else {
    std::memcpy(dst, src, n * sizeof(T));
  }
}

// A string slot of a segment: null (empty string) or a pointer into the
// segment's arena at a 4-byte length followed by the bytes. One word, so a
// lock-free reader never sees a length of one string with another's bytes.
using StrRef = const char*;

inline std::string_view StrView(StrRef r) {
  if (r == nullptr) return {};
  uint32_t n;
  std::memcpy(&n, r, sizeof n);
  return std::string_view(r + sizeof n, n);
}

// The bytes of one string column of one row group, bump-allocated in
// blocks. A replaced string's bytes become garbage; once garbage outweighs
// the live bytes (or on VACUUM) Compact copies the live strings into one
// fresh block and retires the old ones (a lock-free reader may still be
// copying from them). So a row's string never sits alone in a heap page
// among short-lived versions, and memory freed by VACUUM can go back to the
// system. Used under the group latch held exclusively.
class StringArena {
 public:
  ~StringArena() {
    for (char* b : blocks_) delete[] b;
  }
  StringArena() = default;
  StringArena(StringArena&& o) noexcept
      : blocks_(std::move(o.blocks_)), cur_(o.cur_), left_(o.left_), used_(o.used_),
        garbage_(o.garbage_) {
    o.blocks_.clear();
    o.cur_ = nullptr;
    o.left_ = o.used_ = o.garbage_ = 0;
  }
  StringArena& operator=(StringArena&&) = delete;

  StrRef Store(std::string_view s) {
    if (s.empty()) return nullptr;
    const size_t need = s.size() + sizeof(uint32_t);
    if (need > left_) Grow(need);
    uint32_t n = static_cast<uint32_t>(s.size());
    std::memcpy(cur_, &n, sizeof n);
    std::memcpy(cur_ + sizeof n, s.data(), s.size());
    StrRef r = cur_;
    cur_ += need;
    left_ -= need;
    used_ += need;
    return r;
  }
  void Release(StrRef r) {
    if (r != nullptr) garbage_ += StrView(r).size() + sizeof(uint32_t);
  }
  bool WantsCompaction() const { return garbage_ > kMinGarbage && garbage_ * 2 > used_; }
  size_t garbage() const { return garbage_; }
  // Copies the strings `refs` names (every live one) into one new block,
  // repoints them (atomically: readers may be reading), and retires the
  // old blocks.
  void Compact(StrRef* refs, size_t n) {
    size_t live = used_ - garbage_;
    std::vector<char*> old = std::move(blocks_);
    blocks_.clear();
    cur_ = nullptr;
    left_ = used_ = garbage_ = 0;
    if (live > 0) Grow(live + live / 8);
    for (size_t i = 0; i < n; ++i) {
      if (refs[i] != nullptr) internal::Store(refs[i], Store(StrView(refs[i])), std::memory_order_release);
    }
    for (char* b : old) txn::Epochs::Global().RetireArray(b);
  }

 private:
  static constexpr size_t kMinGarbage = 4096;
  void Grow(size_t need) {
    size_t size = std::max<size_t>(need, std::clamp<size_t>(used_ / 2, 4096, 65536));
    blocks_.push_back(new char[size]);
    cur_ = blocks_.back();
    left_ = size;
  }
  std::vector<char*> blocks_;  // owned (new[])
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t used_ = 0;     // bytes stored (live and garbage) in blocks_
  size_t garbage_ = 0;  // bytes of replaced strings among them
};

// One column of one row group: the typed array of its physical type plus
// null flags (as Vector). Writes of existing slots (Set, SetFrom, Clear)
// are atomic stores; appends (Push, AppendFrom) write slots beyond the
// group's published `rows`, which no reader reads yet.
struct Segment {
  std::vector<int64_t> i64;
  std::vector<double> f64;
  std::vector<Numeric> num;
  std::vector<StrRef> str;
  StringArena arena;  // str's bytes
  std::vector<uint8_t> null;

  // Replaces string slot i, compacting the arena when garbage dominates.
  void SetString(size_t i, std::string_view s) {
    arena.Release(str[i]);
    Store(str[i], arena.Store(s), std::memory_order_release);
    if (arena.WantsCompaction()) arena.Compact(str.data(), str.size());
  }
  // VACUUM: drops every replaced string's bytes.
  void CompactStrings() {
    if (arena.garbage() != 0) arena.Compact(str.data(), str.size());
  }

  // Reserves capacity for n slots (so the arrays never move while filling).
  void Reserve(PhysicalType p, size_t n) {
    null.reserve(n);
    switch (p) {
      case PhysicalType::kInt64:
        i64.reserve(n);
        break;
      case PhysicalType::kDouble:
        f64.reserve(n);
        break;
      case PhysicalType::kNumeric:
        num.reserve(n);
        break;
      case PhysicalType::kString:
        str.reserve(n);
        break;
    }
  }
  void Push(PhysicalType p, const Value& v) {
    null.push_back(v.is_null ? 1 : 0);
    switch (p) {
      case PhysicalType::kInt64:
        i64.push_back(v.is_null ? 0 : v.i);
        break;
      case PhysicalType::kDouble:
        f64.push_back(v.is_null ? 0 : v.d);
        break;
      case PhysicalType::kNumeric:
        num.push_back(v.is_null ? Numeric() : v.n);
        break;
      case PhysicalType::kString:
        str.push_back(v.is_null ? nullptr : arena.Store(v.s));
        break;
    }
  }
  void Pop(PhysicalType p) {
    null.pop_back();
    switch (p) {
      case PhysicalType::kInt64:
        i64.pop_back();
        break;
      case PhysicalType::kDouble:
        f64.pop_back();
        break;
      case PhysicalType::kNumeric:
        num.pop_back();
        break;
      case PhysicalType::kString:
        arena.Release(str.back());
        str.pop_back();
        break;
    }
  }
  void Set(PhysicalType p, size_t i, const Value& v) {
    Store(null[i], static_cast<uint8_t>(v.is_null ? 1 : 0));
    if (v.is_null) return;
    switch (p) {
      case PhysicalType::kInt64:
        Store(i64[i], v.i);
        break;
      case PhysicalType::kDouble:
        Store(f64[i], v.d);
        break;
      case PhysicalType::kNumeric:
        num[i] = v.n;  // readers of Numeric columns take the latch
        break;
      case PhysicalType::kString:
        SetString(i, v.s);
        break;
    }
  }
  // Overwrites slot i with row r of `v` (same physical type): a reused slot.
  void SetFrom(PhysicalType p, size_t i, const Vector& v, size_t r) {
    Store(null[i], v.nulls()[r]);
    switch (p) {
      case PhysicalType::kInt64:
        Store(i64[i], v.i64()[r]);
        break;
      case PhysicalType::kDouble:
        Store(f64[i], v.f64()[r]);
        break;
      case PhysicalType::kNumeric:
        num[i] = v.num()[r];
        break;
      case PhysicalType::kString:
        SetString(i, v.str()[r]);
        break;
    }
  }
  // Frees what slot i holds (a dead slot waiting for reuse); returns the
  // bytes freed, as EstimateBytes counts them.
  int64_t Clear(PhysicalType p, size_t i) {
    Store(null[i], uint8_t{1});
    if (p == PhysicalType::kString) {
      const size_t n = StrView(str[i]).size();
      int64_t bytes = n > 15 ? static_cast<int64_t>(n) + 1 : 0;  // as StringHeap
      arena.Release(str[i]);
      Store(str[i], StrRef(nullptr), std::memory_order_release);
      return bytes;
    }
    if (p == PhysicalType::kNumeric) num[i] = Numeric();
    return 0;
  }
  // Appends rows [start, start + n) of `v` (same physical type).
  void AppendFrom(PhysicalType p, const Vector& v, size_t start, size_t n) {
    null.insert(null.end(), v.nulls() + start, v.nulls() + start + n);
    switch (p) {
      case PhysicalType::kInt64:
        i64.insert(i64.end(), v.i64() + start, v.i64() + start + n);
        break;
      case PhysicalType::kDouble:
        f64.insert(f64.end(), v.f64() + start, v.f64() + start + n);
        break;
      case PhysicalType::kNumeric:
        num.insert(num.end(), v.num() + start, v.num() + start + n);
        break;
      case PhysicalType::kString:
        for (size_t k = start; k < start + n; ++k) str.push_back(arena.Store(v.str()[k]));
        break;
    }
  }
  // Writes slot i into *out (type set by the caller); reuses out's storage.
  void Get(PhysicalType p, size_t i, Value* out) const {
    out->is_null = Load(null[i]) != 0;
    if (out->is_null) return;
    switch (p) {
      case PhysicalType::kInt64:
        out->i = Load(i64[i]);
        break;
      case PhysicalType::kDouble:
        out->d = Load(f64[i]);
        break;
      case PhysicalType::kNumeric:
        out->n = num[i];
        break;
      case PhysicalType::kString:
        out->s.assign(StrView(Load(str[i], std::memory_order_acquire)));
        break;
    }
  }
  // Starts loading slot i's cache lines (a point lookup then waits for its
  // misses in parallel instead of one after another).
  void Prefetch(PhysicalType p, size_t i) const {
    __builtin_prefetch(null.data() + i);
    switch (p) {
      case PhysicalType::kInt64:
        __builtin_prefetch(i64.data() + i);
        break;
      case PhysicalType::kDouble:
        __builtin_prefetch(f64.data() + i);
        break;
      case PhysicalType::kNumeric:
        __builtin_prefetch(num.data() + i);
        break;
      case PhysicalType::kString:
        __builtin_prefetch(str.data() + i);
        break;
    }
  }
  // Appends slot i to `v` (of this segment's physical type).
  void AppendTo(PhysicalType p, size_t i, Vector* v) const {
    const bool is_null = Load(null[i]) != 0;
    if (p == PhysicalType::kInt64) return v->AppendInt64(is_null, Load(i64[i]));
    if (p == PhysicalType::kDouble) return v->AppendDouble(is_null, Load(f64[i]));
    size_t k = v->size();
    v->Resize(k + 1);
    v->nulls()[k] = is_null ? 1 : 0;
    if (is_null) return;
    if (p == PhysicalType::kNumeric) {
      v->num()[k] = num[i];
    } else {
      v->str()[k].assign(StrView(Load(str[i], std::memory_order_acquire)));
    }
  }
  // Copies slots [start, start + n) to v[0..n).
  void CopyTo(PhysicalType p, size_t start, size_t n, Vector* v) const {
    CopyRacy(v->nulls(), null.data() + start, n);
    switch (p) {
      case PhysicalType::kInt64:
        CopyRacy(v->i64(), i64.data() + start, n);
        break;
      case PhysicalType::kDouble:
        CopyRacy(v->f64(), f64.data() + start, n);
        break;
      case PhysicalType::kNumeric:
        std::copy_n(num.begin() + static_cast<std::ptrdiff_t>(start), n, v->num());
        break;
      case PhysicalType::kString:
        for (size_t k = 0; k < n; ++k) {
          v->str()[k].assign(StrView(Load(str[start + k], std::memory_order_acquire)));
        }
        break;
    }
  }
  // Copies slots sel[0..n) to v[0..n).
  void GatherTo(PhysicalType p, const uint32_t* sel, size_t n, Vector* v) const {
    uint8_t* nulls = v->nulls();
    for (size_t i = 0; i < n; ++i) nulls[i] = Load(null[sel[i]]);
    switch (p) {
      case PhysicalType::kInt64: {
        int64_t* dst = v->i64();
        for (size_t i = 0; i < n; ++i) dst[i] = Load(i64[sel[i]]);
        break;
      }
      case PhysicalType::kDouble: {
        double* dst = v->f64();
        for (size_t i = 0; i < n; ++i) dst[i] = Load(f64[sel[i]]);
        break;
      }
      case PhysicalType::kNumeric:
        for (size_t i = 0; i < n; ++i) v->num()[i] = num[sel[i]];
        break;
      case PhysicalType::kString:
        for (size_t i = 0; i < n; ++i) {
          v->str()[i].assign(StrView(Load(str[sel[i]], std::memory_order_acquire)));
        }
        break;
    }
  }
};

// One entry of a row's undo chain: the before-image of one change, newest
// first. `ts` is the writer's transaction id until it commits, then its
// commit timestamp (txn/transaction_manager.h invariant 1). A reader applies
// the before-images of the entries its snapshot does not see, newest first.
// Everything but `ts` and `next` is fixed once the entry is linked.
struct VersionRecord {
  enum class Kind : uint8_t {
    kInsert,  // before: the row did not exist
    kDelete,  // before: the row was live (values unchanged in place)
    kUpdate,  // before: `before` values of `columns`
    kLock,    // no change: a row lock only (SELECT FOR UPDATE, READ COMMITTED re-check)
    kRevive,  // an insert into the slot of a deleted row with the same key:
              // before, the row was deleted with `before` values of `columns` (all)
  };
  std::atomic<uint64_t> ts;
  VersionRecord* next = nullptr;  // older (Load/Store: a pruner cuts the chain)
  Kind kind;
  // The row lock its writer holds (storage::RowLockStrength): kUpdate for
  // inserts, deletes and updates of a unique key's columns, kNoKeyUpdate for
  // other updates and FOR NO KEY UPDATE (which FOR KEY SHARE does not
  // conflict with, as in PostgreSQL).
  uint8_t strength = 3;
  std::vector<int> columns;
  std::vector<Value> before;

  VersionRecord(uint64_t t, Kind k) : ts(t), kind(k) {}
  const VersionRecord* Next() const { return Load(next, std::memory_order_acquire); }
};

struct RowGroup;

// A row group's latch: a shared_mutex whose exclusive holder keeps the
// group's seqlock counter odd and publishes the slot count on release.
class GroupLatch {
 public:
  explicit GroupLatch(RowGroup* g) : g_(g) {}
  void lock();
  bool try_lock();
  void unlock();
  void lock_shared() { mu_.lock_shared(); }
  bool try_lock_shared() { return mu_.try_lock_shared(); }
  void unlock_shared() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
  RowGroup* g_;
};

struct RowGroup {
  mutable GroupLatch latch{this};
  // Odd while a writer holds the latch; readers validate copies against it.
  std::atomic<uint64_t> seq{0};
  // The slot count readers may read (deleted.size(), published on unlock).
  std::atomic<uint32_t> rows{0};
  std::vector<Segment> columns;
  std::vector<uint8_t> deleted;  // one per used slot: the newest version is deleted
  std::atomic<uint32_t> deleted_count{0};
  // heads[i]: row i's newest undo entry (null: the in-place row is what
  // every snapshot sees). `chained` counts the non-null heads: 0 means the
  // group is read at full columnar speed.
  std::unique_ptr<VersionRecord*[]> heads;
  std::atomic<uint32_t> chained{0};
  // Shared row locks (FOR SHARE / FOR KEY SHARE) by row offset: the holders'
  // transaction ids and strengths (storage::RowLockStrength). Null while no
  // row of the group has one (writers then pay one pointer test). Latch only.
  struct SharedLock {
    uint64_t txn;
    uint8_t strength;
  };
  std::unique_ptr<std::unordered_map<uint32_t, std::vector<SharedLock>>> shared_locks;

  // Writers (latch held): the slot count.
  size_t size() const { return deleted.size(); }
  // Lock-free readers: the published slot count, and a slot's flags and head.
  size_t PublishedSize() const { return rows.load(std::memory_order_acquire); }
  bool Deleted(size_t i) const { return Load(deleted[i]) != 0; }
  void SetDeleted(size_t i, bool d) { Store(deleted[i], static_cast<uint8_t>(d ? 1 : 0)); }
  const VersionRecord* Head(size_t i) const { return Load(heads[i], std::memory_order_acquire); }
  VersionRecord* MutableHead(size_t i) { return Load(heads[i], std::memory_order_acquire); }
  void SetHead(size_t i, VersionRecord* r) { Store(heads[i], r, std::memory_order_release); }

  ~RowGroup() {
    if (heads == nullptr) return;
    for (size_t i = 0; i < size(); ++i) FreeChain(heads[i]);
  }
  // Frees a chain nobody can reach any more (the group is being destroyed).
  static void FreeChain(VersionRecord* r) {
    while (r != nullptr) {
      VersionRecord* next = r->next;
      delete r;
      r = next;
    }
  }
};

inline void GroupLatch::lock() {
  mu_.lock();
  g_->seq.store(g_->seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
}
inline bool GroupLatch::try_lock() {
  if (!mu_.try_lock()) return false;
  g_->seq.store(g_->seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  return true;
}
inline void GroupLatch::unlock() {
  g_->rows.store(static_cast<uint32_t>(g_->deleted.size()), std::memory_order_release);
  g_->seq.store(g_->seq.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  mu_.unlock();
}

}  // namespace omen::storage::internal
