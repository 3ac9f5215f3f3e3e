// RocksDB options for OmenDB, in one place. Sized for the reference machine
// (2 cores, 24 GiB RAM): the tables live in memory, so RocksDB is read at
// recovery and otherwise only written; its block cache is small and its
// background work limited to one job per core.

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/table_properties_collectors.h>

#include "persist/rocks_internal.h"

namespace omen::persist::internal {

rocksdb::Options BuildOptions(const StoreOptions& o, std::shared_ptr<rocksdb::Env> env) {
  rocksdb::Options opts;
  opts.env = env.get();
  opts.create_if_missing = o.create_if_missing;
  opts.paranoid_checks = true;
  // A torn WAL tail (a crash mid-write) is cut off; earlier corruption fails
  // the open instead of silently dropping acknowledged commits.
  opts.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  opts.max_background_jobs = o.max_background_jobs;
  opts.write_buffer_size = o.write_buffer_bytes;
  opts.max_write_buffer_number = o.max_write_buffers;
  opts.max_total_wal_size = o.max_total_wal_bytes;
  // Space comes back (store.h invariant 4): levels sized from the last one
  // keep space amplification near 1.1; an SST file in which half of any
  // 32k consecutive entries are deletes is compacted soon (tombstones and
  // what they cover go away); every file is rewritten at least daily.
  opts.level_compaction_dynamic_level_bytes = true;
  opts.table_properties_collector_factories.emplace_back(
      rocksdb::NewCompactOnDeletionCollectorFactory(32768, 16384, 0.5));
  opts.periodic_compaction_seconds = 24 * 60 * 60;
  // WAL files are deleted as soon as their memtables are flushed (no
  // archive); the info LOG rolls at 8 MiB and keeps 4 old files; RocksDB
  // keeps the two newest OPTIONS files itself.
  opts.WAL_ttl_seconds = 0;
  opts.WAL_size_limit_MB = 0;
  opts.recycle_log_file_num = 0;  // incompatible with point-in-time recovery
  opts.max_log_file_size = 8 << 20;
  opts.bytes_per_sync = 1 << 20;
  opts.wal_bytes_per_sync = 0;  // the committer syncs explicitly
  opts.compression = rocksdb::kLZ4Compression;
  opts.bottommost_compression = rocksdb::kZSTD;
  opts.keep_log_file_num = 4;
  opts.max_manifest_file_size = 64 << 20;
  opts.avoid_unnecessary_blocking_io = true;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(o.block_cache_bytes);
  table.block_size = 16 << 10;
  table.cache_index_and_filter_blocks = true;
  opts.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return opts;
}

}  // namespace omen::persist::internal
