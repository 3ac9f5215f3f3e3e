// DML of the SQL clients send, under concurrency (issues 3/6).
// INSERT ... ON CONFLICT: counters upserted from several sessions end with
// exact totals; DO NOTHING inserts each key once; a waiter for an
// uncommitted insert of the same key updates the committed row (or inserts
// after an abort), as PostgreSQL's READ COMMITTED does; REPEATABLE READ
// fails with 40001 on a row its snapshot cannot see.
// UPDATE ... FROM / DELETE ... USING: a row changed by a concurrent
// transaction is re-checked on its newest version (EvalPlanQual).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

class DmlConcurrencyTest : public MultiSessionTest {};

TEST_F(DmlConcurrencyTest, CountersAddUpAcrossSessions) {
  auto setup = Connect();
  Ok(*setup, "CREATE TABLE counters(k int PRIMARY KEY, v int NOT NULL)");
  const int kThreads = 8;
  const int kPerThread = Soak() ? 5000 : 400;
  const int kKeys = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = Connect();
      for (int i = 0; i < kPerThread; ++i) {
        int k = (i + t) % kKeys;
        auto r = c->Execute("INSERT INTO counters VALUES (" + std::to_string(k) +
                            ", 1) ON CONFLICT (k) DO UPDATE SET v = counters.v + 1");
        if (!r.ok() || r->affected() != 1) {
          ADD_FAILURE() << (r.ok() ? r->tag() : r.status().ToString());
          ++failures;
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Int(*setup, "SELECT count(*) FROM counters"), kKeys);
  EXPECT_EQ(Int(*setup, "SELECT sum(v) FROM counters"), kThreads * kPerThread);
  EXPECT_EQ(Int(*setup, "SELECT min(v) FROM counters"), kThreads * kPerThread / kKeys);
  EXPECT_EQ(Int(*setup, "SELECT max(v) FROM counters"), kThreads * kPerThread / kKeys);
}

TEST_F(DmlConcurrencyTest, DoNothingInsertsEachKeyOnce) {
  auto setup = Connect();
  Ok(*setup, "CREATE TABLE seen(k int PRIMARY KEY, who int)");
  const int kThreads = 8;
  const int kKeys = Soak() ? 5000 : 500;
  std::atomic<uint64_t> inserted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = Connect();
      for (int k = 0; k < kKeys; ++k) {
        auto r = c->Execute("INSERT INTO seen VALUES (" + std::to_string(k) + ", " +
                            std::to_string(t) + ") ON CONFLICT DO NOTHING");
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        inserted += r->affected();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(inserted.load(), static_cast<uint64_t>(kKeys));
  EXPECT_EQ(Int(*setup, "SELECT count(*) FROM seen"), kKeys);
}

// The second inserter waits for the first; after its commit DO UPDATE
// updates the committed row, after its abort the insert goes ahead.
TEST_F(DmlConcurrencyTest, WaiterUpdatesCommittedRowOrInsertsAfterAbort) {
  auto a = Connect();
  auto b = Connect();
  Ok(*a, "CREATE TABLE w(k int PRIMARY KEY, v int)");
  for (bool commit : {true, false}) {
    Ok(*a, "DELETE FROM w");
    Ok(*a, "BEGIN");
    Ok(*a, "INSERT INTO w VALUES (1, 100)");
    std::atomic<bool> done{false};
    Result<QueryResult> got = Status::OK();
    std::thread th([&] {
      got = b->Execute("INSERT INTO w VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = w.v + 10 "
                       "RETURNING v");
      done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(done.load()) << "the upsert did not wait for the uncommitted insert";
    Ok(*a, commit ? "COMMIT" : "ROLLBACK");
    th.join();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->RowCount(), 1u);
    EXPECT_EQ(got->GetText(0, 0), commit ? "110" : "1");
    EXPECT_EQ(Int(*a, "SELECT v FROM w WHERE k = 1"), commit ? 110 : 1);
  }
}

TEST_F(DmlConcurrencyTest, RepeatableReadConflictWithUnseenRowFails) {
  auto a = Connect();
  auto b = Connect();
  Ok(*a, "CREATE TABLE rr(k int PRIMARY KEY, v int)");
  Ok(*b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Int(*b, "SELECT count(*) FROM rr"), 0);  // takes the snapshot
  Ok(*a, "INSERT INTO rr VALUES (1, 1)");
  auto r = b->Execute("INSERT INTO rr VALUES (1, 2) ON CONFLICT DO NOTHING");
  EXPECT_EQ(StateOf(r), "40001");
  Ok(*b, "ROLLBACK");
  Ok(*b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Int(*b, "SELECT count(*) FROM rr"), 1);
  Ok(*a, "UPDATE rr SET v = 5 WHERE k = 1");
  r = b->Execute("INSERT INTO rr VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET v = rr.v + 1");
  EXPECT_EQ(StateOf(r), "40001");
  Ok(*b, "ROLLBACK");
  // READ COMMITTED updates the newest committed version.
  Ok(*b, "INSERT INTO rr VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET v = rr.v + 1");
  EXPECT_EQ(Int(*a, "SELECT v FROM rr WHERE k = 1"), 6);
}

// Runs `sql` on `c` in a thread while `a` holds an uncommitted change, then
// commits `a`; returns the result of `sql`.
Result<QueryResult> RunBlocked(Connection& a, Connection& c, const std::string& sql) {
  std::atomic<bool> done{false};
  Result<QueryResult> got = Status::OK();
  std::thread th([&] {
    got = c.Execute(sql);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(done.load()) << sql << " did not wait for the row lock";
  EXPECT_TRUE(a.Execute("COMMIT").ok());
  th.join();
  return got;
}

TEST_F(DmlConcurrencyTest, UpdateFromRechecksConcurrentlyChangedRows) {
  auto a = Connect();
  auto b = Connect();
  Ok(*a, "CREATE TABLE acct(id int PRIMARY KEY, bal int, frozen bool)");
  Ok(*a, "CREATE TABLE moves(acct_id int, amount int)");
  Ok(*a, "INSERT INTO acct VALUES (1, 100, false), (2, 200, false), (3, 300, false)");
  Ok(*a, "INSERT INTO moves VALUES (1, 5), (2, 7), (3, 9)");
  // The update applies on top of the committed change.
  Ok(*a, "BEGIN");
  Ok(*a, "UPDATE acct SET bal = bal + 1000 WHERE id = 1");
  auto r = RunBlocked(*a, *b,
                      "UPDATE acct SET bal = acct.bal + m.amount FROM moves m "
                      "WHERE m.acct_id = acct.id AND NOT acct.frozen RETURNING acct.id, acct.bal");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->RowCount(), 3u);
  EXPECT_EQ(Int(*a, "SELECT bal FROM acct WHERE id = 1"), 1105);
  EXPECT_EQ(Int(*a, "SELECT bal FROM acct WHERE id = 2"), 207);
  // A row that no longer qualifies after the change is skipped.
  Ok(*a, "BEGIN");
  Ok(*a, "UPDATE acct SET frozen = true WHERE id = 2");
  r = RunBlocked(*a, *b,
                 "UPDATE acct SET bal = acct.bal + m.amount FROM moves m "
                 "WHERE m.acct_id = acct.id AND NOT acct.frozen");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 2u);
  EXPECT_EQ(Int(*a, "SELECT bal FROM acct WHERE id = 2"), 207);
  EXPECT_EQ(Int(*a, "SELECT bal FROM acct WHERE id = 3"), 318);
  // DELETE ... USING: a row deleted meanwhile is skipped, a changed one re-checked.
  Ok(*a, "BEGIN");
  Ok(*a, "DELETE FROM acct WHERE id = 1");
  Ok(*a, "UPDATE acct SET bal = 1 WHERE id = 3");
  r = RunBlocked(*a, *b, "DELETE FROM acct USING moves m WHERE m.acct_id = acct.id AND NOT acct.frozen");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 1u);
  EXPECT_EQ(Int(*a, "SELECT count(*) FROM acct"), 1);
  EXPECT_EQ(Int(*a, "SELECT id FROM acct"), 2);
}

}  // namespace
}  // namespace omen::test
