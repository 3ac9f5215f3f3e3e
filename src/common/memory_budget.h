#pragma once
// MemoryBudget: one database's memory budget (DESIGN.md "Resources"),
// accounted per component. What statements allocate at the main growth
// points (table rows, version chains, operator hash tables and buffers,
// result sets) is charged here first; a charge that would exceed the limit
// fails with 53200 "out of memory" (and a DETAIL naming the request, the
// component and the budget) instead of allocating, so the statement fails,
// its transaction can roll back and the process is never killed for memory.
//
// Invariants:
// 1. used() == the sum of the components' counters; each counter is what
//    was charged minus what was released (never negative when callers
//    release only what they charged).
// 2. Reserve never lets used() exceed limit(); ForceCharge may (for memory
//    that already exists and cannot be refused, e.g. rows read at recovery).
// 3. The current budget of a thread (CurrentBudget) is set by the session
//    for the duration of one call into the engine (ScopedCurrentBudget);
//    code without a current budget (unit tests, tools) is not accounted.
// Thread safety: every method is thread-safe (atomics).

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace omen {

struct DataChunk;
struct Value;

enum class MemoryComponent : uint8_t {
  kTableData,  // rows in table segments, their index entries
  kVersions,   // undo-chain entries (row versions)
  kOperators,  // hash joins, aggregates, sorts, materialized inputs
  kResults,    // result sets materialized for the client
};
inline constexpr size_t kMemoryComponents = 4;
const char* MemoryComponentName(MemoryComponent c);

class MemoryBudget : public std::enable_shared_from_this<MemoryBudget> {
 public:
  // `limit_bytes` <= 0: DefaultLimit().
  explicit MemoryBudget(int64_t limit_bytes);

  // Half of the machine's memory (or of the cgroup's limit when lower).
  static int64_t DefaultLimit();
  // Parses "512MB", "4GB", "1048576", "2 GiB" (units: B, kB/KB, MB, GB, TB,
  // 1024-based as PostgreSQL's memory settings). 22023 on bad input.
  static Result<int64_t> ParseSize(const std::string& text);

  // Charges `bytes` to `c`, or fails with 53200 and charges nothing.
  Status Reserve(int64_t bytes, MemoryComponent c);
  // Charges without checking the limit (invariant 2).
  void ForceCharge(int64_t bytes, MemoryComponent c);
  void Release(int64_t bytes, MemoryComponent c);

  int64_t limit() const { return limit_.load(std::memory_order_relaxed); }
  void set_limit(int64_t bytes) { limit_.store(bytes, std::memory_order_relaxed); }
  int64_t used() const { return used_.load(std::memory_order_relaxed); }
  int64_t used(MemoryComponent c) const {
    return by_component_[static_cast<size_t>(c)].load(std::memory_order_relaxed);
  }

 private:
  std::atomic<int64_t> limit_;
  std::atomic<int64_t> used_{0};
  std::array<std::atomic<int64_t>, kMemoryComponents> by_component_{};
};

// The calling thread's budget (null: none). Invariant 3.
MemoryBudget* CurrentBudget();

// Sets the thread's current budget for its lifetime (restores the old one).
class ScopedCurrentBudget {
 public:
  explicit ScopedCurrentBudget(MemoryBudget* budget);
  ~ScopedCurrentBudget();
  ScopedCurrentBudget(const ScopedCurrentBudget&) = delete;
  ScopedCurrentBudget& operator=(const ScopedCurrentBudget&) = delete;

 private:
  MemoryBudget* saved_;
};

// Memory one operator or statement holds until it goes away: charged to the
// thread's current budget at construction (none: not accounted), released
// in full on destruction. Used by one thread.
class MemoryReservation {
 public:
  explicit MemoryReservation(MemoryComponent c) : budget_(CurrentBudget()), component_(c) {}
  ~MemoryReservation();
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  // Adds `bytes`, or fails with 53200 (nothing added).
  Status Grow(int64_t bytes);
  int64_t held() const { return held_; }

 private:
  MemoryBudget* budget_;
  MemoryComponent component_;
  int64_t held_ = 0;
};

// Estimates of heap bytes, for charging: a chunk's arrays and strings; only
// the heap of its strings (the part a copy into other arrays adds).
int64_t EstimateBytes(const DataChunk& chunk);
int64_t EstimateStringHeap(const DataChunk& chunk);
int64_t EstimateBytes(const Value& v);
// Heap bytes of a std::string beyond the object (SSO keeps 15 chars inline).
int64_t StringHeap(const std::string& s);

}  // namespace omen
