// A long SELECT over many rows while writers update the same rows (issue 4,
// "Done when"): the scan sees exactly its snapshot, and the writers are not
// slowed by more than the scan's share of the CPU. 1M rows under OMEN_SOAK=1
// (make soak), 100k otherwise.
//
// How "slowed" is measured on a shared, noisy machine: the writers run in
// alternating rounds alone and with the scanner (so drifting outside load
// hits both sides alike), and each writer thread's time is split, from the
// kernel's per-thread schedstat, into on-CPU, waiting for a CPU (runnable)
// and blocked (sleeping on a latch, mutex or condition variable). Readers
// never block writers, so with the scan the writers must (a) not block more,
// (b) not spend more CPU per transaction (no latch spinning, no version chain
// walks), and (c) keep the throughput left after the CPU the scan takes,
// where the scan's share is its CPU over the CPU the writers got alone.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

using Clock = std::chrono::steady_clock;

// The calling thread's schedstat: nanoseconds on a CPU and nanoseconds
// runnable but waiting for one (zeros if the kernel does not provide it).
struct SchedTimes {
  double cpu = 0;
  double wait = 0;
};
SchedTimes ThreadSched() {
  SchedTimes t;
  std::ifstream in("/proc/thread-self/schedstat");
  long long cpu_ns = 0, wait_ns = 0;
  if (in >> cpu_ns >> wait_ns) {
    t.cpu = double(cpu_ns) * 1e-9;
    t.wait = double(wait_ns) * 1e-9;
  }
  return t;
}

// Totals of one kind of round (alone, or with the scanner).
struct Rounds {
  int64_t txns = 0;
  double wall = 0;         // seconds
  double writer_cpu = 0;   // summed over writer threads
  double writer_wait = 0;  // runnable, waiting for a CPU
  double writer_blocked = 0;
  double scan_cpu = 0;

  double Throughput() const { return double(txns) / wall; }
  double CpuPerTxn() const { return writer_cpu / double(std::max<int64_t>(1, txns)); }
};

class MvccLongScanTest : public MultiSessionTest {
 public:
  // Transfers between random rows (the sum stays 0) for `seconds` on
  // `writers` sessions; adds the round's figures to *out.
  void RunWriters(int writers, int rows, double seconds, unsigned seed, std::atomic<int>* errors,
                  Rounds* out) {
    std::atomic<int64_t> done{0};
    std::vector<SchedTimes> spent(writers);
    std::vector<double> walls(writers);
    std::vector<std::thread> threads;
    auto until = Clock::now() + std::chrono::duration<double>(seconds);
    auto start = Clock::now();
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        auto c = Connect();
        std::mt19937 rng(seed + static_cast<unsigned>(w));
        std::uniform_int_distribution<int> pick(1, rows);
        SchedTimes s0 = ThreadSched();
        auto t0 = Clock::now();
        while (Clock::now() < until) {
          int a = pick(rng), b = pick(rng);
          if (a == b) continue;
          auto r = c->ExecuteAll("BEGIN; UPDATE t SET v = v - 1 WHERE id = " + std::to_string(a) +
                                 "; UPDATE t SET v = v + 1 WHERE id = " + std::to_string(b) +
                                 "; COMMIT");
          if (r.size() != 4 || !r.back().ok()) {
            errors->fetch_add(1);
            (void)c->Execute("ROLLBACK");
            continue;
          }
          done.fetch_add(1);
        }
        SchedTimes s1 = ThreadSched();
        walls[w] = std::chrono::duration<double>(Clock::now() - t0).count();
        spent[w] = {s1.cpu - s0.cpu, s1.wait - s0.wait};
      });
    }
    for (auto& t : threads) t.join();
    out->wall += std::chrono::duration<double>(Clock::now() - start).count();
    out->txns += done.load();
    for (int w = 0; w < writers; ++w) {
      out->writer_cpu += spent[w].cpu;
      out->writer_wait += spent[w].wait;
      out->writer_blocked += std::max(0.0, walls[w] - spent[w].cpu - spent[w].wait);
    }
  }
};

TEST_F(MvccLongScanTest, ScanSeesItsSnapshotAndWritersKeepGoing) {
  const int rows = Soak() ? 1000000 : 100000;
  const double round_seconds = Soak() ? 1.0 : 0.4;
  const int rounds = 4;
  const int writers = 2;
  auto setup = Connect();
  Ok(*setup, "CREATE TABLE t (id int PRIMARY KEY, v bigint NOT NULL)");
  Ok(*setup, "INSERT INTO t SELECT g, 0 FROM generate_series(1, " + std::to_string(rows) + ") g");
  if (ThreadSched().cpu == 0) GTEST_SKIP() << "no /proc/thread-self/schedstat";

  // Each scan is one statement (its own snapshot) and must sum to 0 over
  // all rows; inside a REPEATABLE READ block two scans must agree exactly.
  auto scan_conn = Connect();
  std::atomic<int> errors{0}, scans{0}, bad{0};
  Rounds alone, with_scan;
  for (int round = 0; round < rounds; ++round) {
    const unsigned seed = 777u + 16u * static_cast<unsigned>(round);
    RunWriters(writers, rows, round_seconds, seed, &errors, &alone);

    std::atomic<bool> stop{false};
    double scan_cpu = 0;
    std::thread scanner([&] {
      Connection& c = *scan_conn;
      double cpu0 = ThreadSched().cpu;
      while (!stop.load()) {
        QueryResult r = Ok(c, "SELECT count(*), sum(v), sum(v * id), sum(abs(v)) FROM t");
        if (r.RowCount() != 1 || r.GetText(0, 0) != std::to_string(rows) ||
            r.GetText(0, 1) != "0") {
          bad.fetch_add(1);
        }
        Ok(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        QueryResult first = Ok(c, "SELECT sum(v * id), sum(abs(v)) FROM t");
        QueryResult second = Ok(c, "SELECT sum(v * id), sum(abs(v)) FROM t");
        Ok(c, "COMMIT");
        if (first.RowCount() != 1 || second.RowCount() != 1 ||
            first.GetText(0, 0) != second.GetText(0, 0) ||
            first.GetText(0, 1) != second.GetText(0, 1)) {
          bad.fetch_add(1);
        }
        scans.fetch_add(3);
      }
      scan_cpu = ThreadSched().cpu - cpu0;
    });
    RunWriters(writers, rows, round_seconds, seed + 8u, &errors, &with_scan);
    stop.store(true);
    scanner.join();
    with_scan.scan_cpu += scan_cpu;
  }

  const double ratio = with_scan.Throughput() / alone.Throughput();
  // The scan's share: the CPU it took per second over the CPU the writers
  // had per second alone (what the machine gave this process).
  const double scan_share =
      std::min(1.0, (with_scan.scan_cpu / with_scan.wall) / (alone.writer_cpu / alone.wall));
  const double cost_ratio = with_scan.CpuPerTxn() / alone.CpuPerTxn();
  auto blocked = [&](const Rounds& r) { return r.writer_blocked / (r.wall * writers); };
  std::printf("rows %d, %d rounds of %.1fs: writers alone %.0f txn/s (%.1f us CPU/txn, %.3f blocked, "
              "%.2f waiting for a CPU), with scans %.0f txn/s (%.1f us CPU/txn, %.3f blocked, %.2f "
              "waiting); ratio %.2f; %d scans, scan CPU share %.2f; CPU/txn ratio %.2f\n",
              rows, rounds, round_seconds, alone.Throughput(), alone.CpuPerTxn() * 1e6,
              blocked(alone), alone.writer_wait / (alone.wall * writers), with_scan.Throughput(),
              with_scan.CpuPerTxn() * 1e6, blocked(with_scan),
              with_scan.writer_wait / (with_scan.wall * writers), ratio, scans.load(), scan_share,
              cost_ratio);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GE(scans.load(), 3);
  // Bounds calibrated on a shared 2-core machine, alone and under `ctest -j2`
  // (figures printed above): blocked +0.00..+0.11 (writers waiting for a
  // row group latch the scanner holds while it is preempted), CPU/txn ratio
  // 0.86..1.04, ratio / (1 - share) 0.97..1.8.
  EXPECT_LE(blocked(with_scan), blocked(alone) + 0.2) << "writers wait for the scan";
  EXPECT_LE(cost_ratio, 1.3) << "the scan makes each write transaction more expensive";
  // When other processes keep the writers off the CPU even alone (waiting
  // most of the time: `ctest -j2` beside a build), throughput ratios say
  // nothing about this process; the CPU-per-transaction bound above still
  // holds then.
  const double alone_waiting = alone.writer_wait / (alone.wall * writers);
  if (alone_waiting < 0.3) {
    EXPECT_GE(ratio, 0.7 * (1.0 - scan_share)) << "writers slowed beyond the scan's CPU share";
  } else {
    std::printf("machine oversubscribed (writers alone wait %.2f of the time for a CPU): "
                "throughput ratio not asserted\n", alone_waiting);
  }
  // The writers really changed rows the scans read.
  EXPECT_GT(Int(*setup, "SELECT sum(abs(v)) FROM t"), 0);
  EXPECT_EQ(Int(*setup, "SELECT sum(v) FROM t"), 0);
}

}  // namespace
}  // namespace omen::test
