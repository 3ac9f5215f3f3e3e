#include "persist/store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "persist/keys.h"

namespace omen::persist {
namespace {

std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("omen_store_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

TEST(StoreTest, CommitScanAndReopen) {
  std::string dir = TempDir("basic");
  {
    auto store = Store::Open(dir, StoreOptions());
    ASSERT_TRUE(store.ok()) << store.status().message();
    Batch b;
    for (uint64_t r = 0; r < 10; ++r) b.Put(RowKey(7, r), "v" + std::to_string(r));
    b.Put(RowKey(8, 0), "other");
    ASSERT_TRUE((*store)->Commit(std::move(b), true).ok());
    Batch d;
    d.Delete(RowKey(7, 3));
    ASSERT_TRUE((*store)->Commit(std::move(d), true).ok());
  }
  auto store = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(store.ok());
  std::vector<uint64_t> rows;
  ASSERT_TRUE((*store)
                  ->Scan(RowPrefix(7), RowPrefix(8),
                         [&](std::string_view key, std::string_view value) {
                           rows.push_back(RowIdOfKey(key));
                           EXPECT_EQ(value, "v" + std::to_string(RowIdOfKey(key)));
                           return Status::OK();
                         })
                  .ok());
  EXPECT_EQ(rows, (std::vector<uint64_t>{0, 1, 2, 4, 5, 6, 7, 8, 9}));
  Batch range;
  range.DeleteRange(RowPrefix(7), RowPrefix(8));
  ASSERT_TRUE((*store)->Commit(std::move(range), false).ok());
  std::string v;
  bool found = true;
  ASSERT_TRUE((*store)->Get(RowKey(7, 0), &v, &found).ok());
  EXPECT_FALSE(found);
  ASSERT_TRUE((*store)->Get(RowKey(8, 0), &v, &found).ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(v, "other");
  store->reset();
  std::filesystem::remove_all(dir);
}

// Eight threads committing synced batches share WAL syncs.
TEST(StoreTest, GroupCommitSharesSyncs) {
  std::string dir = TempDir("group");
  auto store = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(store.ok());
  constexpr int kThreads = 8, kPerThread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Batch b;
        b.Put(RowKey(1, static_cast<uint64_t>(t * kPerThread + i)), "x");
        EXPECT_TRUE((*store)->Commit(std::move(b), true).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  Store::Stats s = (*store)->stats();
  std::printf("group commit (store level): %llu commits, %llu WAL syncs\n",
              static_cast<unsigned long long>(s.commits), static_cast<unsigned long long>(s.syncs));
  EXPECT_EQ(s.commits, uint64_t{kThreads * kPerThread});
  EXPECT_LT(s.syncs, s.commits);
  store->reset();
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, DiskFullFailsWithDiskFullAndTurnsReadOnly) {
  std::string dir = TempDir("full");
  auto store = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(store.ok());
  Batch ok;
  ok.Put(RowKey(1, 1), "kept");
  ASSERT_TRUE((*store)->Commit(std::move(ok), true).ok());
  (*store)->fault_injector().SetNoSpace(true);
  Batch b;
  b.Put(RowKey(1, 2), "lost");
  Status s = (*store)->Commit(std::move(b), true);
  EXPECT_EQ(s.code(), sqlstate::kDiskFull) << s.message();
  EXPECT_TRUE((*store)->read_only());
  (*store)->fault_injector().SetNoSpace(false);
  Batch again;
  again.Put(RowKey(1, 3), "refused");
  EXPECT_EQ((*store)->Commit(std::move(again), true).code(), sqlstate::kDiskFull);
  std::string v;
  bool found = false;
  ASSERT_TRUE((*store)->Get(RowKey(1, 1), &v, &found).ok());  // reads keep working
  EXPECT_TRUE(found);
  store->reset();
  auto reopened = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  ASSERT_TRUE((*reopened)->Get(RowKey(1, 1), &v, &found).ok());
  EXPECT_TRUE(found);
  Batch after;
  after.Put(RowKey(1, 4), "after");
  EXPECT_TRUE((*reopened)->Commit(std::move(after), true).ok());
  reopened->reset();
  std::filesystem::remove_all(dir);
}

uint64_t SstBytes(const std::string& dir) {
  uint64_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sst") n += e.file_size();
  }
  return n;
}

// A durable DeleteRange gives the space back: the reclaimer drops the
// range's files and compacts it, without waiting for RocksDB's compactions.
TEST(StoreTest, DeletedRangesAreReclaimed) {
  std::string dir = TempDir("reclaim");
  auto store = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(store.ok());
  for (uint64_t sid : {5, 6}) {
    Batch b;
    for (uint64_t r = 0; r < 20000; ++r) {
      b.Put(RowKey(sid, r), std::to_string(r * 2654435761u) + std::string(64, 'a' + r % 26));
    }
    ASSERT_TRUE((*store)->Commit(std::move(b), true).ok());
    ASSERT_TRUE((*store)->Flush().ok());  // one SST file per range
  }
  uint64_t full = SstBytes(dir);
  Batch d;
  d.DeleteRange(RowPrefix(5), RowPrefix(6));
  ASSERT_TRUE((*store)->Commit(std::move(d), true).ok());
  ASSERT_TRUE((*store)->WaitForBackgroundWork(std::chrono::seconds(60)));
  EXPECT_EQ((*store)->stats().reclaimed, 1u);
  uint64_t after = SstBytes(dir);
  EXPECT_LT(after, full * 2 / 3) << full << " -> " << after;
  size_t left = 0;
  ASSERT_TRUE((*store)
                  ->Scan(RowPrefix(5), RowPrefix(7),
                         [&](std::string_view key, std::string_view) {
                           EXPECT_EQ(key.substr(0, 9), RowPrefix(6));
                           ++left;
                           return Status::OK();
                         })
                  .ok());
  EXPECT_EQ(left, 20000u);
  store->reset();
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, CheckpointIsAConsistentCopy) {
  std::string dir = TempDir("ckpt"), copy = TempDir("ckpt_copy");
  auto store = Store::Open(dir, StoreOptions());
  ASSERT_TRUE(store.ok());
  Batch b;
  b.Put(RowKey(2, 0), "a");
  ASSERT_TRUE((*store)->Commit(std::move(b), false).ok());
  ASSERT_TRUE((*store)->CreateCheckpoint(copy).ok());
  EXPECT_FALSE((*store)->CreateCheckpoint(copy).ok());  // exists already
  store->reset();
  auto restored = Store::Open(copy, StoreOptions());
  ASSERT_TRUE(restored.ok());
  std::string v;
  bool found = false;
  ASSERT_TRUE((*restored)->Get(RowKey(2, 0), &v, &found).ok());
  EXPECT_TRUE(found);
  restored->reset();
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(copy);
}

}  // namespace
}  // namespace omen::persist
