#pragma once
// FaultInjector: switches that make the Store's file system fail writes, for
// tests of disk-full and I/O-error handling. Every Store routes its files
// through a RocksDB FileSystem wrapper (fault_file_system.cc) that consults
// one of these; while no switch is on it only forwards (one atomic load per
// write). Thread-safe.

#include <atomic>
#include <cstdint>

namespace omen::persist {

class FaultInjector {
 public:
  // While on, every file write, flush and sync fails with "No space left on
  // device" (RocksDB's NoSpace), as a full disk does.
  void SetNoSpace(bool on) { no_space_.store(on); }
  bool no_space() const { return no_space_.load(std::memory_order_relaxed); }
  // Failed operations since construction.
  uint64_t failures() const { return failures_.load(); }
  void CountFailure() { failures_.fetch_add(1); }

 private:
  std::atomic<bool> no_space_{false};
  std::atomic<uint64_t> failures_{0};
};

}  // namespace omen::persist
