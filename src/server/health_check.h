// Apollo Router's health check (`health_check.*`): `GET <path>` answers {"status":"UP"};
// `?live` and `?ready` answer {"status":"UP"} with 200 or {"status":"DOWN"} with 503. The router
// is live and ready from start until it begins to shut down; it is also unready for
// `readiness.interval.unready` after a sampling window (`readiness.interval.sampling`) in which
// more than `readiness.allowed` responses were 503 or 504 (load shedding).
//
//   auto health = std::make_shared<HealthState>(config.health_check);
//   wrappers.router.push_back(health->rejectionCounter());   // counts 503 / 504 answers
//   health->activate();                                         // live and ready
//   http::Response r = health->answer("ready");                 // 200 {"status":"UP"}
//   health->deactivate();                                       // shutting down: 503 DOWN
//
// The endpoint is served on its own listener (`health_check.listen`, 127.0.0.1:8088) by
// startHealthEndpoint, or by the router's main listener when both listen addresses are the same.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "include/plexus/services.h"
#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/http/message.h"
#include "src/server/admin_endpoint.h"

namespace plexus::server {

class HealthState {
 public:
  explicit HealthState(const config::HealthCheckConfig& config);
  ~HealthState();
  HealthState(const HealthState&) = delete;
  HealthState& operator=(const HealthState&) = delete;

  void activate();
  void deactivate();
  bool live() const { return live_.load(); }
  bool ready() const { return ready_.load() && !shedding_.load(); }

  // A load-shedding answer (503 or 504) was sent.
  void recordRejection() { rejected_.fetch_add(1, std::memory_order_relaxed); }
  // A router-stage wrapper that records the 503 / 504 answers passing through it.
  std::function<router::Service(router::Service)> rejectionCounter();

  // The answer to `GET <path>?<query>`: `ready…` or `live…` (any case) check that state.
  http::Response answer(std::string_view query) const;

 private:
  void sample();  // the sampling thread

  const config::HealthCheckConfig config_;
  std::atomic<bool> live_{false};
  std::atomic<bool> ready_{false};
  std::atomic<bool> shedding_{false};
  std::atomic<uint64_t> rejected_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread sampler_;
};

// The health check's own listener (AdminEndpoint): GET / HEAD on health_check.path.
StatusOr<std::unique_ptr<AdminEndpoint>> startHealthEndpoint(
    const config::HealthCheckConfig& config, std::shared_ptr<const HealthState> state);

}  // namespace plexus::server
