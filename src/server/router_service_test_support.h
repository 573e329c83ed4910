// Test support for the router's request path: a two-subgraph supergraph (A: User, B: Product)
// and a fetcher with canned answers whose replies wait for drain().
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/execution/executor.h"
#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"

namespace plexus::server {

constexpr std::string_view kTypes = R"(
type Query @join__type(graph: A) @join__type(graph: B) {
  me: User @join__field(graph: A)
  topProducts(first: Int = 2): [Product] @join__field(graph: B)
}
type User @join__type(graph: A, key: "id") {
  id: ID!
  name: String
}
type Product @join__type(graph: B, key: "upc") {
  upc: String!
  price: Int
}
)";

inline std::shared_ptr<const federation::Supergraph> testSupergraph() {
  auto loaded = federation::Supergraph::fromSdl(federation::test::supergraph(kTypes));
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? *loaded : nullptr;
}

// Answers each subgraph with a canned body; replies are queued and delivered by drain(), never
// inside fetch(). Records a copy of every call.
class CannedFetcher : public execution::SubgraphFetcher {
 public:
  struct Call {
    std::string service;
    std::string url;
    std::string body;
    http::Headers headers;
  };
  std::map<std::string, std::string, std::less<>> bodies;
  std::vector<Call> calls;

  void fetch(execution::SubgraphCall call,
             std::function<void(execution::SubgraphReply)> done) override {
    execution::SubgraphReply reply{
        .error = std::nullopt, .status = 200, .headers = {}, .body = "{}"};
    if (auto it = bodies.find(call.service); it != bodies.end()) reply.body = it->second;
    calls.push_back(Call{std::string(call.service), std::string(call.url), std::move(call.body),
                         std::move(call.headers)});
    pending_.emplace_back([done = std::move(done), reply] { done(reply); });
  }

  void drain() {
    while (!pending_.empty()) {
      auto next = std::move(pending_.front());
      pending_.pop_front();
      next();
    }
  }

 private:
  std::deque<std::function<void()>> pending_;
};

}  // namespace plexus::server
