#pragma once
// Store: OmenDB's RocksDB database (the only RocksDB user). It stores opaque
// bytes under the keys of keys.h; memory is the working copy, RocksDB the
// durable one.
//
// Invariants:
// 1. Every change goes through Commit (or Enqueue + Wait): one committer
//    thread takes every queued batch, merges them into one WriteBatch and
//    writes it with one WAL write, synced when any batch of the group asked
//    for it (group commit). Batches reach the WAL in Enqueue order, so the
//    caller enqueues in commit-timestamp order.
// 2. A batch is acknowledged (Wait returns OK) only after its WAL write, and,
//    for a synced batch, after the WAL sync. Unsynced batches (synchronous_
//    commit = off) are synced by the committer within kAsyncSyncInterval.
// 3. A failed WAL write or sync fails every batch of its group and turns the
//    Store read-only: later commits fail at once with the same error (53100
//    when the disk is full); reads keep working. Reopening (after space came
//    back) ends that state: RocksDB's WAL writer is not reused after an
//    error, and recovery decides what of the failed group is in the WAL.
// 4. Space comes back: Delete and DeleteRange write RocksDB tombstones; once
//    a DeleteRange is durable (synced) the reclaimer thread drops the SST
//    files inside the range and compacts the range, and files dense with
//    point deletes are compacted by RocksDB (store_options.cc).
// 5. rocksdb::Status never crosses this module's border: errors come back as
//    Status with a SQLSTATE (53100 disk full, XX001 corruption, 58030 I/O).
// Thread safety: every method is thread-safe.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "persist/batch.h"
#include "persist/fault_injection.h"

namespace omen::persist {

// RocksDB options in one place (store_options.cc), sized for the reference
// machine (2 cores, 24 GiB): memory holds the data, so RocksDB's caches are
// small and its write buffers moderate.
struct StoreOptions {
  bool create_if_missing = true;
  size_t block_cache_bytes = size_t{64} << 20;   // reads happen at recovery only
  size_t write_buffer_bytes = size_t{64} << 20;  // per memtable
  int max_write_buffers = 3;
  int max_background_jobs = 2;                        // one per core
  uint64_t max_total_wal_bytes = uint64_t{256} << 20;  // forces flushes of old WALs
  std::chrono::milliseconds async_sync_interval{10};  // synchronous_commit = off
};

// A queued batch; Wait() on it exactly once.
struct CommitTicket {
  std::shared_ptr<struct PendingCommit> pending;
};

class Store {
 public:
  // Opens (or, with create_if_missing, creates) the RocksDB database in
  // `dir`. A torn WAL tail is dropped (point-in-time recovery); any other
  // corruption fails with XX001.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);
  // Stops the committer after it has written every queued batch; syncs the
  // WAL and flushes the memtables (unless read-only).
  ~Store();

  // Commit = Enqueue + Wait. `sync`: wait for the WAL sync too.
  Status Commit(Batch batch, bool sync);
  // Queues `batch` (cheap; callable inside the caller's commit critical
  // section, which fixes WAL order).
  CommitTicket Enqueue(Batch batch, bool sync);
  // Blocks until the ticket's batch is acknowledged (invariant 2) or failed.
  Status Wait(const CommitTicket& ticket);

  // Bulk load without the WAL: `fill` adds key/value pairs in strictly
  // ascending key order to an SST file, which is then ingested (moved into
  // the database). Durable when this returns. The caller makes the keys
  // unreachable until a later Commit references them (e.g. a fresh
  // storage_id), so a crash in between leaves only unreferenced keys.
  using AddFn = std::function<Status(std::string_view key, std::string_view value)>;
  Status IngestSorted(const std::function<Status(const AddFn& add)>& fill);

  // Point read; *found false when absent.
  Status Get(std::string_view key, std::string* value, bool* found) const;
  // Calls fn for every key in [begin, end) in key order; stops at fn's error.
  using ScanFn = std::function<Status(std::string_view key, std::string_view value)>;
  Status Scan(std::string_view begin, std::string_view end, const ScanFn& fn) const;

  // A consistent online copy of the database in `dir` (which must not
  // exist): RocksDB's Checkpoint (hard links for SST files, WAL copied).
  // Holds every batch acknowledged before the call.
  Status CreateCheckpoint(const std::string& dir);
  // Flushes memtables to SST files (tests, shutdown).
  Status Flush();
  // Waits (up to `timeout`) until the committer's queue, the reclaimer and
  // RocksDB's flushes and compactions are idle; false on timeout. For tests
  // and measurements.
  bool WaitForBackgroundWork(std::chrono::milliseconds timeout);

  // Non-OK while read-only (invariant 3): the error that caused it.
  Status WriteError() const;
  bool read_only() const { return read_only_.load(); }

  struct Stats {
    uint64_t commits = 0;   // batches acknowledged
    uint64_t writes = 0;    // RocksDB writes (groups)
    uint64_t syncs = 0;     // WAL syncs (synced groups + background syncs)
    uint64_t bytes = 0;     // key and value bytes of acknowledged batches
    uint64_t ingested = 0;  // key/value pairs bulk-loaded by IngestSorted
    uint64_t reclaimed = 0; // deleted ranges compacted away by the reclaimer
  };
  Stats stats() const;
  FaultInjector& fault_injector() { return *fault_; }
  const std::string& dir() const { return dir_; }

  struct Impl;

 private:
  Store() = default;
  std::unique_ptr<Impl> impl_;
  std::shared_ptr<FaultInjector> fault_;
  std::string dir_;
  std::atomic<bool> read_only_{false};
};

}  // namespace omen::persist
