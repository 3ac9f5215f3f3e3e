// bench_sqlite: OmenDB's embedded API against in-memory SQLite on the same data.
//
// For each N in --rows (default 1000000,10000000): create t(id bigint primary
// key, v bigint) in both engines, load N rows (OmenDB: multi-row INSERT ...
// VALUES batches; SQLite: one prepared INSERT in a transaction), then
//   (a) --lookups prepared point lookups SELECT v FROM t WHERE id = $1 / ?,
//       on the same random ids: ns per lookup each and the ratio;
//   (b) SELECT sum(v) FROM t full scans (--scans repetitions, best time).
// (a) and (b) run in --rounds rounds, the engines taking turns within each
// round, and each engine's best round counts: on a shared, noisy machine a
// burst of load elsewhere then hits both engines alike.
// Both engines must return the same answers; a mismatch exits 1.
// Prints a markdown table; --json=FILE also writes the numbers as JSON.
//
// Usage: bench_sqlite [--rows=1000000,10000000] [--lookups=1000000] [--scans=5]
//                     [--rounds=5] [--batch=1000] [--json=FILE]

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "omendb/omendb.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Flags {
  std::vector<int64_t> rows = {1000000, 10000000};
  int64_t lookups = 1000000;
  int scans = 5;
  int rounds = 5;
  int batch = 1000;
  std::string json;
};

struct EngineNumbers {
  double load_s = 0;
  double lookup_ns = 0;
  double scan_ms = 0;
};

struct RunNumbers {
  int64_t rows = 0;
  EngineNumbers omen, sqlite;
};

// The value stored for id i: deterministic, spread over a wide range.
int64_t ValueFor(int64_t id) {
  return static_cast<int64_t>((static_cast<uint64_t>(id) * 2654435761u) % 1000000007u);
}

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "bench_sqlite: " << what << "\n";
  std::exit(1);
}

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> const char* {
      size_t n = std::strlen(name);
      return a.compare(0, n, name) == 0 ? a.c_str() + n : nullptr;
    };
    if (const char* v = value("--rows=")) {
      f->rows.clear();
      std::stringstream in(v);
      std::string item;
      while (std::getline(in, item, ',')) f->rows.push_back(std::atoll(item.c_str()));
    } else if (const char* v2 = value("--lookups=")) {
      f->lookups = std::atoll(v2);
    } else if (const char* v3 = value("--scans=")) {
      f->scans = std::max(1, std::atoi(v3));
    } else if (const char* v6 = value("--rounds=")) {
      f->rounds = std::max(1, std::atoi(v6));
    } else if (const char* v4 = value("--batch=")) {
      f->batch = std::max(1, std::atoi(v4));
    } else if (const char* v5 = value("--json=")) {
      f->json = v5;
    } else {
      std::cerr << "usage: bench_sqlite [--rows=N,...] [--lookups=N] [--scans=N] [--rounds=N] [--batch=N] "
                   "[--json=FILE]\n";
      return false;
    }
  }
  for (int64_t n : f->rows) {
    if (n <= 0) return false;
  }
  return true;
}

// --- OmenDB ---------------------------------------------------------------

class OmenSide {
 public:
  OmenSide() {
    auto db = omen::Database::Open(omen::DatabaseOptions{});
    if (!db.ok()) Die("OmenDB open: " + db.status().message());
    db_ = std::move(*db);
    conn_ = db_->Connect();
    Exec("CREATE TABLE t(id bigint primary key, v bigint)");
  }

  void Exec(const std::string& sql) {
    auto r = conn_->Execute(sql);
    if (!r.ok()) Die("OmenDB: " + r.status().message() + " in: " + sql.substr(0, 200));
  }

  void Load(int64_t n, int batch) {
    std::string sql;
    for (int64_t start = 1; start <= n; start += batch) {
      sql = "INSERT INTO t VALUES ";
      int64_t end = std::min(n, start + batch - 1);
      for (int64_t id = start; id <= end; ++id) {
        if (id != start) sql += ',';
        sql += '(' + std::to_string(id) + ',' + std::to_string(ValueFor(id)) + ')';
      }
      Exec(sql);
    }
  }

  // Looks up every id; answers[i] = v or -1 when absent.
  void Lookups(const std::vector<int64_t>& ids, std::vector<int64_t>* answers) {
    auto stmt = conn_->Prepare("SELECT v FROM t WHERE id = $1", {omen::Type(omen::TypeId::kInt64)});
    if (!stmt.ok()) Die("OmenDB prepare: " + stmt.status().message());
    answers->resize(ids.size());
    std::vector<omen::Value> params(1);
    for (size_t i = 0; i < ids.size(); ++i) {
      params[0] = omen::Value::Int64(ids[i]);
      auto r = (*stmt)->Execute(params);
      if (!r.ok()) Die("OmenDB lookup: " + r.status().message());
      (*answers)[i] = r->RowCount() == 0 || r->IsNull(0, 0) ? -1 : r->GetValue(0, 0).i;
    }
  }

  std::string Sum() {
    auto r = conn_->Execute("SELECT sum(v) FROM t");
    if (!r.ok()) Die("OmenDB sum: " + r.status().message());
    if (r->RowCount() != 1) Die("OmenDB sum: expected one row");
    return r->GetText(0, 0);
  }

 private:
  std::unique_ptr<omen::Database> db_;
  std::unique_ptr<omen::Connection> conn_;
};

// --- SQLite ---------------------------------------------------------------

class SqliteSide {
 public:
  SqliteSide() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) Die("sqlite open");
    Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER)");
  }
  ~SqliteSide() { sqlite3_close(db_); }

  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      Die(std::string("sqlite: ") + msg);
    }
  }

  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db_));
    return stmt;
  }

  void Load(int64_t n) {
    Exec("BEGIN");
    sqlite3_stmt* stmt = Prepare("INSERT INTO t VALUES (?, ?)");
    for (int64_t id = 1; id <= n; ++id) {
      sqlite3_bind_int64(stmt, 1, id);
      sqlite3_bind_int64(stmt, 2, ValueFor(id));
      if (sqlite3_step(stmt) != SQLITE_DONE) Die(sqlite3_errmsg(db_));
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    Exec("COMMIT");
  }

  void Lookups(const std::vector<int64_t>& ids, std::vector<int64_t>* answers) {
    sqlite3_stmt* stmt = Prepare("SELECT v FROM t WHERE id = ?");
    answers->resize(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      sqlite3_bind_int64(stmt, 1, ids[i]);
      int rc = sqlite3_step(stmt);
      (*answers)[i] = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
  }

  std::string Sum() {
    sqlite3_stmt* stmt = Prepare("SELECT sum(v) FROM t");
    if (sqlite3_step(stmt) != SQLITE_ROW) Die("sqlite sum");
    std::string out = std::to_string(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Times one pass of lookups over `ids`: ns per lookup.
template <typename Side>
double LookupPass(Side& side, const std::vector<int64_t>& ids, std::vector<int64_t>* answers) {
  auto start = Clock::now();
  side.Lookups(ids, answers);
  return SecondsSince(start) * 1e9 / static_cast<double>(std::max<size_t>(1, ids.size()));
}

// Best of `scans` sum() scans, in ms.
template <typename Side>
double BestScan(Side& side, int scans, std::string* sum) {
  double best = 1e300;
  for (int i = 0; i < scans; ++i) {
    auto start = Clock::now();
    *sum = side.Sum();
    best = std::min(best, SecondsSince(start) * 1e3);
  }
  return best;
}

RunNumbers RunOne(int64_t n, const Flags& flags) {
  std::mt19937_64 rng(42 + static_cast<uint64_t>(n));
  // Mostly present ids, a few past the end to exercise misses.
  std::uniform_int_distribution<int64_t> dist(1, n + n / 100);
  std::vector<int64_t> ids(static_cast<size_t>(flags.lookups));
  for (auto& id : ids) id = dist(rng);

  RunNumbers run;
  run.rows = n;
  SqliteSide sqlite;
  OmenSide omen;
  auto start = Clock::now();
  sqlite.Load(n);
  run.sqlite.load_s = SecondsSince(start);
  start = Clock::now();
  omen.Load(n, flags.batch);
  run.omen.load_s = SecondsSince(start);

  // The machine is shared: the engines take turns, round after round, and
  // each keeps its best round, so a burst of load elsewhere hits both alike.
  std::vector<int64_t> omen_answers, sqlite_answers;
  run.sqlite.lookup_ns = run.omen.lookup_ns = 1e300;
  for (int r = 0; r < flags.rounds; ++r) {
    run.sqlite.lookup_ns = std::min(run.sqlite.lookup_ns, LookupPass(sqlite, ids, &sqlite_answers));
    run.omen.lookup_ns = std::min(run.omen.lookup_ns, LookupPass(omen, ids, &omen_answers));
    for (size_t i = 0; i < ids.size(); ++i) {
      if (omen_answers[i] != sqlite_answers[i]) {
        Die("lookup mismatch for id " + std::to_string(ids[i]) + ": OmenDB " +
            std::to_string(omen_answers[i]) + " vs SQLite " + std::to_string(sqlite_answers[i]));
      }
    }
  }
  std::string omen_sum, sqlite_sum;
  run.sqlite.scan_ms = run.omen.scan_ms = 1e300;
  for (int r = 0; r < flags.rounds; ++r) {
    run.sqlite.scan_ms = std::min(run.sqlite.scan_ms, BestScan(sqlite, flags.scans, &sqlite_sum));
    run.omen.scan_ms = std::min(run.omen.scan_ms, BestScan(omen, flags.scans, &omen_sum));
    if (omen_sum != sqlite_sum) Die("sum mismatch: OmenDB " + omen_sum + " vs SQLite " + sqlite_sum);
  }
  return run;
}

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

void PrintMarkdown(const std::vector<RunNumbers>& runs) {
  std::cout << "| rows | engine | load s | load rows/s | point lookup ns | sum(v) scan ms |\n"
               "|---:|---|---:|---:|---:|---:|\n";
  for (const RunNumbers& r : runs) {
    auto line = [&](const char* name, const EngineNumbers& e) {
      std::cout << "| " << r.rows << " | " << name << " | " << Fmt("%.3f", e.load_s) << " | "
                << Fmt("%.0f", static_cast<double>(r.rows) / std::max(e.load_s, 1e-9)) << " | "
                << Fmt("%.1f", e.lookup_ns) << " | " << Fmt("%.3f", e.scan_ms) << " |\n";
    };
    line("OmenDB", r.omen);
    line("SQLite", r.sqlite);
    std::cout << "| " << r.rows << " | OmenDB/SQLite | "
              << Fmt("%.2fx", r.omen.load_s / r.sqlite.load_s) << " | | "
              << Fmt("%.2fx", r.omen.lookup_ns / r.sqlite.lookup_ns) << " | "
              << Fmt("%.2fx", r.omen.scan_ms / r.sqlite.scan_ms) << " |\n";
  }
}

void WriteJson(const std::string& path, const std::vector<RunNumbers>& runs, const Flags& flags) {
  std::ofstream out(path);
  if (!out) Die("cannot write " + path);
  auto engine = [](const EngineNumbers& e) {
    return "{\"load_s\": " + Fmt("%.6f", e.load_s) +
           ", \"lookup_ns\": " + Fmt("%.2f", e.lookup_ns) +
           ", \"scan_ms\": " + Fmt("%.4f", e.scan_ms) + "}";
  };
  out << "{\n  \"benchmark\": \"bench_sqlite\",\n  \"lookups\": " << flags.lookups
      << ",\n  \"runs\": [\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunNumbers& r = runs[i];
    out << "    {\"rows\": " << r.rows << ", \"omendb\": " << engine(r.omen)
        << ", \"sqlite\": " << engine(r.sqlite)
        << ", \"ratio\": {\"load\": " << Fmt("%.4f", r.omen.load_s / r.sqlite.load_s)
        << ", \"lookup\": " << Fmt("%.4f", r.omen.lookup_ns / r.sqlite.lookup_ns)
        << ", \"scan\": " << Fmt("%.4f", r.omen.scan_ms / r.sqlite.scan_ms) << "}}"
        << (i + 1 < runs.size() ? "," : "") << "\n";
  }
  out << "  ]\n}\n";
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) return 2;
  std::vector<RunNumbers> runs;
  for (int64_t n : flags.rows) {
    std::cerr << "bench_sqlite: " << n << " rows...\n";
    runs.push_back(RunOne(n, flags));
  }
  PrintMarkdown(runs);
  if (!flags.json.empty()) WriteJson(flags.json, runs, flags);
  std::cout << "answers match\n";
  return 0;
}
