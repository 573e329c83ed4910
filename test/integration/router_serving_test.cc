// The serving settings of router.yaml, end to end through the in-process router and real
// sockets: tls.supergraph, cors, health_check, batching and include_subgraph_errors, each read
// from YAML as a user writes it.
#include <gtest/gtest.h>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/http/testing/client_runner.h"
#include "src/http/testing/tls.h"
#include "src/server/router.h"
#include "test/integration/integration_support.h"
#include "test/integration/serving_fixture.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

// A plugin whose supergraph stage is slower than its own timeout layer: the worker's scheduler
// (the router installs one per worker) must fire the timeout.
class SlowWithTimeout : public Plugin {
 public:
  using Config = NoConfig;
  explicit SlowWithTimeout(PluginInit<Config>) {}
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .timeout(50ms)
        .mapReply([](supergraph::Response response, Reply<supergraph::Response> reply) {
          currentScheduler()->schedule(
              300ms, [response = std::move(response), reply = std::move(reply)]() mutable {
                reply(std::move(response));
              });
        })
        .service(std::move(next));
  }
};
PLEXUS_REGISTER_PLUGIN("serving_test", "slow_with_timeout", SlowWithTimeout);

class RouterServingTest : public ServingFixture {};

constexpr std::string_view kNoHealth = "health_check:\n  enabled: false\n";

TEST_F(RouterServingTest, TerminatesTlsWithTheConfiguredCertificate) {
  http::testing::TestCertificate certificate = http::testing::selfSignedCertificate();
  auto router = start(kNoHealth, config::TlsServerConfig{.certificate = certificate.certificate_pem,
                                                         .key = certificate.key_pem,
                                                         .certificate_chain = std::nullopt});
  ASSERT_TRUE(router);
  std::string error;
  auto connection = http::testing::TlsConnection::connect(
      router->port(), {.trusted_pem = certificate.certificate_pem}, &error);
  ASSERT_TRUE(connection) << error;
  std::string body = R"({"query":"{ me { name } }"})";
  ASSERT_TRUE(
      connection->write("POST / HTTP/1.1\r\nhost: localhost\r\ncontent-type: "
                        "application/json\r\ncontent-length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body));
  std::optional<http::Response> response = connection->readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(connection->alpn(), "http/1.1");
}

TEST_F(RouterServingTest, ABadCertificateStopsStartupNamingTheKey) {
  http::testing::TestCertificate one = http::testing::selfSignedCertificate();
  http::testing::TestCertificate other = http::testing::selfSignedCertificate();
  StatusOr<config::RouterConfig> config = config::parseRouterConfig(kNoHealth);
  ASSERT_TRUE(config.ok());
  config->supergraph.listen = {"127.0.0.1", 0};
  config->tls.supergraph = config::TlsServerConfig{
      .certificate = one.certificate_pem, .key = other.key_pem, .certificate_chain = std::nullopt};
  auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
  ASSERT_TRUE(supergraph.ok());
  auto router = server::Router::start({.config = std::move(*config), .supergraph = *supergraph});
  ASSERT_FALSE(router.ok());
  EXPECT_EQ(router.status().message(), "tls.supergraph.key: does not match the certificate");
}

TEST_F(RouterServingTest, AnswersCorsPreflightsForAllowedOriginsOnly) {
  auto router = start(std::string(kNoHealth) + R"(
cors:
  allow_credentials: true
  policies:
    - origins: [https://app.example.com]
    - match_origins: ["^https://[a-z0-9]+\\.preview\\.example\\.com$"]
      expose_headers: [x-trace]
)");
  ASSERT_TRUE(router);
  http::ClientResult preflight = send(router->url(), "OPTIONS",
                                      {{"origin", "https://pr1.preview.example.com"},
                                       {"access-control-request-method", "POST"},
                                       {"access-control-request-headers", "content-type"}});
  ASSERT_TRUE(preflight.ok()) << preflight.error().message;
  const http::Response& allowed = preflight.response();
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.headers.get("access-control-allow-origin"), "https://pr1.preview.example.com");
  EXPECT_EQ(allowed.headers.get("access-control-allow-credentials"), "true");
  EXPECT_EQ(allowed.headers.get("access-control-allow-headers"), "content-type");

  http::ClientResult query =
      send(router->url(), "POST",
           {{"origin", "https://app.example.com"}, {"content-type", "application/json"}},
           R"({"query":"{ __typename }"})");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query.response().body, R"({"data":{"__typename":"Query"}})");
  EXPECT_EQ(query.response().headers.get("access-control-allow-origin"), "https://app.example.com");
  EXPECT_EQ(query.response().headers.get("vary"), "origin");

  http::ClientResult foreign =
      send(router->url(), "OPTIONS",
           {{"origin", "https://evil.example.com"}, {"access-control-request-method", "POST"}});
  ASSERT_TRUE(foreign.ok());
  EXPECT_FALSE(foreign.response().headers.contains("access-control-allow-origin"));
}

TEST_F(RouterServingTest, AnUnusableCorsRuleStopsStartup) {
  StatusOr<config::RouterConfig> config = config::parseRouterConfig(
      std::string(kNoHealth) + "cors:\n  allow_any_origin: true\n  allow_credentials: true\n");
  if (!config.ok()) {  // refused at load: as good as at start
    EXPECT_NE(config.status().message().find("cors"), std::string::npos);
    return;
  }
  config->supergraph.listen = {"127.0.0.1", 0};
  auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
  auto router = server::Router::start({.config = std::move(*config), .supergraph = *supergraph});
  ASSERT_FALSE(router.ok());
  EXPECT_NE(router.status().message().find("cors"), std::string::npos);
}

TEST_F(RouterServingTest, ServesTheHealthCheckOnItsOwnListener) {
  auto router = start("health_check:\n  listen: 127.0.0.1:0\n  path: /healthz\n");
  ASSERT_TRUE(router);
  ASSERT_NE(router->healthPort(), 0);
  std::string base = "http://127.0.0.1:" + std::to_string(router->healthPort());
  http::ClientResult ready = send(base + "/healthz?ready", "GET", {});
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_EQ(ready.response().status, 200);
  EXPECT_EQ(ready.response().body, R"({"status":"UP"})");
  http::ClientResult live = send(base + "/healthz?live", "GET", {});
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live.response().status, 200);
  EXPECT_EQ(send(base + "/", "GET", {}).response().status, 404);
}

TEST_F(RouterServingTest, AnswersABatchWithAnArray) {
  auto router = start(std::string(kNoHealth) +
                      "batching:\n  enabled: true\n  mode: batch_http_link\n  maximum_size: 3\n");
  ASSERT_TRUE(router);
  http::ClientResult batch =
      send(router->url(), "POST", {{"content-type", "application/json"}},
           R"([{"query":"{ me { name } }"},{"query":"query Ping { __typename }"}])");
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  EXPECT_EQ(batch.response().status, 200);
  EXPECT_EQ(batch.response().body,
            R"([{"data":{"me":{"name":"Ada"}}}, {"data":{"__typename":"Query"}}])");
}

TEST_F(RouterServingTest, RedactsSubgraphErrorsUnlessIncluded) {
  FakeSubgraph failing(R"({"data":{"me":null},"errors":[{"message":"db down"}]})");
  accounts_url_ = failing.url();
  auto redacted = start(kNoHealth);
  ASSERT_TRUE(redacted);
  std::string query = R"({"query":"{ me { name } }"})";
  EXPECT_EQ(
      send(redacted->url(), "POST", {{"content-type", "application/json"}}, query).response().body,
      R"({"data":{"me":null},"errors":[{"message":"Subgraph errors redacted"}]})");
  auto included = start(std::string(kNoHealth) + "include_subgraph_errors:\n  all: true\n");
  ASSERT_TRUE(included);
  EXPECT_EQ(
      send(included->url(), "POST", {{"content-type", "application/json"}}, query).response().body,
      R"({"data":{"me":null},"errors":[{"message":"db down","extensions":{"service":"a"}}]})");
}

TEST_F(RouterServingTest, RunsPluginLayersWithTheWorkersTimers) {
  auto router = start(std::string(kNoHealth) + "plugins:\n  serving_test.slow_with_timeout: {}\n");
  ASSERT_TRUE(router);
  http::ClientResult answer = send(router->url(), "POST", {{"content-type", "application/json"}},
                                   R"({"query":"{ __typename }"})");
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer.response().status, 504);
  EXPECT_NE(answer.response().body.find("GATEWAY_TIMEOUT"), std::string::npos)
      << answer.response().body;
}

}  // namespace
}  // namespace plexus::test
