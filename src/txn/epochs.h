#pragma once
// Epoch-based reclamation (DESIGN.md "Storage, versions and concurrency",
// invariant 3): memory a reader may still hold without a lock (version
// chain entries, a string arena's old blocks) is retired, not freed, and
// freed only once every reader that could have seen it has left.
//
// Invariants:
// 1. A reader brackets its lock-free reads with a Guard. While it is open
//    the thread's slot announces the global epoch it entered at; nested
//    guards share the outermost announcement.
// 2. Retire(p) records p with the epoch current when it was unlinked
//    (the caller unlinks first, so readers entering later never reach it).
//    The epoch advances from e to e + 1 only when no open guard announces
//    an epoch below e; so once it reaches r + 2, no guard from epoch r or
//    earlier is open, and what was retired at r is freed.
// 3. A thread takes one of kSlots slots on its first guard and gives it
//    back when it exits; with every slot taken, Guard::ok() is false and
//    the caller reads under its latch instead.
// Thread safety: all members are thread-safe.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace omen::txn {

class Epochs {
 public:
  static constexpr int kSlots = 512;

  // The process-wide instance (the only one: a thread's slot belongs to it).
  static Epochs& Global();

  // A reader's announcement (invariant 1) on the global instance.
  class Guard {
   public:
    Guard();
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    // False when no slot was free: lock-free reads are not protected.
    bool ok() const { return slot_ != nullptr; }

   private:
    std::atomic<uint64_t>* slot_ = nullptr;
    bool outer_ = false;
  };

  // Frees `p` with `deleter` once no guard that may hold it is open.
  void Retire(void* p, void (*deleter)(void*));
  template <typename T>
  void RetireObject(T* p) {
    Retire(p, [](void* q) { delete static_cast<T*>(q); });
  }
  template <typename T>
  void RetireArray(T* p) {
    Retire(p, [](void* q) { delete[] static_cast<T*>(q); });
  }
  // Advances the epoch if it can and frees what is safe to free.
  void Reclaim();
  // Retired objects not freed yet.
  size_t Pending() const;

 private:
  Epochs() = default;
  struct alignas(64) Slot {
    std::atomic<uint64_t> active{0};  // 0: no guard open; else the epoch entered at
    std::atomic<bool> taken{false};
  };
  struct Retired {
    uint64_t epoch;
    void* p;
    void (*deleter)(void*);
  };
  std::atomic<uint64_t>* TakeSlot();
  bool TryAdvance();

  std::atomic<uint64_t> epoch_{1};
  Slot slots_[kSlots];
  std::atomic<int> used_{0};  // slots_[0, used_) have ever been taken
  mutable std::mutex mu_;
  std::vector<Retired> retired_;  // oldest first
  friend struct ThreadSlot;
};

// The calling thread's slot in the global instance and its guard depth
// (trivially destructible, so reaching it costs no TLS wrapper call; a
// ThreadSlot, made when the slot is taken, gives it back at thread exit).
struct EpochThreadState {
  std::atomic<uint64_t>* slot = nullptr;
  int depth = 0;
};
inline thread_local EpochThreadState this_thread_epoch_state;
struct ThreadSlot {
  std::atomic<uint64_t>* slot = nullptr;
  ~ThreadSlot();
};

inline Epochs::Guard::Guard() {
  EpochThreadState& ts = this_thread_epoch_state;
  if (ts.slot == nullptr && (ts.slot = Global().TakeSlot()) == nullptr) return;
  slot_ = ts.slot;
  if (ts.depth++ > 0) return;
  outer_ = true;
  // Announce, then re-read: if the epoch moved meanwhile, announce the new
  // one (an advance that missed the announcement saw no guard here, so
  // nothing retired before it can be reached after this point).
  std::atomic<uint64_t>& epoch = Global().epoch_;
  uint64_t e0 = epoch.load(std::memory_order_seq_cst);
  for (;;) {
    slot_->store(e0, std::memory_order_seq_cst);
    uint64_t e1 = epoch.load(std::memory_order_seq_cst);
    if (e1 == e0) break;
    e0 = e1;
  }
}

inline Epochs::Guard::~Guard() {
  if (slot_ == nullptr) return;
  --this_thread_epoch_state.depth;
  if (outer_) slot_->store(0, std::memory_order_release);
}

inline Epochs& Epochs::Global() {
  static Epochs* epochs = new Epochs();  // never destroyed: threads may outlive statics
  return *epochs;
}

}  // namespace omen::txn
