#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

constexpr std::string_view kConfig = "plugins:\n  example.forbid_anonymous_operations: {}\n";
constexpr std::string_view kRefused =
    R"({"errors":[{"message":"Anonymous operations are not allowed",)"
    R"("extensions":{"code":"ANONYMOUS_OPERATION"}}]})";

class ForbidAnonymousOperationsExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    harness_.supergraph(test::supergraphSdl())
        .configuration(std::string(kConfig))
        .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
    Status built = harness_.build();
    ASSERT_TRUE(built.ok()) << built.message();
  }
  testing::TestHarness harness_;
};

TEST_F(ForbidAnonymousOperationsExampleTest, RefusesARequestWithoutOperationName) {
  http::Response response = harness_.query("{ me { name } }");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, kRefused);
  EXPECT_TRUE(harness_.mock("a").received().empty());
}

TEST_F(ForbidAnonymousOperationsExampleTest, RefusesANamedOperationSentWithoutOperationName) {
  http::Response response = harness_.query("query Me { me { name } }");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, kRefused);
}

TEST_F(ForbidAnonymousOperationsExampleTest, LetsANamedOperationThrough) {
  http::Response response =
      harness_.post(R"({"query":"query Me { me { name } }","operationName":"Me"})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(harness_.mock("a").received().size(), 1u);
}

// The hook on its own, as Apollo's unit test: the next service must not be called.
TEST(ForbidAnonymousOperationsUnitExampleTest, AnswersWithoutCallingTheNextService) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.forbid_anonymous_operations");
  ASSERT_TRUE(plugin.ok()) << plugin.status().message();
  bool called = false;
  supergraph::Service service = (*plugin)->supergraphService(
      [&called](supergraph::Request, Reply<supergraph::Response>) { called = true; });
  std::optional<supergraph::Response> answer;
  supergraph::Request request;
  request.query = "{ me { name } }";
  service(std::move(request), [&answer](supergraph::Response response) { answer = response; });
  EXPECT_FALSE(called);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 400);
  EXPECT_EQ(answer->body.text(), kRefused);
}

}  // namespace
}  // namespace plexus::examples
