#include "persist/store.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "persist/rocks_internal.h"

namespace omen::persist {

using internal::FromRocks;

struct PendingCommit {
  Batch batch;
  bool sync = false;
  bool done = false;
  Status status;
};

namespace {

using Range = std::pair<std::string, std::string>;

// Replays batches into one rocksdb::WriteBatch; collects the deleted ranges.
void AddTo(const Batch& batch, rocksdb::WriteBatch* wb, std::vector<Range>* ranges) {
  for (const Batch::Entry& e : batch.entries()) {
    switch (e.op) {
      case Batch::Op::kPut:
        wb->Put(e.key, e.value);
        break;
      case Batch::Op::kDelete:
        wb->Delete(e.key);
        break;
      case Batch::Op::kDeleteRange:
        wb->DeleteRange(e.key, e.value);
        ranges->emplace_back(e.key, e.value);
        break;
    }
  }
}

// A group takes queued batches up to this many bytes (one huge bulk load
// still goes alone).
constexpr size_t kMaxGroupBytes = size_t{32} << 20;

}  // namespace

struct Store::Impl {
  std::unique_ptr<rocksdb::Env> env;
  std::unique_ptr<rocksdb::DB> db;
  StoreOptions options;
  Store* owner = nullptr;

  std::mutex mu;
  std::condition_variable queue_cv;  // committer waits for work
  std::condition_variable done_cv;   // callers wait for their batch
  std::deque<std::shared_ptr<PendingCommit>> queue;
  bool stopping = false;
  Status write_error;  // set once: invariant 3
  std::thread committer;

  std::atomic<uint64_t> commits{0}, writes{0}, syncs{0}, bytes{0}, ingested{0}, reclaimed{0};
  bool unsynced = false;  // committer thread only
  std::chrono::steady_clock::time_point last_sync = std::chrono::steady_clock::now();
  // Deleted ranges whose delete is written but not yet synced (committer
  // thread only); handed to the reclaimer once a sync covers them.
  std::vector<Range> unsynced_ranges;

  // The reclaimer: drops the files of durably deleted ranges and compacts
  // the rest of them, so space comes back without waiting for RocksDB's own
  // compactions to reach the range.
  std::mutex reclaim_mu;
  std::condition_variable reclaim_cv;
  std::vector<Range> reclaim_queue;  // guarded by reclaim_mu
  bool reclaiming = false;           // guarded by reclaim_mu
  bool reclaim_stopping = false;     // guarded by reclaim_mu
  std::thread reclaimer;

  void Run();
  void WriteGroup(std::vector<std::shared_ptr<PendingCommit>>& group);
  void SyncIfDue(bool force);
  void Synced() {  // committer thread: a WAL sync covered everything written
    unsynced = false;
    if (unsynced_ranges.empty()) return;
    {
      std::lock_guard<std::mutex> l(reclaim_mu);
      for (Range& r : unsynced_ranges) reclaim_queue.push_back(std::move(r));
    }
    unsynced_ranges.clear();
    reclaim_cv.notify_one();
  }
  void Reclaim();
  void Fail(const Status& s) {
    std::lock_guard<std::mutex> l(mu);
    if (write_error.ok()) {
      write_error =
          Status(s.code(), s.message() + "; the database is read-only until it is reopened");
    }
    owner->read_only_.store(true);
  }
};

void Store::Impl::Run() {
  std::unique_lock<std::mutex> l(mu);
  for (;;) {
    if (queue.empty()) {
      if (stopping) break;
      if (unsynced) {
        queue_cv.wait_for(l, options.async_sync_interval);
      } else {
        queue_cv.wait(l);
      }
    }
    if (queue.empty()) {
      l.unlock();
      SyncIfDue(false);
      l.lock();
      continue;
    }
    std::vector<std::shared_ptr<PendingCommit>> group;
    size_t bytes = 0;
    while (!queue.empty() &&
           (group.empty() || bytes + queue.front()->batch.bytes() <= kMaxGroupBytes)) {
      bytes += queue.front()->batch.bytes();
      group.push_back(std::move(queue.front()));
      queue.pop_front();
    }
    Status failed = write_error;
    l.unlock();
    if (failed.ok()) {
      WriteGroup(group);
    } else {
      for (auto& p : group) p->status = failed;
    }
    l.lock();
    for (auto& p : group) p->done = true;
    done_cv.notify_all();
  }
  l.unlock();
  SyncIfDue(true);
}

void Store::Impl::WriteGroup(std::vector<std::shared_ptr<PendingCommit>>& group) {
  rocksdb::WriteBatch wb;
  bool sync = false;
  std::vector<Range> ranges;
  for (auto& p : group) {
    AddTo(p->batch, &wb, &ranges);
    sync |= p->sync;
  }
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  rocksdb::Status rs = db->Write(wo, &wb);
  Status s = FromRocks(rs, "could not write to the write-ahead log");
  if (s.ok()) {
    writes.fetch_add(1);
    for (Range& r : ranges) unsynced_ranges.push_back(std::move(r));
    if (sync) {
      syncs.fetch_add(1);
      last_sync = std::chrono::steady_clock::now();
      Synced();
    } else {
      unsynced = true;
    }
    commits.fetch_add(group.size());
    for (auto& p : group) bytes.fetch_add(p->batch.bytes());
  } else {
    Fail(s);
  }
  for (auto& p : group) p->status = s;
  if (s.ok() && unsynced) SyncIfDue(false);
}

void Store::Impl::SyncIfDue(bool force) {
  // After a failed write RocksDB's WAL writer must not be used again.
  if (!unsynced || owner->read_only()) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_sync < options.async_sync_interval) return;
  Status s = FromRocks(db->SyncWAL(), "could not sync the write-ahead log");
  last_sync = now;
  if (!s.ok()) {
    Fail(s);
    return;
  }
  syncs.fetch_add(1);
  Synced();
}

void Store::Impl::Reclaim() {
  std::unique_lock<std::mutex> l(reclaim_mu);
  for (;;) {
    reclaim_cv.wait(l, [&] { return reclaim_stopping || !reclaim_queue.empty(); });
    if (reclaim_stopping) return;
    std::vector<Range> ranges;
    ranges.swap(reclaim_queue);
    reclaiming = true;
    l.unlock();
    if (!owner->read_only()) {
      // Whole files inside a range go at once (Batch::DeleteRange's contract:
      // nothing is written there again, so no file in it holds newer data);
      // a compaction of the range rewrites the files it only overlaps.
      std::vector<rocksdb::Slice> slices;
      std::vector<rocksdb::RangePtr> ptrs;
      slices.reserve(ranges.size() * 2);
      for (const Range& r : ranges) {
        slices.emplace_back(r.first);
        slices.emplace_back(r.second);
      }
      for (size_t i = 0; i < ranges.size(); ++i) ptrs.emplace_back(&slices[2 * i], &slices[2 * i + 1]);
      (void)rocksdb::DeleteFilesInRanges(db.get(), db->DefaultColumnFamily(), ptrs.data(),
                                         ptrs.size(), false);
      rocksdb::CompactRangeOptions co;
      co.exclusive_manual_compaction = false;
      co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
      for (size_t i = 0; i < ranges.size(); ++i) {
        if (db->CompactRange(co, &slices[2 * i], &slices[2 * i + 1]).ok()) reclaimed.fetch_add(1);
      }
    }
    l.lock();
    reclaiming = false;
    reclaim_cv.notify_all();
  }
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  store->dir_ = dir;
  store->fault_ = std::make_shared<FaultInjector>();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->owner = store.get();
  impl->env = rocksdb::NewCompositeEnv(
      internal::NewFaultFileSystem(rocksdb::FileSystem::Default(), store->fault_));
  rocksdb::Options opts = internal::BuildOptions(options, nullptr);
  opts.env = impl->env.get();
  rocksdb::DB* db = nullptr;
  rocksdb::Status rs = rocksdb::DB::Open(opts, dir, &db);
  if (!rs.ok()) return FromRocks(rs, "could not open the data directory \"" + dir + "\"");
  impl->db.reset(db);
  store->impl_ = std::move(impl);
  Impl* raw = store->impl_.get();
  raw->committer = std::thread([raw] { raw->Run(); });
  raw->reclaimer = std::thread([raw] { raw->Reclaim(); });
  return store;
}

Store::~Store() {
  if (!impl_) return;
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    impl_->stopping = true;
  }
  impl_->queue_cv.notify_all();
  impl_->committer.join();
  // Unreclaimed ranges stay deleted; RocksDB's compactions reclaim them later.
  {
    std::lock_guard<std::mutex> l(impl_->reclaim_mu);
    impl_->reclaim_stopping = true;
  }
  impl_->db->DisableManualCompaction();  // ends a running CompactRange early
  impl_->reclaim_cv.notify_all();
  impl_->reclaimer.join();
  // A clean shutdown leaves the data in SST files, so the next open does not
  // replay the WAL.
  if (!read_only()) (void)impl_->db->Flush(rocksdb::FlushOptions());
  (void)impl_->db->Close();
  impl_->db.reset();
}

CommitTicket Store::Enqueue(Batch batch, bool sync) {
  auto p = std::make_shared<PendingCommit>();
  p->batch = std::move(batch);
  p->sync = sync;
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    impl_->queue.push_back(p);
  }
  impl_->queue_cv.notify_one();
  return CommitTicket{std::move(p)};
}

Status Store::Wait(const CommitTicket& ticket) {
  std::unique_lock<std::mutex> l(impl_->mu);
  impl_->done_cv.wait(l, [&] { return ticket.pending->done; });
  return ticket.pending->status;
}

Status Store::Commit(Batch batch, bool sync) {
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    if (!impl_->write_error.ok()) return impl_->write_error;
  }
  return Wait(Enqueue(std::move(batch), sync));
}

Status Store::IngestSorted(const std::function<Status(const AddFn& add)>& fill) {
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    if (!impl_->write_error.ok()) return impl_->write_error;
  }
  static std::atomic<uint64_t> counter{0};
  std::string path = dir_ + "/omen_ingest_" + std::to_string(counter.fetch_add(1)) + ".sst";
  rocksdb::Options opts = impl_->db->GetOptions();
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), opts);
  OMEN_RETURN_IF_ERROR(FromRocks(writer.Open(path), "could not write a bulk-load file"));
  uint64_t entries = 0;
  Status filled = fill([&](std::string_view key, std::string_view value) {
    ++entries;
    return FromRocks(writer.Put(rocksdb::Slice(key.data(), key.size()),
                                rocksdb::Slice(value.data(), value.size())),
                     "could not write a bulk-load file");
  });
  if (!filled.ok() || entries == 0) {
    (void)impl_->env->DeleteFile(path);
    if (!filled.ok()) return filled;
    return Status::OK();
  }
  Status s = FromRocks(writer.Finish(), "could not write a bulk-load file");
  if (s.ok()) {
    rocksdb::IngestExternalFileOptions io;
    io.move_files = true;
    s = FromRocks(impl_->db->IngestExternalFile({path}, io), "could not ingest a bulk-load file");
  }
  if (!s.ok()) (void)impl_->env->DeleteFile(path);
  if (s.ok()) impl_->ingested.fetch_add(entries);
  return s;
}

Status Store::Get(std::string_view key, std::string* value, bool* found) const {
  rocksdb::Status rs =
      impl_->db->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), value);
  *found = rs.ok();
  if (rs.IsNotFound()) return Status::OK();
  return FromRocks(rs, "could not read from the data directory");
}

Status Store::Scan(std::string_view begin, std::string_view end, const ScanFn& fn) const {
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  ro.readahead_size = 2 << 20;
  rocksdb::Slice upper(end.data(), end.size());
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro));
  for (it->Seek(rocksdb::Slice(begin.data(), begin.size())); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key(), v = it->value();
    OMEN_RETURN_IF_ERROR(
        fn(std::string_view(k.data(), k.size()), std::string_view(v.data(), v.size())));
  }
  return FromRocks(it->status(), "could not read from the data directory");
}

Status Store::CreateCheckpoint(const std::string& dir) {
  rocksdb::Checkpoint* raw = nullptr;
  OMEN_RETURN_IF_ERROR(
      FromRocks(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "could not start a backup"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush = 0: flush the memtables first, so the copy is SST
  // files plus the WAL written since.
  return FromRocks(checkpoint->CreateCheckpoint(dir, 0),
                   "could not create the backup in \"" + dir + "\"");
}

Status Store::Flush() {
  return FromRocks(impl_->db->Flush(rocksdb::FlushOptions()), "could not flush");
}

bool Store::WaitForBackgroundWork(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto busy = [&] {
    {
      std::lock_guard<std::mutex> l(impl_->reclaim_mu);
      if (impl_->reclaiming || !impl_->reclaim_queue.empty()) return true;
    }
    {
      std::lock_guard<std::mutex> l(impl_->mu);
      if (!impl_->queue.empty()) return true;
    }
    for (const char* p : {"rocksdb.compaction-pending", "rocksdb.num-running-compactions",
                          "rocksdb.num-running-flushes", "rocksdb.mem-table-flush-pending"}) {
      uint64_t v = 0;
      if (impl_->db->GetIntProperty(p, &v) && v != 0) return true;
    }
    return false;
  };
  while (busy()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

Status Store::WriteError() const {
  std::lock_guard<std::mutex> l(impl_->mu);
  return impl_->write_error;
}

Store::Stats Store::stats() const {
  Stats s;
  s.commits = impl_->commits.load();
  s.writes = impl_->writes.load();
  s.syncs = impl_->syncs.load();
  s.bytes = impl_->bytes.load();
  s.ingested = impl_->ingested.load();
  s.reclaimed = impl_->reclaimed.load();
  return s;
}

}  // namespace omen::persist
