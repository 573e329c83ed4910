#include "src/server/health_check.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "src/http/testing/client_runner.h"

namespace plexus::server {
namespace {

using namespace std::chrono_literals;

TEST(HealthStateTest, IsLiveAndReadyOnlyWhileActive) {
  HealthState health(config::HealthCheckConfig{});
  EXPECT_FALSE(health.live());
  EXPECT_EQ(health.answer("live").status, 503);
  health.activate();
  EXPECT_TRUE(health.ready());
  EXPECT_EQ(health.answer("READY").body, R"({"status":"UP"})");
  EXPECT_EQ(health.answer("").status, 200);
  health.deactivate();
  EXPECT_EQ(health.answer("ready=").body, R"({"status":"DOWN"})");
  EXPECT_EQ(health.answer("").status, 200);  // a plain GET is always UP, as in Apollo
}

// More 503 / 504 answers than readiness.allowed in a sampling window: unready for
// readiness.interval.unready, then ready again.
TEST(HealthStateTest, GoesUnreadyAfterTooManyRejectionsAndRecovers) {
  config::HealthCheckConfig config;
  config.readiness_allowed = 2;
  config.readiness_sampling = 50ms;
  config.readiness_unready = 300ms;
  HealthState health(config);
  health.activate();
  router::Service shed =
      health.rejectionCounter()([](router::Request request, Reply<router::Response> reply) {
        reply(router::Response{.http = {.status = 503, .headers = {}, .body = {}},
                               .context = request.context});
      });
  for (int i = 0; i < 3; ++i) shed(router::Request{}, [](router::Response) {});
  auto deadline = std::chrono::steady_clock::now() + 2s;
  while (health.ready() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_FALSE(health.ready());
  EXPECT_TRUE(health.live());
  deadline = std::chrono::steady_clock::now() + 3s;
  while (!health.ready() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(health.ready());
}

TEST(HealthEndpointTest, ServesThePathOnItsOwnListener) {
  config::HealthCheckConfig config;
  config.listen = {"127.0.0.1", 0};
  config.path = "/status";
  auto health = std::make_shared<HealthState>(config);
  health->activate();
  auto endpoint = startHealthEndpoint(config, health);
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().message();
  std::string base = "http://127.0.0.1:" + std::to_string((*endpoint)->port());
  http::testing::ClientRunner client;
  auto get = [&](std::string url) {
    http::ClientRequest request{.url = std::move(url)};
    request.request.method = "GET";
    return client.fetch(std::move(request));
  };
  http::ClientResult ready = get(base + "/status?ready");
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_EQ(ready.response().status, 200);
  EXPECT_EQ(ready.response().body, R"({"status":"UP"})");
  http::ClientResult other = get(base + "/health");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other.response().status, 404);
}

TEST(HealthEndpointTest, ATakenPortIsAnErrorNamingTheKey) {
  config::HealthCheckConfig config;
  config.listen = {"127.0.0.1", 0};
  auto health = std::make_shared<HealthState>(config);
  auto first = startHealthEndpoint(config, health);
  ASSERT_TRUE(first.ok());
  config.listen.port = (*first)->port();
  auto second = startHealthEndpoint(config, health);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().message().starts_with("health_check.listen: "))
      << second.status().message();
}

}  // namespace
}  // namespace plexus::server
