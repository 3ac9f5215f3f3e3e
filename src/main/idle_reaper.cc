#include "main/idle_reaper.h"

#include <vector>

namespace omen {

namespace {

// How soon the reaper retries a connection whose call mutex was busy.
constexpr std::chrono::milliseconds kRetry{10};

}  // namespace

IdleReaper::~IdleReaper() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void IdleReaper::Arm(Target* t, Clock::time_point deadline) {
  std::lock_guard<std::mutex> l(mu_);
  armed_[t] = deadline;
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
  cv_.notify_all();
}

void IdleReaper::Disarm(Target* t) {
  std::lock_guard<std::mutex> l(mu_);
  armed_.erase(t);
}

void IdleReaper::Loop() {
  std::unique_lock<std::mutex> l(mu_);
  while (!stop_) {
    Clock::time_point now = Clock::now();
    Clock::time_point next = Clock::time_point::max();
    std::vector<Target*> due;  // their call mutexes are held (invariant 2)
    for (auto it = armed_.begin(); it != armed_.end();) {
      if (it->second > now) {
        next = std::min(next, it->second);
        ++it;
      } else if (it->first->call_mutex().try_lock()) {
        due.push_back(it->first);
        it = armed_.erase(it);
      } else {
        next = std::min(next, now + kRetry);  // inside a call: not idle now
        ++it;
      }
    }
    if (!due.empty()) {
      // Roll back outside mu_: other connections keep arming meanwhile, and
      // a terminated one cannot be destroyed while we hold its call mutex.
      l.unlock();
      for (Target* t : due) {
        t->TerminateIdle();
        t->call_mutex().unlock();
      }
      l.lock();
      continue;
    }
    if (next == Clock::time_point::max()) {
      cv_.wait(l);
    } else {
      cv_.wait_until(l, next);
    }
  }
}

}  // namespace omen
