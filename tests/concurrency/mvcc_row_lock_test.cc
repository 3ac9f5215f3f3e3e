// SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE with NOWAIT and
// SKIP LOCKED across sessions (threads, one Connection each), each outcome
// as PostgreSQL 15 gives it.

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

using std::chrono::milliseconds;

class RowLockTest : public MultiSessionTest {
 protected:
  void SetUp() override {
    MultiSessionTest::SetUp();
    a_ = Connect();
    b_ = Connect();
    Ok(*a_, "CREATE TABLE t (id int PRIMARY KEY, v int)");
    Ok(*a_, "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  }
  std::unique_ptr<Connection> a_, b_;
};

TEST_F(RowLockTest, ForUpdateBlocksWriterUntilCommit) {
  Ok(*a_, "BEGIN");
  QueryResult r = Ok(*a_, "SELECT v FROM t WHERE id = 1 FOR UPDATE");
  ASSERT_EQ(r.RowCount(), 1u);
  EXPECT_EQ(r.GetText(0, 0), "10");
  auto f = Async(*b_, "UPDATE t SET v = v + 1 WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  // Other rows are not locked.
  Ok(*Connect(), "UPDATE t SET v = 21 WHERE id = 2");
  Ok(*a_, "UPDATE t SET v = 100 WHERE id = 1");
  Ok(*a_, "COMMIT");
  auto u = f.get();
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 1"), 101);
}

TEST_F(RowLockTest, ForUpdateLockReleasedByRollback) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  auto f = Async(*b_, "DELETE FROM t WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "ROLLBACK");
  auto d = f.get();
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->affected(), 1u);
}

TEST_F(RowLockTest, RollbackToSavepointReleasesRowLock) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SAVEPOINT s");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  Ok(*a_, "ROLLBACK TO SAVEPOINT s");
  auto r = b_->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  Ok(*a_, "COMMIT");
}

TEST_F(RowLockTest, NowaitFailsWith55P03) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 2 FOR UPDATE");
  Ok(*b_, "BEGIN");
  auto r = b_->Execute("SELECT * FROM t WHERE id = 2 FOR UPDATE NOWAIT");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(StateOf(r), "55P03");
  EXPECT_EQ(r.status().message(), "could not obtain lock on row in relation \"t\"");
  EXPECT_EQ(b_->TransactionStatus(), 'E');
  Ok(*b_, "ROLLBACK");
  // A row nobody holds is locked at once.
  Ok(*b_, "BEGIN");
  EXPECT_EQ(Ok(*b_, "SELECT * FROM t WHERE id = 3 FOR SHARE NOWAIT").RowCount(), 1u);
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
}

TEST_F(RowLockTest, SkipLockedSkipsHeldRows) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  Ok(*b_, "BEGIN");
  QueryResult r = Ok(*b_, "SELECT id FROM t ORDER BY id FOR UPDATE SKIP LOCKED");
  ASSERT_EQ(r.RowCount(), 2u);
  EXPECT_EQ(r.GetText(0, 0), "2");
  EXPECT_EQ(r.GetText(1, 0), "3");
  QueryResult one = Ok(*Connect(), "SELECT id FROM t ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
  EXPECT_EQ(one.RowCount(), 0u) << "rows 2 and 3 are held by b, 1 by a";
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
}

// The job-queue pattern: N workers each take the next pending job with
// FOR UPDATE SKIP LOCKED LIMIT 1, mark it done and commit; every job is
// taken exactly once.
TEST_F(RowLockTest, JobQueueWorkersTakeDistinctRows) {
  Ok(*a_, "CREATE TABLE jobs (id int PRIMARY KEY, done boolean, worker int)");
  constexpr int kJobs = 200, kWorkers = 4;
  std::string insert = "INSERT INTO jobs SELECT g, false, NULL FROM generate_series(1, " +
                       std::to_string(kJobs) + ") g";
  Ok(*a_, insert);
  std::atomic<int> taken{0}, errors{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      auto c = Connect();
      for (;;) {
        if (!c->Execute("BEGIN").ok()) break;
        auto r = c->Execute(
            "SELECT id FROM jobs WHERE NOT done ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
        if (!r.ok()) {
          ++errors;
          (void)c->Execute("ROLLBACK");
          break;
        }
        if (r->RowCount() == 0) {
          (void)c->Execute("COMMIT");
          break;
        }
        std::string id = r->GetText(0, 0);
        auto u = c->Execute("UPDATE jobs SET done = true, worker = " + std::to_string(w) +
                            " WHERE id = " + id);
        if (!u.ok() || u->affected() != 1) ++errors;
        if (!c->Execute("COMMIT").ok()) ++errors;
        ++taken;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(taken.load(), kJobs) << "each job exactly once";
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM jobs WHERE done"), kJobs);
}

TEST_F(RowLockTest, ForShareLetsSharersInAndBlocksWriters) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR SHARE");
  Ok(*b_, "BEGIN");
  EXPECT_EQ(Ok(*b_, "SELECT * FROM t WHERE id = 1 FOR SHARE NOWAIT").RowCount(), 1u);
  EXPECT_EQ(Ok(*b_, "SELECT * FROM t WHERE id = 1 FOR KEY SHARE").RowCount(), 1u);
  auto c = Connect();
  auto nowait = c->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT");
  EXPECT_EQ(StateOf(nowait), "55P03");
  auto f = Async(*c, "UPDATE t SET v = 0 WHERE id = 1");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(Blocked(f)) << "b still shares the row";
  Ok(*b_, "COMMIT");
  auto u = f.get();
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->affected(), 1u);
}

TEST_F(RowLockTest, ShareLockBlocksForUpdateAndUpgradeWaitsForOtherSharer) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR SHARE");
  // Its own share lock does not stop the holder from writing.
  Ok(*a_, "UPDATE t SET v = 11 WHERE id = 1");
  Ok(*a_, "COMMIT");
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR SHARE");
  Ok(*b_, "BEGIN");
  Ok(*b_, "SELECT * FROM t WHERE id = 1 FOR SHARE");
  auto f = Async(*b_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "ROLLBACK");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Ok(*b_, "COMMIT");
}

// PostgreSQL's row lock conflicts: FOR KEY SHARE conflicts only with FOR
// UPDATE and with writes that delete the row or change a unique key; FOR
// NO KEY UPDATE and updates of other columns let key sharers in. (Each
// outcome as PostgreSQL 15 gives it for the same sequence.)
TEST_F(RowLockTest, KeyShareConflictsOnlyWithKeyChanges) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR KEY SHARE");
  Ok(*b_, "BEGIN");
  Ok(*b_, "SET lock_timeout = '200ms'");
  EXPECT_EQ(Ok(*b_, "SELECT * FROM t WHERE id = 1 FOR NO KEY UPDATE NOWAIT").RowCount(), 1u);
  EXPECT_EQ(Ok(*b_, "UPDATE t SET v = 11 WHERE id = 1").affected(), 1u);
  EXPECT_EQ(Ok(*b_, "UPDATE t SET id = 1 WHERE id = 1").affected(), 1u);  // same key value
  Ok(*b_, "SAVEPOINT s");
  EXPECT_EQ(StateOf(b_->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT")), "55P03");
  Ok(*b_, "ROLLBACK TO s");
  EXPECT_EQ(StateOf(b_->Execute("UPDATE t SET id = 5 WHERE id = 1")), "55P03");
  Ok(*b_, "ROLLBACK TO s");
  EXPECT_EQ(StateOf(b_->Execute("DELETE FROM t WHERE id = 1")), "55P03");
  Ok(*b_, "ROLLBACK");
  Ok(*a_, "ROLLBACK");

  // Held by a (uncommitted): can b take FOR KEY SHARE / FOR SHARE at once?
  struct Case {
    const char* hold;
    bool key_share;
  };
  for (const Case& c : {Case{"SELECT * FROM t WHERE id = 1 FOR NO KEY UPDATE", true},
                        Case{"UPDATE t SET v = 12 WHERE id = 1", true},
                        Case{"UPDATE t SET id = 1, v = 13 WHERE id = 1", true},
                        Case{"UPDATE t SET id = 7 WHERE id = 1", false},
                        Case{"SELECT * FROM t WHERE id = 1 FOR UPDATE", false}}) {
    SCOPED_TRACE(c.hold);
    Ok(*a_, "BEGIN");
    Ok(*a_, c.hold);
    Ok(*b_, "BEGIN");
    auto ks = b_->Execute("SELECT v FROM t WHERE id = 1 FOR KEY SHARE NOWAIT");
    if (c.key_share) {
      ASSERT_TRUE(ks.ok()) << ks.status().ToString();
      ASSERT_EQ(ks->RowCount(), 1u);
      EXPECT_EQ(ks->GetText(0, 0), "10");  // the committed version
      Ok(*b_, "SAVEPOINT s");
    } else {
      EXPECT_EQ(StateOf(ks), "55P03");
      Ok(*b_, "ROLLBACK");
      Ok(*b_, "BEGIN");
    }
    EXPECT_EQ(StateOf(b_->Execute("SELECT * FROM t WHERE id = 1 FOR SHARE NOWAIT")), "55P03");
    Ok(*b_, "ROLLBACK");
    Ok(*a_, "ROLLBACK");
  }
  // A key sharer that holds on: the non-key update commits, a key update waits.
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 2 FOR KEY SHARE");
  Ok(*b_, "UPDATE t SET v = 21 WHERE id = 2");
  auto f = Async(*b_, "UPDATE t SET id = 9 WHERE id = 2");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto u = f.get();
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(Int(*a_, "SELECT v FROM t WHERE id = 9"), 21);
}

TEST_F(RowLockTest, ReadCommittedRechecksChangedRow) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 15 WHERE id = 1");
  auto f = Async(*b_, "SELECT id, v FROM t WHERE v >= 10 ORDER BY id FOR UPDATE");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->RowCount(), 3u);
  EXPECT_EQ(r->GetText(0, 1), "15");  // the newest version, re-projected
  // A row that no longer qualifies is dropped.
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 0 WHERE id = 2");
  auto g = Async(*b_, "SELECT id FROM t WHERE v >= 10 ORDER BY id FOR UPDATE");
  EXPECT_TRUE(Blocked(g));
  Ok(*a_, "COMMIT");
  auto s = g.get();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->RowCount(), 2u);
  EXPECT_EQ(s->GetText(0, 0), "1");
  EXPECT_EQ(s->GetText(1, 0), "3");
}

TEST_F(RowLockTest, RepeatableReadFailsOnConcurrentUpdate) {
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Ok(*b_, "SELECT count(*) FROM t");
  Ok(*a_, "UPDATE t SET v = 12 WHERE id = 1");
  auto r = b_->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE");
  EXPECT_EQ(StateOf(r), "40001");
  Ok(*b_, "ROLLBACK");
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Ok(*b_, "SELECT count(*) FROM t");
  Ok(*a_, "DELETE FROM t WHERE id = 2");
  auto d = b_->Execute("SELECT * FROM t WHERE id = 2 FOR SHARE");
  EXPECT_EQ(StateOf(d), "40001");
  Ok(*b_, "ROLLBACK");
}

TEST_F(RowLockTest, DeadlockBetweenTwoForUpdateSessions) {
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  Ok(*b_, "SELECT * FROM t WHERE id = 2 FOR UPDATE");
  auto f = Async(*a_, "SELECT * FROM t WHERE id = 2 FOR UPDATE");
  EXPECT_TRUE(Blocked(f));
  auto r = b_->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE");
  EXPECT_EQ(StateOf(r), "40P01");
  Ok(*b_, "ROLLBACK");
  auto a = f.get();
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  Ok(*a_, "COMMIT");
}

TEST_F(RowLockTest, LockTimeoutAndStatementTimeoutInterruptRowLockWait) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
  Ok(*b_, "SET lock_timeout = 100");
  auto r = b_->Execute("SELECT * FROM t WHERE id = 1 FOR SHARE");
  EXPECT_EQ(StateOf(r), "55P03");
  EXPECT_EQ(r.status().message(), "canceling statement due to lock timeout");
  Ok(*b_, "SET lock_timeout = 0");
  Ok(*b_, "SET statement_timeout = 100");
  auto s = b_->Execute("SELECT * FROM t WHERE id = 1 FOR UPDATE");
  EXPECT_EQ(StateOf(s), "57014");
  Ok(*a_, "COMMIT");
}

TEST_F(RowLockTest, LimitLocksOnlyTheRowsReturned) {
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Ok(*a_, "SELECT id FROM t ORDER BY id LIMIT 1 FOR UPDATE").GetText(0, 0), "1");
  Ok(*b_, "BEGIN");
  QueryResult r = Ok(*b_, "SELECT id FROM t WHERE id > 1 FOR UPDATE NOWAIT");
  EXPECT_EQ(r.RowCount(), 2u);
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
}

}  // namespace
}  // namespace omen::test
