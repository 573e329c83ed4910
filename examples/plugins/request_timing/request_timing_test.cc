#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "examples/plugins/example_test_support.h"
#include "include/plexus/span.h"
#include "include/plexus/testing.h"

namespace plexus::examples {
namespace {

// Keeps a copy of every span that ends.
class RecordingSink : public SpanSink {
 public:
  void onEnd(const Span& span) override {
    std::lock_guard lock(mutex_);
    ended.push_back(span);
  }
  std::vector<Span> ended;

 private:
  std::mutex mutex_;
};

TEST(RequestTimingExampleTest, ReportsASpanAndAServerTimingHeader) {
  RecordingSink sink;
  ScopedSpanSink installed(sink);
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl())
      .configuration("plugins:\n  example.request_timing:\n    metric_name: plexus\n")
      .subgraph("a", testing::MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();

  http::Response response =
      harness.post(R"({"query":"query Me { me { name } }","operationName":"Me"})");
  EXPECT_EQ(response.status, 200);
  std::string timing(response.headers.get("server-timing").value_or(""));
  EXPECT_TRUE(std::regex_match(timing, std::regex(R"(plexus;dur=\d+\.\d{3})"))) << timing;

  ASSERT_EQ(sink.ended.size(), 1u);
  const Span& span = sink.ended[0];
  EXPECT_EQ(span.name(), "example.request_timing");
  EXPECT_TRUE(span.ended());
  ASSERT_EQ(span.attributes().size(), 1u);
  EXPECT_EQ(span.attributes()[0].first, "graphql.operation.name");
  EXPECT_EQ(span.attributes()[0].second, json::Value("Me"));
}

TEST(RequestTimingExampleTest, TimesRefusedRequestsToo) {
  RecordingSink sink;
  ScopedSpanSink installed(sink);
  testing::TestHarness harness;
  harness.supergraph(test::supergraphSdl()).configuration("plugins:\n  example.request_timing:\n");
  ASSERT_TRUE(harness.build().ok());
  // Refused by the supergraph stage after the plugin (introspection is off). A query that does
  // not validate never reaches it: as in Apollo, it is answered before the supergraph stage.
  http::Response response = harness.query("{ __schema { queryType { name } } }");
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(response.headers.contains("server-timing"));
  EXPECT_EQ(sink.ended.size(), 1u);
}

}  // namespace
}  // namespace plexus::examples
