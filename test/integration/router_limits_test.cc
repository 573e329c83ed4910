// The router's HTTP limits as router.yaml sets them (Apollo's keys): an oversized body gets 413,
// too many header fields 431, and a client that trickles its request head (slowloris) is cut off
// after server.http.header_read_timeout.
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/http/testing/raw_socket.h"
#include "src/server/router.h"
#include "test/integration/integration_support.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using http::testing::RawConnection;

constexpr std::string_view kLimitsYaml = R"yaml(
supergraph:
  listen: 127.0.0.1:0
limits:
  http_max_request_bytes: 1000
  http1_max_request_headers: 10
server:
  http:
    header_read_timeout: 300ms
)yaml";

class RouterLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<config::RouterConfig> config = config::parseRouterConfig(kLimitsYaml);
    ASSERT_TRUE(config.ok()) << config.status().message();
    config->override_subgraph_url["a"] = accounts_.url();
    config->health_check.enabled = false;
    auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
    ASSERT_TRUE(supergraph.ok()) << supergraph.status().message();
    auto router = server::Router::start(
        {.config = std::move(*config), .supergraph = std::move(*supergraph), .workers = 2});
    ASSERT_TRUE(router.ok()) << router.status().message();
    router_ = std::move(*router);
  }

  static std::string post(std::string_view body, std::string_view extra_headers = "") {
    return "POST / HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\n" +
           std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + std::string(body);
  }

  FakeSubgraph accounts_{kAccountsReply};
  std::unique_ptr<server::Router> router_;
};

TEST_F(RouterLimitsTest, AnswersABodyOverHttpMaxRequestBytesWith413AndCloses) {
  // Padded with spaces, still a valid request: only the size differs.
  std::string query = R"({"query":"{ me { name } }"})";
  std::string at_limit = query + std::string(1000 - query.size(), ' ');
  RawConnection fits = RawConnection::connect(router_->port());
  ASSERT_TRUE(fits.write(post(at_limit)));
  std::optional<http::Response> response = fits.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data":{"me":{"name":"Ada"}}})");

  RawConnection too_big = RawConnection::connect(router_->port());
  ASSERT_TRUE(too_big.write(post(at_limit + " ")));
  response = too_big.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->headers.get("connection"), "close");
  EXPECT_TRUE(too_big.waitForClose());
  EXPECT_EQ(accounts_.bodies().size(), 1u) << "the oversized request reached a subgraph";
}

TEST_F(RouterLimitsTest, AnswersMoreHeaderFieldsThanHttp1MaxRequestHeadersWith431) {
  std::string headers;
  for (int i = 0; i < 10; ++i) headers += "X-Extra-" + std::to_string(i) + ": 1\r\n";
  RawConnection client = RawConnection::connect(router_->port());
  ASSERT_TRUE(client.write(post(R"({"query":"{ __typename }"})", headers)));
  std::optional<http::Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(client.waitForClose());
}

TEST_F(RouterLimitsTest, CutsOffASlowlorisClientAfterHeaderReadTimeout) {
  // Sends its head a byte every 20 ms (the whole head would take about 4 s), never finishing.
  std::string head = "POST / HTTP/1.1\r\nHost: router\r\nX-Slow: " + std::string(150, 's');
  RawConnection slowloris = RawConnection::connect(router_->port());
  Clock::time_point start = Clock::now();
  size_t sent = 0;
  while (sent < head.size() && slowloris.write(head.substr(sent, 1))) {
    ++sent;
    std::this_thread::sleep_for(20ms);
  }
  Clock::duration lasted = Clock::now() - start;
  EXPECT_LT(sent, head.size()) << "the router never cut the connection off";
  EXPECT_GE(lasted, 300ms) << "cut off before header_read_timeout";
  EXPECT_LT(lasted, 2s);

  // One that connects and sends nothing is closed after the same timeout.
  RawConnection silent = RawConnection::connect(router_->port());
  start = Clock::now();
  EXPECT_TRUE(silent.waitForClose());
  EXPECT_GE(Clock::now() - start, 250ms);

  // Meanwhile the router serves everyone else.
  RawConnection client = RawConnection::connect(router_->port());
  ASSERT_TRUE(client.write(post(R"({"query":"{ me { name } }"})")));
  std::optional<http::Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

}  // namespace
}  // namespace plexus::test
