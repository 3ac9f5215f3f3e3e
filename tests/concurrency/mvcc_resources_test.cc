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
// after it ends and VACUUM runs, the accounted memory is back within 10% of
// its level before the storm. With `strings`, the updates replace heap
// strings too (in-place strings then scatter over the heap, so only the
// accounted memory is asserted; the resident size is printed); without,
// the resident size (after malloc_trim) must be back within 10% as well.
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
  if (!strings && !kSanitized) {
    EXPECT_LE(rss_after, rss_before + rss_before / 10);
  }
  EXPECT_EQ(MultiSessionTest::Int(*c, "SELECT sum(v) FROM t"), int64_t{rows} * rounds);
  EXPECT_EQ(test->Db().reclaimer.Pending(), 0u);
}

TEST_F(MvccResourcesTest, MemoryReturnsAfterReaderEndsAndVacuum) { UpdateStormThenVacuum(this, false); }

TEST_F(MvccResourcesTest, AccountedMemoryReturnsAfterStringUpdateStorm) {
  UpdateStormThenVacuum(this, true);
}

}  // namespace
}  // namespace omen::test
