// Resources of MVCC through the embedded API (issue 4): the memory budget
// (53200 instead of the OOM killer), idle_in_transaction_session_timeout
// (25P03, its transaction rolled back in the background so row locks and the
// reclamation horizon are released), and memory returning after VACUUM.

#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "main/database_impl.h"
#include "mvcc_test_util.h"

namespace omen::test {
namespace {

using std::chrono::milliseconds;

// Under a sanitizer its allocator keeps freed memory (the resident size says
// nothing) and everything is many times slower and bigger: the storm stays small.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

class MvccResourcesTest : public MultiSessionTest {
 public:
  Database::Impl& Db() { return *db_->impl(); }
  int64_t Used() { return Db().memory->used(); }
};

// ---- the memory budget ----

class MemoryBudgetTest : public MultiSessionTest {
 public:
  void SetUp() override {
    DatabaseOptions options;
    options.memory_budget = int64_t{32} << 20;  // 32 MiB
    auto db = Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  int64_t Used() { return db_->impl()->memory->used(); }
  static void ExpectOutOfMemory(Connection& c, std::string_view sql) {
    auto r = c.Execute(sql);
    ASSERT_FALSE(r.ok()) << sql;
    EXPECT_EQ(StateOf(r), "53200") << sql << ": " << r.status().ToString();
    EXPECT_EQ(r.status().message(), "out of memory");
    EXPECT_NE(r.status().detail().find("Failed on request of size"), std::string::npos)
        << r.status().detail();
  }
};

TEST_F(MemoryBudgetTest, ExceedingStatementsFailAndTheDatabaseKeepsWorking) {
  auto c = Connect();
  EXPECT_EQ(db_->impl()->memory->limit(), int64_t{32} << 20);
  Ok(*c, "CREATE TABLE t (id int PRIMARY KEY, s text)");
  Ok(*c, "INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
  const int64_t base = Used();
  EXPECT_GT(base, 0);
  // Table appends (and their versions).
  ExpectOutOfMemory(*c, "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1001, 2000000) g");
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM t"), 1000);
  // Sort buffers, aggregate hash tables, hash join builds, results.
  ExpectOutOfMemory(*c, "SELECT g FROM generate_series(1, 3000000) g ORDER BY g DESC");
  ExpectOutOfMemory(*c, "SELECT g, count(*) FROM generate_series(1, 3000000) g GROUP BY g");
  ExpectOutOfMemory(*c,
                    "SELECT count(*) FROM generate_series(1, 2000000) a "
                    "JOIN generate_series(1, 2000000) b ON a.a = b.b");
  ExpectOutOfMemory(*c, "SELECT repeat('z', 1000) FROM generate_series(1, 100000)");
  // Nothing stays charged by the failed statements.
  EXPECT_LE(Used(), base + (int64_t{1} << 20));
  // In a block: the statement fails, the block can be rolled back, work goes on.
  Ok(*c, "BEGIN");
  Ok(*c, "INSERT INTO t VALUES (5000, 'in the block')");
  ExpectOutOfMemory(*c, "UPDATE t SET s = repeat(s, 20000)");
  EXPECT_EQ(StateOf(c->Execute("SELECT 1")), "25P02");
  Ok(*c, "ROLLBACK");
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM t"), 1000);
  Ok(*c, "INSERT INTO t VALUES (5000, 'after')");
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM t WHERE s = 'after'"), 1);
  // Other sessions were never affected.
  auto other = Connect();
  EXPECT_EQ(Int(*other, "SELECT count(*) FROM t"), 1001);
}

TEST(MemoryBudgetParse, Sizes) {
  EXPECT_EQ(*MemoryBudget::ParseSize("512MB"), int64_t{512} << 20);
  EXPECT_EQ(*MemoryBudget::ParseSize("4GB"), int64_t{4} << 30);
  EXPECT_EQ(*MemoryBudget::ParseSize("1048576"), int64_t{1} << 20);
  EXPECT_EQ(*MemoryBudget::ParseSize("64 kB"), int64_t{64} << 10);
  EXPECT_EQ(std::string(MemoryBudget::ParseSize("lots").status().code().code()), "22023");
  EXPECT_EQ(std::string(MemoryBudget::ParseSize("12XB").status().code().code()), "22023");
  EXPECT_EQ(std::string(MemoryBudget::ParseSize("0").status().code().code()), "22023");
  EXPECT_GT(MemoryBudget::DefaultLimit(), int64_t{256} << 20);
}

// ---- idle_in_transaction_session_timeout ----

TEST_F(MvccResourcesTest, IdleInTransactionSessionIsTerminatedAndRolledBack) {
  auto setup = Connect();
  Ok(*setup, "CREATE TABLE t (id int PRIMARY KEY, v int)");
  Ok(*setup, "INSERT INTO t VALUES (1, 0)");
  auto idle = Connect();
  Ok(*idle, "SET idle_in_transaction_session_timeout = '200ms'");
  EXPECT_EQ(idle->IdleTimeoutMs(), 0);  // not in a block: no timeout applies
  Ok(*idle, "BEGIN");
  Ok(*idle, "UPDATE t SET v = 1 WHERE id = 1");  // holds the row lock
  Ok(*idle, "INSERT INTO t VALUES (2, 2)");
  EXPECT_EQ(idle->IdleTimeoutMs(), 200);
  const txn::commit_ts_t horizon_held = Db().txn_manager.Horizon();
  // A writer of the same row waits for the lock, which the timeout releases
  // in the background (without any further call on `idle`).
  auto writer = Connect();
  auto start = std::chrono::steady_clock::now();
  Ok(*writer, "UPDATE t SET v = 10 WHERE id = 1");
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(150));
  EXPECT_LT(waited, milliseconds(5000));
  EXPECT_EQ(Db().txn_manager.ActiveCount(), 0u);
  EXPECT_GT(Db().txn_manager.Horizon(), horizon_held);
  EXPECT_EQ(Int(*writer, "SELECT count(*) FROM t"), 1);  // the insert was rolled back
  EXPECT_EQ(Int(*writer, "SELECT v FROM t WHERE id = 1"), 10);
  // The next call on the terminated connection reports it, and so does every later one.
  auto r = idle->Execute("SELECT 1");
  EXPECT_EQ(StateOf(r), "25P03");
  EXPECT_EQ(r.status().message(), "terminating connection due to idle-in-transaction timeout");
  EXPECT_EQ(StateOf(idle->Execute("COMMIT")), "25P03");
  EXPECT_EQ(StateOf(idle->Prepare("SELECT 1")), "25P03");
  EXPECT_EQ(idle->TransactionStatus(), 'I');
  EXPECT_EQ(idle->IdleTimeoutMs(), 0);
}

TEST_F(MvccResourcesTest, IdleTimeoutSparesActiveAndIdleOutsideBlocks) {
  auto c = Connect();
  Ok(*c, "CREATE TABLE t (id int PRIMARY KEY, v int)");
  Ok(*c, "SET idle_in_transaction_session_timeout = 300");
  std::this_thread::sleep_for(milliseconds(450));  // idle, but not in a block
  Ok(*c, "BEGIN");
  for (int i = 0; i < 6; ++i) {  // busy in a block: each gap is under the timeout
    Ok(*c, "INSERT INTO t VALUES (" + std::to_string(i) + ", 0)");
    std::this_thread::sleep_for(milliseconds(100));
  }
  Ok(*c, "COMMIT");
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM t"), 6);
  // An aborted block is idle in a transaction too.
  Ok(*c, "BEGIN");
  EXPECT_EQ(StateOf(c->Execute("SELECT 1/0")), "22012");
  EXPECT_EQ(c->TransactionStatus(), 'E');
  std::this_thread::sleep_for(milliseconds(700));
  EXPECT_EQ(StateOf(c->Execute("ROLLBACK")), "25P03");
  // A connection destroyed while armed is simply gone.
  auto d = Connect();
  Ok(*d, "SET idle_in_transaction_session_timeout = 50");
  Ok(*d, "BEGIN");
  Ok(*d, "INSERT INTO t VALUES (100, 0)");
  d.reset();
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(Int(*Connect(), "SELECT count(*) FROM t"), 6);
}

// ---- memory after an update storm ----

int64_t RssBytes() {
  malloc_trim(0);
  std::ifstream f("/proc/self/statm");
  int64_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// A long reader holds the horizon while every row is updated many times;
// after it ends and VACUUM runs, the accounted memory and the resident size
// are back within 10% of their level before the storm. With `strings`, the
// updates replace heap strings too (each row's string grows in the first
// round, so its new copy is written while that round's versions are
// allocated: row_group.h keeps strings in per-segment arenas, apart).
void UpdateStormThenVacuum(MvccResourcesTest* test, bool strings) {
  const bool big = Soak() && !kSanitized;
  const int rows = big ? 200000 : 20000;
  const int rounds = big ? 20 : 10;
  auto c = test->Connect();
  MultiSessionTest::Ok(*c, "CREATE TABLE t (id int PRIMARY KEY, v int, s text)");
  MultiSessionTest::Ok(*c, "INSERT INTO t SELECT g, 0, 'a string long enough to be on the heap ' || g "
                           "FROM generate_series(1, " + std::to_string(rows) + ") g");
  MultiSessionTest::Ok(*c, "VACUUM");
  const int64_t before = test->Used();
  const int64_t rss_before = RssBytes();
  auto reader = test->Connect();
  MultiSessionTest::Ok(*reader, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(MultiSessionTest::Int(*reader, "SELECT count(*) FROM t"), rows);
  for (int i = 0; i < rounds; ++i) {
    MultiSessionTest::Ok(*c, strings ? "UPDATE t SET v = v + 1, s = 'round " + std::to_string(i) +
                                           " a string long enough to be on the heap ' || id"
                                     : std::string("UPDATE t SET v = v + 1"));
  }
  const int64_t peak = test->Used();
  const int64_t rss_peak = RssBytes();
  EXPECT_EQ(MultiSessionTest::Int(*reader, "SELECT sum(v) FROM t"), 0);  // its snapshot
  MultiSessionTest::Ok(*reader, "COMMIT");
  MultiSessionTest::Ok(*c, "VACUUM");
  const int64_t after = test->Used();
  const int64_t rss_after = RssBytes();
  std::printf("%s: accounted: before %lld peak %lld after %lld (%.3f); rss: before %lld peak %lld "
              "after %lld (%.3f)\n",
              strings ? "strings" : "integers", static_cast<long long>(before),
              static_cast<long long>(peak), static_cast<long long>(after),
              double(after) / double(before), static_cast<long long>(rss_before),
              static_cast<long long>(rss_peak), static_cast<long long>(rss_after),
              double(rss_after) / double(rss_before));
  EXPECT_GT(peak, before * 2);  // the storm really held versions
  EXPECT_LE(after, before + before / 10);
  if (!kSanitized) {
    EXPECT_LE(rss_after, rss_before + rss_before / 10);
  }
  EXPECT_EQ(MultiSessionTest::Int(*c, "SELECT sum(v) FROM t"), int64_t{rows} * rounds);
  EXPECT_EQ(test->Db().reclaimer.Pending(), 0u);
}

TEST_F(MvccResourcesTest, MemoryReturnsAfterReaderEndsAndVacuum) { UpdateStormThenVacuum(this, false); }

TEST_F(MvccResourcesTest, AccountedMemoryReturnsAfterStringUpdateStorm) {
  UpdateStormThenVacuum(this, true);
}

// ---- slots of deleted rows are reused ----

namespace storm_util {
std::string Text(Connection& c, std::string_view sql) {
  QueryResult r = MultiSessionTest::Ok(c, sql);
  return r.RowCount() == 0 || r.IsNull(0, 0) ? "NULL" : r.GetText(0, 0);
}
}  // namespace storm_util

// Every round deletes all rows and inserts as many new ones (new keys,
// heap strings), with no VACUUM: once the dead rows pass the autovacuum
// threshold their slots are reused, so memory stays flat instead of
// growing with every round. Lookups by the old and the new keys stay exact.
TEST_F(MvccResourcesTest, DeleteAndReinsertReusesSlots) {
  const int rows = Soak() && !kSanitized ? 100000 : 10000;
  const int rounds = 12;
  auto c = Connect();
  Ok(*c, "CREATE TABLE q (id int PRIMARY KEY, s text)");
  auto load = [&](int round) {
    Ok(*c, "INSERT INTO q SELECT g + " + std::to_string(round * rows) +
               ", 'payload string on the heap, round " + std::to_string(round) +
               ", row ' || g FROM generate_series(1, " + std::to_string(rows) + ") g");
  };
  load(0);
  int64_t after_first = 0;
  const int64_t rss_start = RssBytes();
  for (int round = 1; round <= rounds; ++round) {
    Ok(*c, "DELETE FROM q");
    load(round);
    if (round == 2) after_first = Used();
    EXPECT_EQ(Int(*c, "SELECT count(*) FROM q"), rows);
  }
  const int64_t last = Used();
  const int64_t rss_end = RssBytes();
  std::printf("delete/reinsert: accounted after round 2 %lld, after round %d %lld (%.3f); "
              "rss %lld -> %lld (%.3f)\n",
              static_cast<long long>(after_first), rounds, static_cast<long long>(last),
              double(last) / double(after_first), static_cast<long long>(rss_start),
              static_cast<long long>(rss_end), double(rss_end) / double(rss_start));
  EXPECT_LE(last, after_first + after_first / 10);
  if (!kSanitized) {
    EXPECT_LE(rss_end, rss_start + rss_start / 5);
  }
  // Old keys are gone, new keys find their own row.
  const int base = rounds * rows;
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM q WHERE id = 1"), 0);
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM q WHERE id = " + std::to_string(base + 7)), 1);
  EXPECT_EQ(storm_util::Text(*c, "SELECT s FROM q WHERE id = " + std::to_string(base + 7)),
            "payload string on the heap, round " + std::to_string(rounds) + ", row 7");
  EXPECT_EQ(Int(*c, "SELECT min(id) FROM q"), base + 1);
}

// A snapshot older than the deletes keeps its rows: their slots are not
// reused while it is open, and are afterwards (after VACUUM).
TEST_F(MvccResourcesTest, SlotsAreNotReusedUnderAnOlderSnapshot) {
  auto c = Connect();
  Ok(*c, "CREATE TABLE r (id int PRIMARY KEY, v int)");
  Ok(*c, "INSERT INTO r SELECT g, g FROM generate_series(1, 1000) g");
  auto reader = Connect();
  Ok(*reader, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Int(*reader, "SELECT sum(v) FROM r"), 500500);
  Ok(*c, "DELETE FROM r WHERE id <= 900");
  Ok(*c, "VACUUM");
  Ok(*c, "INSERT INTO r SELECT g, 0 FROM generate_series(2001, 2900) g");
  EXPECT_EQ(Int(*reader, "SELECT sum(v) FROM r"), 500500);
  EXPECT_EQ(Int(*reader, "SELECT v FROM r WHERE id = 5"), 5);
  EXPECT_EQ(Int(*reader, "SELECT count(*) FROM r WHERE id > 2000"), 0);
  Ok(*reader, "COMMIT");
  const int64_t before = Used();
  Ok(*c, "DELETE FROM r WHERE id > 2000");
  Ok(*c, "VACUUM");
  Ok(*c, "INSERT INTO r SELECT g, 1 FROM generate_series(3001, 3900) g");
  EXPECT_LE(Used(), before);  // refilled dead slots, nothing appended
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM r"), 1000);
  EXPECT_EQ(Int(*c, "SELECT sum(v) FROM r"), 900 + (901 + 1000) * 100 / 2);
  EXPECT_EQ(Int(*c, "SELECT count(*) FROM r WHERE id = 5 OR id = 2005"), 0);
  EXPECT_EQ(Int(*c, "SELECT v FROM r WHERE id = 3005"), 1);
}

}  // namespace
}  // namespace omen::test
