#include <gtest/gtest.h>

#include "include/plexus/layers.h"
#include "include/plexus/testing.h"
#include "src/server/router_service_test_support.h"

namespace plexus::testing {
namespace {

using namespace std::chrono_literals;

// Copies a request header into the context and every subgraph request: the shape of a plugin
// that a test drives through the harness.
struct TenantConfig {
  std::string header = "x-tenant";
};

class Tenant : public Plugin {
 public:
  using Config = TenantConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Propagates a tenant header")
        .field("header", &Config::header, string(), "The header")
        .type();
  }
  explicit Tenant(PluginInit<Config> init) : header_(init.config.header) {}
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .checkpoint([header = header_](
                        supergraph::Request& request) -> std::optional<supergraph::Response> {
          std::optional<std::string_view> tenant = request.http.headers.get(header);
          if (!tenant) {
            graphql::GraphQLError error;
            error.message = "missing " + header;
            return supergraph::Response::failure(401, {error}, request.context);
          }
          request.context.insert("tenant", json::Value(std::string(*tenant)));
          return std::nullopt;
        })
        .service(std::move(next));
  }
  subgraph::Service subgraphService(std::string_view, subgraph::Service next) override {
    return layers::mapRequest<subgraph::Request, subgraph::Response>(
        std::move(next), [header = header_](subgraph::Request& request) {
          request.http.headers.set(header, request.context.get("tenant")->asString());
        });
  }

 private:
  std::string header_;
};
PLEXUS_REGISTER_PLUGIN("harness_test", "tenant", Tenant);

TEST(TestHarnessTest, RunsConfiguredPluginsOverMockSubgraphs) {
  TestHarness harness;
  harness.supergraph(federation::test::supergraph(server::kTypes))
      .configuration("plugins:\n  harness_test.tenant:\n    header: x-org\n")
      .subgraph("a", MockSubgraph().answer("{ me { name } }", R"({"data":{"me":{"name":"Ada"}}})"));
  Status built = harness.build();
  ASSERT_TRUE(built.ok()) << built.message();

  http::Response refused = harness.query("{ me { name } }");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body, R"({"errors":[{"message":"missing x-org"}]})");
  EXPECT_TRUE(harness.mock("a").received().empty());

  http::Response answered = harness.query("{ me { name } }", {{"x-org", "acme"}});
  EXPECT_EQ(answered.status, 200);
  EXPECT_EQ(answered.body, R"({"data":{"me":{"name":"Ada"}}})");
  ASSERT_EQ(harness.mock("a").received().size(), 1u);
  EXPECT_EQ(harness.mock("a").received()[0].headers.get("x-org"), "acme");
  EXPECT_NE(harness.mock("a").received()[0].query.find("me"), std::string::npos);
}

TEST(TestHarnessTest, ReportsConfigurationAndPluginErrors) {
  TestHarness harness;
  harness.supergraph(federation::test::supergraph(server::kTypes))
      .configuration("plugins:\n  harness_test.tenant:\n    heder: x\n");
  Status built = harness.build();
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.message().find("plugins.harness_test.tenant.heder: unknown key"),
            std::string::npos)
      << built.message();
}

TEST(TestHarnessTest, CreatesOnePluginFromYamlToTestItsHooks) {
  auto plugin = createPlugin("harness_test.tenant", "header: x-org\n");
  ASSERT_TRUE(plugin.ok()) << plugin.status().message();
  supergraph::Service next = [](supergraph::Request request, Reply<supergraph::Response> reply) {
    supergraph::Response response;
    response.body = GraphQLBody(std::string(R"({"data":{}})"));
    response.context = request.context;
    reply(std::move(response));
  };
  supergraph::Service service = (*plugin)->supergraphService(next);
  supergraph::Request request;
  request.http.headers.add("x-org", "acme");
  std::optional<supergraph::Response> answer;
  service(std::move(request), [&](supergraph::Response response) { answer = std::move(response); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->context.get("tenant")->asString(), "acme");

  auto refused = createPlugin("harness_test.tenant", "headr: x\n");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("router.yaml:1:1: plugins.harness_test.tenant.headr"),
            std::string::npos)
      << refused.status().message();
}

// A plugin's web endpoint answers its own path (and below it, with "/{*rest}"),
// and the GraphQL endpoint is untouched.
TEST(TestHarnessTest, ServesAPluginsWebEndpoint) {
  class Status : public Plugin {
   public:
    std::vector<WebEndpoint> webEndpoints() override {
      return {WebEndpoint{"/status/{*rest}",
                          [](router::Request request, Reply<router::Response> reply) {
                            router::Response response;
                            response.http.status = 200;
                            response.http.body = "ok " + std::string(request.http.path());
                            response.context = request.context;
                            reply(std::move(response));
                          }}};
    }
  };
  TestHarness harness;
  harness.supergraph(federation::test::supergraph(server::kTypes))
      .plugin(std::make_shared<Status>());
  ASSERT_TRUE(harness.build().ok());
  http::Request get;
  get.method = "GET";
  get.target = "/status/deep/path";
  http::Response answer = harness.call(get);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "ok /status/deep/path");
  EXPECT_EQ(harness.query("{ __typename }").body, R"({"data":{"__typename":"Query"}})");
}

TEST(TestHarnessTest, RunsTimersAndExtraPluginInstances) {
  class Slow : public Plugin {
   public:
    subgraph::Service subgraphService(std::string_view, subgraph::Service next) override {
      return layers::ServiceBuilder<subgraph::Request, subgraph::Response>()
          .timeout(20ms)
          .mapReply([](subgraph::Response response, Reply<subgraph::Response> reply) {
            currentScheduler()->schedule(200ms, [response, reply] { reply(response); });
          })
          .service(std::move(next));
    }
  };
  TestHarness harness;
  harness.supergraph(federation::test::supergraph(server::kTypes))
      .configuration("include_subgraph_errors:\n  all: true\n")
      .plugin(std::make_shared<Slow>())
      .subgraph("a", MockSubgraph().otherwise(R"({"data":{"me":{"name":"Ada"}}})"));
  ASSERT_TRUE(harness.build().ok());
  http::Response response = harness.query("{ me { name } }");
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("GATEWAY_TIMEOUT"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace plexus::testing
