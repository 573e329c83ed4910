// The router's pipeline as a whole: stage wrappers, batching, include_subgraph_errors,
// override_subgraph_url and the health answers, through RouterService::handle.

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "src/json/value.h"
#include "src/plugins/instances.h"
#include "src/server/builtin_plugins.h"
#include "src/server/health_check.h"
#include "src/server/router_service.h"
#include "src/server/router_service_test_support.h"

namespace plexus::server {
namespace {

http::Response run(RouterService& service, CannedFetcher& fetcher, std::string body,
                   std::string method = "POST", std::string target = "/") {
  http::Request request;
  request.method = std::move(method);
  request.target = std::move(target);
  if (request.method == "POST") request.headers.add("content-type", "application/json");
  if (request.method == "GET") request.headers.add("apollo-require-preflight", "true");
  request.body = std::move(body);
  std::optional<http::Response> response;
  service.handle(request, fetcher, [&](http::Response r) { response = std::move(r); });
  fetcher.drain();
  EXPECT_TRUE(response.has_value()) << "no response";
  return response ? std::move(*response) : http::Response{.status = 0, .headers = {}, .body = {}};
}

TEST(RouterBatchingTest, AnswersAnArrayWithAnArrayInRequestOrder) {
  config::RouterConfig config;
  config.batching.enabled = true;
  RouterService service(testSupergraph(), config);
  CannedFetcher fetcher;
  fetcher.bodies["a"] = R"({"data":{"me":{"name":"Ada"}}})";
  http::Response response =
      run(service, fetcher,
          R"([{"query":"{ me { name } }"},{"query":"{ __typename }"},{"query":"{ nope }"}])");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.get("content-type"), "application/json");
  EXPECT_EQ(response.body,
            R"([{"data":{"me":{"name":"Ada"}}}, {"data":{"__typename":"Query"}}, )"
            R"({"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".",)"
            R"("locations":[{"line":1,"column":3}],)"
            R"("extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}])");
  EXPECT_EQ(fetcher.calls.size(), 1u);
}

TEST(RouterBatchingTest, RefusesBatchesWhenOffAndBeyondTheMaximumSize) {
  CannedFetcher fetcher;
  RouterService off(testSupergraph(), config::RouterConfig{});
  http::Response refused = run(off, fetcher, R"([{"query":"{ __typename }"}])");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("BATCHING_NOT_ENABLED"), std::string::npos) << refused.body;

  config::RouterConfig config;
  config.batching.enabled = true;
  config.batching.maximum_size = 2;
  RouterService limited(testSupergraph(), config);
  http::Response over =
      run(limited, fetcher, R"([{"query":"{a}"},{"query":"{b}"},{"query":"{c}"}])");
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.body,
            R"({"errors":[{"message":"Invalid GraphQL request","extensions":{"details":"Batch )"
            R"(limits exceeded: you provided a batch with 3 entries, but the configured maximum )"
            R"(router batch size is 2","code":"BATCH_LIMIT_EXCEEDED"}}]})");
  EXPECT_EQ(run(limited, fetcher, "[]").status, 400);
  http::Response bad_entry = run(limited, fetcher, R"([{"query":"{a}"}, 1])");
  EXPECT_EQ(bad_entry.status, 400);
  EXPECT_NE(bad_entry.body.find("batch entry 1: the request body must be a JSON object"),
            std::string::npos)
      << bad_entry.body;
  // One entry is still a batch: the answer is an array.
  EXPECT_EQ(run(limited, fetcher, R"([{"query":"{ __typename }"}])").body,
            R"([{"data":{"__typename":"Query"}}])");
}

constexpr std::string_view kFailingMe = R"({"data":{"me":null},"errors":[{"message":"db down",)"
                                        R"("path":["me"],"extensions":{"code":"DB"}}]})";

TEST(IncludeSubgraphErrorsTest, RedactsSubgraphErrorsByDefault) {
  RouterService service(testSupergraph(), config::RouterConfig{});
  CannedFetcher fetcher;
  fetcher.bodies["a"] = kFailingMe;
  EXPECT_EQ(run(service, fetcher, R"({"query":"{ me { name } }"})").body,
            R"({"data":{"me":null},"errors":[{"message":"Subgraph errors redacted",)"
            R"("path":["me"]}]})");
}

TEST(IncludeSubgraphErrorsTest, IncludesThemForAllOrPerSubgraph) {
  config::RouterConfig config;
  config.include_subgraph_errors.all = true;
  RouterService all(testSupergraph(), config);
  CannedFetcher fetcher;
  fetcher.bodies["a"] = kFailingMe;
  const std::string included = R"({"data":{"me":null},"errors":[{"message":"db down",)"
                               R"("path":["me"],"extensions":{"code":"DB","service":"a"}}]})";
  EXPECT_EQ(run(all, fetcher, R"({"query":"{ me { name } }"})").body, included);

  config.include_subgraph_errors.subgraphs["a"] = false;
  RouterService all_but_a(testSupergraph(), config);
  EXPECT_NE(run(all_but_a, fetcher, R"({"query":"{ me { name } }"})").body.find("redacted"),
            std::string::npos);

  config::RouterConfig only_a;
  only_a.include_subgraph_errors.subgraphs["a"] = true;
  RouterService service(testSupergraph(), only_a);
  EXPECT_EQ(run(service, fetcher, R"({"query":"{ me { name } }"})").body, included);
}

TEST(IncludeSubgraphErrorsTest, AppliesApollosObjectFormsFromRouterYaml) {
  auto serviceFor = [](std::string_view yaml) {
    StatusOr<config::RouterConfig> config = config::parseRouterConfig(yaml);
    EXPECT_TRUE(config.ok()) << config.status().message();
    return std::make_unique<RouterService>(testSupergraph(),
                                           config.ok() ? *config : config::RouterConfig{});
  };
  CannedFetcher fetcher;
  fetcher.bodies["a"] = kFailingMe;
  // Message redacted, only `code` kept (so not `service`).
  auto allow_code = serviceFor(
      "include_subgraph_errors:\n  all: {allow_extensions_keys: [code], redact_message: true}\n");
  EXPECT_EQ(run(*allow_code, fetcher, R"({"query":"{ me { name } }"})").body,
            R"({"data":{"me":null},"errors":[{"message":"Subgraph errors redacted",)"
            R"("path":["me"],"extensions":{"code":"DB"}}]})");
  // The subgraph's deny list replaces `all`'s allow list and its own redact_message wins.
  auto deny_code = serviceFor(
      "include_subgraph_errors:\n  all: {allow_extensions_keys: [code], redact_message: true}\n"
      "  subgraphs:\n    a: {deny_extensions_keys: [code], redact_message: false}\n");
  EXPECT_EQ(run(*deny_code, fetcher, R"({"query":"{ me { name } }"})").body,
            R"({"data":{"me":null},"errors":[{"message":"db down","path":["me"],)"
            R"("extensions":{"service":"a"}}]})");
}

TEST(RouterPipelineTest, StageWrappersSeeAndChangeEveryStage) {
  StageWrappers wrappers;
  wrappers.router.push_back([](router::Service next) -> router::Service {
    return [next](router::Request request, Reply<router::Response> reply) {
      request.context.insert(
          "tenant", json::Value(std::string(request.http.headers.get("x-tenant").value_or("-"))));
      next(std::move(request), [reply](router::Response response) {
        response.http.headers.add("x-router", "seen");
        reply(std::move(response));
      });
    };
  });
  wrappers.execution.push_back([](execution::Service next) -> execution::Service {
    return [next](execution::Request request, Reply<execution::Response> reply) {
      EXPECT_TRUE(request.plan);
      EXPECT_EQ(request.supergraph->query, "{ me { name } }");
      next(std::move(request), reply);
    };
  });
  wrappers.subgraph.push_back([](std::string_view name, subgraph::Service next) {
    return subgraph::Service([name = std::string(name), next](subgraph::Request request,
                                                              Reply<subgraph::Response> reply) {
      request.http.headers.set("x-tenant", request.context.get("tenant")->asString());
      request.http.headers.set("x-subgraph", name);
      next(std::move(request), [reply](subgraph::Response response) {
        response.context.insert("subgraph_status", json::Value(response.status));
        reply(std::move(response));
      });
    });
  });
  wrappers.supergraph.push_back([](supergraph::Service next) -> supergraph::Service {
    return [next](supergraph::Request request, Reply<supergraph::Response> reply) {
      next(std::move(request), [reply](supergraph::Response response) {
        response.body.json()["extensions"]["status"] = *response.context.get("subgraph_status");
        reply(std::move(response));
      });
    };
  });
  config::RouterConfig config;
  config.override_subgraph_url["a"] = "http://accounts.internal/graphql";
  RouterService service(testSupergraph(), config, {}, std::move(wrappers));
  CannedFetcher fetcher;
  fetcher.bodies["a"] = R"({"data":{"me":{"name":"Ada"}}})";
  http::Request request;
  request.method = "POST";
  request.headers.add("content-type", "application/json");
  request.headers.add("x-tenant", "acme");
  request.body = R"({"query":"{ me { name } }"})";
  std::optional<http::Response> response;
  service.handle(request, fetcher, [&](http::Response r) { response = std::move(r); });
  fetcher.drain();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, R"({"data":{"me":{"name":"Ada"}},"extensions":{"status":200}})");
  EXPECT_EQ(response->headers.get("x-router"), "seen");
  ASSERT_EQ(fetcher.calls.size(), 1u);
  EXPECT_EQ(fetcher.calls[0].url, "http://accounts.internal/graphql");
  EXPECT_EQ(fetcher.calls[0].headers.get("x-tenant"), "acme");
  EXPECT_EQ(fetcher.calls[0].headers.get("x-subgraph"), "a");
  EXPECT_EQ(fetcher.calls[0].headers.get("content-type"), "application/json");
}

TEST(RouterPipelineTest, ASubgraphWrapperMayAnswerAtOnce) {
  StageWrappers wrappers;
  wrappers.subgraph.push_back([](std::string_view, subgraph::Service) {
    return subgraph::Service([](subgraph::Request request, Reply<subgraph::Response> reply) {
      subgraph::Response response;
      response.status = 200;
      response.body = R"({"data":{"me":{"name":"cached"}}})";
      response.context = request.context;
      reply(std::move(response));
    });
  });
  RouterService service(testSupergraph(), config::RouterConfig{}, {}, std::move(wrappers));
  CannedFetcher fetcher;
  EXPECT_EQ(run(service, fetcher, R"({"query":"{ me { name } }"})").body,
            R"({"data":{"me":{"name":"cached"}}})");
  EXPECT_TRUE(fetcher.calls.empty());
}

TEST(RouterHealthTest, AnswersLiveAndReadyFromTheHealthState) {
  config::RouterConfig config;
  auto health = std::make_shared<HealthState>(config.health_check);
  RouterServiceOptions options;
  options.health = health;
  RouterService service(testSupergraph(), config, options);
  CannedFetcher fetcher;
  EXPECT_EQ(run(service, fetcher, "", "GET", "/health?ready").status, 503);
  health->activate();
  http::Response ready = run(service, fetcher, "", "GET", "/health?ready");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, R"({"status":"UP"})");
  health->deactivate();
  http::Response down = run(service, fetcher, "", "GET", "/health?live");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.body, R"({"status":"DOWN"})");
  EXPECT_EQ(run(service, fetcher, "", "GET", "/health").status, 200);
}

// csrf (on by default): a request a browser could send without a preflight is refused before
// anything else looks at it; a required header or a non-simple content-type lets it through.
// The router's built-in plugins (apollo.cors, apollo.csrf, …) for `config`, as the router adds
// them.
std::unique_ptr<RouterService> withBuiltins(const config::RouterConfig& config) {
  StageWrappers wrappers;
  auto builtins =
      builtinPlugins(config, std::make_shared<HealthState>(config.health_check), nullptr);
  EXPECT_TRUE(builtins.ok());
  for (const BuiltinPlugin& builtin : *builtins) plugins::addPlugin(builtin.plugin, wrappers);
  return std::make_unique<RouterService>(testSupergraph(), config, RouterServiceOptions{},
                                         std::move(wrappers));
}

TEST(RouterCsrfTest, RefusesSimpleRequestsUnlessPreflightedOrDisabled) {
  std::unique_ptr<RouterService> owned = withBuiltins(config::RouterConfig{});
  RouterService& service = *owned;
  CannedFetcher fetcher;
  http::Request simple;
  simple.method = "GET";
  simple.target = "/?query=%7B__typename%7D";
  std::optional<http::Response> response;
  service.handle(simple, fetcher, [&](http::Response r) { response = std::move(r); });
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(response->body.find("CSRF_ERROR"), std::string::npos) << response->body;
  simple.method = "POST";
  simple.headers.add("content-type", "text/plain");
  simple.body = R"({"query":"{ __typename }"})";
  service.handle(simple, fetcher, [&](http::Response r) { response = std::move(r); });
  EXPECT_EQ(response->status, 400);

  config::RouterConfig disabled;
  disabled.csrf.unsafe_disabled = true;
  std::unique_ptr<RouterService> owned_open = withBuiltins(disabled);
  RouterService& open = *owned_open;
  simple.method = "GET";
  simple.headers.clear();
  simple.body.clear();
  open.handle(simple, fetcher, [&](http::Response r) { response = std::move(r); });
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data":{"__typename":"Query"}})");
}

}  // namespace
}  // namespace plexus::server
