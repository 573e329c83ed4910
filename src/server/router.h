// The running router: a generation (a RouterService for one supergraph and configuration, with
// the subgraph fetcher settings of that configuration), served by an http::Server with one worker
// per core, each worker with its own http::Client (its own subgraph connection pools) and an
// HttpSubgraphFetcher per generation.
//
//   auto supergraph = federation::Supergraph::fromSdl(sdl, path);
//   StatusOr<std::unique_ptr<Router>> router =
//       Router::start({.config = config, .supergraph = *supergraph, .workers = 0});
//   if (!router.ok()) return router.status();       // e.g. "127.0.0.1:4000: cannot bind: …"
//   std::cerr << "listening on " << (*router)->url() << "\n";   // http://127.0.0.1:4000/
//   (*router)->reload(new_config, new_supergraph);   // hot reload (hot_reload.h watches files)
//   (*router)->stop(std::chrono::seconds(3));        // graceful, then joins the workers
//
// Generations: reload() builds the new RouterService on the calling thread and swaps it in
// atomically. Each request takes the generation current when it arrives and holds it (and its
// worker's fetcher for that generation) until its response is sent, so requests in flight finish
// on the generation they began with; the old one is freed with its last request.
//
// Health: `health_check` is served on its own listener (or the main one when they are the same
// address): live and ready from start until stop() begins (health_check.h).
//
// Metrics: telemetry.exporters.metrics.prometheus is served the same way (metrics_endpoint.h);
// every request's duration is recorded as http.server.request.duration.
//
// Thread-safety: start/stop/url/stats from one control thread; reload() and the accessors of the
// current generation from any one thread at a time, alongside requests. Destroying it stops it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/server/subgraph_fetcher.h"

namespace plexus::server {

struct RouterOptions {
  config::RouterConfig config;
  std::shared_ptr<const federation::Supergraph> supergraph;
  int workers = 0;  // 0: one per hardware thread
};

class Router {
 public:
  static StatusOr<std::unique_ptr<Router>> start(RouterOptions options);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  uint16_t port() const;  // 0 on a Unix socket
  // The health check's own listener (health_check.listen); 0 when it has none (disabled, or
  // served by the main listener).
  uint16_t healthPort() const;
  // The Prometheus endpoint's own listener (telemetry.exporters.metrics.prometheus.listen); 0
  // when it has none (disabled, or served by the main listener).
  uint16_t metricsPort() const;
  int workers() const;
  // "http://<listen host>:<port><supergraph.path>", IPv6 hosts in brackets;
  // "unix:<socket path>:<supergraph.path>" on a Unix socket.
  std::string url() const;
  // Requests and dedup counts of every worker's fetchers, collected as each fetcher is retired
  // (after a reload, once its last request is done) and as the workers stop.
  FetcherStats fetcherStats() const;

  // Serves `config` and `supergraph` from the next request on. Keys bound into the HTTP server
  // (supergraph.listen, limits.http_max_request_bytes, limits.http1_max_request_headers,
  // server.http.header_read_timeout, server.http.tls_handshake_timeout, tls.supergraph,
  // health_check, telemetry.exporters.metrics.prometheus on its own listener,
  // telemetry.exporters.metrics.common.buckets) keep their running values: their YAML paths are
  // returned when `config` changes them, for a "needs a restart" warning. url() keeps the startup
  // path.
  // An error (a configuration the generation cannot be built from, such as an unusable CORS
  // rule) leaves the running generation serving.
  StatusOr<std::vector<std::string>> reload(
      config::RouterConfig config, std::shared_ptr<const federation::Supergraph> supergraph);
  // The current generation's configuration and supergraph; its number (1 at start, +1 a reload).
  config::RouterConfig config() const;
  std::shared_ptr<const federation::Supergraph> supergraph() const;
  uint64_t generation() const;

  // Stops accepting, lets requests in progress finish for up to `grace`, closes the rest.
  void stop(std::chrono::milliseconds grace);

  struct Impl;

 private:
  explicit Router(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plexus::server
