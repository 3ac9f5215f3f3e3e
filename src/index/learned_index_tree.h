#pragma once
// Tree<K, V>: the learned index behind omen::LearnedIndex (see the design note
// in learned_index.h). Encodes keys, routes through model nodes to data
// nodes, and restructures data nodes that fill up, empty out or lose their fit.
//
// Who may call what: readers (Find, Scan, size, MemoryBytes, Depth) take the
// latch shared. Writers hold writer_mu_ for the whole operation and take the
// latch exclusively only while changing memory readers can reach; new nodes
// are built before that and old ones freed after it.

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "index/data_node.h"
#include "index/key_codec.h"
#include "index/model_node.h"
#include "index/rw_latch.h"

namespace omen::index_internal {

inline constexpr size_t kTargetLeafKeys = 4096;  // keys per data node after a build
inline constexpr size_t kMinFanout = 64;
inline constexpr size_t kMaxFanout = size_t{1} << 16;
inline constexpr size_t kMaxDepth = 64;

template <typename K, typename V>
class Tree {
  using Codec = KeyCodec<K>;
  using Data = DataNode<V>;
  using Item = Slot<V>;

 public:
  Tree() : root_(Data::Build(Items{nullptr}, 0, kBulkDensity, 0, 0, &mem_)) {}
  ~Tree() { FreeSubtree(root_); }

  void BulkLoad(const std::pair<K, V>* sorted, size_t n) {
    std::lock_guard<std::mutex> w(writer_mu_);
    // The build checks that the keys ascend: each data node its own, each
    // model node the boundaries between its children.
    Built b = BuildSubtree(PairSource{sorted}, n, false);
    Node* old = root_;
    {
      std::unique_lock<RwLatch> x(latch_);
      root_ = b.root;
      size_.store(n, std::memory_order_relaxed);
    }
    FreeSubtree(old);
  }

  std::optional<V> Find(K key) const {
    uint64_t k = Codec::Encode(key);
    std::shared_lock<RwLatch> r(latch_);
    const Data* leaf = Descend(k);
    int64_t s = leaf->FindSlot(k);
    if (s < 0) return std::nullopt;
    return leaf->ValueAt(static_cast<size_t>(s));
  }

  size_t Scan(K from, size_t max, std::pair<K, V>* out) const {
    uint64_t k = Codec::Encode(from);
    std::shared_lock<RwLatch> r(latch_);
    const Data* leaf = Descend(k);
    size_t count = 0;
    auto emit = [&out, &count](const Item& item) {
      out[count++] = {Codec::Decode(item.key), item.value};
    };
    leaf->ForEachFrom(leaf->LowerBoundOccupied(k), max, emit);
    for (leaf = leaf->next(); count < max && leaf != nullptr; leaf = leaf->next()) {
      leaf->ForEachFrom(0, max - count, emit);
    }
    return count;
  }

  bool Insert(K key, V value) {
    uint64_t k = Codec::Encode(key);
    std::lock_guard<std::mutex> w(writer_mu_);
    Path path;
    Data* leaf = DescendWithPath(k, &path);
    {
      std::unique_lock<RwLatch> x(latch_);
      if (!leaf->Insert(k, value)) return false;
      size_.fetch_add(1, std::memory_order_relaxed);
    }
    for (size_t i = 0; i < path.depth; ++i) path.nodes[i]->AddKeys(1);
    if (leaf->NeedsRestructure()) Restructure(path, leaf);
    return true;
  }

  bool Erase(K key) {
    uint64_t k = Codec::Encode(key);
    std::lock_guard<std::mutex> w(writer_mu_);
    Path path;
    Data* leaf = DescendWithPath(k, &path);
    {
      std::unique_lock<RwLatch> x(latch_);
      if (!leaf->Erase(k)) return false;
      size_.fetch_sub(1, std::memory_order_relaxed);
    }
    for (size_t i = 0; i < path.depth; ++i) path.nodes[i]->AddKeys(-1);
    // A subtree that lost three quarters of its keys is rebuilt smaller.
    for (size_t i = 0; i < path.depth; ++i) {
      ModelNode* m = path.nodes[i];
      if (m->built_keys() > kMaxDataKeys && 4 * m->num_keys() < m->built_keys()) {
        RebuildSubtree(path, i);
        return true;
      }
    }
    if (leaf->TooSparse()) Rebuild(path, leaf, kBulkDensity);
    return true;
  }

  bool Update(K key, V value) {
    uint64_t k = Codec::Encode(key);
    std::lock_guard<std::mutex> w(writer_mu_);
    Data* leaf = Descend(k);
    int64_t s = leaf->FindSlot(k);
    if (s < 0) return false;
    std::unique_lock<RwLatch> x(latch_);
    leaf->SetValue(static_cast<size_t>(s), value);
    return true;
  }

  size_t size() const { return size_.load(std::memory_order_relaxed); }
  size_t MemoryBytes() const { return mem_.bytes(); }

  int Depth() const {
    std::shared_lock<RwLatch> r(latch_);
    return DepthOf(root_);
  }

 private:
  // The caller's pairs as a build source, encoding keys as they are read.
  struct PairSource {
    const std::pair<K, V>* pairs;
    uint64_t key(size_t i) const { return Codec::Encode(pairs[i].first); }
    Item item(size_t i) const { return Item{key(i), pairs[i].second}; }
    PairSource From(size_t offset) const { return PairSource{pairs + offset}; }
  };
  using Items = ItemSource<V>;

  struct Path {
    ModelNode* nodes[kMaxDepth];
    size_t slots[kMaxDepth];
    size_t depth = 0;
  };
  // A freshly built subtree with its leaves linked among themselves.
  struct Built {
    Node* root;
    Data* first;
    Data* last;
  };

  const Data* Descend(uint64_t k) const {
    const Node* n = root_;
    while (!n->is_data) n = static_cast<const ModelNode*>(n)->ChildFor(k);
    return static_cast<const Data*>(n);
  }
  Data* Descend(uint64_t k) { return const_cast<Data*>(std::as_const(*this).Descend(k)); }

  Data* DescendWithPath(uint64_t k, Path* path) {
    Node* n = root_;
    while (!n->is_data) {
      auto* m = static_cast<ModelNode*>(n);
      if (path->depth == kMaxDepth) {
        std::fprintf(stderr, "LearnedIndex: depth limit exceeded\n");
        std::abort();
      }
      size_t slot = m->SlotOf(k);
      path->nodes[path->depth] = m;
      path->slots[path->depth] = slot;
      ++path->depth;
      n = m->child(slot);
    }
    return static_cast<Data*>(n);
  }

  // Builds a subtree over n sorted items: one data node when that fits well,
  // otherwise a model node (always, when force_model and n >= 2).
  template <typename Source>
  Built BuildSubtree(Source items, size_t n, bool force_model) {
    if (n < 2 || (n < kMaxDataKeys && !force_model)) {
      Data* d = Data::Build(items, n, kBulkDensity, 0, 0, &mem_);
      if (n < kMinSplitKeys || d->build_error() <= kMaxMeanError) return Built{d, d, d};
      Data::Destroy(d, &mem_);
    }
    return BuildModel(items, n);
  }

  // REQUIRES: n >= 2 distinct items. Every child gets fewer than n items.
  template <typename Source>
  Built BuildModel(Source items, size_t n) {
    size_t fanout =
        std::clamp<size_t>(std::bit_ceil(4 * n / kTargetLeafKeys + 1), kMinFanout, kMaxFanout);
    auto key_at = [&items](size_t i) { return items.key(i); };
    LinearModel model =
        LinearModel::FitRanks(n, key_at, 0.0, static_cast<double>(fanout) / static_cast<double>(n));
    std::vector<size_t> start(fanout + 1);  // items of slot f: [start[f], start[f+1])
    // Least squares when no child gets more than half the keys; otherwise
    // min-max, which narrows the key range by the fanout. Either way each
    // level halves the keys or divides the range: depth stays logarithmic.
    if (Partition(model, fanout, items, n, &start) > n / 2) {
      fanout = std::clamp<size_t>(std::bit_ceil(n / 8 + 1), fanout, kMaxFanout);
      start.resize(fanout + 1);
      model = LinearModel::MinMax(items.key(0), items.key(n - 1), fanout);
      Partition(model, fanout, items, n, &start);
    }
    ModelNode* m = ModelNode::Create(model, fanout, n, &mem_);
    size_t target = std::min(kTargetLeafKeys, std::max<size_t>(n / 2, 1));
    Built out{m, nullptr, nullptr};
    for (size_t f = 0; f < fanout;) {
      size_t g = f + 1;
      size_t count = start[g] - start[f];
      while (g < fanout && count + (start[g + 1] - start[g]) <= target &&
             SimilarDensity(count, g - f, start[g + 1] - start[g])) {
        count += start[g + 1] - start[g];
        ++g;
      }
      // Sorted distinct keys always split (see above); one group holding
      // everything means the input was not sorted.
      if (count == n ||
          (start[f] > 0 && count > 0 && items.key(start[f] - 1) >= items.key(start[f]))) {
        KeysNotAscending();
      }
      Built child = BuildSubtree(items.From(start[f]), count, false);
      for (size_t i = f; i < g; ++i) m->set_child(i, child.root);
      Link(out.last, child.first);
      if (out.first == nullptr) out.first = child.first;
      out.last = child.last;
      f = g;
    }
    return out;
  }

  // Whether a slot holding `next` keys may join a group of `slots` slots
  // holding `count`: not across a jump in key density (a burst of dense keys
  // beside sparse ones), which no single linear model fits.
  static bool SimilarDensity(size_t count, size_t slots, size_t next) {
    if (next == 0 || count == 0) return true;
    double average = static_cast<double>(count) / static_cast<double>(slots);
    double n = static_cast<double>(next);
    return n <= 8 * average + 8 && average <= 8 * n + 8;
  }

  // Fills start[] for the model's partition of the items; returns the largest slot's count.
  template <typename Source>
  static size_t Partition(const LinearModel& model, size_t fanout, const Source& items, size_t n,
                          std::vector<size_t>* start) {
    (*start)[0] = 0;
    (*start)[fanout] = n;
    if (n > 8 * fanout) {  // binary search each boundary: routing is monotone
      size_t lo = 0;
      for (size_t f = 1; f < fanout; ++f) {
        size_t hi = n;
        while (lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          if (model.Slot(items.key(mid), fanout) < f) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        (*start)[f] = lo;
      }
    } else {
      size_t f = 0;
      for (size_t i = 0; i < n; ++i) {
        size_t slot = model.Slot(items.key(i), fanout);
        while (f < slot) (*start)[++f] = i;
      }
      while (f < fanout - 1) (*start)[++f] = n;
    }
    size_t largest = 0;
    for (size_t s = 0; s < fanout; ++s) largest = std::max(largest, (*start)[s + 1] - (*start)[s]);
    return largest;
  }

  static void Link(Data* left, Data* right) {
    if (left != nullptr) left->set_next(right);
    if (right != nullptr) right->set_prev(left);
  }

  void Restructure(const Path& path, Data* leaf) {
    size_t n = leaf->num_keys();
    bool split = n >= kMaxDataKeys || (n >= kMinSplitKeys && leaf->build_error() > kMaxMeanError);
    if (!split) {
      double right = leaf->right_append_share() > 0.5 ? 0.4 : 0.0;
      double left = leaf->left_append_share() > 0.5 ? 0.4 : 0.0;
      if (left > 0 && right > 0) left = right = 0.25;
      std::vector<Item> items = Collect(leaf, leaf);
      Data* d = Data::Build(Items{items.data()}, n, kExpandDensity, left, right, &mem_);
      if (n < kMinSplitKeys || d->build_error() <= kMaxMeanError) {
        Replace(path, path.depth, leaf, Built{d, d, d});
        return;
      }
      Data::Destroy(d, &mem_);
    }
    Split(path, leaf);
  }

  // Replaces a data node by one rebuilt from its keys at `density`.
  void Rebuild(const Path& path, Data* leaf, double density) {
    std::vector<Item> items = Collect(leaf, leaf);
    Data* d = Data::Build(Items{items.data()}, items.size(), density, 0, 0, &mem_);
    Replace(path, path.depth, leaf, Built{d, d, d});
  }

  void Split(const Path& path, Data* leaf) {
    std::vector<Item> items = Collect(leaf, leaf);
    if (path.depth == 0) {
      Replace(path, 0, leaf, BuildSubtree(Items{items.data()}, items.size(), true));
      return;
    }
    ModelNode* parent = path.nodes[path.depth - 1];
    size_t first, last;
    parent->RunAround(path.slots[path.depth - 1], &first, &last);
    if (last > first) {
      SplitSideways(parent, first, last, leaf, items);
      return;
    }
    if (first == 0 || first + 1 == parent->fanout()) {
      // Keys arriving beyond an edge: rebuild the highest ancestor that has
      // doubled since it was built, so its model covers the keys it now holds.
      for (size_t i = 0; i < path.depth; ++i) {
        if (path.nodes[i]->num_keys() >= 2 * path.nodes[i]->built_keys()) {
          RebuildSubtree(path, i);
          return;
        }
      }
    }
    Replace(path, path.depth, leaf, BuildSubtree(Items{items.data()}, items.size(), true));
  }

  void SplitSideways(ModelNode* parent, size_t first, size_t last, Data* leaf,
                     const std::vector<Item>& items) {
    size_t mid = first + (last - first + 1) / 2;
    auto it = std::partition_point(items.begin(), items.end(),
                                   [&](const Item& i) { return parent->SlotOf(i.key) < mid; });
    size_t nl = static_cast<size_t>(it - items.begin());
    Built left = BuildSubtree(Items{items.data()}, nl, false);
    Built right = BuildSubtree(Items{items.data() + nl}, items.size() - nl, false);
    Data* before = leaf->prev();
    Data* after = leaf->next();
    {
      std::unique_lock<RwLatch> x(latch_);
      for (size_t s = first; s < mid; ++s) parent->set_child(s, left.root);
      for (size_t s = mid; s <= last; ++s) parent->set_child(s, right.root);
      Link(before, left.first);
      Link(left.last, right.first);
      Link(right.last, after);
    }
    Data::Destroy(leaf, &mem_);
  }

  // Rebuilds the subtree rooted at path.nodes[level] from its keys.
  void RebuildSubtree(const Path& path, size_t level) {
    Node* old = path.nodes[level];
    std::vector<Item> items = Collect(LeftmostLeaf(old), RightmostLeaf(old));
    Replace(path, level, old, BuildSubtree(Items{items.data()}, items.size(), false));
  }

  // Puts `b` where `old` (the node at depth `level` of path; the leaf when
  // level == path.depth) was, relinks the leaves and frees `old`'s subtree.
  void Replace(const Path& path, size_t level, Node* old, Built b) {
    Data* before = LeftmostLeaf(old)->prev();
    Data* after = RightmostLeaf(old)->next();
    {
      std::unique_lock<RwLatch> x(latch_);
      if (level == 0) {
        root_ = b.root;
      } else {
        ModelNode* parent = path.nodes[level - 1];
        size_t first, last;
        parent->RunAround(path.slots[level - 1], &first, &last);
        for (size_t s = first; s <= last; ++s) parent->set_child(s, b.root);
      }
      Link(before, b.first);
      Link(b.last, after);
    }
    FreeSubtree(old);
  }

  static Data* LeftmostLeaf(Node* n) {
    while (!n->is_data) n = static_cast<ModelNode*>(n)->child(0);
    return static_cast<Data*>(n);
  }
  static Data* RightmostLeaf(Node* n) {
    while (!n->is_data) {
      auto* m = static_cast<ModelNode*>(n);
      n = m->child(m->fanout() - 1);
    }
    return static_cast<Data*>(n);
  }

  // The items of the leaves first..last (linked), in key order.
  static std::vector<Item> Collect(const Data* first, const Data* last) {
    std::vector<Item> items;
    for (const Data* d = first;; d = d->next()) {
      d->CollectInto(&items);
      if (d == last) break;
    }
    return items;
  }

  void FreeSubtree(Node* n) {
    if (n->is_data) {
      Data::Destroy(static_cast<Data*>(n), &mem_);
      return;
    }
    auto* m = static_cast<ModelNode*>(n);
    for (size_t i = 0; i < m->fanout(); ++i) {
      if (i == 0 || m->child(i) != m->child(i - 1)) FreeSubtree(m->child(i));
    }
    ModelNode::Destroy(m, &mem_);
  }

  static int DepthOf(const Node* n) {
    if (n->is_data) return 1;
    auto* m = static_cast<const ModelNode*>(n);
    int d = 0;
    for (size_t i = 0; i < m->fanout(); ++i) {
      if (i == 0 || m->child(i) != m->child(i - 1)) d = std::max(d, DepthOf(m->child(i)));
    }
    return d + 1;
  }

  MemoryCounter mem_;
  Node* root_;
  std::atomic<size_t> size_{0};
  mutable RwLatch latch_;
  std::mutex writer_mu_;
};

}  // namespace omen::index_internal
