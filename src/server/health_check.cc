#include "src/server/health_check.h"

#include <utility>

#include "src/http/server.h"

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

StatusOr<std::unique_ptr<HealthEndpoint>> HealthEndpoint::start(
    const config::HealthCheckConfig& config, std::shared_ptr<const HealthState> state) {
  http::ServerOptions options;
  options.host = config.listen.host;
  options.port = config.listen.port;
  options.unix_socket_path = config.listen.unix_socket;
  options.workers = 1;
  std::string path = config.path;
  auto server = http::Server::start(
      std::move(options),
      [state = std::move(state), path](http::Request& request, http::Responder respond) {
        if (request.path() != path) {
          return respond(http::Response{.status = 404, .headers = {}, .body = {}});
        }
        if (request.method != "GET" && request.method != "HEAD") {
          http::Response refused{.status = 405, .headers = {}, .body = {}};
          refused.headers.add("allow", "GET, HEAD");
          return respond(std::move(refused));
        }
        respond(state->answer(request.query()));
      });
  if (!server.ok()) return Status::error("health_check.listen: " + server.status().message());
  std::unique_ptr<HealthEndpoint> endpoint(new HealthEndpoint());
  endpoint->server_ = std::move(*server);
  return endpoint;
}

HealthEndpoint::~HealthEndpoint() { stop(); }

uint16_t HealthEndpoint::port() const { return server_ ? server_->port() : 0; }

void HealthEndpoint::stop() {
  if (server_) server_->stop(std::chrono::milliseconds(0));
  server_.reset();
}

}  // namespace plexus::server
