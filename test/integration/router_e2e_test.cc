// The router in-process: HTTP in, planning, HTTP calls to real (fake) subgraphs, merged answer out.
#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/http/testing/client_runner.h"
#include "src/server/router.h"
#include "test/integration/integration_support.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

class RouterEndToEndTest : public ::testing::Test {
 protected:
  std::unique_ptr<server::Router> startRouter(config::RouterConfig config) {
    auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
    EXPECT_TRUE(supergraph.ok()) << supergraph.status().message();
    if (!supergraph.ok()) return nullptr;
    config.supergraph.listen = {"127.0.0.1", 0};
    config.health_check.enabled = false;
    config.include_subgraph_errors.all = true;  // these tests read the subgraphs' errors
    config.override_subgraph_url.try_emplace("a", accounts_.url());
    config.override_subgraph_url.try_emplace("b", reviews_.url());
    auto router = server::Router::start(
        {.config = std::move(config), .supergraph = std::move(*supergraph), .workers = 2});
    EXPECT_TRUE(router.ok()) << router.status().message();
    return router.ok() ? std::move(*router) : nullptr;
  }

  http::ClientResult post(server::Router& router, std::string body) {
    http::ClientRequest request{.url = router.url(), .timeout = 10s};
    request.request.headers.add("content-type", "application/json");
    request.request.body = std::move(body);
    return client_.fetch(std::move(request));
  }

  FakeSubgraph accounts_{kAccountsReply};
  FakeSubgraph reviews_{kReviewsReply};
  http::testing::ClientRunner client_;
};

TEST_F(RouterEndToEndTest, JoinsTwoSubgraphsOverHttp) {
  auto router = startRouter({});
  ASSERT_TRUE(router);
  http::ClientResult result = post(*router, R"({"query":"{ me { name reviews { body } } }"})");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().status, 200);
  EXPECT_EQ(result.response().headers.get("content-type"), "application/json");
  EXPECT_EQ(result.response().body,
            R"({"data":{"me":{"name":"Ada","reviews":[{"body":"great"}]}}})");

  ASSERT_EQ(accounts_.bodies().size(), 1u);
  std::vector<std::string> entity_calls = reviews_.bodies();
  ASSERT_EQ(entity_calls.size(), 1u);
  EXPECT_NE(entity_calls[0].find("_entities"), std::string::npos) << entity_calls[0];
  EXPECT_NE(entity_calls[0].find(R"("id":"1")"), std::string::npos) << entity_calls[0];
}

TEST_F(RouterEndToEndTest, AnswersThePingAndHealthWithoutSubgraphs) {
  auto router = startRouter({});
  ASSERT_TRUE(router);
  http::ClientResult ping =
      post(*router, R"({"operationName":"ping","query":"query ping { __typename }"})");
  ASSERT_TRUE(ping.ok()) << ping.error().message;
  EXPECT_EQ(ping.response().body, R"({"data":{"__typename":"Query"}})");

  http::ClientRequest health{.url =
                                 "http://127.0.0.1:" + std::to_string(router->port()) + "/health"};
  health.request.method = "GET";
  http::ClientResult up = client_.fetch(std::move(health));
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up.response().body, R"({"status":"UP"})");
  EXPECT_TRUE(accounts_.bodies().empty());
}

TEST_F(RouterEndToEndTest, ReportsAnUnreachableSubgraphInTheResponse) {
  std::string dead_url;
  {
    FakeSubgraph gone(kAccountsReply);
    dead_url = gone.url();
  }
  config::RouterConfig config;
  config.override_subgraph_url["a"] = dead_url;
  auto router = startRouter(config);
  ASSERT_TRUE(router);
  http::ClientResult result = post(*router, R"({"query":"{ me { name } }"})");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().status, 200);
  EXPECT_NE(result.response().body.find(R"("data":{"me":null})"), std::string::npos)
      << result.response().body;
  EXPECT_NE(result.response().body.find("HTTP fetch failed from 'a'"), std::string::npos)
      << result.response().body;
}

TEST_F(RouterEndToEndTest, DeduplicatesIdenticalSubgraphCallsWhenConfigured) {
  config::RouterConfig config;
  config.traffic_shaping.all.deduplicate_query = true;
  auto router = startRouter(config);
  ASSERT_TRUE(router);
  for (int i = 0; i < 3; ++i) {
    http::ClientResult result = post(*router, R"({"query":"{ me { name } }"})");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.response().body, R"({"data":{"me":{"name":"Ada"}}})");
  }
  // Sequential requests never overlap, so each one still reaches the subgraph.
  EXPECT_EQ(accounts_.bodies().size(), 3u);
  router->stop(1s);
  EXPECT_EQ(router->fetcherStats().requests_sent, 3u);
}

}  // namespace
}  // namespace plexus::test
