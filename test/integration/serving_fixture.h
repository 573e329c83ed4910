// Test support: the router in-process from router.yaml text as a user writes it, with the two
// fake subgraphs of integration_support.h, and a client to call it.
//
//   class MyTest : public ServingFixture {};
//   TEST_F(MyTest, …) {
//     auto router = start("cors:\n  allow_any_origin: true\n");
//     http::ClientResult r = send(router->url(), "POST", {{"content-type", "application/json"}},
//                                 R"({"query":"{ me { name } }"})");
//   }
//
// Header-only; tests only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/http/testing/client_runner.h"
#include "src/server/router.h"
#include "test/integration/integration_support.h"

namespace plexus::test {

class ServingFixture : public ::testing::Test {
 protected:
  // supergraph.listen is 127.0.0.1:0 unless `yaml` sets a Unix socket; the subgraph URLs are the
  // fakes' (accounts_url_ instead of accounts_ when set).
  std::unique_ptr<server::Router> start(std::string_view yaml,
                                        std::optional<config::TlsServerConfig> tls = {}) {
    StatusOr<config::RouterConfig> config = config::parseRouterConfig(yaml);
    EXPECT_TRUE(config.ok()) << config.status().message();
    if (!config.ok()) return nullptr;
    if (config->supergraph.listen.unix_socket.empty()) config->supergraph.listen = {"127.0.0.1", 0};
    config->override_subgraph_url["a"] = accounts_url_.empty() ? accounts_.url() : accounts_url_;
    config->override_subgraph_url["b"] = reviews_.url();
    if (tls) config->tls.supergraph = std::move(tls);
    auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
    EXPECT_TRUE(supergraph.ok());
    auto router = server::Router::start(
        {.config = std::move(*config), .supergraph = std::move(*supergraph), .workers = 1});
    EXPECT_TRUE(router.ok()) << router.status().message();
    return router.ok() ? std::move(*router) : nullptr;
  }

  http::ClientResult send(const std::string& url, std::string method, http::Headers headers,
                          std::string body = {}) {
    http::ClientRequest request{.url = url, .timeout = std::chrono::seconds(10)};
    request.request.method = std::move(method);
    request.request.headers = std::move(headers);
    request.request.body = std::move(body);
    return client_.fetch(std::move(request));
  }

  FakeSubgraph accounts_{kAccountsReply};
  FakeSubgraph reviews_{kReviewsReply};
  std::string accounts_url_;
  http::testing::ClientRunner client_;
};

}  // namespace plexus::test
