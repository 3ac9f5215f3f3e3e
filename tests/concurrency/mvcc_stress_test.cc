// Stress tests of MVCC through the embedded API: many sessions, one
// Database (DESIGN.md "Storage, versions and concurrency").

#include <atomic>
#include <thread>
#include <vector>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

class MvccStressTest : public MultiSessionTest {};

// READ COMMITTED re-evaluates `v = v + 1` on the newest version after
// waiting (EvalPlanQual): no update is lost.
TEST_F(MvccStressTest, ConcurrentIncrementsLoseNothing) {
  auto setup = Connect();
  Ok(*setup, "CREATE TABLE t (id int PRIMARY KEY, v int)");
  Ok(*setup, "INSERT INTO t VALUES (1, 0), (2, 0)");
  const int threads = 8;
  const int per_thread = Soak() ? 10000 : 1000;
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      auto c = Connect();
      for (int i = 0; i < per_thread; ++i) {
        auto r = c->Execute("UPDATE t SET v = v + 1 WHERE id = 1");
        if (!r.ok() || r->affected() != 1) failures.fetch_add(1);
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Int(*setup, "SELECT v FROM t WHERE id = 1"), int64_t{threads} * per_thread);
  EXPECT_EQ(Int(*setup, "SELECT v FROM t WHERE id = 2"), 0);
}

// Transfers between accounts at one isolation level while readers sum them:
// the total never changes and every snapshot sums to it.
void BankTransfers(MultiSessionTest* test, Database* db, const char* level) {
  auto setup = db->Connect();
  const int accounts = 10;
  const int64_t start = 1000;
  MultiSessionTest::Ok(*setup, "CREATE TABLE acc (id int PRIMARY KEY, bal bigint NOT NULL)");
  MultiSessionTest::Ok(*setup,
                       "INSERT INTO acc SELECT g, 1000 FROM generate_series(0, 9) AS g");
  const int64_t total = accounts * start;
  ASSERT_EQ(MultiSessionTest::Int(*setup, "SELECT sum(bal) FROM acc"), total);
  const int writers = 6, readers = 2;
  const int transfers = Soak() ? 5000 : 400;
  std::atomic<int> bad_sums{0}, errors{0}, retries{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  const std::string begin = std::string("BEGIN ISOLATION LEVEL ") + level;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      auto c = db->Connect();
      uint32_t seed = 12345u + static_cast<uint32_t>(w);
      for (int i = 0; i < transfers; ++i) {
        seed = seed * 1103515245u + 12345u;
        int from = static_cast<int>((seed >> 8) % accounts);
        int to = static_cast<int>((seed >> 16) % accounts);
        int amount = static_cast<int>((seed >> 4) % 50);
        if (from == to) continue;
        for (;;) {
          auto all = c->ExecuteAll(begin + "; UPDATE acc SET bal = bal - " + std::to_string(amount) +
                                   " WHERE id = " + std::to_string(from) +
                                   "; UPDATE acc SET bal = bal + " + std::to_string(amount) +
                                   " WHERE id = " + std::to_string(to) + "; COMMIT");
          std::string state = StateOf(all.back());
          if (state.empty()) break;
          (void)c->Execute("ROLLBACK");
          if (state == "40001" || state == "40P01") {
            retries.fetch_add(1);
            continue;
          }
          ADD_FAILURE() << "transfer failed: " << all.back().status().ToString();
          errors.fetch_add(1);
          break;
        }
      }
    });
  }
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&] {
      auto c = db->Connect();
      while (!done.load()) {
        auto all = c->ExecuteAll(begin + "; SELECT sum(bal), count(*) FROM acc; "
                                         "SELECT sum(bal) FROM acc; COMMIT");
        if (all.size() != 4 || !all.back().ok()) {
          ADD_FAILURE() << "reader: " << all.back().status().ToString();
          errors.fetch_add(1);
          continue;
        }
        int64_t first = std::stoll(all[1]->GetText(0, 0));
        if (first != total || all[1]->GetValue(0, 1).i != accounts) bad_sums.fetch_add(1);
        if (std::stoll(all[2]->GetText(0, 0)) != total) bad_sums.fetch_add(1);
      }
    });
  }
  for (int w = 0; w < writers; ++w) threads[static_cast<size_t>(w)].join();
  done.store(true);
  for (size_t t = writers; t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(errors.load(), 0) << level;
  EXPECT_EQ(bad_sums.load(), 0) << level;
  EXPECT_EQ(MultiSessionTest::Int(*setup, "SELECT sum(bal) FROM acc"), total) << level;
  (void)test;
}

TEST_F(MvccStressTest, BankReadCommitted) { BankTransfers(this, db_.get(), "READ COMMITTED"); }
TEST_F(MvccStressTest, BankRepeatableRead) { BankTransfers(this, db_.get(), "REPEATABLE READ"); }
TEST_F(MvccStressTest, BankSerializable) { BankTransfers(this, db_.get(), "SERIALIZABLE"); }

// A scan sees exactly its snapshot while writers update the rows it reads.
TEST_F(MvccStressTest, LongScanSeesItsSnapshot) {
  auto setup = Connect();
  const int rows = Soak() ? 1000000 : 50000;
  Ok(*setup, "CREATE TABLE big (id int PRIMARY KEY, v bigint)");
  Ok(*setup, "INSERT INTO big SELECT g, 1 FROM generate_series(1, " + std::to_string(rows) + ") g");
  std::atomic<bool> done{false};
  std::atomic<int> updates{0};
  std::thread writer([&] {
    auto c = Connect();
    int id = 1;
    while (!done.load()) {
      // Moves one unit between two rows: the sum stays `rows`.
      auto r = c->ExecuteAll("BEGIN; UPDATE big SET v = v - 1 WHERE id = " + std::to_string(id) +
                             "; UPDATE big SET v = v + 1 WHERE id = " +
                             std::to_string(rows + 1 - id) + "; COMMIT");
      if (r.back().ok()) updates.fetch_add(1);
      id = id % (rows / 2) + 1;
    }
  });
  auto reader = Connect();
  for (int i = 0; i < 5; ++i) {
    Ok(*reader, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    int64_t a = Int(*reader, "SELECT sum(v) FROM big");
    int64_t b = Int(*reader, "SELECT sum(v) FROM big WHERE id > 0");
    Ok(*reader, "COMMIT");
    EXPECT_EQ(a, rows);
    EXPECT_EQ(b, rows);
  }
  done.store(true);
  writer.join();
  EXPECT_GT(updates.load(), 0);
  EXPECT_EQ(Int(*setup, "SELECT sum(v) FROM big"), rows);
}

}  // namespace
}  // namespace omen::test
