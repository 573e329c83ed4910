#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/scheduler.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

using namespace std::chrono_literals;

// A subgraph stage that never answers: it keeps the replies it is given.
struct Hang {
  subgraph::Service service() {
    return [this](subgraph::Request, Reply<subgraph::Response> reply) {
      held.push_back(std::move(reply));
    };
  }
  std::vector<Reply<subgraph::Response>> held;
};

TEST(TimeoutExampleTest, AnswersForASubgraphThatIsTooSlow) {
  StatusOr<std::shared_ptr<Plugin>> plugin = test::createPlugin("example.timeout", "limit: 500ms");
  ASSERT_TRUE(plugin.ok()) << plugin.status().message();
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Hang hang;
  subgraph::Service service = (*plugin)->subgraphService("a", hang.service());

  std::vector<subgraph::Response> answers;
  service(subgraph::Request{}, [&answers](subgraph::Response r) { answers.push_back(r); });
  scheduler.advance(499ms);
  EXPECT_TRUE(answers.empty());
  scheduler.advance(1ms);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].status, 504);
  EXPECT_EQ(answers[0].body, R"({"errors":[{"message":"Your request has been timed out",)"
                             R"("extensions":{"code":"GATEWAY_TIMEOUT"}}]})");

  ASSERT_EQ(hang.held.size(), 1u);
  subgraph::Response late;
  late.status = 200;
  hang.held[0](std::move(late));  // comes after the timeout answered: dropped
  EXPECT_EQ(answers.size(), 1u);
}

TEST(TimeoutExampleTest, LeavesUnlistedSubgraphsAlone) {
  StatusOr<std::shared_ptr<Plugin>> plugin =
      test::createPlugin("example.timeout", "limit: 1s\nsubgraphs: [b]\n");
  ASSERT_TRUE(plugin.ok()) << plugin.status().message();
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Hang hang;
  int answered = 0;
  auto count = [&answered](subgraph::Response) { ++answered; };

  (*plugin)->subgraphService("a", hang.service())(subgraph::Request{}, count);
  EXPECT_EQ(scheduler.pending(), 0u);  // no timer: no layer
  (*plugin)->subgraphService("b", hang.service())(subgraph::Request{}, count);
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.advance(1s);
  EXPECT_EQ(answered, 1);
}

// Through the whole pipeline: the slow subgraph's fields become an error, the other's data stays.
TEST(TimeoutExampleTest, TheClientGetsTheOtherSubgraphsDataAndATimeoutError) {
  class HangingSubgraphA : public Plugin {
   public:
    subgraph::Service subgraphService(std::string_view name, subgraph::Service next) override {
      return name == "a" ? hang.service() : next;
    }
    Hang hang;
  };
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration(
          "include_subgraph_errors:\n  all: true\nplugins:\n  example.timeout:\n    limit: 20ms\n")
      .plugin(std::make_shared<HangingSubgraphA>())  // inside the timeout layer
      .subgraph("b",
                testing::MockSubgraph().otherwise(R"({"data":{"topProducts":[{"upc":"1"}]}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();

  http::Response response = harness.query("{ me { name } topProducts { upc } }");
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find(R"("topProducts":[{"upc":"1"}])"), std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("GATEWAY_TIMEOUT"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace plexus::examples
