#include "src/server/metrics_endpoint.h"

#include <utility>

#include "include/plexus/metrics.h"

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

StatusOr<std::unique_ptr<AdminEndpoint>> startMetricsEndpoint(
    const config::PrometheusConfig& config) {
  return AdminEndpoint::start(config.listen, config.path,
                              "telemetry.exporters.metrics.prometheus.listen",
                              [](const http::Request&) { return metricsResponse(); });
}

}  // namespace plexus::server
