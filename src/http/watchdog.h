// A cheap movable deadline for one connection or one client call (internal to src/http; it
// includes Asio, so keep it out of public headers).
//
//   Watchdog watchdog(socket.get_executor(), [&] { socket.close(); });
//   watchdog.setDeadline(Watchdog::Clock::now() + 10s);   // reading the head
//   co_await socket.async_read_some(...);                 // fails once the socket is closed
//   if (watchdog.expired()) …                             // it was the deadline, not the peer
//
// Moving a deadline later costs a store: the timer stays armed for the old time and, when it
// fires early, re-arms itself for the new one. Only an earlier deadline touches the timer. This
// keeps per-read deadline updates off the timer queue on the hot path.
//
// Single-threaded: use it only on the thread that runs its executor. `on_expire` runs on that
// thread, at most once, never after the Watchdog is destroyed.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace plexus::http {

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;

  Watchdog(const boost::asio::any_io_executor& executor, std::function<void()> on_expire)
      : state_(std::make_shared<State>(executor, std::move(on_expire))) {}
  ~Watchdog() {
    state_->alive = false;
    state_->timer.cancel();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void setDeadline(Clock::time_point deadline) {
    state_->deadline = deadline;
    if (deadline < state_->armed) arm(state_);
  }
  void setTimeout(Clock::duration timeout) { setDeadline(Clock::now() + timeout); }
  void disarm() { state_->deadline = Clock::time_point::max(); }
  bool expired() const { return state_->expired; }
  Clock::time_point deadline() const { return state_->deadline; }

 private:
  struct State {
    State(const boost::asio::any_io_executor& executor, std::function<void()> callback)
        : timer(executor), on_expire(std::move(callback)) {}
    boost::asio::steady_timer timer;
    std::function<void()> on_expire;
    Clock::time_point deadline = Clock::time_point::max();
    Clock::time_point armed = Clock::time_point::max();  // what the timer waits for now
    bool alive = true;
    bool expired = false;
  };

  static void arm(const std::shared_ptr<State>& state) {
    state->armed = state->deadline;
    state->timer.expires_at(state->deadline);  // cancels an earlier wait, whose handler returns
    state->timer.async_wait([state](const boost::system::error_code& ec) {
      if (ec || !state->alive) return;
      state->armed = Clock::time_point::max();
      if (state->deadline == Clock::time_point::max()) return;  // disarmed meanwhile
      if (Clock::now() < state->deadline) {
        arm(state);  // the deadline moved later since this wait began
        return;
      }
      state->expired = true;
      state->on_expire();
    });
  }

  std::shared_ptr<State> state_;
};

}  // namespace plexus::http
