#pragma once
// omen::LearnedIndex<K, V>: an updatable learned index in the style of ALEX
// (Ding et al., SIGMOD 2020) for keys that map order-preservingly to 64 bits.
//
// Design note. Invariants:
//  1. Keys are stored encoded as uint64_t (key_codec.h): integer order and
//     PostgreSQL's double order (-0.0 == 0.0, NaN largest, all NaNs equal)
//     become unsigned order. Every comparison is on the encoded key.
//  2. The tree has model nodes (a linear model picks a child slot; runs of
//     adjacent slots may share a child) and data nodes (a gapped array of
//     (key, value) slots, an occupancy bitmap and a linear model that predicts
//     a key's slot; an exponential search from the prediction finds it).
//  3. In a data node the slot keys are non-decreasing over all slots, gaps
//     included, and occupied slots are strictly increasing. A gap's key is any
//     value that keeps that order; leading gaps hold 0, trailing gaps hold the
//     maximum, so appends at either end take a free slot without shifting.
//  4. Routing is a monotone function of the key, identical for reads and
//     writes; a child covers a contiguous key range. Keys beyond a model's
//     trained range land in its edge children.
//  5. Size is bounded: a data node holds at most kMaxDataKeys keys; density
//     stays within [kMinDensity, kMaxDensity] after its first restructure.
//     An overflowing node expands, splits sideways, splits downwards, or (when
//     the overflow is at an edge and an ancestor has doubled since it was
//     built) that ancestor is rebuilt from its keys. That keeps depth
//     logarithmic under appends in either direction.
//  6. Data nodes are linked left to right for Scan.
//
// Thread safety: any number of concurrent readers (Find, Scan, size,
// MemoryBytes) with writers (BulkLoad, Insert, Erase, Update). Writers are
// serialised by a mutex; readers and writers meet at one reader-writer latch
// per index, held by a writer only while it changes what readers can reach.
// Large restructures build their new nodes before taking the latch.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "index/learned_index_tree.h"

namespace omen {

template <typename K, typename V>
class LearnedIndex {
 public:
  using key_type = K;
  using mapped_type = V;

  LearnedIndex() = default;
  LearnedIndex(const LearnedIndex&) = delete;
  LearnedIndex& operator=(const LearnedIndex&) = delete;

  // Replaces the contents with `n` pairs. REQUIRES: `sorted` is strictly
  // ascending in the index's key order (checked; a violation aborts).
  void BulkLoad(const std::pair<K, V>* sorted, size_t n) { tree_.BulkLoad(sorted, n); }

  // Inserts (key, value). Returns false, changing nothing, if key exists.
  bool Insert(K key, V value) { return tree_.Insert(key, value); }

  // The value stored under key, if any.
  std::optional<V> Find(K key) const { return tree_.Find(key); }

  // Removes key. Returns false if it was absent.
  bool Erase(K key) { return tree_.Erase(key); }

  // Replaces the value under an existing key. Returns false if key is absent.
  bool Update(K key, V value) { return tree_.Update(key, value); }

  // Copies up to `max` pairs in key order, starting at the first key >= from,
  // into out[0..). Returns how many were copied. REQUIRES: out holds max pairs.
  size_t Scan(K from, size_t max, std::pair<K, V>* out) const { return tree_.Scan(from, max, out); }

  // Number of keys.
  size_t size() const { return tree_.size(); }

  // Heap bytes this index holds right now, counted at each allocation.
  size_t MemoryBytes() const { return tree_.MemoryBytes(); }

  // Height of the tree (1 = a single data node); for tests and benchmarks.
  int Depth() const { return tree_.Depth(); }

 private:
  index_internal::Tree<K, V> tree_;
};

}  // namespace omen
