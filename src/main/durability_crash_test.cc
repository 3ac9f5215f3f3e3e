// Crash loop (issue 5): a child process (this test binary re-executed) runs
// 8 sessions of bank transfers and inserts through the embedded API plus
// COPY / ALTER TABLE ADD PRIMARY KEY / TRUNCATE, reporting every
// acknowledged commit through a pipe; the parent SIGKILLs it (at random
// moments, and right after it starts a COPY, an ADD PRIMARY KEY or a
// TRUNCATE), reopens the database and checks: every acknowledged transfer is
// there, nothing is half applied, the balance total is unchanged.
// OMEN_SOAK=1 runs more and longer rounds.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "omendb/omendb.h"

namespace omen {
namespace {

constexpr int kAccounts = 64;
constexpr int64_t kInitialBalance = 1000;
constexpr int kSessions = 8;
constexpr int kBulkRows = 5000;  // rows per COPY into bulk
constexpr int kBigRows = 60000;  // rows per bulk load into bulk_big (SST ingestion)

bool Soak() { return std::getenv("OMEN_SOAK") != nullptr; }

// ---- child --------------------------------------------------------------

std::mutex g_pipe_mu;
int g_pipe_fd = -1;

void Report(const std::string& line) {
  std::lock_guard<std::mutex> l(g_pipe_mu);
  std::string s = line + "\n";
  ssize_t n = ::write(g_pipe_fd, s.data(), s.size());
  (void)n;
}

void TransferLoop(Database* db, int session, int64_t run, bool async) {
  auto c = db->Connect();
  if (async) (void)c->Execute("SET synchronous_commit = off");
  std::mt19937_64 rng(static_cast<uint64_t>(run * 100 + session));
  for (int64_t seq = 0;; ++seq) {
    int from = static_cast<int>(rng() % kAccounts), to = static_cast<int>(rng() % kAccounts);
    int amount = static_cast<int>(rng() % 50) + 1;
    int64_t id = run * 1000000000 + session * 10000000 + seq;
    std::string sql = "BEGIN; UPDATE accounts SET balance = balance - " + std::to_string(amount) +
                      " WHERE id = " + std::to_string(from) +
                      "; UPDATE accounts SET balance = balance + " + std::to_string(amount) +
                      " WHERE id = " + std::to_string(to) + "; INSERT INTO transfers VALUES (" +
                      std::to_string(id) + ", " + std::to_string(amount) + ")";
    auto r = c->Execute(sql);
    if (!r.ok()) {
      (void)c->Execute("ROLLBACK");
      continue;
    }
    auto commit = c->Execute("COMMIT");
    if (commit.ok() && commit->tag() == "COMMIT") Report("A " + std::to_string(id));
    // A pause between transactions, so session 0's DDL finds a moment
    // without shared schema-lock holders.
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
}

// Session 0's structural work: COPY a batch into bulk, ADD/DROP a primary
// key on bulk_keyed, TRUNCATE bulk, reload bulk_big (SST ingestion); each
// announced ("B op") before it starts.
void BulkLoop(Database* db, bool async) {
  auto c = db->Connect();
  if (async) (void)c->Execute("SET synchronous_commit = off");
  std::string data;
  for (int i = 0; i < kBulkRows; ++i)
    data += std::to_string(i) + "\tpayload " + std::to_string(i) + "\n";
  std::string big;
  for (int i = 0; i < kBigRows; ++i) big += std::to_string(i) + "\n";
  for (int round = 0;; ++round) {
    Report("B copy");
    (void)c->CopyFrom("COPY bulk FROM STDIN", data);
    Report("B alter");
    (void)c->Execute("ALTER TABLE bulk_keyed ADD PRIMARY KEY (k)");
    (void)c->Execute("ALTER TABLE bulk_keyed DROP CONSTRAINT bulk_keyed_pkey");
    if (round % 2 == 1) {
      Report("B truncate");
      (void)c->Execute("TRUNCATE bulk");
    }
    // A bulk load into a table truncated in the same transaction: the SST
    // ingestion path.
    Report("B ingest");
    if (c->Execute("BEGIN; TRUNCATE bulk_big").ok() &&
        c->CopyFrom("COPY bulk_big FROM STDIN", big).ok()) {
      (void)c->Execute("COMMIT");
    } else {
      (void)c->Execute("ROLLBACK");
    }
  }
}

TEST(CrashChild, Run) {
  const char* dir = std::getenv("OMEN_CRASH_DIR");
  if (dir == nullptr) GTEST_SKIP() << "only run by DurabilityCrashTest as a child process";
  g_pipe_fd = std::atoi(std::getenv("OMEN_CRASH_FD"));
  int64_t run = std::atoll(std::getenv("OMEN_CRASH_RUN"));
  bool async = std::getenv("OMEN_CRASH_ASYNC") != nullptr;
  auto db = Database::Open({.data_dir = dir});
  if (!db.ok()) {
    Report("E " + db.status().message());
    std::_Exit(3);
  }
  Report("R");
  std::vector<std::thread> threads;
  threads.emplace_back([&] { BulkLoop(db->get(), async); });
  for (int s = 1; s < kSessions; ++s) {
    threads.emplace_back([&, s] { TransferLoop(db->get(), s, run, async); });
  }
  for (auto& t : threads) t.join();  // never: the parent kills us
}

// ---- parent -------------------------------------------------------------

std::string Text(Connection& c, std::string_view sql) {
  auto r = c.Execute(sql);
  if (!r.ok()) return "ERROR " + r.status().message();
  std::string out;
  for (size_t i = 0; i < r->RowCount(); ++i) {
    for (size_t j = 0; j < r->ColumnCount(); ++j) out += (j ? "|" : "") + r->GetText(i, j);
    out += "\n";
  }
  return out;
}

struct ChildRun {
  std::set<int64_t> acked;  // transfer ids acknowledged
  std::string error;
};

// Runs one child until the kill point: `wait_for` empty: a random time;
// else right after the child announces that operation.
ChildRun RunChild(const std::string& dir, int64_t run, bool async, const std::string& wait_for,
                  std::mt19937_64& rng) {
  ChildRun out;
  int fds[2];
  if (::pipe(fds) != 0) {
    out.error = "pipe failed";
    return out;
  }
  // Under ThreadSanitizer (`make soak`) a report ends the child at once:
  // this loop then sees an exit instead of its SIGKILL and fails.
  const char* tsan = std::getenv("TSAN_OPTIONS");
  const std::string child_tsan = std::string(tsan ? tsan : "") + " halt_on_error=1";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, STDOUT_FILENO);
    ::setenv("OMEN_CRASH_DIR", dir.c_str(), 1);
    ::setenv("OMEN_CRASH_FD", std::to_string(fds[1]).c_str(), 1);
    ::setenv("OMEN_CRASH_RUN", std::to_string(run).c_str(), 1);
    if (async) ::setenv("OMEN_CRASH_ASYNC", "1", 1);
    ::setenv("TSAN_OPTIONS", child_tsan.c_str(), 1);
    ::execl("/proc/self/exe", "durability_crash_test", "--gtest_filter=CrashChild.Run", nullptr);
    std::_Exit(127);
  }
  ::close(fds[1]);
  auto start = std::chrono::steady_clock::now();
  int min_ms = Soak() ? 300 : 150, span_ms = Soak() ? 2000 : 500;
  auto deadline = start + std::chrono::milliseconds(min_ms + static_cast<int>(rng() % span_ms));
  bool ready = false, killed = false;
  std::string buffer;
  auto handle_line = [&](const std::string& line) {
    if (line == "R") ready = true;
    if (line.rfind("A ", 0) == 0) out.acked.insert(std::atoll(line.c_str() + 2));
    if (line.rfind("E ", 0) == 0) out.error = line.substr(2);
    if (!killed && ready && !wait_for.empty() && line == "B " + wait_for &&
        std::chrono::steady_clock::now() > start + std::chrono::milliseconds(min_ms)) {
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
      ::kill(pid, SIGKILL);
      killed = true;
    }
  };
  for (;;) {
    if (!killed && std::chrono::steady_clock::now() >
                       deadline + std::chrono::seconds(wait_for.empty() ? 0 : 5)) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    if (!killed && wait_for.empty() && std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    ::poll(&p, 1, 10);
    char buf[4096];
    ssize_t n = (p.revents & (POLLIN | POLLHUP)) ? ::read(fds[0], buf, sizeof(buf)) : -1;
    if (n == 0) break;  // child gone and pipe drained
    if (n < 0) continue;
    buffer.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      handle_line(buffer.substr(0, nl));
      buffer.erase(0, nl + 1);
    }
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (out.error.empty() && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
    out.error = "child ended without SIGKILL (status " + std::to_string(status) + ")";
  }
  return out;
}

void CrashLoop(bool async) {
  std::string dir =
      (std::filesystem::temp_directory_path() /
       ("omen_crash_" + std::string(async ? "async_" : "sync_") + std::to_string(::getpid())))
          .string();
  std::filesystem::remove_all(dir);
  {
    auto db = Database::Open({.data_dir = dir});
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto c = (*db)->Connect();
    ASSERT_TRUE(c->Execute("CREATE TABLE accounts(id int PRIMARY KEY, balance bigint)").ok());
    ASSERT_TRUE(c->Execute("INSERT INTO accounts SELECT g, " + std::to_string(kInitialBalance) +
                           " FROM generate_series(0, " + std::to_string(kAccounts - 1) + ") g")
                    .ok());
    ASSERT_TRUE(c->Execute("CREATE TABLE transfers(id bigint PRIMARY KEY, amount int)").ok());
    ASSERT_TRUE(c->Execute("CREATE TABLE bulk(k int, v text)").ok());
    ASSERT_TRUE(c->Execute("CREATE TABLE bulk_big(k int)").ok());
    ASSERT_TRUE(
        c->Execute("CREATE TABLE bulk_keyed AS SELECT g AS k FROM generate_series(1, 20000) g")
            .ok());
  }
  std::mt19937_64 rng(async ? 7 : 11);
  std::set<int64_t> acked;
  const std::vector<std::string> kill_points = {"", "copy", "alter", "truncate", "ingest"};
  int rounds = Soak() ? 40 : 12;
  size_t total_acked = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string& point = kill_points[static_cast<size_t>(round) % kill_points.size()];
    auto round_start = std::chrono::steady_clock::now();
    ChildRun run = RunChild(dir, round + 1, async, point, rng);
    ASSERT_TRUE(run.error.empty()) << "round " << round << ": " << run.error;
    acked.insert(run.acked.begin(), run.acked.end());
    total_acked += run.acked.size();
    auto db = Database::Open({.data_dir = dir});
    ASSERT_TRUE(db.ok()) << "round " << round << ": " << db.status().message();
    auto c = (*db)->Connect();
    EXPECT_EQ(Text(*c, "SELECT sum(balance), count(*) FROM accounts"),
              std::to_string(kAccounts * kInitialBalance) + "|" + std::to_string(kAccounts) + "\n")
        << "round " << round;
    auto bulk = c->Execute("SELECT count(*) FROM bulk");
    ASSERT_TRUE(bulk.ok());
    EXPECT_EQ(bulk->GetValue(0, 0).i % kBulkRows, 0) << "half a COPY in round " << round;
    EXPECT_EQ(Text(*c, "SELECT count(*), count(DISTINCT k) FROM bulk_keyed"), "20000|20000\n");
    std::string big = Text(*c, "SELECT count(*) FROM bulk_big");
    EXPECT_TRUE(big == "0\n" || big == std::to_string(kBigRows) + "\n")
        << "round " << round << ": " << big;
    if (!async) {
      // Every acknowledged transfer is there.
      auto r = c->Execute("SELECT id FROM transfers");
      ASSERT_TRUE(r.ok());
      std::set<int64_t> present;
      for (size_t i = 0; i < r->RowCount(); ++i) present.insert(r->GetValue(i, 0).i);
      size_t missing = 0;
      for (int64_t id : acked) missing += present.count(id) == 0 ? 1 : 0;
      EXPECT_EQ(missing, 0u) << "round " << round << ": acknowledged transfers lost";
    }
    if (std::getenv("OMEN_CRASH_VERBOSE") != nullptr) {
      std::printf("round %d (kill %s): %zu acked, bulk_big %s, %lld ms\n", round,
                  point.empty() ? "at random" : point.c_str(), run.acked.size(),
                  big.substr(0, big.size() - 1).c_str(),
                  static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - round_start)
                                             .count()));
    }
  }
  std::printf("crash loop (%s): %d SIGKILLs, %zu acknowledged transfers checked\n",
              async ? "synchronous_commit=off" : "synchronous_commit=on", rounds, total_acked);
  EXPECT_GT(total_acked, 0u);
  std::filesystem::remove_all(dir);
}

TEST(DurabilityCrashTest, KillLoopKeepsEveryAcknowledgedCommit) { CrashLoop(false); }

TEST(DurabilityCrashTest, KillLoopWithSynchronousCommitOffStaysConsistent) { CrashLoop(true); }

}  // namespace
}  // namespace omen
