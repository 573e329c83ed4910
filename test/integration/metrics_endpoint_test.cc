// telemetry.exporters.metrics.prometheus end to end: the in-process router serves a plugin's
// custom metric and its own http.server.request.duration on the Prometheus endpoint, on its own
// listener and on the main one.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <gtest/gtest.h>

#include "include/plexus/metrics.h"
#include "src/common/testing/temp_files.h"
#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/http/testing/client_runner.h"
#include "src/http/testing/raw_socket.h"
#include "src/server/router.h"
#include "test/integration/integration_support.h"
#include "test/integration/serving_fixture.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kQuery = R"({"query":"{ me { name } }"})";

class MetricsEndpointTest : public ServingFixture {};

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST_F(MetricsEndpointTest, ServesCustomAndRouterMetricsOnItsOwnListener) {
  auto router = start(R"yaml(
health_check:
  enabled: false
telemetry:
  exporters:
    metrics:
      prometheus:
        enabled: true
        listen: 127.0.0.1:0
        path: /metrics
)yaml");
  ASSERT_TRUE(router);
  ASSERT_NE(router->metricsPort(), 0);
  static const metrics::Counter checks =
      metrics::meter("acme.auth").counter("acme.auth.e2e_checks", "Checked requests");
  checks.add(3, {{"outcome", "allowed"}});

  http::ClientResult query =
      send(router->url(), "POST", {{"content-type", "application/json"}}, std::string(kQuery));
  ASSERT_TRUE(query.ok()) << query.error().message;
  EXPECT_EQ(query.response().status, 200);

  std::string base = "http://127.0.0.1:" + std::to_string(router->metricsPort());
  http::ClientResult scraped = send(base + "/metrics", "GET", {});
  ASSERT_TRUE(scraped.ok()) << scraped.error().message;
  EXPECT_EQ(scraped.response().status, 200);
  EXPECT_EQ(scraped.response().headers.get("content-type"),
            "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = scraped.response().body;
  EXPECT_TRUE(contains(text,
                       "# TYPE acme_auth_e2e_checks_total counter\n"
                       "acme_auth_e2e_checks_total{otel_scope_name=\"acme.auth\","
                       "outcome=\"allowed\"} 3\n"))
      << text;
  EXPECT_TRUE(contains(text, "# TYPE http_server_request_duration_seconds histogram\n")) << text;
  EXPECT_TRUE(contains(text,
                       "http_server_request_duration_seconds_bucket{http_response_status_code="
                       "\"200\",otel_scope_name=\"apollo/router\",le=\"+Inf\"} "))
      << text;

  EXPECT_EQ(send(base + "/", "GET", {}).response().status, 404);
  EXPECT_EQ(send(base + "/metrics", "POST", {}).response().status, 405);
  // The main listener does not serve it: it has its own.
  EXPECT_EQ(send(router->url() + "metrics", "GET", {}).response().status, 404);
}

TEST_F(MetricsEndpointTest, IsServedByTheMainListenerWhenBothListenOnTheSameAddress) {
  std::string socket_path = tempPath("metrics_endpoint.sock");
  unlink(socket_path.c_str());
  auto router = start("health_check:\n  enabled: false\nsupergraph:\n  listen: " + socket_path +
                      "\ntelemetry:\n  exporters:\n    metrics:\n      prometheus:\n"
                      "        enabled: true\n        path: /prom\n        listen: " +
                      socket_path + "\n");
  ASSERT_TRUE(router);
  EXPECT_EQ(router->metricsPort(), 0);

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << strerror(errno);
  timeval tv{.tv_sec = 5, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  http::testing::RawConnection client(fd);
  ASSERT_TRUE(
      client.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                   "Content-Length: " +
                   std::to_string(kQuery.size()) + "\r\n\r\n" + std::string(kQuery)));
  std::optional<http::Response> answered = client.readResponse();
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200);
  ASSERT_TRUE(client.write("GET /prom HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  std::optional<http::Response> scraped = client.readResponse();
  ASSERT_TRUE(scraped);
  EXPECT_EQ(scraped->status, 200);
  EXPECT_TRUE(contains(scraped->body, "http_server_request_duration_seconds_bucket{"))
      << scraped->body;
  client.close();
}

}  // namespace
}  // namespace plexus::test
