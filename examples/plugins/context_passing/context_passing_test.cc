#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

class ContextPassingExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    harness_.supergraph(test::supergraphSdl())
        .configuration("plugins:\n  example.context_passing: {}\n")
        .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"))
        .subgraph("b",
                  testing::MockSubgraph().otherwise(R"({"data":{"topProducts":[{"upc":"1"}]}})"));
    Status built = harness_.build();
    ASSERT_TRUE(built.ok()) << built.message();
  }
  testing::TestHarness harness_;
};

TEST_F(ContextPassingExampleTest, CarriesRouterAndSupergraphDataToEverySubgraphCall) {
  http::Response response = harness_.post(
      R"({"query":"query Both { me { name } topProducts { upc } }","operationName":"Both"})",
      {{"x-client-name", "ios"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"},"topProducts":[{"upc":"1"}]}})");
  for (const char* subgraph : {"a", "b"}) {
    ASSERT_EQ(harness_.mock(subgraph).received().size(), 1u) << subgraph;
    const http::Headers& sent = harness_.mock(subgraph).received()[0].headers;
    EXPECT_EQ(sent.get("x-client-name"), "ios") << subgraph;
    EXPECT_EQ(sent.get("x-operation-name"), "Both") << subgraph;
  }
}

TEST_F(ContextPassingExampleTest, CountsTheSubgraphCallsOfEachRequest) {
  http::Response both = harness_.query("{ me { name } topProducts { upc } }");
  EXPECT_EQ(both.headers.get("x-subgraph-calls"), "2");

  http::Response one = harness_.query("{ me { name } }");  // a fresh context: counts from 0
  EXPECT_EQ(one.headers.get("x-subgraph-calls"), "1");
  EXPECT_EQ(harness_.mock("a").received().back().headers.get("x-client-name"), "unknown");
}

}  // namespace
}  // namespace plexus::examples
