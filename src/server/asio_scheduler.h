// The Scheduler (include/plexus/scheduler.h) of a worker: timers on the worker's io_context, so a
// scheduled function runs on the worker's thread. Asio stays in the .cc.
//
//   AsioScheduler scheduler(io);                 // on the worker's thread
//   ScopedScheduler installed(scheduler);        // currentScheduler() for the worker's requests
//
// Belongs to the thread that runs `io`; destroy it there (pending timers are cancelled).
#pragma once

#include <memory>

#include "include/plexus/scheduler.h"

namespace boost::asio {
class io_context;
}

namespace plexus::server {

class AsioScheduler final : public Scheduler {
 public:
  explicit AsioScheduler(boost::asio::io_context& io);
  ~AsioScheduler() override;

  Clock::time_point now() const override { return Clock::now(); }
  TimerId schedule(Clock::duration delay, std::function<void()> fn) override;
  bool cancel(TimerId id) override;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace plexus::server
