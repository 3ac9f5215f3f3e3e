#pragma once
// IdleReaper: idle_in_transaction_session_timeout for embedded Connections
// (issue 4). A Connection left idle inside a transaction block longer than
// its timeout is terminated from this background thread: its transaction is
// rolled back at once (so its row locks go and the reclamation horizon
// moves on without waiting for the application's next call), and every
// later call on it fails with FATAL 25P03 "terminating connection due to
// idle-in-transaction timeout". The server ends such a session itself
// (server/session.cc waits for the client with the same timeout).
//
// Invariants:
// 1. A connection is armed only between two of its calls: the call that
//    leaves it in a block arms it (Arm) with now + timeout, the next call
//    disarms it first (Disarm), both under the connection's call mutex.
// 2. The reaper terminates a connection only while holding that call mutex
//    (try_lock: a connection inside a call is not idle), so the rollback
//    never runs concurrently with the connection's own thread.
// 3. Lock order: a connection's call mutex, then the reaper's mutex; the
//    reaper holds its mutex while it only try_locks call mutexes.
// 4. Connection::~Connection disarms under its call mutex before it frees
//    anything, so the reaper never sees a freed connection.
// Thread safety: every method is thread-safe.

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace omen {

class IdleReaper {
 public:
  using Clock = std::chrono::steady_clock;
  // What the reaper needs of a connection (Connection::Impl implements it).
  class Target {
   public:
    virtual ~Target() = default;
    virtual std::mutex& call_mutex() = 0;
    // Rolls the transaction back and marks the session terminated.
    // REQUIRES: call_mutex() held by the caller.
    virtual void TerminateIdle() = 0;
  };

  IdleReaper() = default;
  ~IdleReaper();  // stops the thread (every connection must be disarmed)
  IdleReaper(const IdleReaper&) = delete;
  IdleReaper& operator=(const IdleReaper&) = delete;

  // Terminates `t` at `deadline` unless disarmed first (re-arming moves the
  // deadline). Starts the thread on first use.
  void Arm(Target* t, Clock::time_point deadline);
  void Disarm(Target* t);

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<Target*, Clock::time_point> armed_;
  std::thread thread_;
  bool stop_ = false;
};

}  // namespace omen
