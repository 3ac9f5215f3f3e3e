// Differential tests of LearnedIndex against std::map, on every benchmark
// dataset and on the inputs that break learned indexes. OMEN_SOAK=1 (make
// soak) multiplies the operation counts for the long run.

#include "index/learned_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "bench/index/datasets.h"

namespace omen {
namespace {

using bench::Dataset;

size_t Scale() { return std::getenv("OMEN_SOAK") != nullptr ? 40 : 1; }

// An index and its std::map model, checked against each other at every step.
template <typename K>
class Checked {
 public:
  using Pair = std::pair<K, uint64_t>;

  void BulkLoad(const std::vector<Pair>& sorted) {
    index_.BulkLoad(sorted.data(), sorted.size());
    model_ = std::map<K, uint64_t, Less>(sorted.begin(), sorted.end());
    ASSERT_EQ(index_.size(), model_.size());
  }
  void Insert(K k, uint64_t v) {
    bool want = model_.emplace(k, v).second;
    ASSERT_EQ(index_.Insert(k, v), want) << "Insert " << k;
    ASSERT_EQ(index_.size(), model_.size());
  }
  void Erase(K k) {
    bool want = model_.erase(k) > 0;
    ASSERT_EQ(index_.Erase(k), want) << "Erase " << k;
    ASSERT_EQ(index_.size(), model_.size());
  }
  void Update(K k, uint64_t v) {
    auto it = model_.find(k);
    ASSERT_EQ(index_.Update(k, v), it != model_.end()) << "Update " << k;
    if (it != model_.end()) it->second = v;
  }
  void Find(K k) const {
    auto it = model_.find(k);
    std::optional<uint64_t> got = index_.Find(k);
    ASSERT_EQ(got.has_value(), it != model_.end()) << "Find " << k;
    if (got) {
      ASSERT_EQ(*got, it->second) << "Find " << k;
    }
  }
  void Scan(K from, size_t max) const {
    std::vector<Pair> out(max);
    size_t got = index_.Scan(from, max, out.data());
    auto it = model_.lower_bound(from);
    size_t want = 0;
    for (; want < max && it != model_.end(); ++want, ++it) {
      ASSERT_LT(want, got) << "Scan from " << from << " ended early";
      ASSERT_TRUE(SameKey(out[want].first, it->first)) << "Scan from " << from << " at " << want;
      ASSERT_EQ(out[want].second, it->second);
    }
    ASSERT_EQ(got, want) << "Scan from " << from;
  }
  // Everything, in order.
  void Verify() const {
    for (const auto& [k, v] : model_) {
      ASSERT_NO_FATAL_FAILURE(Find(k));
    }
    if (!model_.empty()) {
      ASSERT_NO_FATAL_FAILURE(Scan(model_.begin()->first, model_.size() + 1));
    }
  }
  // Depth and memory stay bounded.
  void CheckBounds() const {
    EXPECT_LE(index_.Depth(), 32);
    if (model_.size() >= 1000) {
      EXPECT_LT(static_cast<double>(index_.MemoryBytes()) / model_.size(), 64.0);
    }
  }

  const LearnedIndex<K, uint64_t>& index() const { return index_; }
  size_t size() const { return model_.size(); }

 private:
  // PostgreSQL's order for doubles (NaN largest, -0 == 0); natural otherwise.
  struct Less {
    bool operator()(K a, K b) const {
      if constexpr (std::is_floating_point_v<K>) {
        if (std::isnan(a)) return false;
        if (std::isnan(b)) return true;
      }
      return a < b;
    }
  };
  static bool SameKey(K a, K b) { return !Less()(a, b) && !Less()(b, a); }

  LearnedIndex<K, uint64_t> index_;
  std::map<K, uint64_t, Less> model_;
};

// Mixed operations on keys drawn from `keys` (present or not).
template <typename K, typename Draw>
void MixedOps(Checked<K>* c, size_t ops, uint64_t seed, Draw draw) {
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < ops; ++i) {
    K k = draw(rng);
    switch (rng() % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        ASSERT_NO_FATAL_FAILURE(c->Insert(k, i));
        break;
      case 4:
      case 5:
        ASSERT_NO_FATAL_FAILURE(c->Erase(k));
        break;
      case 6:
      case 7:
        ASSERT_NO_FATAL_FAILURE(c->Find(k));
        break;
      case 8:
        ASSERT_NO_FATAL_FAILURE(c->Update(k, i * 3 + 1));
        break;
      default:
        ASSERT_NO_FATAL_FAILURE(c->Scan(k, rng() % 3 == 0 ? rng() % 2 : rng() % 300));
    }
    if (i % 50000 == 49999) {
      ASSERT_NO_FATAL_FAILURE(c->Verify());
    }
  }
  ASSERT_NO_FATAL_FAILURE(c->Verify());
  c->CheckBounds();
}

class DatasetTest : public ::testing::TestWithParam<Dataset> {};

// Start from a bulk load of every other key, then mix operations over all keys.
TEST_P(DatasetTest, DifferentialFromBulkLoad) {
  std::vector<int64_t> keys = bench::GenerateKeys(GetParam(), 40000 * Scale(), 1);
  std::vector<std::pair<int64_t, uint64_t>> half;
  for (size_t i = 0; i < keys.size(); i += 2) half.push_back({keys[i], i});
  Checked<int64_t> c;
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad(half));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  MixedOps(&c, 150000 * Scale(), 2,
           [&](std::mt19937_64& rng) { return keys[rng() % keys.size()]; });
}

// Start empty and insert the whole dataset in random order, then mix.
TEST_P(DatasetTest, DifferentialFromEmpty) {
  std::vector<int64_t> keys = bench::GenerateKeys(GetParam(), 30000 * Scale(), 3);
  std::vector<int64_t> order = keys;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(4));
  Checked<int64_t> c;
  for (int64_t k : order) ASSERT_NO_FATAL_FAILURE(c.Insert(k, static_cast<uint64_t>(k)));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  c.CheckBounds();
  MixedOps(&c, 100000 * Scale(), 5, [&](std::mt19937_64& rng) {
    int64_t k = keys[rng() % keys.size()];
    return rng() % 4 == 0 ? k + 1 : k;
  });
}

INSTANTIATE_TEST_SUITE_P(AllDatasets, DatasetTest, ::testing::ValuesIn(bench::AllDatasets()),
                         [](const auto& info) { return bench::DatasetName(info.param); });

// Insertion orders that drive every key to one end of a node.
TEST(LearnedIndexEdgeTest, AscendingDescendingRandomIntoEmpty) {
  size_t n = 150000 * Scale();
  for (int order = 0; order < 3; ++order) {
    Checked<int64_t> c;
    std::vector<int64_t> keys(n);
    for (size_t i = 0; i < n; ++i) keys[i] = static_cast<int64_t>(i) * 3;
    if (order == 1) std::reverse(keys.begin(), keys.end());
    if (order == 2) std::shuffle(keys.begin(), keys.end(), std::mt19937_64(6));
    for (int64_t k : keys) ASSERT_NO_FATAL_FAILURE(c.Insert(k, static_cast<uint64_t>(k) + 1));
    ASSERT_NO_FATAL_FAILURE(c.Verify());
    c.CheckBounds();
  }
}

TEST(LearnedIndexEdgeTest, KeysFarOutsideTheLoadedRangeInt64) {
  Checked<int64_t> c;
  std::vector<std::pair<int64_t, uint64_t>> mid;
  for (int64_t i = 0; i < 20000; ++i) mid.push_back({i * 10, 1});
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad(mid));
  const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  for (int64_t k : {lo, hi, lo + 1, hi - 1, int64_t{-1}, int64_t{200001}}) {
    ASSERT_NO_FATAL_FAILURE(c.Insert(k, 2));
  }
  for (int64_t i = 0; i < 20000; ++i) {  // long runs beyond both ends
    ASSERT_NO_FATAL_FAILURE(c.Insert(hi - 2 - i, 3));
    ASSERT_NO_FATAL_FAILURE(c.Insert(lo + 2 + i, 4));
  }
  ASSERT_NO_FATAL_FAILURE(c.Scan(lo, 10));
  ASSERT_NO_FATAL_FAILURE(c.Scan(hi, 10));
  ASSERT_NO_FATAL_FAILURE(c.Scan(hi - 5, 10));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  c.CheckBounds();
  for (int64_t k : {lo, hi}) ASSERT_NO_FATAL_FAILURE(c.Erase(k));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
}

TEST(LearnedIndexEdgeTest, Uint64Extremes) {
  Checked<uint64_t> c;
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  for (uint64_t k : {max, uint64_t{0}, max - 1, uint64_t{1}, max / 2})
    ASSERT_NO_FATAL_FAILURE(c.Insert(k, k));
  std::mt19937_64 rng(7);
  MixedOps(&c, 60000 * Scale(), 8, [&](std::mt19937_64& r) {
    uint64_t x = r() % 4000;
    return r() % 2 ? x : max - x;
  });
  (void)rng;
}

TEST(LearnedIndexEdgeTest, DoubleSpecialValues) {
  Checked<double> c;
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double specials[] = {-inf,
                             inf,
                             nan,
                             -0.0,
                             0.0,
                             std::numeric_limits<double>::denorm_min(),
                             -std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             1.0,
                             -1.0};
  for (double k : specials) ASSERT_NO_FATAL_FAILURE(c.Insert(k, 1));
  EXPECT_EQ(c.size(), 10u);  // -0.0 and 0.0 are one key
  MixedOps(&c, 60000 * Scale(), 9, [&](std::mt19937_64& r) {
    switch (r() % 4) {
      case 0:
        return specials[r() % std::size(specials)];
      case 1:
        return static_cast<double>(static_cast<int64_t>(r() % 2000) - 1000) / 8.0;
      case 2:
        return std::ldexp(1.0, static_cast<int>(r() % 2000) - 1000);
      default:
        return -std::ldexp(1.0, static_cast<int>(r() % 2000) - 1000);
    }
  });
}

// Clusters of consecutive keys at 2^k offsets: huge gaps between dense runs.
TEST(LearnedIndexEdgeTest, ClustersWithHugeGaps) {
  Checked<int64_t> c;
  std::vector<int64_t> keys;
  for (int e = 10; e < 63; e += 4) {
    for (int64_t i = 0; i < 3000; ++i) keys.push_back((int64_t{1} << e) + i);
  }
  std::shuffle(keys.begin(), keys.end(), std::mt19937_64(10));
  for (int64_t k : keys) ASSERT_NO_FATAL_FAILURE(c.Insert(k, 1));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  c.CheckBounds();
}

// Bulk-load the even keys of a dense run, then fill in the odd ones in
// ascending and descending order: every insert lands between two neighbours.
TEST(LearnedIndexEdgeTest, FillDenseRunBothDirections) {
  for (bool ascending : {true, false}) {
    Checked<int64_t> c;
    std::vector<std::pair<int64_t, uint64_t>> even;
    for (int64_t i = 0; i < 60000; ++i) even.push_back({2 * i, 0});
    ASSERT_NO_FATAL_FAILURE(c.BulkLoad(even));
    for (int64_t i = 0; i < 60000; ++i) {
      int64_t k = ascending ? 2 * i + 1 : 2 * (59999 - i) + 1;
      ASSERT_NO_FATAL_FAILURE(c.Insert(k, 1));
    }
    ASSERT_NO_FATAL_FAILURE(c.Verify());
    c.CheckBounds();
  }
}

// Alternating ends, zig-zag around a point, and a sawtooth of ascending runs.
TEST(LearnedIndexEdgeTest, AdversarialOrders) {
  Checked<int64_t> c;
  for (int64_t i = 0; i < 50000; ++i) ASSERT_NO_FATAL_FAILURE(c.Insert(i % 2 ? i : -i, 1));
  for (int64_t i = 1; i < 30000; ++i)
    ASSERT_NO_FATAL_FAILURE(c.Insert(1000000 + (i % 2 ? i : -i) * 7, 2));
  for (int64_t tooth = 0; tooth < 30; ++tooth) {
    for (int64_t i = 0; i < 2000; ++i)
      ASSERT_NO_FATAL_FAILURE(c.Insert(5000000 + i * 31 + tooth, 3));
  }
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  c.CheckBounds();
}

// Insert, erase everything, re-insert; memory follows the contents down.
TEST(LearnedIndexEdgeTest, EraseEverythingAndReinsert) {
  Checked<int64_t> c;
  std::vector<int64_t> keys = bench::GenerateKeys(Dataset::kUniform, 100000, 11);
  std::vector<std::pair<int64_t, uint64_t>> all;
  for (int64_t k : keys) all.push_back({k, 5});
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad(all));
  size_t peak = c.index().MemoryBytes();
  std::vector<int64_t> order = keys;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(12));
  for (size_t i = 0; i < order.size() * 99 / 100; ++i) ASSERT_NO_FATAL_FAILURE(c.Erase(order[i]));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  EXPECT_LT(c.index().MemoryBytes(), peak / 10) << "peak " << peak;
  for (size_t i = order.size() * 99 / 100; i < order.size(); ++i)
    ASSERT_NO_FATAL_FAILURE(c.Erase(order[i]));
  EXPECT_EQ(c.index().size(), 0u);
  ASSERT_NO_FATAL_FAILURE(c.Scan(std::numeric_limits<int64_t>::min(), 10));
  for (int64_t k : keys) ASSERT_NO_FATAL_FAILURE(c.Insert(k, 6));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  c.CheckBounds();
}

TEST(LearnedIndexTest, BulkLoadEmptyOneAndReplace) {
  Checked<int64_t> c;
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad({}));
  ASSERT_NO_FATAL_FAILURE(c.Find(0));
  ASSERT_NO_FATAL_FAILURE(c.Scan(0, 5));
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad({{42, 1}}));
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  ASSERT_NO_FATAL_FAILURE(c.Insert(41, 2));
  std::vector<std::pair<int64_t, uint64_t>> many;
  for (int64_t i = 0; i < 5000; ++i) many.push_back({i * 2, 3});
  size_t before = c.index().MemoryBytes();
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad(many));
  EXPECT_GT(c.index().MemoryBytes(), before);
  ASSERT_NO_FATAL_FAILURE(c.Verify());
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad({{7, 7}}));
  EXPECT_LE(c.index().MemoryBytes(), before * 2);
  ASSERT_NO_FATAL_FAILURE(c.Verify());
}

TEST(LearnedIndexTest, ScanBoundaries) {
  Checked<int64_t> c;
  std::vector<std::pair<int64_t, uint64_t>> keys;
  for (int64_t i = 1; i <= 3000; ++i) keys.push_back({i * 5, static_cast<uint64_t>(i)});
  ASSERT_NO_FATAL_FAILURE(c.BulkLoad(keys));
  ASSERT_NO_FATAL_FAILURE(c.Scan(0, 0));       // max = 0
  ASSERT_NO_FATAL_FAILURE(c.Scan(-100, 10));   // below the first key
  ASSERT_NO_FATAL_FAILURE(c.Scan(15001, 10));  // beyond the last key
  ASSERT_NO_FATAL_FAILURE(c.Scan(14996, 10));  // the last key only
  ASSERT_NO_FATAL_FAILURE(c.Scan(7, 5000));    // more than there is
}

void BulkLoadInto(const std::vector<std::pair<int64_t, uint64_t>>& pairs) {
  LearnedIndex<int64_t, uint64_t> index;
  index.BulkLoad(pairs.data(), pairs.size());
}

TEST(LearnedIndexDeathTest, UnsortedBulkLoadAborts) {
  std::vector<std::pair<int64_t, uint64_t>> bad = {{1, 0}, {3, 0}, {2, 0}};
  std::vector<std::pair<int64_t, uint64_t>> dup = {{1, 0}, {1, 0}};
  EXPECT_DEATH(BulkLoadInto(bad), "not strictly ascending");
  EXPECT_DEATH(BulkLoadInto(dup), "not strictly ascending");
  std::vector<std::pair<int64_t, uint64_t>> reversed, swapped;
  for (int64_t i = 0; i < 200000; ++i) reversed.push_back({200000 - i, 0});
  for (int64_t i = 0; i < 200000; ++i) swapped.push_back({i ^ 1, 0});  // pairs swapped
  EXPECT_DEATH(BulkLoadInto(reversed), "not strictly ascending");
  EXPECT_DEATH(BulkLoadInto(swapped), "not strictly ascending");
}

}  // namespace
}  // namespace omen
