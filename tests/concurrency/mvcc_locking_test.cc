// Row locks, waits and their interruptions through the embedded API:
// unique-key waits, deadlocks (40P01), lock_timeout (55P03),
// statement_timeout and Cancel (57014), REPEATABLE READ conflicts (40001),
// and readers that never block on writers.

#include <chrono>
#include <future>
#include <thread>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class MvccLockingTest : public MultiSessionTest {
 protected:
  void SetUp() override {
    MultiSessionTest::SetUp();
    a_ = Connect();
    b_ = Connect();
    Ok(*a_, "CREATE TABLE t (id int PRIMARY KEY, v int)");
    Ok(*a_, "INSERT INTO t VALUES (1, 10), (2, 20)");
  }
  // Runs `sql` on b_ in another thread.
  std::future<Result<QueryResult>> Async(std::string sql) {
    return std::async(std::launch::async, [this, sql] { return b_->Execute(sql); });
  }
  // Whether `f` is still waiting after `ms`.
  template <typename F>
  static bool Blocked(F& f, int ms = 150) {
    return f.wait_for(milliseconds(ms)) == std::future_status::timeout;
  }

  std::unique_ptr<Connection> a_, b_;
};

TEST_F(MvccLockingTest, ReadersDoNotBlockOnWriters) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 11 WHERE id = 1");
  auto start = Clock::now();
  EXPECT_EQ(Int(*b_, "SELECT v FROM t WHERE id = 1"), 10);  // the committed version
  EXPECT_EQ(Int(*b_, "SELECT sum(v) FROM t"), 30);
  EXPECT_LT(Clock::now() - start, milliseconds(1000));
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 11);  // its own write
  Ok(*a_, "COMMIT");
  EXPECT_EQ(Int(*b_, "SELECT v FROM t WHERE id = 1"), 11);
}

TEST_F(MvccLockingTest, SecondWriterWaitsThenSeesNewestVersion) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = v + 5 WHERE id = 1");
  auto f = Async("UPDATE t SET v = v * 2 WHERE id = 1 AND v >= 10");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 1u);  // re-checked on v = 15
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 30);
}

TEST_F(MvccLockingTest, RecheckSkipsRowThatNoLongerQualifies) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 0 WHERE id = 1");
  auto f = Async("UPDATE t SET v = 99 WHERE v = 10");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 0u);
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 0);
}

TEST_F(MvccLockingTest, DeleteWaitsForUpdate) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 12 WHERE id = 1");
  auto f = Async("DELETE FROM t WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "ROLLBACK");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 1u);
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 1);
}

TEST_F(MvccLockingTest, ConcurrentSameKeyInsertGets23505AfterCommit) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "INSERT INTO t VALUES (3, 30)");
  auto f = Async("INSERT INTO t VALUES (3, 31)");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  EXPECT_EQ(StateOf(r), "23505");
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 3"), 30);
}

TEST_F(MvccLockingTest, ConcurrentSameKeyInsertSucceedsAfterRollback) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "INSERT INTO t VALUES (3, 30)");
  auto f = Async("INSERT INTO t VALUES (3, 31)");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "ROLLBACK");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 3"), 31);
}

TEST_F(MvccLockingTest, InsertOfKeyDeletedByActiveTransactionWaits) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "DELETE FROM t WHERE id = 1");
  auto f = Async("INSERT INTO t VALUES (1, 100)");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 100);
}

TEST_F(MvccLockingTest, DeadlockVictimGets40P01) {
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  Ok(*b_, "UPDATE t SET v = 2 WHERE id = 2");
  auto f = std::async(std::launch::async, [this] { return a_->Execute("UPDATE t SET v = 1 WHERE id = 2"); });
  EXPECT_TRUE(Blocked(f));
  auto start = Clock::now();
  auto rb = b_->Execute("UPDATE t SET v = 2 WHERE id = 1");
  EXPECT_EQ(StateOf(rb), "40P01");
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  Ok(*b_, "ROLLBACK");
  auto ra = f.get();
  EXPECT_TRUE(ra.ok()) << ra.status().ToString();
  Ok(*a_, "COMMIT");
  EXPECT_EQ(Int(*a_, "SELECT sum(v) FROM t"), 2);
}

TEST_F(MvccLockingTest, LockTimeout) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  Ok(*b_, "SET lock_timeout = '100ms'");
  auto start = Clock::now();
  auto r = b_->Execute("UPDATE t SET v = 2 WHERE id = 1");
  EXPECT_EQ(StateOf(r), "55P03");
  EXPECT_GE(Clock::now() - start, milliseconds(90));
  Ok(*a_, "ROLLBACK");
}

TEST_F(MvccLockingTest, StatementTimeoutInterruptsWait) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  Ok(*b_, "SET statement_timeout = '100ms'");
  auto r = b_->Execute("DELETE FROM t WHERE id = 1");
  EXPECT_EQ(StateOf(r), "57014");
  Ok(*a_, "ROLLBACK");
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);
}

TEST_F(MvccLockingTest, CancelInterruptsWait) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  auto f = Async("UPDATE t SET v = 2 WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  b_->Cancel();
  auto r = f.get();
  EXPECT_EQ(StateOf(r), "57014");
  Ok(*a_, "COMMIT");
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 1);
}

TEST_F(MvccLockingTest, RepeatableReadUpdateOfChangedRowFails40001) {
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Int(*b_, "SELECT v FROM t WHERE id = 1"), 10);
  Ok(*a_, "UPDATE t SET v = 11 WHERE id = 1");
  EXPECT_EQ(Int(*b_, "SELECT v FROM t WHERE id = 1"), 10);  // its snapshot
  auto r = b_->Execute("UPDATE t SET v = v + 1 WHERE id = 1");
  EXPECT_EQ(StateOf(r), "40001");
  Ok(*b_, "ROLLBACK");
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 11);
}

TEST_F(MvccLockingTest, RepeatableReadWaitsThenFailsWhenWriterCommits) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 11 WHERE id = 1");
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Int(*b_, "SELECT v FROM t WHERE id = 1"), 10);
  auto f = Async("UPDATE t SET v = 12 WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  EXPECT_EQ(StateOf(f.get()), "40001");
  Ok(*b_, "ROLLBACK");
}

TEST_F(MvccLockingTest, SavepointRollbackReleasesNothingElse) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  Ok(*a_, "SAVEPOINT s");
  Ok(*a_, "UPDATE t SET v = 2 WHERE id = 2");
  Ok(*a_, "ROLLBACK TO s");
  // Row 2 is free again; row 1 stays locked.
  Ok(*b_, "UPDATE t SET v = 22 WHERE id = 2");
  Ok(*b_, "SET lock_timeout = '50ms'");
  EXPECT_EQ(StateOf(b_->Execute("UPDATE t SET v = 3 WHERE id = 1")), "55P03");
  Ok(*a_, "COMMIT");
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 1);
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 2"), 22);
}

TEST_F(MvccLockingTest, DdlWaitsForOpenTransactionAndVacuumReclaims) {
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);
  auto f = Async("TRUNCATE t");
  EXPECT_TRUE(Blocked(f));
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);
  Ok(*a_, "COMMIT");
  ASSERT_TRUE(f.get().ok());
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 0);
  Ok(*a_, "VACUUM");
}

}  // namespace
}  // namespace omen::test
