#include "txn/epochs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace omen::txn {
namespace {

struct Counted {
  static std::atomic<int> freed;
  ~Counted() { freed.fetch_add(1); }
};
std::atomic<int> Counted::freed{0};

TEST(EpochsTest, RetiredObjectOutlivesOpenGuard) {
  Epochs& e = Epochs::Global();
  Counted::freed = 0;
  {
    Epochs::Guard g;
    ASSERT_TRUE(g.ok());
    e.RetireObject(new Counted());
    e.Reclaim();
    e.Reclaim();
    EXPECT_EQ(Counted::freed.load(), 0);  // this guard may hold it
  }
  e.Reclaim();
  EXPECT_EQ(Counted::freed.load(), 1);
  EXPECT_EQ(e.Pending(), 0u);
}

TEST(EpochsTest, GuardOfAnotherThreadHoldsBackOnlyWhatItMaySee) {
  Epochs& e = Epochs::Global();
  Counted::freed = 0;
  std::atomic<int> stage{0};
  std::thread reader([&] {
    Epochs::Guard g;
    stage = 1;
    while (stage.load() != 2) std::this_thread::yield();
  });
  while (stage.load() != 1) std::this_thread::yield();
  e.RetireObject(new Counted());
  e.Reclaim();
  EXPECT_EQ(Counted::freed.load(), 0);
  stage = 2;
  reader.join();
  e.Reclaim();
  EXPECT_EQ(Counted::freed.load(), 1);
}

TEST(EpochsTest, NestedGuardsAndManyThreads) {
  Epochs& e = Epochs::Global();
  Counted::freed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        Epochs::Guard outer;
        Epochs::Guard inner;
        e.RetireObject(new Counted());
      }
    });
  }
  for (auto& t : threads) t.join();
  e.Reclaim();
  EXPECT_EQ(Counted::freed.load(), 8000);
}

}  // namespace
}  // namespace omen::txn
