#include "txn/epochs.h"

#include <utility>

namespace omen::txn {

ThreadSlot::~ThreadSlot() {
  if (slot == nullptr) return;
  // Give the slot back: the Slot holding `slot` is marked free.
  Epochs& e = Epochs::Global();
  for (auto& s : e.slots_) {
    if (&s.active != slot) continue;
    s.active.store(0, std::memory_order_release);
    s.taken.store(false, std::memory_order_release);
  }
}

std::atomic<uint64_t>* Epochs::TakeSlot() {
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (!slots_[i].taken.load(std::memory_order_relaxed) &&
        slots_[i].taken.compare_exchange_strong(expected, true)) {
      thread_local ThreadSlot releaser;  // gives the slot back at thread exit
      releaser.slot = &slots_[i].active;
      int high = used_.load(std::memory_order_relaxed);
      while (high < i + 1 && !used_.compare_exchange_weak(high, i + 1)) {
      }
      return &slots_[i].active;
    }
  }
  return nullptr;  // retried on the next guard
}

bool Epochs::TryAdvance() {
  uint64_t e = epoch_.load(std::memory_order_seq_cst);
  const int used = used_.load(std::memory_order_seq_cst);
  for (int i = 0; i < used; ++i) {
    uint64_t a = slots_[i].active.load(std::memory_order_seq_cst);
    if (a != 0 && a < e) return false;
  }
  return epoch_.compare_exchange_strong(e, e + 1, std::memory_order_seq_cst);
}

void Epochs::Retire(void* p, void (*deleter)(void*)) {
  if (p == nullptr) return;
  bool reclaim;
  {
    std::lock_guard<std::mutex> l(mu_);
    retired_.push_back(Retired{epoch_.load(std::memory_order_seq_cst), p, deleter});
    reclaim = retired_.size() % 256 == 0;
  }
  if (reclaim) Reclaim();
}

void Epochs::Reclaim() {
  TryAdvance();
  TryAdvance();
  std::vector<Retired> ready;
  {
    std::lock_guard<std::mutex> l(mu_);
    uint64_t e = epoch_.load(std::memory_order_seq_cst);
    size_t n = 0;
    while (n < retired_.size() && retired_[n].epoch + 2 <= e) ++n;
    if (n == 0) return;
    ready.assign(retired_.begin(), retired_.begin() + static_cast<std::ptrdiff_t>(n));
    retired_.erase(retired_.begin(), retired_.begin() + static_cast<std::ptrdiff_t>(n));
  }
  for (const Retired& r : ready) r.deleter(r.p);
}

size_t Epochs::Pending() const {
  std::lock_guard<std::mutex> l(mu_);
  return retired_.size();
}

}  // namespace omen::txn
