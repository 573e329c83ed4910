#include "src/server/metrics_endpoint.h"

#include <utility>

#include "include/plexus/metrics.h"
#include "src/http/server.h"

namespace plexus::server {

http::Response metricsResponse() {
  http::Response response{.status = 200, .headers = {}, .body = metrics::prometheusText()};
  response.headers.add("content-type", "text/plain; version=0.0.4; charset=utf-8");
  return response;
}

bool servesMetricsOnMainListener(const config::RouterConfig& config, std::string_view path) {
  const config::PrometheusConfig& prometheus = config.metrics.prometheus;
  return prometheus.enabled && path == prometheus.path &&
         config::sameListener(prometheus.listen, config.supergraph.listen);
}

StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::start(
    const config::PrometheusConfig& config) {
  http::ServerOptions options;
  options.host = config.listen.host;
  options.port = config.listen.port;
  options.unix_socket_path = config.listen.unix_socket;
  options.workers = 1;
  std::string path = config.path;
  auto server = http::Server::start(
      std::move(options), [path](http::Request& request, http::Responder respond) {
        if (request.path() != path) {
          return respond(http::Response{.status = 404, .headers = {}, .body = {}});
        }
        if (request.method != "GET" && request.method != "HEAD") {
          http::Response refused{.status = 405, .headers = {}, .body = {}};
          refused.headers.add("allow", "GET, HEAD");
          return respond(std::move(refused));
        }
        respond(metricsResponse());
      });
  if (!server.ok()) {
    return Status::error("telemetry.exporters.metrics.prometheus.listen: " +
                         server.status().message());
  }
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->server_ = std::move(*server);
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() { stop(); }

uint16_t MetricsEndpoint::port() const { return server_ ? server_->port() : 0; }

void MetricsEndpoint::stop() {
  if (server_) server_->stop(std::chrono::milliseconds(0));
  server_.reset();
}

}  // namespace plexus::server
