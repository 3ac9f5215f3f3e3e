// Persistent databases through the embedded API (issue 5): what a commit
// stores, what a reopen recovers, errors, backup.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "main/database_impl.h"
#include "omendb/omendb.h"
#include "persist/keys.h"

namespace omen {
namespace {

std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("omen_durability_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

std::unique_ptr<Database> OpenDb(const std::string& dir) {
  auto db = Database::Open({.data_dir = dir});
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

std::string Query(Connection& c, std::string_view sql) {
  auto r = c.Execute(sql);
  if (!r.ok())
    return "ERROR " + std::string(r.status().code().code()) + ": " + r.status().message();
  std::string out;
  for (size_t i = 0; i < r->RowCount(); ++i) {
    for (size_t j = 0; j < r->ColumnCount(); ++j) {
      if (j > 0) out += "|";
      out += r->IsNull(i, j) ? "NULL" : r->GetText(i, j);
    }
    out += "\n";
  }
  return out;
}

void Exec(Connection& c, std::string_view sql) {
  auto r = c.Execute(sql);
  ASSERT_TRUE(r.ok()) << sql << ": " << r.status().message();
}

size_t AllStoredRows(Database& db) {
  size_t n = 0;
  Status s = db.impl()->durability->store().Scan(std::string("\x10", 1), std::string("\x11", 1),
                                                 [&](std::string_view, std::string_view) {
                                                   ++n;
                                                   return Status::OK();
                                                 });
  EXPECT_TRUE(s.ok());
  return n;
}

TEST(DurabilityTest, DataAndDdlSurviveReopen) {
  std::string dir = TempDir("reopen");
  {
    auto db = OpenDb(dir);
    auto c = db->Connect();
    Exec(*c,
         "CREATE TABLE t(a int PRIMARY KEY, b text, c numeric(10,2) DEFAULT 7, d float8, "
         "e date, f timestamp, g bool)");
    Exec(
        *c,
        "INSERT INTO t VALUES (1, 'x', 1.5, 0.25, '2024-02-29', '2001-02-03 04:05:06', true), "
        "(2, NULL, NULL, NULL, NULL, NULL, NULL), (3, 'z', -3, -1e300, '1999-01-01', NULL, false)");
    Exec(*c, "DELETE FROM t WHERE a = 2");
    Exec(*c, "UPDATE t SET b = 'zz' WHERE a = 3");
    Exec(*c, "ALTER TABLE t ADD COLUMN h int");
    Exec(*c, "ALTER TABLE t DROP COLUMN d");
    Exec(*c, "CREATE INDEX t_b ON t(b)");
    Exec(*c, "CREATE SCHEMA s");
    Exec(*c, "CREATE TABLE s.u AS SELECT g AS n FROM generate_series(1, 5000) g");
    Exec(*c, "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1");
    Exec(*c, "BEGIN");
    Exec(*c, "INSERT INTO t(a, b) VALUES (10, 'rolled back')");
    Exec(*c, "ROLLBACK");
    Exec(*c, "BEGIN");
    Exec(*c, "CREATE TABLE gone(x int)");
    Exec(*c, "INSERT INTO gone VALUES (1)");
    Exec(*c, "ROLLBACK");
  }
  auto db = OpenDb(dir);
  auto c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT * FROM t ORDER BY a"),
            "1|x|1.50|2024-02-29|2001-02-03 04:05:06|t|NULL\n3|zz|-3.00|1999-01-01|NULL|f|NULL\n");
  EXPECT_EQ(Query(*c, "SELECT count(*), sum(n) FROM s.u"), "5000|12502500\n");
  EXPECT_EQ(Query(*c, "SELECT * FROM v"), "3|zz\n");
  EXPECT_EQ(Query(*c, "SELECT a FROM t WHERE b = 'x'"), "1\n");
  EXPECT_EQ(Query(*c, "SELECT count(*) FROM gone").substr(0, 11), "ERROR 42P01");
  // Row ids continue after the restored ones; the primary key still rejects duplicates.
  EXPECT_EQ(Query(*c, "INSERT INTO t(a) VALUES (3)").substr(0, 11), "ERROR 23505");
  Exec(*c, "INSERT INTO t(a, b) VALUES (4, 'new')");
  EXPECT_EQ(Query(*c, "SELECT c FROM t WHERE a = 4"), "7.00\n");
  db.reset();
  db = OpenDb(dir);
  c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT a, b FROM t ORDER BY a"), "1|x\n3|zz\n4|new\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(DurabilityTest, TruncateAndDropFreeTheirRowsAddPrimaryKeyRewritesNothing) {
  std::string dir = TempDir("storage_ids");
  auto db = OpenDb(dir);
  auto c = db->Connect();
  Exec(*c, "CREATE TABLE t(a int, b text)");
  Exec(*c, "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 1000) g");
  EXPECT_EQ(AllStoredRows(*db), 1000u);
  Status flushed = db->impl()->durability->store().Flush();
  ASSERT_TRUE(flushed.ok());
  auto before = db->impl()->durability->store().stats();
  Exec(*c, "ALTER TABLE t ADD PRIMARY KEY (a)");
  auto after = db->impl()->durability->store().stats();
  EXPECT_EQ(after.commits, before.commits + 1);
  EXPECT_LT(after.bytes - before.bytes, 1000u);  // the catalog record only, no rows
  EXPECT_EQ(AllStoredRows(*db), 1000u);
  Exec(*c, "TRUNCATE t");
  EXPECT_EQ(AllStoredRows(*db), 0u);
  Exec(*c, "BEGIN");
  Exec(*c, "TRUNCATE t");
  Exec(*c, "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
  Exec(*c, "COMMIT");
  EXPECT_EQ(AllStoredRows(*db), 2u);
  Exec(*c, "DROP TABLE t");
  EXPECT_EQ(AllStoredRows(*db), 0u);
  c.reset();
  db.reset();
  db = OpenDb(dir);
  c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT count(*) FROM t").substr(0, 11), "ERROR 42P01");
  Exec(*c, "CREATE TABLE t(a int)");
  Exec(*c, "INSERT INTO t VALUES (5)");
  EXPECT_EQ(AllStoredRows(*db), 1u);
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(DurabilityTest, AddColumnWithDefaultSurvivesReopen) {
  std::string dir = TempDir("add_column");
  {
    auto db = OpenDb(dir);
    auto c = db->Connect();
    Exec(*c, "CREATE TABLE t(a int)");
    Exec(*c, "INSERT INTO t VALUES (1), (2)");
    Exec(*c, "ALTER TABLE t ADD COLUMN b text DEFAULT 'filled'");
    Exec(*c, "ALTER TABLE t ADD COLUMN c int");
    Exec(*c, "INSERT INTO t VALUES (3, 'own', 9)");
  }
  auto db = OpenDb(dir);
  auto c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT * FROM t ORDER BY a"), "1|filled|NULL\n2|filled|NULL\n3|own|9\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

// Bulk loads into a table created or truncated in the same transaction are
// ingested as SST files; rows of an ingestion whose commit never happened
// are dropped at the next open.
TEST(DurabilityTest, BulkLoadsAreIngestedNotLogged) {
  std::string dir = TempDir("ingest");
  {
    auto db = OpenDb(dir);
    auto c = db->Connect();
    auto before = db->impl()->durability->store().stats();
    Exec(*c, "CREATE TABLE big AS SELECT g AS id, 'v' || g AS v FROM generate_series(1, 60000) g");
    auto after = db->impl()->durability->store().stats();
    EXPECT_EQ(after.ingested - before.ingested, 60000u);
    EXPECT_LT(after.bytes - before.bytes, 10000u);  // the catalog only went through the WAL
    Exec(*c, "BEGIN");
    Exec(*c, "TRUNCATE big");
    Exec(*c, "INSERT INTO big SELECT g, 'w' || g FROM generate_series(1, 70000) g");
    Exec(*c, "COMMIT");
    EXPECT_EQ(db->impl()->durability->store().stats().ingested - after.ingested, 70000u);
    EXPECT_EQ(AllStoredRows(*db), 70000u);
    // An ingestion under a storage_id no commit ever referenced.
    Status orphan = db->impl()->durability->store().IngestSorted(
        [](const persist::Store::AddFn& add) { return add(persist::RowKey(999999, 0), "x"); });
    ASSERT_TRUE(orphan.ok()) << orphan.message();
    EXPECT_EQ(AllStoredRows(*db), 70001u);
  }
  auto db = OpenDb(dir);
  EXPECT_EQ(AllStoredRows(*db), 70000u);
  auto c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT count(*), max(v) FROM big WHERE id > 69990"), "10|w70000\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(DurabilityTest, DiskFullFailsTheCommitAndTurnsReadOnly) {
  std::string dir = TempDir("full");
  {
    auto db = OpenDb(dir);
    auto c = db->Connect();
    Exec(*c, "CREATE TABLE t(a int PRIMARY KEY)");
    Exec(*c, "INSERT INTO t VALUES (1)");
    db->impl()->durability->store().fault_injector().SetNoSpace(true);
    auto r = c->Execute("INSERT INTO t VALUES (2)");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), sqlstate::kDiskFull) << r.status().message();
    db->impl()->durability->store().fault_injector().SetNoSpace(false);
    // Read-only until reopened: writes fail with the same error, reads work.
    auto again = c->Execute("INSERT INTO t VALUES (3)");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), sqlstate::kDiskFull);
    EXPECT_NE(again.status().message().find("read-only"), std::string::npos);
    EXPECT_EQ(Query(*c, "SELECT a FROM t ORDER BY a"), "1\n");
  }
  auto db = OpenDb(dir);
  auto c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT a FROM t ORDER BY a"), "1\n");
  Exec(*c, "INSERT INTO t VALUES (4)");
  EXPECT_EQ(Query(*c, "SELECT a FROM t ORDER BY a"), "1\n4\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

// The disk fills up while eight sessions commit: every commit either is
// acknowledged or fails (53100 for the one whose WAL write failed, 53100
// "read-only" after it); reads keep working; a bulk load fails with 53100
// too; after the reopen (space back) every acknowledged commit is there and
// writes work again. Half the sessions use synchronous_commit = off.
TEST(DurabilityTest, DiskFullUnderConcurrentCommitsLosesNoAcknowledgedCommit) {
  std::string dir = TempDir("full_concurrent");
  constexpr int kSessions = 8;
  std::vector<std::vector<int>> acked(kSessions);
  std::atomic<int> disk_full{0}, other_errors{0};
  {
    auto db = OpenDb(dir);
    {
      auto c = db->Connect();
      Exec(*c, "CREATE TABLE t(s int, i int, PRIMARY KEY (s, i))");
      Exec(*c, "CREATE TABLE big(a int)");
    }
    std::atomic<bool> fault_on{false};
    std::vector<std::thread> threads;
    for (int s = 0; s < kSessions; ++s) {
      threads.emplace_back([&, s] {
        auto c = db->Connect();
        if (s % 2 == 1) (void)c->Execute("SET synchronous_commit = off");
        for (int i = 0;; ++i) {
          bool was_on = fault_on.load();
          auto r = c->Execute("INSERT INTO t VALUES (" + std::to_string(s) + ", " +
                              std::to_string(i) + ")");
          if (r.ok()) {
            acked[s].push_back(i);
          } else if (r.status().code() == sqlstate::kDiskFull) {
            disk_full.fetch_add(1);
          } else {
            other_errors.fetch_add(1);
          }
          if (was_on && !r.ok()) break;  // read-only now: stop
          if (i > 20000) break;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    db->impl()->durability->store().fault_injector().SetNoSpace(true);
    fault_on.store(true);
    for (auto& t : threads) t.join();
    auto c = db->Connect();
    auto bulk = c->Execute("BEGIN; TRUNCATE big; INSERT INTO big SELECT g FROM "
                           "generate_series(1, 60000) g; COMMIT");
    ASSERT_FALSE(bulk.ok());
    EXPECT_EQ(bulk.status().code(), sqlstate::kDiskFull) << bulk.status().message();
    (void)c->Execute("ROLLBACK");
    // Reads keep working while read-only (and see no failed commit).
    size_t total = 0;
    for (const auto& a : acked) total += a.size();
    EXPECT_EQ(Query(*c, "SELECT count(*) FROM t"), std::to_string(total) + "\n");
    db->impl()->durability->store().fault_injector().SetNoSpace(false);
  }
  EXPECT_GT(disk_full.load(), 0);
  EXPECT_EQ(other_errors.load(), 0);
  auto db = OpenDb(dir);
  auto c = db->Connect();
  size_t total = 0;
  for (int s = 0; s < kSessions; ++s) {
    total += acked[s].size();
    if (acked[s].empty()) continue;
    // Every acknowledged commit is there (a failed one may or may not be).
    EXPECT_EQ(Query(*c, "SELECT count(*) FROM t WHERE s = " + std::to_string(s) + " AND i <= " +
                            std::to_string(acked[s].back())),
              std::to_string(acked[s].size()) + "\n")
        << "session " << s;
  }
  std::printf("disk full: %zu commits acknowledged before the disk filled, %d failed with 53100\n",
              total, disk_full.load());
  Exec(*c, "INSERT INTO t VALUES (100, 1)");
  Exec(*c, "BEGIN");
  Exec(*c, "TRUNCATE big");
  Exec(*c, "INSERT INTO big SELECT g FROM generate_series(1, 60000) g");
  Exec(*c, "COMMIT");
  c.reset();
  db.reset();
  db = OpenDb(dir);
  c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT count(*) FROM t WHERE s = 100"), "1\n");
  EXPECT_EQ(Query(*c, "SELECT count(*) FROM big"), "60000\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(DurabilityTest, FormatVersionAndForeignDirectoriesAreRejected) {
  std::string dir = TempDir("version");
  {
    auto db = OpenDb(dir);
    persist::Batch b;
    b.Put(persist::FormatVersionKey(), std::string("\0\0\0\x09", 4));
    ASSERT_TRUE(db->impl()->durability->store().Commit(std::move(b), true).ok());
  }
  auto db = Database::Open({.data_dir = dir});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), sqlstate::kDataCorrupted);
  EXPECT_NE(db.status().message().find("format version 9"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(DurabilityTest, SynchronousCommitOffIsStillDurableAcrossReopen) {
  std::string dir = TempDir("async");
  {
    auto db = OpenDb(dir);
    auto c = db->Connect();
    Exec(*c, "SET synchronous_commit = off");
    Exec(*c, "CREATE TABLE t(a int)");
    for (int i = 0; i < 50; ++i) Exec(*c, "INSERT INTO t VALUES (" + std::to_string(i) + ")");
  }
  auto db = OpenDb(dir);
  auto c = db->Connect();
  EXPECT_EQ(Query(*c, "SELECT count(*) FROM t"), "50\n");
  c.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

// Eight sessions committing at once share WAL syncs (group commit).
TEST(DurabilityTest, GroupCommitWithEightSessions) {
  std::string dir = TempDir("group");
  auto db = OpenDb(dir);
  {
    auto c = db->Connect();
    Exec(*c, "CREATE TABLE t(s int, i int)");
  }
  auto before = db->impl()->durability->store().stats();
  auto start = std::chrono::steady_clock::now();
  constexpr int kSessions = 8, kEach = 150;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int s = 0; s < kSessions; ++s) {
    threads.emplace_back([&, s] {
      auto c = db->Connect();
      for (int i = 0; i < kEach; ++i) {
        auto r = c->Execute("INSERT INTO t VALUES (" + std::to_string(s) + ", " +
                            std::to_string(i) + ")");
        if (!r.ok()) failures.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto after = db->impl()->durability->store().stats();
  uint64_t commits = after.commits - before.commits, syncs = after.syncs - before.syncs;
  std::printf(
      "group commit (8 sessions, embedded API): %llu commits, %llu WAL syncs, %.0f commits/s\n",
      static_cast<unsigned long long>(commits), static_cast<unsigned long long>(syncs),
      commits / seconds);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(commits, uint64_t{kSessions * kEach});
  EXPECT_LT(syncs, commits);
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace omen
