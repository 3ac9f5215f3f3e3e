// Table locks across sessions: LOCK TABLE in PostgreSQL's modes, NOWAIT,
// lock_timeout, deadlocks, and DDL inside transactions (TRUNCATE, ALTER,
// CREATE INDEX) blocking only the users of its table.

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

using std::chrono::milliseconds;

class TableLockTest : public MultiSessionTest {
 protected:
  void SetUp() override {
    MultiSessionTest::SetUp();
    a_ = Connect();
    b_ = Connect();
    Ok(*a_, "CREATE TABLE t (id int PRIMARY KEY, v int)");
    Ok(*a_, "CREATE TABLE u (id int PRIMARY KEY, w int)");
    Ok(*a_, "INSERT INTO t VALUES (1, 10), (2, 20)");
    Ok(*a_, "INSERT INTO u VALUES (1, 100)");
  }
  std::unique_ptr<Connection> a_, b_;
};

TEST_F(TableLockTest, LockTableOutsideBlockFails) {
  auto r = a_->Execute("LOCK TABLE t");
  EXPECT_EQ(StateOf(r), "25P01");
  EXPECT_EQ(r.status().message(), "LOCK TABLE can only be used in transaction blocks");
  EXPECT_EQ(StateOf(a_->Execute("LOCK TABLE nosuch")), "25P01");
  Ok(*a_, "BEGIN");
  EXPECT_EQ(StateOf(a_->Execute("LOCK TABLE nosuch")), "42P01");
  Ok(*a_, "ROLLBACK");
}

TEST_F(TableLockTest, AccessExclusiveBlocksReadersOfThatTableOnly) {
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Ok(*a_, "LOCK TABLE t").tag(), "LOCK TABLE");
  auto f = Async(*b_, "SELECT count(*) FROM t");
  EXPECT_TRUE(Blocked(f));
  auto c = Connect();
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM u"), 1);  // other tables proceed
  Ok(*c, "UPDATE u SET w = 101");
  Ok(*a_, "INSERT INTO t VALUES (3, 30)");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->GetText(0, 0), "3");  // waited, then read what the locker committed
}

TEST_F(TableLockTest, ShareModeAdmitsSharersBlocksWriters) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "LOCK TABLE t IN SHARE MODE");
  Ok(*b_, "BEGIN");
  Ok(*b_, "LOCK TABLE t IN SHARE MODE NOWAIT");
  EXPECT_EQ(Int(*b_, "SELECT count(*) FROM t"), 2);
  auto c = Connect();
  auto nowait = c->Execute("BEGIN; LOCK TABLE t IN ROW EXCLUSIVE MODE NOWAIT");
  EXPECT_EQ(StateOf(nowait), "55P03");
  EXPECT_EQ(nowait.status().message(), "could not obtain lock on relation \"t\"");
  Ok(*c, "ROLLBACK");
  auto f = Async(*c, "INSERT INTO t VALUES (3, 30)");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(Blocked(f));
  Ok(*b_, "COMMIT");
  auto r = f.get();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST_F(TableLockTest, RowExclusiveWritersDoNotBlockEachOther) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "LOCK TABLE t IN ROW EXCLUSIVE MODE");
  Ok(*a_, "INSERT INTO t VALUES (3, 30)");
  Ok(*b_, "BEGIN");
  Ok(*b_, "INSERT INTO t VALUES (4, 40)");
  Ok(*b_, "LOCK TABLE t IN ROW SHARE MODE NOWAIT");
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 4);
}

TEST_F(TableLockTest, DdlWaitsForOpenReaderOfItsTableOnly) {
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);  // holds ACCESS SHARE on t
  Ok(*b_, "ALTER TABLE u ADD COLUMN x int");          // another table: no wait
  auto f = Async(*b_, "TRUNCATE t");
  EXPECT_TRUE(Blocked(f));
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 0);
}

TEST_F(TableLockTest, AlterInTransactionBlocksReadersOfThatTable) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "ALTER TABLE t ADD COLUMN z int DEFAULT 7");
  auto f = Async(*b_, "SELECT count(*) FROM t");
  EXPECT_TRUE(Blocked(f));
  EXPECT_EQ(Int(*Connect(), "SELECT w FROM u"), 100);
  Ok(*a_, "ROLLBACK");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->GetText(0, 0), "2");
}

TEST_F(TableLockTest, CreateIndexBlocksWritersNotReaders) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "CREATE INDEX t_v ON t (v)");
  EXPECT_EQ(Int(*b_, "SELECT count(*) FROM t"), 2);  // SHARE admits ACCESS SHARE
  auto f = Async(*b_, "UPDATE t SET v = v + 1");
  EXPECT_TRUE(Blocked(f));
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->affected(), 2u);
}

TEST_F(TableLockTest, TruncateInTransactionReaderSeesOldOrNewNeverMix) {
  Ok(*a_, "CREATE TABLE h (id int, v int)");
  Ok(*a_, "INSERT INTO h SELECT g, 1 FROM generate_series(1, 100) g");
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, bad{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      auto c = Connect();
      while (!stop.load()) {
        auto r = c->Execute("SELECT count(*), sum(v) FROM h");
        if (!r.ok() || r->RowCount() != 1) {
          ++bad;
          continue;
        }
        int64_t n = std::stoll(r->GetText(0, 0));
        int64_t sum = std::stoll(r->GetText(0, 1));
        // Each committed version of h has 100 rows all with one value.
        if (n != 100 || sum % 100 != 0) ++bad;
        ++reads;
      }
    });
  }
  for (int round = 2; round <= 21; ++round) {
    Ok(*b_, "BEGIN");
    Ok(*b_, "TRUNCATE h");
    Ok(*b_, "INSERT INTO h SELECT g, " + std::to_string(round) + " FROM generate_series(1, 100) g");
    std::this_thread::sleep_for(milliseconds(5));
    Ok(*b_, "COMMIT");
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Int(*a_, "SELECT sum(v) FROM h"), 2100);
}

TEST_F(TableLockTest, DeadlockBetweenTableLocks) {
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  Ok(*a_, "LOCK TABLE t IN SHARE MODE");
  Ok(*b_, "LOCK TABLE u IN SHARE MODE");
  auto f = Async(*a_, "LOCK TABLE u IN EXCLUSIVE MODE");
  EXPECT_TRUE(Blocked(f));
  auto r = b_->Execute("LOCK TABLE t IN EXCLUSIVE MODE");
  EXPECT_EQ(StateOf(r), "40P01");
  Ok(*b_, "ROLLBACK");
  auto a = f.get();
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  Ok(*a_, "COMMIT");
}

TEST_F(TableLockTest, DeadlockBetweenReaderAndDdl) {
  // a reads t (ACCESS SHARE); b truncates t (waits for a); a then waits for
  // a row b holds: the cycle crosses a table lock and a row lock.
  Ok(*b_, "BEGIN");
  Ok(*b_, "UPDATE u SET w = 0 WHERE id = 1");
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);
  auto f = Async(*b_, "TRUNCATE t");
  EXPECT_TRUE(Blocked(f));
  auto r = a_->Execute("UPDATE u SET w = 5 WHERE id = 1");
  EXPECT_EQ(StateOf(r), "40P01");
  Ok(*a_, "ROLLBACK");
  auto t = f.get();
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  Ok(*b_, "COMMIT");
}

TEST_F(TableLockTest, LockTimeoutAndStatementTimeout) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  Ok(*b_, "SET lock_timeout = 100");
  auto r = b_->Execute("SELECT * FROM t");
  EXPECT_EQ(StateOf(r), "55P03");
  EXPECT_EQ(r.status().message(), "canceling statement due to lock timeout");
  Ok(*b_, "SET lock_timeout = 0");
  Ok(*b_, "SET statement_timeout = 100");
  EXPECT_EQ(StateOf(b_->Execute("BEGIN; LOCK TABLE t IN SHARE MODE")), "57014");
  Ok(*b_, "ROLLBACK");
  Ok(*a_, "COMMIT");
}

TEST_F(TableLockTest, ReaderQueuedBehindWaitingDdl) {
  // PostgreSQL queues a new ACCESS SHARE behind a waiting ACCESS EXCLUSIVE.
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT count(*) FROM t");
  auto ddl = Async(*b_, "TRUNCATE t");
  EXPECT_TRUE(Blocked(ddl));
  auto c = Connect();
  auto reader = Async(*c, "SELECT count(*) FROM t");
  EXPECT_TRUE(Blocked(reader));
  EXPECT_EQ(Int(*a_, "SELECT count(*) FROM t"), 2);  // a holds its lock: no self-wait
  Ok(*a_, "COMMIT");
  ASSERT_TRUE(ddl.get().ok());
  auto r = reader.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->GetText(0, 0), "0");
}

TEST_F(TableLockTest, RollbackToSavepointReleasesTableLocks) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT count(*) FROM u");  // before the savepoint: kept
  Ok(*a_, "SAVEPOINT s");
  Ok(*a_, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  Ok(*a_, "SELECT count(*) FROM t");
  Ok(*a_, "ROLLBACK TO SAVEPOINT s");
  EXPECT_EQ(Int(*b_, "SELECT count(*) FROM t"), 2);  // t is free again
  Ok(*b_, "BEGIN");
  auto r = b_->Execute("LOCK TABLE u IN ACCESS EXCLUSIVE MODE NOWAIT");  // a still reads u
  EXPECT_EQ(StateOf(r), "55P03");
  Ok(*b_, "ROLLBACK");
  Ok(*a_, "COMMIT");
}

}  // namespace
}  // namespace omen::test
