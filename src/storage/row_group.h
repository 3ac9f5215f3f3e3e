#pragma once
// Segment and RowGroup: the columnar storage of a Table (private to storage/).
// A Segment is one column of one row group: the typed array of the column's
// physical type plus null flags, as Vector lays them out (the data slot of a
// NULL holds an unspecified value). Every segment of a row group has exactly
// RowGroup::size() slots, and capacity for kRowGroupSize (reserved up front,
// so its arrays never move). A RowGroup's data, deleted flags and version
// chains are read under its latch held shared and written under it held
// exclusively (table.h, invariant 3).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <atomic>
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
#include "txn/transaction.h"

namespace omen::storage::internal {

// A string slot of a segment: its bytes live in the segment's arena.
struct StrRef {
  const char* data = nullptr;
  uint32_t size = 0;
};

// The bytes of one string column of one row group, bump-allocated in
// blocks. A replaced string's bytes become garbage; once garbage outweighs
// the live bytes (or on VACUUM) Compact copies the live strings into one
// fresh block. So a row's string never sits alone in a heap page among
// short-lived versions, and memory freed by VACUUM can go back to the
// system (issue 4: memory returns after an update storm). Used under the
// group latch held exclusively (readers copy the bytes out under it shared).
class StringArena {
 public:
  StrRef Store(std::string_view s) {
    if (s.empty()) return StrRef();
    if (s.size() > left_) Grow(s.size());
    std::memcpy(cur_, s.data(), s.size());
    StrRef r{cur_, static_cast<uint32_t>(s.size())};
    cur_ += s.size();
    left_ -= s.size();
    used_ += s.size();
    return r;
  }
  void Release(const StrRef& r) { garbage_ += r.size; }
  bool WantsCompaction() const { return garbage_ > kMinGarbage && garbage_ * 2 > used_; }
  size_t garbage() const { return garbage_; }
  // Copies the strings `refs` names (every live one) into one new block,
  // repoints them, and frees the old blocks.
  void Compact(StrRef* refs, size_t n) {
    size_t live = used_ - garbage_;
    std::vector<std::unique_ptr<char[]>> old = std::move(blocks_);
    blocks_.clear();
    cur_ = nullptr;
    left_ = used_ = garbage_ = 0;
    if (live > 0) Grow(live + live / 8);
    for (size_t i = 0; i < n; ++i) {
      if (refs[i].size != 0) refs[i] = Store(std::string_view(refs[i].data, refs[i].size));
    }
  }

 private:
  static constexpr size_t kMinGarbage = 4096;
  void Grow(size_t need) {
    size_t size = std::max<size_t>(need, std::clamp<size_t>(used_ / 2, 4096, 65536));
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    cur_ = blocks_.back().get();
    left_ = size;
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t used_ = 0;     // bytes stored (live and garbage) in blocks_
  size_t garbage_ = 0;  // bytes of replaced strings among them
};

// One column of one row group: the typed array of its physical type plus
// null flags (as Vector).
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
    str[i] = arena.Store(s);
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
        str.push_back(v.is_null ? StrRef() : arena.Store(v.s));
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
    null[i] = v.is_null ? 1 : 0;
    if (v.is_null) return;
    switch (p) {
      case PhysicalType::kInt64:
        i64[i] = v.i;
        break;
      case PhysicalType::kDouble:
        f64[i] = v.d;
        break;
      case PhysicalType::kNumeric:
        num[i] = v.n;
        break;
      case PhysicalType::kString:
        SetString(i, v.s);
        break;
    }
  }
  // Overwrites slot i with row r of `v` (same physical type): a reused slot.
  void SetFrom(PhysicalType p, size_t i, const Vector& v, size_t r) {
    null[i] = v.nulls()[r];
    switch (p) {
      case PhysicalType::kInt64:
        i64[i] = v.i64()[r];
        break;
      case PhysicalType::kDouble:
        f64[i] = v.f64()[r];
        break;
      case PhysicalType::kNumeric:
        num[i] = v.num()[r];
        break;
      case PhysicalType::kString:
        SetString(i, v.str()[r]);
        break;
    }
  }
  // Frees what slot i holds on the heap (a dead slot waiting for reuse);
  // returns the bytes freed, as EstimateBytes counts them.
  int64_t Clear(PhysicalType p, size_t i) {
    null[i] = 1;
    if (p == PhysicalType::kString) {
      int64_t bytes = str[i].size > 15 ? int64_t{str[i].size} + 1 : 0;  // as StringHeap
      arena.Release(str[i]);
      str[i] = StrRef();
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
    out->is_null = null[i] != 0;
    if (out->is_null) return;
    switch (p) {
      case PhysicalType::kInt64:
        out->i = i64[i];
        break;
      case PhysicalType::kDouble:
        out->d = f64[i];
        break;
      case PhysicalType::kNumeric:
        out->n = num[i];
        break;
      case PhysicalType::kString:
        out->s.assign(str[i].data, str[i].size);
        break;
    }
  }
  // Appends slot i to `v` (of this segment's physical type).
  // Starts loading slot i's cache lines (a point lookup then waits for its
  // misses in parallel instead of one after another).
  void Prefetch(PhysicalType p, size_t i) const {
    if (i >= null.size()) return;
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
  void AppendTo(PhysicalType p, size_t i, Vector* v) const {
    if (p == PhysicalType::kInt64) return v->AppendInt64(null[i] != 0, i64[i]);
    if (p == PhysicalType::kDouble) return v->AppendDouble(null[i] != 0, f64[i]);
    size_t k = v->size();
    v->Resize(k + 1);
    v->nulls()[k] = null[i];
    if (null[i] != 0) return;
    switch (p) {
      case PhysicalType::kInt64:
        v->i64()[k] = i64[i];
        break;
      case PhysicalType::kDouble:
        v->f64()[k] = f64[i];
        break;
      case PhysicalType::kNumeric:
        v->num()[k] = num[i];
        break;
      case PhysicalType::kString:
        v->str()[k].assign(str[i].data, str[i].size);
        break;
    }
  }
  // Copies slots [start, start + n) to v[0..n).
  void CopyTo(PhysicalType p, size_t start, size_t n, Vector* v) const {
    std::memcpy(v->nulls(), null.data() + start, n);
    switch (p) {
      case PhysicalType::kInt64:
        std::memcpy(v->i64(), i64.data() + start, n * sizeof(int64_t));
        break;
      case PhysicalType::kDouble:
        std::memcpy(v->f64(), f64.data() + start, n * sizeof(double));
        break;
      case PhysicalType::kNumeric:
        std::copy_n(num.begin() + start, n, v->num());
        break;
      case PhysicalType::kString:
        for (size_t k = 0; k < n; ++k) v->str()[k].assign(str[start + k].data, str[start + k].size);
        break;
    }
  }
  // Copies slots sel[0..n) to v[0..n).
  void GatherTo(PhysicalType p, const uint32_t* sel, size_t n, Vector* v) const {
    uint8_t* nulls = v->nulls();
    for (size_t i = 0; i < n; ++i) nulls[i] = null[sel[i]];
    switch (p) {
      case PhysicalType::kInt64: {
        int64_t* dst = v->i64();
        for (size_t i = 0; i < n; ++i) dst[i] = i64[sel[i]];
        break;
      }
      case PhysicalType::kDouble: {
        double* dst = v->f64();
        for (size_t i = 0; i < n; ++i) dst[i] = f64[sel[i]];
        break;
      }
      case PhysicalType::kNumeric:
        for (size_t i = 0; i < n; ++i) v->num()[i] = num[sel[i]];
        break;
      case PhysicalType::kString:
        for (size_t i = 0; i < n; ++i) v->str()[i].assign(str[sel[i]].data, str[sel[i]].size);
        break;
    }
  }
};

// One entry of a row's undo chain: the before-image of one change, newest
// first. `ts` is the writer's transaction id until it commits, then its
// commit timestamp (txn/transaction_manager.h invariant 1). A reader applies
// the before-images of the entries its snapshot does not see, newest first.
struct VersionRecord {
  enum class Kind : uint8_t {
    kInsert,  // before: the row did not exist
    kDelete,  // before: the row was live (values unchanged in place)
    kUpdate,  // before: `before` values of `columns`
    kLock,    // no change: a row lock only (SELECT FOR UPDATE, READ COMMITTED re-check)
  };
  std::atomic<uint64_t> ts;
  VersionRecord* next = nullptr;  // older
  Kind kind;
  // The row lock its writer holds (storage::RowLockStrength): kUpdate for
  // inserts, deletes and updates of a unique key's columns, kNoKeyUpdate for
  // other updates and FOR NO KEY UPDATE (which FOR KEY SHARE does not
  // conflict with, as in PostgreSQL).
  uint8_t strength = 3;
  std::vector<int> columns;
  std::vector<Value> before;

  VersionRecord(uint64_t t, Kind k) : ts(t), kind(k) {}
};

struct RowGroup {
  mutable std::shared_mutex latch;
  std::vector<Segment> columns;
  std::vector<uint8_t> deleted;  // one per used slot: the newest version is deleted
  size_t deleted_count = 0;
  // heads[i]: row i's newest undo entry (null: the in-place row is what
  // every snapshot sees). `chained` counts the non-null heads: 0 means the
  // group is read at full columnar speed.
  std::unique_ptr<VersionRecord*[]> heads;
  size_t chained = 0;
  // Shared row locks (FOR SHARE / FOR KEY SHARE) by row offset: the holders'
  // transaction ids and strengths (storage::RowLockStrength). Null while no
  // row of the group has one (writers then pay one pointer test).
  struct SharedLock {
    uint64_t txn;
    uint8_t strength;
  };
  std::unique_ptr<std::unordered_map<uint32_t, std::vector<SharedLock>>> shared_locks;

  size_t size() const { return deleted.size(); }
  ~RowGroup() {
    if (heads == nullptr) return;
    for (size_t i = 0; i < size(); ++i) FreeChain(heads[i]);
  }
  static void FreeChain(VersionRecord* r) {
    while (r != nullptr) {
      VersionRecord* next = r->next;
      delete r;
      r = next;
    }
  }
};

}  // namespace omen::storage::internal
