#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

constexpr std::string_view kQuery = "{ me { name } topProducts { upc } }";

// Runs kQuery with subgraph A answering `a_status` and B `b_status`; returns the client's status.
int clientStatus(int a_status, int b_status) {
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration(
          "plugins:\n  example.status_code_propagation:\n    status_codes: [500, 403, 401]\n")
      .subgraph("a",
                testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})", a_status))
      .subgraph("b", testing::MockSubgraph().otherwise(R"({"data":{"topProducts":[{"upc":"1"}]}})",
                                                       b_status));
  Status built = harness.build();
  EXPECT_TRUE(built.ok()) << built.message();
  return harness.query(kQuery).status;
}

TEST(StatusCodePropagationExampleTest, AnswersWithAWatchedSubgraphStatus) {
  EXPECT_EQ(clientStatus(403, 200), 403);
  EXPECT_EQ(clientStatus(200, 401), 401);
}

TEST(StatusCodePropagationExampleTest, PrefersTheStatusListedFirst) {
  EXPECT_EQ(clientStatus(401, 500), 500);
  EXPECT_EQ(clientStatus(401, 403), 403);
  EXPECT_EQ(clientStatus(403, 401), 403);
}

TEST(StatusCodePropagationExampleTest, IgnoresStatusesNotListed) {
  EXPECT_EQ(clientStatus(200, 200), 200);
  EXPECT_EQ(clientStatus(404, 200), 200);
}

TEST(StatusCodePropagationExampleTest, RejectsAStatusOutOfRange) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.status_code_propagation", "status_codes: [42]");
  ASSERT_FALSE(plugin.ok());
  EXPECT_NE(plugin.status().message().find("status_codes[0]"), std::string::npos)
      << plugin.status().message();
}

}  // namespace
}  // namespace plexus::examples
