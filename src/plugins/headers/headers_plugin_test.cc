#include "src/plugins/headers/headers_plugin.h"

#include <gtest/gtest.h>

#include "include/plexus/layers.h"
#include "include/plexus/testing.h"
#include "src/config/router_config.h"
#include "src/server/router_service_test_support.h"

namespace plexus::plugins::headers {
namespace {

config::HeadersConfig headersSection(std::string_view yaml) {
  StatusOr<config::RouterConfig> config =
      config::parseRouterConfig(yaml, "router.yaml", config::ExpansionContext{});
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? config->headers : config::HeadersConfig{};
}

std::shared_ptr<HeadersPlugin> plugin(std::string_view yaml) {
  StatusOr<std::shared_ptr<HeadersPlugin>> created = HeadersPlugin::create(headersSection(yaml));
  EXPECT_TRUE(created.ok()) << created.status().message();
  return created.ok() ? *created : nullptr;
}

// The pipeline over mock subgraphs "a" (me) and "b" (topProducts), with the headers plugin.
class HeadersPluginTest : public ::testing::Test {
 protected:
  void build(std::string_view yaml) {
    harness_.supergraph(federation::test::supergraph(server::kTypes))
        .plugin(plugin(yaml))
        .subgraph("a",
                  testing::MockSubgraph().answer("{me{name}}", R"({"data":{"me":{"name":"Ada"}}})"))
        .subgraph("b", testing::MockSubgraph().answer("{topProducts{upc}}",
                                                      R"({"data":{"topProducts":[]}})"));
    Status built = harness_.build();
    ASSERT_TRUE(built.ok()) << built.message();
  }

  // The headers subgraph `name` received for the last request.
  const http::Headers& sent(std::string_view name) {
    static const http::Headers kNone;
    const auto& received = harness_.mock(name).received();
    EXPECT_FALSE(received.empty()) << name;
    return received.empty() ? kNone : received.back().headers;
  }

  testing::TestHarness harness_;
};

constexpr std::string_view kRules = R"yaml(
headers:
  all:
    request:
      - propagate: {named: x-tenant, rename: x-org, default: none}
      - propagate: {matching: "^x-trace-.*"}
      - insert: {name: x-from, value: router}
      - insert: {name: x-op, path: $.operationName, default: anonymous}
      - remove: {named: x-trace-secret}
  subgraphs:
    b:
      request:
        - remove: {matching: "^x-from$"}
        - insert: {name: x-only-b, value: "yes"}
)yaml";

TEST_F(HeadersPluginTest, AppliesAllThenTheSubgraphsOwnRulesToWhatTheSubgraphReceives) {
  build(kRules);
  http::Response response = harness_.post(R"({"query":"{ me { name } }","operationName":null})",
                                          {{"X-Tenant", "acme"},
                                           {"x-trace-id", "t1"},
                                           {"x-trace-id", "t2"},
                                           {"x-trace-secret", "s"},
                                           {"authorization", "Bearer k"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");

  const http::Headers& a = sent("a");
  EXPECT_EQ(a.get("x-org"), "acme");  // renamed
  EXPECT_FALSE(a.contains("x-tenant"));
  EXPECT_EQ(a.getAll("x-trace-id"), (std::vector<std::string_view>{"t1", "t2"}));
  EXPECT_FALSE(a.contains("x-trace-secret"));  // propagated, then removed
  EXPECT_FALSE(a.contains("authorization"));   // never named by a rule
  EXPECT_EQ(a.get("x-from"), "router");
  EXPECT_EQ(a.get("x-op"), "anonymous");
  EXPECT_FALSE(a.contains("x-only-b"));
  EXPECT_EQ(a.get("content-type"), "application/json");  // the router's own, untouched

  harness_.query("{ topProducts { upc } }");
  const http::Headers& b = sent("b");
  EXPECT_EQ(b.get("x-org"), "none");   // the default: the client sent no x-tenant
  EXPECT_FALSE(b.contains("x-from"));  // `all` inserted it, `subgraphs.b` removed it
  EXPECT_EQ(b.get("x-only-b"), "yes");
}

// Writes the context at the supergraph stage, which runs before every subgraph request.
class ContextWriter : public Plugin {
 public:
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::mapRequest<supergraph::Request, supergraph::Response>(
        std::move(next), [](supergraph::Request& request) {
          request.context.insert("auth::tenant", json::Value("acme"));
          request.context.insert("auth::level", json::Value(3));
        });
  }
};

TEST_F(HeadersPluginTest, InsertsFromTheContextAndTheRequestBody) {
  harness_.plugin(std::make_shared<ContextWriter>());
  build(R"yaml(
headers:
  all:
    request:
      - insert: {name: x-tenant, from_context: "auth::tenant"}
      - insert: {name: x-level, from_context: "auth::level"}
      - insert: {name: x-app, path: "$.extensions.metadata[0].app_name"}
      - insert: {name: x-vars, path: "$.variables"}
)yaml");
  harness_.post(R"({"query":"{ me { name } }","variables":{"n":1},)"
                R"("extensions":{"metadata":[{"app_name":"web"}]}})");
  const http::Headers& a = sent("a");
  EXPECT_EQ(a.get("x-tenant"), "acme");
  EXPECT_FALSE(a.contains("x-level"));  // only a string in the context becomes a header
  EXPECT_EQ(a.get("x-app"), "web");
  EXPECT_EQ(a.get("x-vars"), R"({"n":1})");  // not a string: its JSON
}

TEST(HeadersPluginCreateTest, AddsNoLayerForASubgraphWithoutRules) {
  std::shared_ptr<HeadersPlugin> headers = plugin(
      "headers:\n  subgraphs:\n    b:\n      request:\n        - insert: {name: x, value: y}\n");
  ASSERT_NE(headers, nullptr);
  EXPECT_TRUE(headers->rulesFor("a").empty());
  EXPECT_EQ(headers->rulesFor("b").rules().size(), 1u);
  bool called = false;
  subgraph::Service next = [&called](subgraph::Request, Reply<subgraph::Response>) {
    called = true;
  };
  subgraph::Service wrapped = headers->subgraphService("a", next);
  wrapped(subgraph::Request{}, [](subgraph::Response) {});
  EXPECT_TRUE(called);
}

TEST(HeadersPluginCreateTest, ASubgraphGetsAllsRulesFirst) {
  std::shared_ptr<HeadersPlugin> headers = plugin(R"yaml(
headers:
  all:
    request:
      - insert: {name: x, value: from-all}
  subgraphs:
    b:
      request:
        - insert: {name: x, value: from-b}
)yaml");
  ASSERT_NE(headers, nullptr);
  ASSERT_EQ(headers->rulesFor("b").rules().size(), 2u);
  EXPECT_EQ(headers->rulesFor("b").rules()[0].value, "from-all");
  EXPECT_EQ(headers->rulesFor("b").rules()[1].value, "from-b");
  EXPECT_EQ(headers->rulesFor("a").rules().size(), 1u);
}

TEST(HeadersPluginCreateTest, ABadJsonPathIsAnErrorNamingItsYamlPath) {
  StatusOr<std::shared_ptr<HeadersPlugin>> created = HeadersPlugin::create(headersSection(
      "headers:\n  subgraphs:\n    b:\n      request:\n        - insert: {name: x, path: "
      "\"$.store.book[?(@.isbn)]\"}\n"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().message(),
            "headers.subgraphs.b.request[0].insert.path: invalid JSONPath "
            "\"$.store.book[?(@.isbn)]\": filter expressions are not supported at 13");
}

}  // namespace
}  // namespace plexus::plugins::headers
