// The key order LearnedIndex implements, seen through its public API.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "index/learned_index.h"

namespace omen {
namespace {

template <typename K>
std::vector<K> ScanAll(const LearnedIndex<K, int>& index, K from) {
  std::vector<std::pair<K, int>> out(index.size() + 1);
  out.resize(index.Scan(from, out.size(), out.data()));
  std::vector<K> keys;
  for (const auto& p : out) keys.push_back(p.first);
  return keys;
}

TEST(KeyOrderTest, Int64SignedOrder) {
  LearnedIndex<int64_t, int> index;
  const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  for (int64_t k : {int64_t{0}, hi, int64_t{-1}, lo, int64_t{1}}) ASSERT_TRUE(index.Insert(k, 0));
  EXPECT_EQ(ScanAll(index, lo), (std::vector<int64_t>{lo, -1, 0, 1, hi}));
  EXPECT_EQ(ScanAll(index, int64_t{-5}), (std::vector<int64_t>{-1, 0, 1, hi}));
}

TEST(KeyOrderTest, Uint64UnsignedOrder) {
  LearnedIndex<uint64_t, int> index;
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  for (uint64_t k : {max, uint64_t{0}, uint64_t{1} << 63, uint64_t{7}})
    ASSERT_TRUE(index.Insert(k, 0));
  EXPECT_EQ(ScanAll(index, uint64_t{0}), (std::vector<uint64_t>{0, 7, uint64_t{1} << 63, max}));
  EXPECT_FALSE(index.Insert(max, 1));
}

TEST(KeyOrderTest, DoubleFollowsPostgresFloat8) {
  LearnedIndex<double, int> index;
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ASSERT_TRUE(index.Insert(nan, 1));
  ASSERT_TRUE(index.Insert(inf, 2));
  ASSERT_TRUE(index.Insert(-inf, 3));
  ASSERT_TRUE(index.Insert(-0.0, 4));
  EXPECT_FALSE(index.Insert(0.0, 5)) << "-0.0 and 0.0 are the same key";
  EXPECT_FALSE(index.Insert(-nan, 6)) << "every NaN is the same key";
  ASSERT_TRUE(index.Insert(-2.5, 7));
  ASSERT_TRUE(index.Insert(1e-300, 8));
  EXPECT_EQ(index.Find(0.0), 4);
  EXPECT_EQ(index.Find(std::nan("1")), 1);
  std::vector<double> keys = ScanAll(index, -inf);
  ASSERT_EQ(keys.size(), 6u);
  EXPECT_EQ(keys[0], -inf);
  EXPECT_EQ(keys[1], -2.5);
  EXPECT_EQ(keys[2], 0.0);
  EXPECT_FALSE(std::signbit(keys[2]));
  EXPECT_EQ(keys[3], 1e-300);
  EXPECT_EQ(keys[4], inf);
  EXPECT_TRUE(std::isnan(keys[5])) << "NaN sorts after +infinity";
  EXPECT_EQ(ScanAll(index, inf).size(), 2u);
  EXPECT_TRUE(index.Erase(-0.0));
  EXPECT_FALSE(index.Find(0.0).has_value());
}

}  // namespace
}  // namespace omen
