#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/layers.h"
#include "include/plexus/testing.h"
#include "src/http/server.h"

namespace plexus::examples {
namespace {

// Records what the auth plugin left in the context for the stages after it.
class IdentityProbe : public Plugin {
 public:
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::mapRequest(std::move(next), [this](supergraph::Request& request) {
      std::optional<json::Value> identity = request.context.get("example::async_auth::identity");
      if (identity) seen = identity->asString();
    });
  }
  std::string seen;
};

class AsyncAuthExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The auth service: allows "Bearer good" only.
    http::ServerOptions options;
    options.workers = 1;
    auto server = http::Server::start(options, [this](http::Request& request) {
      ++calls_;
      if (request.headers.get("authorization") != "Bearer good") {
        return http::Response{.status = 403, .headers = {}, .body = "no"};
      }
      return http::Response{.status = 200, .headers = {}, .body = R"({"user":"ada"})"};
    });
    ASSERT_TRUE(server.ok()) << server.status().message();
    auth_ = std::move(*server);
  }
  void TearDown() override {
    if (auth_) auth_->stop(std::chrono::milliseconds(0));
  }

  Status build(uint16_t port) {
    harness_.supergraph(test::supergraphSdl())
        .configuration("plugins:\n  example.async_auth:\n    url: http://127.0.0.1:" +
                       std::to_string(port) + "/check\n")
        .plugin(probe_)
        .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
    return harness_.build();
  }

  std::atomic<int> calls_{0};
  std::unique_ptr<http::Server> auth_;
  std::shared_ptr<IdentityProbe> probe_ = std::make_shared<IdentityProbe>();
  testing::TestHarness harness_;
};

TEST_F(AsyncAuthExampleTest, LetsThroughWhatTheAuthServiceAllows) {
  ASSERT_TRUE(build(auth_->port()).ok());
  http::Response response = harness_.query("{ me { name } }", {{"authorization", "Bearer good"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(calls_.load(), 1);
  EXPECT_EQ(probe_->seen, R"({"user":"ada"})");
}

TEST_F(AsyncAuthExampleTest, RefusesWhatTheAuthServiceRefuses) {
  ASSERT_TRUE(build(auth_->port()).ok());
  http::Response response = harness_.query("{ me { name } }", {{"authorization", "Bearer bad"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.body,
            R"({"errors":[{"message":"Not allowed","extensions":{"code":"UNAUTHORIZED"}}]})");
  EXPECT_TRUE(harness_.mock("a").received().empty());
}

TEST_F(AsyncAuthExampleTest, RefusesARequestWithoutTheHeaderWithoutCallingTheService) {
  ASSERT_TRUE(build(auth_->port()).ok());
  http::Response response = harness_.query("{ me { name } }");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.body, R"({"errors":[{"message":"Missing 'authorization' header",)"
                           R"("extensions":{"code":"AUTH_ERROR"}}]})");
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(AsyncAuthExampleTest, AnswersServiceUnavailableWhenTheAuthServiceIsDown) {
  uint16_t port = auth_->port();
  auth_->stop(std::chrono::milliseconds(0));  // nothing listens on `port` any more
  auth_.reset();
  ASSERT_TRUE(build(port).ok());
  http::Response response = harness_.query("{ me { name } }", {{"authorization", "Bearer good"}});
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("AUTH_SERVICE_UNAVAILABLE"), std::string::npos) << response.body;
}

TEST(AsyncAuthConfigExampleTest, NeedsAUrl) {
  StatusOr<std::shared_ptr<Plugin>> plugin = test::createPlugin("example.async_auth", "{}");
  ASSERT_FALSE(plugin.ok());
  EXPECT_NE(plugin.status().message().find("url"), std::string::npos) << plugin.status().message();
}

}  // namespace
}  // namespace plexus::examples
