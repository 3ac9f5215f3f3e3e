// Readers and writers on one LearnedIndex at the same time. Run under
// ThreadSanitizer by `make soak` and AddressSanitizer by `make check-asan`;
// OMEN_SOAK=1 makes the run longer.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "index/learned_index.h"

namespace omen {
namespace {

constexpr int64_t kStableKeys = 20000;
constexpr int64_t kStride = 1000;  // stable keys are multiples; writers never touch them

size_t Rounds() { return std::getenv("OMEN_SOAK") != nullptr ? 60 : 3; }

// Values written by writers encode their key, so a reader can check that a
// value found under a key was written for that key.
uint64_t ValueFor(int64_t key, uint64_t version) {
  return (static_cast<uint64_t>(key) << 8) ^ (version & 0xff);
}

struct Shared {
  LearnedIndex<int64_t, uint64_t> index;
  std::atomic<bool> stop{false};
  std::atomic<long> errors{0};
  std::atomic<long> reads{0};
};

void Reader(Shared* s, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<int64_t, uint64_t>> buf(300);
  while (!s->stop.load(std::memory_order_relaxed)) {
    int64_t i = static_cast<int64_t>(rng() % kStableKeys);
    auto v = s->index.Find(i * kStride);
    if (!v || *v != static_cast<uint64_t>(i)) s->errors++;
    int64_t other = static_cast<int64_t>(rng() % (kStableKeys * kStride));
    if (other % kStride != 0) {
      auto w = s->index.Find(other);
      if (w && (*w >> 8) != (static_cast<uint64_t>(other) & (~uint64_t{0} >> 8))) s->errors++;
    }
    size_t n = s->index.Scan(i * kStride, buf.size(), buf.data());
    if (n == 0 || buf[0].first != i * kStride) s->errors++;
    int64_t next_stable = i * kStride;
    for (size_t j = 0; j < n; ++j) {
      if (j > 0 && buf[j].first <= buf[j - 1].first) s->errors++;
      if (buf[j].first > next_stable && next_stable < kStableKeys * kStride)
        s->errors++;  // skipped one
      if (buf[j].first == next_stable) next_stable += kStride;
    }
    s->reads++;
  }
}

// Inserts, updates and erases keys in [lo, hi) that are not stable keys,
// appends ascending keys from `append_base`, and mirrors it all in `model`.
void Writer(Shared* s, int64_t lo, int64_t hi, int64_t append_base, uint64_t seed,
            std::map<int64_t, uint64_t>* model) {
  std::mt19937_64 rng(seed);
  for (size_t round = 0; round < Rounds(); ++round) {
    std::vector<int64_t> keys;
    for (int i = 0; i < 20000; ++i) {
      int64_t k = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo));
      if (k % kStride != 0) keys.push_back(k);
    }
    for (int64_t k : keys) {
      if (s->index.Insert(k, ValueFor(k, round))) (*model)[k] = ValueFor(k, round);
    }
    for (size_t i = 0; i < keys.size(); i += 3) {
      if (s->index.Update(keys[i], ValueFor(keys[i], round + 1)))
        (*model)[keys[i]] = ValueFor(keys[i], round + 1);
    }
    for (size_t i = 0; i < keys.size(); i += 2) {
      if (s->index.Erase(keys[i])) model->erase(keys[i]);
    }
    for (int64_t k = 0; k < 5000; ++k) {  // appends beyond the stable range
      int64_t key = append_base + static_cast<int64_t>(round) * 5000 + k;
      if (key % kStride != 0 && s->index.Insert(key, ValueFor(key, 0)))
        (*model)[key] = ValueFor(key, 0);
    }
  }
}

void RunWith(int writers) {
  Shared s;
  std::vector<std::pair<int64_t, uint64_t>> stable;
  for (int64_t i = 0; i < kStableKeys; ++i)
    stable.push_back({i * kStride, static_cast<uint64_t>(i)});
  s.index.BulkLoad(stable.data(), stable.size());
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) readers.emplace_back(Reader, &s, 100 + t);
  std::vector<std::map<int64_t, uint64_t>> models(writers);
  std::vector<std::thread> ws;
  int64_t span = kStableKeys * kStride / writers;
  for (int w = 0; w < writers; ++w) {
    // Disjoint key ranges, and disjoint append regions far above them all.
    int64_t lo = w * span;
    int64_t append_base = (int64_t{1} << 40) * (w + 1);
    ws.emplace_back(Writer, &s, lo, lo + span - 1, append_base, 7 + w, &models[w]);
  }
  for (auto& t : ws) t.join();
  s.stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(s.errors.load(), 0);
  EXPECT_GT(s.reads.load(), 0);
  size_t expected = static_cast<size_t>(kStableKeys);
  for (const auto& m : models) {
    expected += m.size();
    for (const auto& [k, v] : m) ASSERT_EQ(s.index.Find(k), v) << k;
  }
  EXPECT_EQ(s.index.size(), expected);
}

TEST(LearnedIndexConcurrencyTest, ReadersWithOneWriter) { RunWith(1); }
TEST(LearnedIndexConcurrencyTest, ReadersWithTwoWriters) { RunWith(2); }

}  // namespace
}  // namespace omen
