// The running router: a RouterService for one supergraph and configuration, served by an
// http::Server with one worker per core, each worker with its own http::Client and
// HttpSubgraphFetcher (its own subgraph connection pools).
//
//   auto supergraph = federation::Supergraph::fromSdl(sdl, path);
//   StatusOr<std::unique_ptr<Router>> router =
//       Router::start({.config = config, .supergraph = *supergraph, .workers = 0});
//   if (!router.ok()) return router.status();       // e.g. "127.0.0.1:4000: cannot bind: …"
//   std::cerr << "listening on " << (*router)->url() << "\n";   // http://127.0.0.1:4000/
//   (*router)->stop(std::chrono::seconds(3));        // graceful, then joins the workers
//
// Thread-safety: start/stop/url/stats from one control thread. Destroying it stops it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

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
  int workers() const;
  // "http://<listen host>:<port><supergraph.path>", IPv6 hosts in brackets;
  // "unix:<socket path>:<supergraph.path>" on a Unix socket.
  std::string url() const;
  // Requests and dedup counts of every worker's fetcher, collected as the workers stop (zero
  // until stop() has run).
  FetcherStats fetcherStats() const;

  // Stops accepting, lets requests in progress finish for up to `grace`, closes the rest.
  void stop(std::chrono::milliseconds grace);

  struct Impl;

 private:
  explicit Router(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plexus::server
