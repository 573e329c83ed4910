// The Prometheus scrape endpoint (telemetry.exporters.metrics.prometheus): `GET <path>` answers
// every instrument of include/plexus/metrics.h in the text format 0.0.4.
//
//   if (prometheus.enabled && !config::sameListener(prometheus.listen, supergraph.listen)) {
//     auto endpoint = startMetricsEndpoint(prometheus);      // its own listener
//   }
//   // otherwise the router stage answers `GET <path>` with metricsResponse() on the main one
//
// Thread-safety: metricsResponse() may be called from any thread; start/port/stop from one
// control thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/http/message.h"
#include "src/server/admin_endpoint.h"

namespace plexus::server {

// 200 with the metrics as `text/plain; version=0.0.4; charset=utf-8`.
http::Response metricsResponse();

// Whether the main listener serves the metrics at `path` (enabled, and listening on the
// supergraph's address).
bool servesMetricsOnMainListener(const config::RouterConfig& config, std::string_view path);

// The endpoint's own listener (AdminEndpoint): GET / HEAD on the path.
StatusOr<std::unique_ptr<AdminEndpoint>> startMetricsEndpoint(
    const config::PrometheusConfig& config);

}  // namespace plexus::server
