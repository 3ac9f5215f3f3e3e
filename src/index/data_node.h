#pragma once
// DataNode<V>: a leaf of the learned index — a gapped array of (key, value)
// slots, an occupancy bitmap and a linear model predicting a key's slot.
//
// Invariants (see learned_index.h for the whole tree):
//  D1. slot keys are non-decreasing over all capacity_ slots, gaps included;
//      occupied slots hold strictly increasing keys.
//  D2. for an occupied slot s holding k, every slot before s holds a key < k,
//      so the first slot whose key is >= k is k's own slot.
//  D3. num_keys_ < capacity_ always; a node is restructured by its tree when
//      NeedsRestructure() says so.
// A data node never allocates or frees itself: Build creates, the tree frees.

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>

#include "index/linear_model.h"

namespace omen::index_internal {

// Counts the heap bytes one index holds.
class MemoryCounter {
 public:
  void* Allocate(size_t bytes) {
    void* p = ::operator new(bytes);
    bytes_.fetch_add(bytes, std::memory_order_relaxed);
    return p;
  }
  void Free(void* p, size_t bytes) {
    if (p == nullptr) return;
    ::operator delete(p);
    bytes_.fetch_sub(bytes, std::memory_order_relaxed);
  }
  size_t bytes() const { return bytes_.load(std::memory_order_relaxed); }

 private:
  std::atomic<size_t> bytes_{0};
};

struct Node {
  explicit Node(bool is_data) : is_data(is_data) {}
  const bool is_data;
};

template <typename V>
struct Slot {
  uint64_t key;
  V value;
};

// Input to a build must be strictly ascending; anything else is a caller's
// contract violation that would corrupt the index, so it stops the process.
[[noreturn]] inline void KeysNotAscending() {
  std::fprintf(stderr, "LearnedIndex::BulkLoad: input not strictly ascending\n");
  std::abort();
}

// Sorted input for a build, read without copying: key(i) is the encoded key
// and item(i) the slot to store. ItemSource reads slots collected from nodes;
// the tree's PairSource reads the caller's pairs during BulkLoad.
template <typename V>
struct ItemSource {
  const Slot<V>* items;
  uint64_t key(size_t i) const { return items[i].key; }
  Slot<V> item(size_t i) const { return items[i]; }
  ItemSource From(size_t offset) const { return ItemSource{items + offset}; }
};

// Tuning constants shared by data nodes and the tree.
inline constexpr size_t kMinCapacity = 16;
inline constexpr size_t kMaxDataKeys = size_t{1} << 14;
inline constexpr double kBulkDensity =
    0.8;  // after BulkLoad and rebuilds: at the expansion threshold
inline constexpr double kExpandDensity = 0.6;  // after an expansion
inline constexpr double kMaxDensity = 0.8;     // expand beyond this
inline constexpr double kMinDensity = 0.25;    // contract below this
inline constexpr double kMaxMeanError = 32.0;  // worse models are split when large enough
inline constexpr size_t kMinSplitKeys = 1024;

template <typename V>
class DataNode : public Node {
  static_assert(std::is_trivially_copyable_v<V>, "values are moved with memmove");

 public:
  static constexpr uint64_t kMaxKey = std::numeric_limits<uint64_t>::max();

  // Builds a node from n sorted, distinct items. The model spreads the keys
  // over the slots at `density`; `reserve_right` / `reserve_left` (fractions
  // of capacity) are kept free at that end for appends.
  template <typename Source>
  static DataNode* Build(Source items, size_t n, double density, double reserve_left,
                         double reserve_right, MemoryCounter* mem) {
    size_t region = std::max<size_t>(static_cast<size_t>(static_cast<double>(n) / density), n + 1);
    size_t cap =
        static_cast<size_t>(static_cast<double>(region) / (1.0 - reserve_left - reserve_right));
    cap = std::max({cap, region, kMinCapacity});
    void* mem_node = mem->Allocate(sizeof(DataNode));
    DataNode* node = new (mem_node) DataNode();
    node->capacity_ = static_cast<uint32_t>(cap);
    node->slots_ = static_cast<Slot<V>*>(mem->Allocate(cap * sizeof(Slot<V>)));
    node->bitmap_ = static_cast<uint64_t*>(mem->Allocate(BitmapWords(cap) * sizeof(uint64_t)));
    std::memset(node->bitmap_, 0, BitmapWords(cap) * sizeof(uint64_t));
    size_t left = static_cast<size_t>(static_cast<double>(cap) * reserve_left);
    size_t used = cap - left - static_cast<size_t>(static_cast<double>(cap) * reserve_right);
    node->Place(items, n, left, std::max<size_t>(used, n));
    return node;
  }

  // Frees the node and its arrays.
  static void Destroy(DataNode* node, MemoryCounter* mem) {
    mem->Free(node->slots_, node->capacity_ * sizeof(Slot<V>));
    mem->Free(node->bitmap_, BitmapWords(node->capacity_) * sizeof(uint64_t));
    node->~DataNode();
    mem->Free(node, sizeof(DataNode));
  }

  size_t num_keys() const { return num_keys_; }
  size_t capacity() const { return capacity_; }
  DataNode* next() const { return next_; }
  DataNode* prev() const { return prev_; }
  void set_next(DataNode* n) { next_ = n; }
  void set_prev(DataNode* p) { prev_ = p; }
  // Mean |predicted - placed| slot distance when the node was built.
  double build_error() const { return build_error_; }
  // Share of inserts since the build that went beyond the largest / below the smallest key.
  double right_append_share() const { return Share(right_appends_); }
  double left_append_share() const { return Share(left_appends_); }

  // The slot holding key, or -1.
  int64_t FindSlot(uint64_t key) const {
    size_t p = LowerBound(key);
    if (p >= capacity_ || slots_[p].key != key) return -1;
    if (Occupied(p)) return static_cast<int64_t>(p);
    size_t r = NextOccupied(p);  // only the smallest key can sit behind equal gaps
    return (r < capacity_ && slots_[r].key == key) ? static_cast<int64_t>(r) : -1;
  }
  const V& ValueAt(size_t slot) const { return slots_[slot].value; }
  void SetValue(size_t slot, const V& v) { slots_[slot].value = v; }

  // The first occupied slot with key >= `key`, or capacity() if none.
  size_t LowerBoundOccupied(uint64_t key) const { return NextOccupied(LowerBound(key)); }
  // The first occupied slot at or after `pos`, or capacity().
  size_t NextOccupied(size_t pos) const {
    if (pos >= capacity_) return capacity_;
    size_t w = pos >> 6;
    uint64_t bits = bitmap_[w] & (~uint64_t{0} << (pos & 63));
    size_t words = BitmapWords(capacity_);
    while (bits == 0) {
      if (++w >= words) return capacity_;
      bits = bitmap_[w];
    }
    size_t r = (w << 6) + static_cast<size_t>(std::countr_zero(bits));
    return r < capacity_ ? r : capacity_;
  }
  const Slot<V>& SlotAt(size_t slot) const { return slots_[slot]; }

  // Calls f(slot) for the occupied slots from `pos` on, at most `max` of them,
  // in order; returns how many.
  template <typename F>
  size_t ForEachFrom(size_t pos, size_t max, F f) const {
    size_t count = 0;
    size_t words = BitmapWords(capacity_);
    if (max == 0 || pos >= capacity_) return 0;
    size_t w = pos >> 6;
    uint64_t bits = bitmap_[w] & (~uint64_t{0} << (pos & 63));
    for (;;) {
      while (bits != 0) {
        f(slots_[(w << 6) + static_cast<size_t>(std::countr_zero(bits))]);
        if (++count == max) return count;
        bits &= bits - 1;
      }
      if (++w >= words) return count;
      bits = bitmap_[w];
    }
  }

  // Inserts key; false if present. Keeps D1-D3. Counts the shifting it did.
  bool Insert(uint64_t key, const V& value) {
    size_t p = LowerBound(key);
    size_t r = NextOccupied(p);
    if (r < capacity_ && slots_[r].key == key) return false;
    ++inserts_;
    if (r == capacity_) ++right_appends_;
    if (num_keys_ == 0 || r == NextOccupied(0)) ++left_appends_;
    bool right_free = p < r;  // p is a gap
    bool left_free = p > 0 && !Occupied(p - 1);
    if (right_free || left_free) {
      size_t s = right_free ? p : p - 1;
      if (right_free && left_free && model_.Predict(key) < static_cast<double>(p)) s = p - 1;
      Put(s, key, value);
      return true;
    }
    // p is occupied (or the end) and so is p - 1: shift towards the nearest gap.
    size_t gr = NextGap(p);
    int64_t gl = p > 0 ? PrevGap(p - 1) : -1;
    bool go_right = gr < capacity_ && (gl < 0 || gr - p <= p - 1 - static_cast<size_t>(gl));
    if (go_right) {
      std::memmove(&slots_[p + 1], &slots_[p], (gr - p) * sizeof(Slot<V>));
      shifts_ += gr - p;
      SetOccupied(gr);
      Put(p, key, value);
    } else {
      size_t g = static_cast<size_t>(gl);
      std::memmove(&slots_[g], &slots_[g + 1], (p - 1 - g) * sizeof(Slot<V>));
      shifts_ += p - 1 - g;
      SetOccupied(g);
      Put(p - 1, key, value);
    }
    return true;
  }

  // Removes key; false if absent. The slot keeps its key value (D1, D2 hold).
  bool Erase(uint64_t key) {
    int64_t s = FindSlot(key);
    if (s < 0) return false;
    bitmap_[s >> 6] &= ~(uint64_t{1} << (s & 63));
    --num_keys_;
    return true;
  }

  // True when the node must be expanded, split or retrained by the tree.
  bool NeedsRestructure() const {
    if (static_cast<double>(num_keys_) >= kMaxDensity * capacity_) return true;
    if (num_keys_ >= kMaxDataKeys) return true;
    // Catastrophic shifting: the model no longer fits where keys arrive.
    return shifts_ > 8 * inserts_ + 2 * capacity_;
  }
  bool TooSparse() const {
    return capacity_ > 4 * kMinCapacity && static_cast<double>(num_keys_) < kMinDensity * capacity_;
  }

  // Appends the occupied slots, in order, to out.
  template <typename Out>
  void CollectInto(Out* out) const {
    for (size_t s = NextOccupied(0); s < capacity_; s = NextOccupied(s + 1))
      out->push_back(slots_[s]);
  }

 private:
  DataNode() : Node(true) {}

  static size_t BitmapWords(size_t cap) { return (cap + 63) / 64; }
  double Share(uint64_t count) const {
    return inserts_ == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(inserts_);
  }
  bool Occupied(size_t s) const { return (bitmap_[s >> 6] >> (s & 63)) & 1; }

  void SetOccupied(size_t s) { bitmap_[s >> 6] |= uint64_t{1} << (s & 63); }
  void Put(size_t s, uint64_t key, const V& value) {
    slots_[s].key = key;
    slots_[s].value = value;
    SetOccupied(s);
    ++num_keys_;
  }

  // First unoccupied slot at or after pos, or capacity_.
  size_t NextGap(size_t pos) const {
    if (pos >= capacity_) return capacity_;
    size_t words = BitmapWords(capacity_);
    size_t w = pos >> 6;
    uint64_t bits = ~bitmap_[w] & (~uint64_t{0} << (pos & 63));
    while (bits == 0) {
      if (++w >= words) return capacity_;
      bits = ~bitmap_[w];
    }
    size_t g = (w << 6) + static_cast<size_t>(std::countr_zero(bits));
    return g < capacity_ ? g : capacity_;
  }
  // Last unoccupied slot at or before pos, or -1.
  int64_t PrevGap(size_t pos) const {
    int64_t w = static_cast<int64_t>(pos >> 6);
    uint64_t mask = (pos & 63) == 63 ? ~uint64_t{0} : ((uint64_t{1} << ((pos & 63) + 1)) - 1);
    uint64_t bits = ~bitmap_[w] & mask;
    while (bits == 0) {
      if (--w < 0) return -1;
      bits = ~bitmap_[w];
    }
    return w * 64 + 63 - std::countl_zero(bits);
  }

  // First slot whose key is >= key (capacity_ if none): exponential search
  // outwards from the model's prediction, then binary search.
  size_t LowerBound(uint64_t key) const {
    size_t n = capacity_;
    size_t pos = model_.Slot(key, n);
    size_t lo, hi;  // answer in [lo, hi]
    if (slots_[pos].key < key) {
      size_t step = 1;
      lo = pos + 1;
      for (;;) {
        size_t probe = pos + step;
        if (probe >= n) {
          hi = n;
          break;
        }
        if (slots_[probe].key >= key) {
          hi = probe;
          break;
        }
        lo = probe + 1;
        step <<= 1;
      }
    } else {
      size_t step = 1;
      hi = pos;
      for (;;) {
        if (step > pos) {
          lo = 0;
          break;
        }
        size_t probe = pos - step;
        if (slots_[probe].key < key) {
          lo = probe + 1;
          break;
        }
        hi = probe;
        step <<= 1;
      }
    }
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (slots_[mid].key < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // Model-based placement of n items into slots [first, first + used), with
  // gap keys 0 before the first item, the previous item's key between items
  // (D2) and the maximum after the last item.
  template <typename Source>
  void Place(Source items, size_t n, size_t first, size_t used) {
    size_t cap = capacity_;
    model_ = LinearModel::FitRanks(
        n, [&items](size_t i) { return items.key(i); }, static_cast<double>(first),
        n == 0 ? 0.0 : static_cast<double>(used) / static_cast<double>(n));
    double error = 0;
    size_t next_free = 0;
    uint64_t fill = 0;  // gap key: the previous item's, 0 before the first (D1, D2)
    for (size_t i = 0; i < n; ++i) {
      Slot<V> item = items.item(i);
      size_t pred = model_.Slot(item.key, cap);
      size_t s = std::min(std::max(pred, next_free), cap - (n - i));
      error += std::fabs(static_cast<double>(pred) - static_cast<double>(s));
      // Two gap keys are written unconditionally (most runs are that short;
      // what lies at or beyond s is overwritten later), the rest by a loop
      // that rarely runs: no unpredictable branch per key. A gap's value is
      // never read, so it is not written.
      if (item.key <= fill && i > 0) KeysNotAscending();
      size_t g = next_free;
      if (g + 2 <= cap) {
        slots_[g].key = fill;
        slots_[g + 1].key = fill;
        g += 2;
      }
      for (; g < s; ++g) slots_[g].key = fill;
      slots_[s] = item;
      bitmap_[s >> 6] |= uint64_t{1} << (s & 63);
      fill = item.key;
      next_free = s + 1;
    }
    for (size_t g = next_free; g < cap; ++g) slots_[g].key = kMaxKey;
    build_error_ = n == 0 ? 0.0 : error / static_cast<double>(n);
    num_keys_ = static_cast<uint32_t>(n);
  }

  LinearModel model_;
  Slot<V>* slots_ = nullptr;
  uint64_t* bitmap_ = nullptr;
  uint32_t capacity_ = 0;
  uint32_t num_keys_ = 0;
  DataNode* prev_ = nullptr;
  DataNode* next_ = nullptr;
  double build_error_ = 0;
  // Since the build; read only by the writer.
  uint64_t inserts_ = 0;
  uint64_t shifts_ = 0;
  uint64_t right_appends_ = 0;
  uint64_t left_appends_ = 0;
};

}  // namespace omen::index_internal
