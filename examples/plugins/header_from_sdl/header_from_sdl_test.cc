#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

TEST(HeaderFromSdlExampleTest, NamesTheSupergraphsSubgraphsOnEveryResponse) {
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration("plugins:\n  example.header_from_sdl:\n    header: x-composed-of\n")
      .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();

  http::Response response = harness.query("{ me { name } }");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.get("x-composed-of"), "a, b");
}

TEST(HeaderFromSdlExampleTest, RefusesASupergraphThatDoesNotParse) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.header_from_sdl", "", "type Query {");
  ASSERT_FALSE(plugin.ok());
  EXPECT_NE(plugin.status().message().find("supergraph:1:13: Syntax Error: Expected Name"),
            std::string::npos)
      << plugin.status().message();
}

}  // namespace
}  // namespace plexus::examples
