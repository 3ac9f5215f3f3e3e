// Space comes back (issue 5): under an update-heavy load (UPDATE of every
// row, DELETE + reinsert, TRUNCATE + reload, DROP + CREATE) the data
// directory stays bounded relative to the live data, WAL files are deleted
// once flushed and RocksDB's info LOG / OPTIONS files are capped. The test
// prints the figures. OMEN_SOAK=1 runs more rounds on more rows.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "main/database_impl.h"
#include "omendb/omendb.h"

namespace omen {
namespace {

bool Soak() { return std::getenv("OMEN_SOAK") != nullptr; }

std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("omen_space_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

struct DirFigures {
  uint64_t bytes = 0;  // every regular file
  uint64_t wal_bytes = 0;
  int wal_files = 0, sst_files = 0, old_logs = 0, options_files = 0;
};

DirFigures Measure(const std::string& dir) {
  DirFigures f;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    uint64_t size = e.file_size();
    f.bytes += size;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".log") {
      ++f.wal_files;
      f.wal_bytes += size;
    } else if (name.size() > 4 && name.substr(name.size() - 4) == ".sst") {
      ++f.sst_files;
    } else if (name.rfind("LOG.old", 0) == 0) {
      ++f.old_logs;
    } else if (name.rfind("OPTIONS-", 0) == 0) {
      ++f.options_files;
    }
  }
  return f;
}

// Key and value bytes of every stored row: the live data.
uint64_t LiveRowBytes(Database& db) {
  uint64_t n = 0;
  Status s = db.impl()->durability->store().Scan(std::string("\x10", 1), std::string("\x11", 1),
                                                 [&](std::string_view k, std::string_view v) {
                                                   n += k.size() + v.size();
                                                   return Status::OK();
                                                 });
  EXPECT_TRUE(s.ok()) << s.message();
  return n;
}

void Exec(Connection& c, const std::string& sql) {
  auto r = c.Execute(sql);
  ASSERT_TRUE(r.ok()) << sql << ": " << r.status().message();
}

std::string Count(Connection& c) {
  auto r = c.Execute("SELECT count(*), count(DISTINCT id) FROM t");
  if (!r.ok()) return r.status().message();
  return r->GetText(0, 0) + "|" + r->GetText(0, 1);
}

TEST(DurabilitySpaceTest, DataDirectoryStaysBoundedUnderAnUpdateHeavyLoad) {
  const int rows = Soak() ? 1000000 : 100000;
  const int rounds = Soak() ? 12 : 4;
  const std::string n = std::to_string(rows);
  // ~90 bytes of poorly compressible text per row.
  const std::string select =
      "SELECT g AS id, 0 AS v, md5(g::text) || md5((g * 7)::text) || md5(g::text || 'x') AS s "
      "FROM generate_series(1, " + n + ") g";
  std::string dir = TempDir("bounded");
  auto db = Database::Open({.data_dir = dir});
  ASSERT_TRUE(db.ok()) << db.status().message();
  auto c = (*db)->Connect();
  Exec(*c, "CREATE TABLE t(id int PRIMARY KEY, v int, s text)");
  Exec(*c, "INSERT INTO t " + select);

  auto settle = [&](Database& d) {
    persist::Store& store = d.impl()->durability->store();
    ASSERT_TRUE(store.Flush().ok());
    ASSERT_TRUE(store.WaitForBackgroundWork(std::chrono::minutes(5)));
  };
  settle(**db);
  DirFigures loaded = Measure(dir);
  uint64_t live = LiveRowBytes(**db);
  std::printf("space: %d rows, live row bytes %.1f MB, after load %.1f MB\n", rows, live / 1e6,
              loaded.bytes / 1e6);

  uint64_t first = 0, largest = 0, reclaimed = 0;
  DirFigures last;
  for (int round = 1; round <= rounds; ++round) {
    // 1. UPDATE every row (new versions of the same keys).
    Exec(*c, "UPDATE t SET v = v + 1, s = md5(s) || substr(s, 33)");
    // 2. DELETE everything and insert it again (new row ids).
    Exec(*c, "BEGIN");
    Exec(*c, "DELETE FROM t");
    Exec(*c, "INSERT INTO t " + select);
    Exec(*c, "COMMIT");
    // 3. TRUNCATE + reload in one transaction (bulk ingestion, range delete).
    Exec(*c, "BEGIN");
    Exec(*c, "TRUNCATE t");
    Exec(*c, "INSERT INTO t " + select);
    Exec(*c, "COMMIT");
    // 4. DROP + CREATE (range delete), loaded as pgbench -i does.
    Exec(*c, "DROP TABLE t");
    Exec(*c, "CREATE TABLE t AS " + select);
    Exec(*c, "ALTER TABLE t ADD PRIMARY KEY (id)");
    // Every other round reopens, so RocksDB's info LOG rolls.
    if (round % 2 == 0) {
      reclaimed += (*db)->impl()->durability->store().stats().reclaimed;
      c.reset();
      db->reset();
      db = Database::Open({.data_dir = dir});
      ASSERT_TRUE(db.ok()) << db.status().message();
      c = (*db)->Connect();
    }
    settle(**db);
    last = Measure(dir);
    if (round == 1) first = last.bytes;
    largest = std::max(largest, last.bytes);
    std::printf(
        "space: round %d: %.1f MB (%.2fx live), %d SST, %d WAL (%.1f MB), %d old LOG, "
        "%d OPTIONS\n",
        round, last.bytes / 1e6, static_cast<double>(last.bytes) / live, last.sst_files,
        last.wal_files, last.wal_bytes / 1e6, last.old_logs, last.options_files);
  }
  EXPECT_EQ(Count(*c), n + "|" + n);
  EXPECT_EQ(LiveRowBytes(**db), live);  // the same rows again: nothing dead left behind
  std::printf("space: after round 1 %.1f MB, final %.1f MB (%.2fx), largest %.1f MB, "
              "ranges reclaimed %llu\n",
              first / 1e6, last.bytes / 1e6, static_cast<double>(last.bytes) / first,
              largest / 1e6,
              static_cast<unsigned long long>(
                  reclaimed + (*db)->impl()->durability->store().stats().reclaimed));
  // Each round writes the table about five times over; without reclamation
  // the directory would grow by that every round.
  EXPECT_LT(last.bytes, 3 * first);
  EXPECT_LT(largest, 3 * first);
  // Compressed, the live rows take about half their raw size; without the
  // reclaimer this reached 3.5x live within three rounds.
  EXPECT_LT(largest, 2 * live);
  EXPECT_GT(reclaimed + (*db)->impl()->durability->store().stats().reclaimed, 0u);
  EXPECT_LE(last.wal_files, 2);  // flushed WALs are deleted, not archived
  EXPECT_LE(last.old_logs, 4);   // keep_log_file_num
  EXPECT_LE(last.options_files, 2);
  c.reset();
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace omen
