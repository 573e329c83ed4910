// Timers on a worker's event loop, for layers that must act when nothing else happens (a
// timeout). The router installs one Scheduler per worker thread before the worker runs requests;
// code running a request finds it with currentScheduler(). Tests install a ManualScheduler, whose
// clock only moves when the test says so.
//
//   ManualScheduler scheduler;                 // in a test; the router installs its own
//   ScopedScheduler installed(scheduler);      // currentScheduler() == &scheduler on this thread
//   Scheduler::TimerId id = currentScheduler()->schedule(std::chrono::seconds(1), [] { … });
//   currentScheduler()->cancel(id);            // or: scheduler.advance(std::chrono::seconds(1))
//
// Contract of every Scheduler: schedule() and cancel() are called on the scheduler's own thread,
// and a scheduled function runs on that thread, never inside schedule() itself. A cancelled
// function never runs. Not thread-safe: each worker has its own.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <utility>

namespace plexus {

class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;
  using TimerId = uint64_t;

  virtual ~Scheduler() = default;

  virtual Clock::time_point now() const = 0;
  // Runs `fn` once, on this scheduler's thread, `delay` from now (at the earliest).
  virtual TimerId schedule(Clock::duration delay, std::function<void()> fn) = 0;
  // Drops a timer that has not run; returns false if it already ran or was cancelled.
  virtual bool cancel(TimerId id) = 0;
};

// The scheduler of the calling thread's worker, or nullptr on a thread without one. Defined once
// in the router (src/services/layers.cc), so plugins loaded as shared libraries see the same one.
Scheduler* currentScheduler();

// Installs `scheduler` as the calling thread's currentScheduler() for this object's lifetime,
// restoring the previous one afterwards. The router's worker holds one while it runs.
class ScopedScheduler {
 public:
  explicit ScopedScheduler(Scheduler& scheduler);
  ~ScopedScheduler();
  ScopedScheduler(const ScopedScheduler&) = delete;
  ScopedScheduler& operator=(const ScopedScheduler&) = delete;

 private:
  Scheduler* previous_;
};

// A deterministic scheduler for tests: time stands still until advance(), which runs every timer
// that falls due, in deadline order (timers scheduled at the same deadline in schedule order),
// including timers that due functions schedule within the advanced window.
class ManualScheduler : public Scheduler {
 public:
  Clock::time_point now() const override { return now_; }

  TimerId schedule(Clock::duration delay, std::function<void()> fn) override {
    TimerId id = next_id_++;
    timers_.emplace(Key{now_ + delay, id}, std::move(fn));
    deadlines_.emplace(id, now_ + delay);
    return id;
  }

  bool cancel(TimerId id) override {
    auto it = deadlines_.find(id);
    if (it == deadlines_.end()) return false;
    timers_.erase(Key{it->second, id});
    deadlines_.erase(it);
    return true;
  }

  // Moves the clock forward by `delta`, running what falls due on the way.
  void advance(Clock::duration delta) {
    const Clock::time_point until = now_ + delta;
    while (!timers_.empty() && timers_.begin()->first.first <= until) {
      auto it = timers_.begin();
      now_ = std::max(now_, it->first.first);
      std::function<void()> fn = std::move(it->second);
      deadlines_.erase(it->first.second);
      timers_.erase(it);
      fn();
    }
    now_ = until;
  }

  // Timers scheduled and neither run nor cancelled.
  size_t pending() const { return timers_.size(); }

 private:
  using Key = std::pair<Clock::time_point, TimerId>;
  Clock::time_point now_{};
  TimerId next_id_ = 1;
  std::map<Key, std::function<void()>> timers_;
  std::map<TimerId, Clock::time_point> deadlines_;
};

}  // namespace plexus
