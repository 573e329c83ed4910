#include "src/server/health_check.h"

#include <utility>

namespace plexus::server {

namespace {

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         http::equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

http::Response healthBody(bool up) {
  http::Response response{.status = up ? 200 : 503,
                          .headers = {},
                          .body = up ? R"({"status":"UP"})" : R"({"status":"DOWN"})"};
  response.headers.add("content-type", "application/json");
  return response;
}

}  // namespace

HealthState::HealthState(const config::HealthCheckConfig& config)
    : config_(config), sampler_([this] { sample(); }) {}

HealthState::~HealthState() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  sampler_.join();
}

void HealthState::activate() {
  live_ = true;
  ready_ = true;
}

void HealthState::deactivate() {
  live_ = false;
  ready_ = false;
}

// apollo-router plugins/healthcheck: each sampling window, more rejections than allowed make the
// router unready for the recovery interval (default twice the sampling interval).
void HealthState::sample() {
  const auto sampling = config_.readiness_sampling;
  const auto unready = config_.readiness_unready.value_or(2 * sampling);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, sampling, [this] { return stopping_; })) return;
    if (rejected_.exchange(0) <= config_.readiness_allowed) continue;
    shedding_ = true;
    if (wake_.wait_for(lock, unready, [this] { return stopping_; })) return;
    rejected_ = 0;
    shedding_ = false;
  }
}

std::function<router::Service(router::Service)> HealthState::rejectionCounter() {
  return [this](router::Service next) -> router::Service {
    return [this, next = std::move(next)](router::Request request, Reply<router::Response> reply) {
      next(std::move(request), [this, reply = std::move(reply)](router::Response response) {
        if (response.http.status == 503 || response.http.status == 504) recordRejection();
        reply(std::move(response));
      });
    };
  };
}

http::Response HealthState::answer(std::string_view query) const {
  if (startsWithIgnoreCase(query, "ready")) return healthBody(ready());
  if (startsWithIgnoreCase(query, "live")) return healthBody(live());
  return healthBody(true);
}

StatusOr<std::unique_ptr<AdminEndpoint>> startHealthEndpoint(
    const config::HealthCheckConfig& config, std::shared_ptr<const HealthState> state) {
  return AdminEndpoint::start(config.listen, config.path, "health_check.listen",
                              [state = std::move(state)](const http::Request& request) {
                                return state->answer(request.query());
                              });
}

}  // namespace plexus::server
