#pragma once
// RwLatch: a small reader-writer spin latch for short critical sections.
// Writer-preferring: once a writer announces itself new readers back off.
// Satisfies SharedLockable, so std::shared_lock / std::unique_lock work.

#include <atomic>
#include <cstdint>
#include <thread>

namespace omen::index_internal {

class RwLatch {
 public:
  void lock_shared() {
    for (;;) {
      uint32_t s = state_.fetch_add(1, std::memory_order_acquire);
      if ((s & kWriter) == 0) return;
      state_.fetch_sub(1, std::memory_order_relaxed);
      for (int spins = 0; state_.load(std::memory_order_relaxed) & kWriter; ++spins) Backoff(spins);
    }
  }
  void unlock_shared() { state_.fetch_sub(1, std::memory_order_release); }

  void lock() {
    for (int spins = 0;; ++spins) {
      uint32_t s = state_.load(std::memory_order_relaxed);
      if ((s & kWriter) == 0 &&
          state_.compare_exchange_weak(s, s | kWriter, std::memory_order_acquire)) {
        break;
      }
      Backoff(spins);
    }
    for (int spins = 0; (state_.load(std::memory_order_acquire) & ~kWriter) != 0; ++spins) {
      Backoff(spins);
    }
  }
  void unlock() { state_.fetch_and(~kWriter, std::memory_order_release); }

 private:
  static constexpr uint32_t kWriter = uint32_t{1} << 31;

  static void Backoff(int spins) {
    if (spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    } else {
      std::this_thread::yield();
    }
  }

  std::atomic<uint32_t> state_{0};
};

}  // namespace omen::index_internal
