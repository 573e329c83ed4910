#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/testing.h"
#include "src/telemetry/log.h"

namespace plexus::examples {
namespace {

// Collects the log lines written while it lives.
class CapturedLog {
 public:
  CapturedLog() {
    log::Options options;
    options.format = log::Format::kText;
    options.display_timestamp = false;
    options.sink = [this](std::string_view line) { lines.emplace_back(line); };
    log::configure(std::move(options));
  }
  ~CapturedLog() { log::configure(log::Options{}); }
  std::vector<std::string> lines;
};

TEST(HelloWorldExampleTest, LogsItsMessageWhenCreatedAndPassesRequestsThrough) {
  CapturedLog log;
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration("plugins:\n  example.hello_world:\n    message: Hello, Bob\n")
      .subgraph("a", testing::MockSubgraph().answer("{ me { name } }",
                                                    R"({"data":{"me":{"name":"Ada"}}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();
  ASSERT_EQ(log.lines.size(), 1u);
  EXPECT_NE(log.lines[0].find("Hello, Bob"), std::string::npos) << log.lines[0];
  EXPECT_NE(log.lines[0].find("plugin=example.hello_world"), std::string::npos) << log.lines[0];

  http::Response response = harness.query("{ me { name } }");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");
}

TEST(HelloWorldExampleTest, RejectsAnUnknownKey) {
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration("plugins:\n  example.hello_world:\n    mesage: hi\n");
  Status built = harness.build();
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.message().find("plugins.example.hello_world.mesage: unknown key"),
            std::string::npos)
      << built.message();
}

}  // namespace
}  // namespace plexus::examples
