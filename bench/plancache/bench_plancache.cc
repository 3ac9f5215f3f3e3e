// Micro-benchmark of the simple protocol's plan cache: a primary-key lookup
// "SELECT v FROM t WHERE id = <literal>" with a different literal each time,
// run through Connection::Execute with omen.plan_cache on and off, and
// through a PreparedStatement. Prints microseconds per statement.
//
// Usage: bench_plancache [rows=10000] [statements=20000]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "omendb/omendb.h"

namespace {

using Clock = std::chrono::steady_clock;

double MicrosPer(Clock::time_point start, long n) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / n;
}

bool Check(const omen::Result<omen::QueryResult>& r, const char* what) {
  if (r.ok() && r->RowCount() == 1) return true;
  std::fprintf(stderr, "%s failed: %s\n", what,
               r.ok() ? "wrong row count" : r.status().ToString().c_str());
  return false;
}

double RunExecute(omen::Connection* conn, long rows, long n, bool cache) {
  if (!conn->Execute(cache ? "SET omen.plan_cache = on" : "SET omen.plan_cache = off").ok()) {
    return -1;
  }
  // Warm up (the first of the shape is a miss).
  if (!Check(conn->Execute("SELECT v FROM t WHERE id = 0"), "warm-up")) return -1;
  auto start = Clock::now();
  for (long i = 0; i < n; ++i) {
    std::string sql = "SELECT v FROM t WHERE id = " + std::to_string((i * 7919) % rows);
    if (!Check(conn->Execute(sql), "execute")) return -1;
  }
  return MicrosPer(start, n);
}

double RunPrepared(omen::Connection* conn, long rows, long n) {
  auto stmt = conn->Prepare("SELECT v FROM t WHERE id = $1", {omen::Type(omen::TypeId::kInt32)});
  if (!stmt.ok()) {
    std::fprintf(stderr, "prepare failed: %s\n", stmt.status().ToString().c_str());
    return -1;
  }
  auto start = Clock::now();
  for (long i = 0; i < n; ++i) {
    auto r = (*stmt)->Execute({omen::Value::Int32(static_cast<int32_t>((i * 7919) % rows))});
    if (!Check(r, "prepared")) return -1;
  }
  return MicrosPer(start, n);
}

}  // namespace

int main(int argc, char** argv) {
  long rows = argc > 1 ? std::atol(argv[1]) : 10000;
  long n = argc > 2 ? std::atol(argv[2]) : 20000;
  auto db = omen::Database::Open({});
  if (!db.ok()) return 1;
  auto conn = (*db)->Connect();
  if (!conn->Execute("CREATE TABLE t (id int PRIMARY KEY, v text)").ok()) return 1;
  for (long i = 0; i < rows; i += 1000) {
    std::string sql = "INSERT INTO t VALUES ";
    for (long j = i; j < i + 1000 && j < rows; ++j) {
      sql += (j == i ? "(" : ",(") + std::to_string(j) + ", 'value " + std::to_string(j) + "')";
    }
    if (!conn->Execute(sql).ok()) return 1;
  }
  double off = RunExecute(conn.get(), rows, n, false);
  double on = RunExecute(conn.get(), rows, n, true);
  double prepared = RunPrepared(conn.get(), rows, n);
  if (off < 0 || on < 0 || prepared < 0) return 1;
  std::printf("rows=%ld statements=%ld\n", rows, n);
  std::printf("Execute, plan cache off: %8.2f us/statement\n", off);
  std::printf("Execute, plan cache on:  %8.2f us/statement\n", on);
  std::printf("PreparedStatement:       %8.2f us/statement\n", prepared);
  return 0;
}
