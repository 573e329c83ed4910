// The subgraph fetcher the router gives the executor: one HTTP POST per SubgraphCall over the
// worker's pooled http::Client, with the subgraph's timeout from router.yaml, and optional
// in-flight deduplication (traffic_shaping.*.deduplicate_query). subgraphCore() makes any fetcher
// the subgraph stage's core service.
//
//   // On a worker thread (ServerOptions::on_worker_start):
//   http::Client client(io);
//   HttpSubgraphFetcher fetcher(client, settings);        // settings: shared, immutable
//   fetcher.fetch({.service = "products", .url = "http://products:4001/", .body = json},
//                 [](execution::SubgraphReply reply) {
//                   if (reply.error) …                    // "POST http://…: cannot connect: …"
//                   else parse(reply.status, reply.body);
//                 });
//
// Requests carry the call's headers, or when it has none `content-type: application/json` and
// `accept: application/graphql-response+json, application/json`; gzip/deflate responses are
// decoded by the client. Transport failures (refused, timeout, reset, malformed HTTP) come back as
// SubgraphReply::error, the client's message naming the URL and the cause; any HTTP status comes
// back as status + body for the executor to judge.
//
// Deduplication: while a request to one URL with one body and headers is in flight, identical calls
// to a subgraph that has deduplicate_query on wait for it and receive a copy of its reply. Nothing
// is cached once it has completed.
//
// Thread-safety: like its Client, a fetcher belongs to one worker thread; `done` runs on it,
// never inside fetch(). Destroying the fetcher with calls in flight is safe: they complete.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "include/plexus/services.h"
#include "src/config/router_config.h"
#include "src/execution/executor.h"
#include "src/http/client.h"

namespace plexus::server {

// What every worker's fetcher reads; built once from the configuration.
struct FetcherSettings {
  config::TrafficShapingConfig traffic_shaping;
};

struct FetcherStats {
  uint64_t requests_sent = 0;
  uint64_t deduplicated = 0;  // calls answered by sharing an in-flight request
};

class HttpSubgraphFetcher final : public execution::SubgraphFetcher {
 public:
  HttpSubgraphFetcher(http::Client& client, std::shared_ptr<const FetcherSettings> settings);
  ~HttpSubgraphFetcher() override;

  void fetch(execution::SubgraphCall call,
             std::function<void(execution::SubgraphReply)> done) override;

  FetcherStats stats() const;

  struct State;

 private:
  http::Client& client_;
  std::shared_ptr<const FetcherSettings> settings_;
  std::shared_ptr<State> state_;
};

// The subgraph stage's innermost service: sends the subgraph request through `fetcher` (kept
// alive by the service) to its `uri`, with its headers and body.
subgraph::Service subgraphCore(std::shared_ptr<execution::SubgraphFetcher> fetcher);

}  // namespace plexus::server
