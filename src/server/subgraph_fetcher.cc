#include "src/server/subgraph_fetcher.h"

#include <unordered_map>
#include <utility>
#include <vector>

namespace plexus::server {

using execution::SubgraphCall;
using execution::SubgraphReply;
using Callback = std::function<void(SubgraphReply)>;

// Shared with the client callbacks, so a reply arriving after the fetcher is gone is harmless.
struct HttpSubgraphFetcher::State {
  FetcherStats stats;
  // URL + '\n' + body → the callbacks of the calls sharing that request (the first one included).
  std::unordered_map<std::string, std::vector<Callback>> in_flight;
};

namespace {

SubgraphReply toReply(http::ClientResult& result) {
  SubgraphReply reply;
  if (!result.ok()) {
    reply.error = result.error().message;
    return reply;
  }
  reply.status = result.response().status;
  reply.headers = std::move(result.response().headers);
  reply.body = std::move(result.response().body);
  return reply;
}

}  // namespace

HttpSubgraphFetcher::HttpSubgraphFetcher(http::Client& client,
                                         std::shared_ptr<const FetcherSettings> settings)
    : client_(client), settings_(std::move(settings)), state_(std::make_shared<State>()) {}

HttpSubgraphFetcher::~HttpSubgraphFetcher() = default;

FetcherStats HttpSubgraphFetcher::stats() const { return state_->stats; }

void HttpSubgraphFetcher::fetch(SubgraphCall call, Callback done) {
  const FetcherSettings& settings = *settings_;
  std::string_view url = call.url;

  http::ClientRequest request;
  request.url = std::string(url);
  request.timeout = settings.traffic_shaping.timeout(call.service);
  if (call.headers.empty()) {
    request.request.headers.add("content-type", "application/json");
    request.request.headers.add("accept", "application/graphql-response+json, application/json");
  } else {
    request.request.headers = std::move(call.headers);
  }

  if (!settings.traffic_shaping.deduplicateQuery(call.service)) {
    request.request.body = std::move(call.body);
    ++state_->stats.requests_sent;
    client_.send(std::move(request),
                 [done = std::move(done)](http::ClientResult result) { done(toReply(result)); });
    return;
  }

  // The same URL, headers and body: the same request.
  std::string key;
  key.reserve(url.size() + 1 + call.body.size());
  key.append(url).append(1, '\n');
  for (const auto& [name, value] : request.request.headers) {
    key.append(name).append(1, ':').append(value).append(1, '\n');
  }
  key.append(call.body);
  auto [entry, first] = state_->in_flight.try_emplace(std::move(key));
  entry->second.push_back(std::move(done));
  if (!first) {
    ++state_->stats.deduplicated;
    return;
  }
  request.request.body = std::move(call.body);
  ++state_->stats.requests_sent;
  client_.send(std::move(request), [state = state_, key = entry->first](http::ClientResult result) {
    auto node = state->in_flight.extract(key);
    std::vector<Callback> waiters = std::move(node.mapped());
    SubgraphReply reply = toReply(result);
    for (size_t i = 0; i + 1 < waiters.size(); ++i) waiters[i](reply);
    waiters.back()(std::move(reply));
  });
}

subgraph::Service subgraphCore(std::shared_ptr<execution::SubgraphFetcher> fetcher) {
  return
      [fetcher = std::move(fetcher)](subgraph::Request request, Reply<subgraph::Response> reply) {
        // The call's views point into the request, kept alive until the reply.
        auto owned = std::make_shared<subgraph::Request>(std::move(request));
        SubgraphCall call;
        call.service = owned->subgraph_name;
        call.url = owned->uri;
        call.body = std::move(owned->http.body);
        call.headers = std::move(owned->http.headers);
        fetcher->fetch(std::move(call), [owned, reply = std::move(reply)](SubgraphReply answer) {
          subgraph::Response response;
          response.error = std::move(answer.error);
          response.status = answer.status;
          response.headers = std::move(answer.headers);
          response.body = std::move(answer.body);
          response.context = owned->context;
          reply(std::move(response));
        });
      };
}

}  // namespace plexus::server
