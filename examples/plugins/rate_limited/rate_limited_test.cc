#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

constexpr std::string_view kLimited =
    R"({"errors":[{"message":"Your request has been rate limited",)"
    R"("extensions":{"code":"REQUEST_RATE_LIMITED"}}]})";

TEST(RateLimitedExampleTest, AnswersRequestsOverTheLimitWithoutExecutingThem) {
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration("plugins:\n  example.rate_limited:\n    capacity: 2\n    interval: 1h\n")
      .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();

  EXPECT_EQ(harness.query("{ me { name } }").status, 200);
  EXPECT_EQ(harness.query("{ me { name } }").status, 200);
  http::Response limited = harness.query("{ me { name } }");
  EXPECT_EQ(limited.status, 503);
  EXPECT_EQ(limited.body, kLimited);
  EXPECT_EQ(harness.mock("a").received().size(), 2u);
}

// Each worker builds its own pipeline from the same plugin instance: the services it returns
// share one bucket, so the limit holds for the router as a whole.
TEST(RateLimitedExampleTest, SharesOneLimitAcrossTheWorkersPipelines) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.rate_limited", "capacity: 1\ninterval: 1h\n");
  ASSERT_TRUE(plugin.ok()) << plugin.status().message();
  auto answer = [](supergraph::Request, Reply<supergraph::Response> reply) {
    reply(supergraph::Response{});
  };
  supergraph::Service worker1 = (*plugin)->supergraphService(answer);
  supergraph::Service worker2 = (*plugin)->supergraphService(answer);
  auto statusOf = [](const supergraph::Service& service) {
    std::optional<int> status;
    service(supergraph::Request{}, [&status](supergraph::Response r) { status = r.status; });
    return status.value_or(-1);
  };
  EXPECT_EQ(statusOf(worker1), 200);
  EXPECT_EQ(statusOf(worker2), 503);
  EXPECT_EQ(statusOf(worker1), 503);
}

TEST(RateLimitedExampleTest, RejectsAZeroInterval) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.rate_limited", "interval: 0s\n");
  ASSERT_FALSE(plugin.ok());
  EXPECT_NE(plugin.status().message().find("must be longer than 0s"), std::string::npos)
      << plugin.status().message();
}

}  // namespace
}  // namespace plexus::examples
