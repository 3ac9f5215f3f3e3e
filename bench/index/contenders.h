#pragma once
// The structures bench_index compares, behind one interface each:
//   Load(sorted pairs), Insert, Find, Erase, Scan(from, 100 pairs), Depth.
// SortedVector is the read-only floor: it has no Insert or Erase.

#include <absl/container/btree_map.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "index/learned_index.h"

namespace omen::bench {

using Pair = std::pair<int64_t, uint64_t>;

class LearnedContender {
 public:
  static constexpr const char* kName = "LearnedIndex";
  static constexpr bool kWritable = true;
  void Load(const std::vector<Pair>& sorted) { index_.BulkLoad(sorted.data(), sorted.size()); }
  bool Insert(int64_t k, uint64_t v) { return index_.Insert(k, v); }
  std::optional<uint64_t> Find(int64_t k) const { return index_.Find(k); }
  bool Erase(int64_t k) { return index_.Erase(k); }
  size_t Scan(int64_t from, size_t max, Pair* out) const { return index_.Scan(from, max, out); }
  int Depth() const { return index_.Depth(); }
  size_t SelfReportedBytes() const { return index_.MemoryBytes(); }

 private:
  omen::LearnedIndex<int64_t, uint64_t> index_;
};

// Shared by the two ordered maps: absl::btree_map and std::map.
template <typename Map>
class MapContender {
 public:
  static constexpr bool kWritable = true;
  void Load(const std::vector<Pair>& sorted) { map_ = Map(sorted.begin(), sorted.end()); }
  bool Insert(int64_t k, uint64_t v) { return map_.emplace(k, v).second; }
  std::optional<uint64_t> Find(int64_t k) const {
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  bool Erase(int64_t k) { return map_.erase(k) > 0; }
  size_t Scan(int64_t from, size_t max, Pair* out) const {
    size_t n = 0;
    for (auto it = map_.lower_bound(from); it != map_.end() && n < max; ++it) out[n++] = *it;
    return n;
  }
  int Depth() const { return 0; }
  size_t SelfReportedBytes() const { return 0; }

 private:
  Map map_;
};

class BtreeContender : public MapContender<absl::btree_map<int64_t, uint64_t>> {
 public:
  static constexpr const char* kName = "absl::btree_map";
};

class StdMapContender : public MapContender<std::map<int64_t, uint64_t>> {
 public:
  static constexpr const char* kName = "std::map";
};

class SortedVectorContender {
 public:
  static constexpr const char* kName = "sorted vector";
  static constexpr bool kWritable = false;
  void Load(const std::vector<Pair>& sorted) { v_ = sorted; }
  bool Insert(int64_t, uint64_t) { return false; }
  bool Erase(int64_t) { return false; }
  std::optional<uint64_t> Find(int64_t k) const {
    auto it = std::lower_bound(v_.begin(), v_.end(), k,
                               [](const Pair& p, int64_t key) { return p.first < key; });
    if (it == v_.end() || it->first != k) return std::nullopt;
    return it->second;
  }
  size_t Scan(int64_t from, size_t max, Pair* out) const {
    auto it = std::lower_bound(v_.begin(), v_.end(), from,
                               [](const Pair& p, int64_t key) { return p.first < key; });
    size_t n = std::min<size_t>(max, static_cast<size_t>(v_.end() - it));
    std::copy(it, it + static_cast<std::ptrdiff_t>(n), out);
    return n;
  }
  int Depth() const { return 0; }
  size_t SelfReportedBytes() const { return 0; }

 private:
  std::vector<Pair> v_;
};

}  // namespace omen::bench
