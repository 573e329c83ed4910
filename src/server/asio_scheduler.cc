#include "src/server/asio_scheduler.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <unordered_map>

namespace plexus::server {

// Shared with the timers' handlers, which may run after the scheduler is gone (as cancelled).
struct AsioScheduler::State {
  explicit State(boost::asio::io_context& context) : io(context) {}
  boost::asio::io_context& io;
  TimerId next_id = 1;
  std::unordered_map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers;
};

AsioScheduler::AsioScheduler(boost::asio::io_context& io) : state_(std::make_shared<State>(io)) {}

AsioScheduler::~AsioScheduler() {
  for (auto& [id, timer] : state_->timers) timer->cancel();
  state_->timers.clear();
}

Scheduler::TimerId AsioScheduler::schedule(Clock::duration delay, std::function<void()> fn) {
  TimerId id = state_->next_id++;
  auto timer = std::make_unique<boost::asio::steady_timer>(state_->io, delay);
  timer->async_wait([weak = std::weak_ptr<State>(state_), id,
                     fn = std::move(fn)](const boost::system::error_code& error) {
    std::shared_ptr<State> state = weak.lock();
    if (!state) return;
    auto it = state->timers.find(id);
    if (it == state->timers.end()) return;  // cancelled
    state->timers.erase(it);
    if (!error) fn();
  });
  state_->timers.emplace(id, std::move(timer));
  return id;
}

bool AsioScheduler::cancel(TimerId id) {
  auto it = state_->timers.find(id);
  if (it == state_->timers.end()) return false;
  it->second->cancel();
  state_->timers.erase(it);
  return true;
}

}  // namespace plexus::server
