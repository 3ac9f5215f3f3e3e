#pragma once
// Durability: the bridge between the in-memory engine and persist/'s Store
// (issue 5). One per persistent Database.
//
// Invariants:
// 1. A table's rows live under its storage_id; a table's identity is its
//    storage::Table object. A Table object first seen at a commit (CREATE,
//    ALTER ... TYPE rewrites), or one truncated or given a non-NULL added
//    column in the committing transaction, gets a fresh storage_id: all its
//    live rows are written under it, and the old range is deleted in the
//    same atomic batch. storage_ids are never reused (the counter is stored).
// 2. Otherwise a commit writes exactly the rows its UndoLog names: each is
//    read at commit through Table's public API (the committing transaction
//    still holds it) and stored (live) or deleted (not live). ADD PRIMARY KEY
//    and other index DDL only rewrite the table's catalog record.
// 3. A transaction that ran DDL stores the catalog records that changed
//    (pointer-compared against the committed version), deletes those that
//    went, and rewrites the catalog header; all in the commit's one batch.
// 4. Recovery (Open) reads the format version, the catalog, then every
//    table's rows in row-id order (RestoreRows keeps row ids and gaps), then
//    bulk-builds the indexes; the time it took goes to stderr.
// 5. Large rewrites (kIngestRows) are bulk-loaded by Prepare before the
//    commit mutex, under storage_ids reserved then; a storage_id with rows
//    on disk that no catalog record references is deleted at the next open
//    and never handed out again.
// Thread safety: every method may be called from many sessions; the caller
// orders Enqueue calls in commit order (under the commit mutex).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "persist/store.h"
#include "storage/table.h"

namespace omen {

class Durability {
  struct Registered {
    uint64_t storage_id;
    std::weak_ptr<storage::Table> table;  // guards against a reused address
  };

 public:
  // Creates or opens the data directory `dir` and recovers it into
  // *catalog. Errors: XX001 for corruption or an unknown format version,
  // 53100/58030 for I/O.
  static Result<std::unique_ptr<Durability>> Open(const std::string& dir,
                                                  std::shared_ptr<const catalog::Catalog>* catalog);

  // Makes one transaction durable (invariants 1-3). `before`: the committed
  // catalog; `after`: the transaction's catalog if it ran DDL, else null.
  // `sync` false: synchronous_commit = off. On error nothing of the
  // transaction is acknowledged and the caller rolls it back.
  Status CommitTransaction(const storage::UndoLog& undo, const catalog::Catalog& before,
                           const catalog::Catalog* after, bool sync);

  // The bulk loads of one commit, done before its commit sequence: rows of
  // tables the transaction rewrites (invariant 1) that are large enough are
  // ingested as SST files under storage_ids reserved for them, which no
  // stored catalog record references yet. Enqueue uses them; whatever it did
  // not use is deleted when this is destroyed (a crash in between leaves
  // unreferenced rows, which the next open deletes).
  class Prepared {
   public:
    ~Prepared();
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;

   private:
    friend class Durability;
    explicit Prepared(Durability* owner) : owner_(owner) {}
    Durability* owner_;
    std::unordered_map<const storage::Table*, Registered> ingested_;
  };
  // Step 0 of a commit, before (and outside) the commit mutex, so a large
  // ingest does not hold up other commits. Null when there is nothing to
  // bulk-load. The caller holds every table it names (the transaction's
  // locks), so the rows do not change before Enqueue.
  Result<std::unique_ptr<Prepared>> Prepare(const storage::UndoLog& undo,
                                            const catalog::Catalog& before,
                                            const catalog::Catalog* after);

  // CommitTransaction in two steps, for a commit sequence that orders
  // commits under its own lock: Enqueue builds and queues the batch (call in
  // commit order; cheap relative to a sync unless a large rewrite was not
  // prepared), then store().Wait(ticket) outside that lock. An empty ticket
  // (pending == null): nothing to write. `prepared` (may be null): the
  // result of Prepare for this commit.
  Result<persist::CommitTicket> Enqueue(const storage::UndoLog& undo,
                                        const catalog::Catalog& before,
                                        const catalog::Catalog* after, bool sync,
                                        Prepared* prepared = nullptr);

  // An online, consistent copy of the database in `dir` (must not exist):
  // holds every transaction acknowledged before the call.
  Status Backup(const std::string& dir);

  persist::Store& store() { return *store_; }

 private:
  struct Recovered;
  Durability() = default;
  Status Recover(std::shared_ptr<const catalog::Catalog>* catalog);
  Status LoadTable(const std::string& record, Recovered* out);
  Status DropUnreferencedRows(const std::vector<uint64_t>& referenced);

  std::unique_ptr<persist::Store> store_;
  // The storage_id of a registered table; 0 if none. REQUIRES: mu_ held.
  uint64_t StorageIdOf(const std::shared_ptr<storage::Table>& table) const;

  std::mutex mu_;  // guards the three below
  std::unordered_map<const storage::Table*, Registered> storage_ids_;
  uint64_t next_storage_id_ = 1;    // next to hand out (Prepare reserves ahead)
  uint64_t stored_next_id_ = 1;     // the value of the stored counter
};

}  // namespace omen
