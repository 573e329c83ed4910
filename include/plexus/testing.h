// The plugin test harness: the whole request pipeline in memory — the router's own stages, the
// plugins configured in router.yaml, extra plugin instances — over mock subgraphs that answer
// canned JSON by query. Call it like a client; inspect what each subgraph received.
//
//   plexus::testing::TestHarness harness;
//   harness.supergraph(sdl)
//       .configuration("plugins:\n  acme.auth:\n    header: x-api-key\n")
//       .subgraph("accounts", plexus::testing::MockSubgraph()
//                                 .answer("{me{name}}", R"({"data":{"me":{"name":"Ada"}}})"));
//   ASSERT_TRUE(harness.build().ok());
//   http::Response response = harness.query("{ me { name } }", {{"x-api-key", "k"}});
//   EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");
//   EXPECT_EQ(harness.mock("accounts").received()[0].headers.get("x-user"), "ada");
//
// Requests run on the calling thread, which runs an event loop for the plugins' timers
// (currentScheduler()) and HTTP calls (currentHttpClient()) while it waits for the answer, up to a
// 10 s safety limit. Subgraph answers arrive on that loop, as real ones do. Not thread-safe: one
// harness per test thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus::testing {

// Answers a subgraph's requests by query text, compared with whitespace and commas removed
// ("{ me { name } }" matches "{me{name}}"). An unmatched query gets a GraphQL error naming it.
class MockSubgraph {
 public:
  struct Received {
    std::string query;
    std::string operation_name;
    json::Value variables;  // null when none were sent
    http::Headers headers;
    std::string body;  // as sent
  };

  MockSubgraph& answer(std::string_view query, std::string response_json, int status = 200);
  // The answer to every query without its own.
  MockSubgraph& otherwise(std::string response_json, int status = 200);

  const std::vector<Received>& received() const { return received_; }

  // The harness's side: records a request body and its headers, returns the status and body.
  std::pair<int, std::string> respond(const std::string& body, const http::Headers& headers);

 private:
  struct Canned {
    int status;
    std::string body;
  };
  std::map<std::string, Canned, std::less<>> answers_;
  std::optional<Canned> otherwise_;
  std::vector<Received> received_;
};

// Creates one registered plugin from its YAML section, as the router would under
// `plugins: { <name>: … }`, to unit-test its hooks directly (Apollo's PluginInit::fake_builder):
//
//   auto plugin = plexus::testing::createPlugin("acme.auth", "header: x-api-key\n");
//   ASSERT_TRUE(plugin.ok()) << plugin.status().message();
//   supergraph::Service service = (*plugin)->supergraphService(mock_next);
//
// Errors are the router's: an unknown plugin, a section the plugin refuses (with its YAML path and
// position, the file named "router.yaml"), or "plugin <name>: <reason>" when its creation fails.
StatusOr<std::shared_ptr<Plugin>> createPlugin(std::string_view name, std::string_view yaml = "",
                                               std::string supergraph_sdl = "");

class TestHarness {
 public:
  TestHarness();
  ~TestHarness();
  TestHarness(const TestHarness&) = delete;
  TestHarness& operator=(const TestHarness&) = delete;

  TestHarness& supergraph(std::string sdl);
  // router.yaml text; plugins under `plugins:` are created by build(), in order.
  TestHarness& configuration(std::string yaml);
  // A plugin instance added after the configured ones.
  TestHarness& plugin(std::shared_ptr<Plugin> plugin);
  TestHarness& subgraph(std::string name, MockSubgraph mock);

  // Loads the supergraph and configuration and creates the plugins; the first error (with
  // the YAML path, or "plugin <name>: <reason>") when one fails.
  Status build();

  // Runs one HTTP request through the pipeline and returns the response.
  http::Response call(http::Request request);
  // POST of a JSON body (content-type: application/json added).
  http::Response post(std::string body, http::Headers headers = {});
  // POST of {"query": …, "variables": …}.
  http::Response query(std::string_view query, http::Headers headers = {},
                       json::Value variables = json::Value());

  MockSubgraph& mock(std::string_view subgraph);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace plexus::testing
