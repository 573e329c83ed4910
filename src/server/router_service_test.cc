#include "src/server/router_service.h"

#include <gtest/gtest.h>

#include "src/json/value.h"
#include "src/server/router_service_test_support.h"

namespace plexus::server {
namespace {

class RouterServiceTest : public ::testing::Test {
 protected:
  explicit RouterServiceTest(config::RouterConfig config = {})
      : service_(testSupergraph(), std::move(config)) {}

  http::Response call(http::Request request) {
    std::optional<http::Response> response;
    service_.handle(request, fetcher_, [&](http::Response r) { response = std::move(r); });
    fetcher_.drain();
    EXPECT_TRUE(response.has_value()) << "no response";
    return response ? std::move(*response) : http::Response{.status = 0, .headers = {}, .body = {}};
  }

  http::Response graphql(std::string body, std::string_view path = "/") {
    http::Request request;
    request.method = "POST";
    request.target = std::string(path);
    request.headers.add("content-type", "application/json");
    request.body = std::move(body);
    return call(std::move(request));
  }

  static std::string codeOf(const http::Response& response) {
    StatusOr<json::Value> body = json::parse(response.body);
    if (!body.ok()) return "not JSON: " + response.body;
    const json::Value* errors = body->find("errors");
    if (errors == nullptr || !errors->isArray() || errors->asArray().empty()) return "no errors";
    const json::Value* code = errors->asArray()[0].find("extensions")->find("code");
    return code ? code->asString() : "no code";
  }

  CannedFetcher fetcher_;
  RouterService service_;
};

TEST_F(RouterServiceTest, AnswersTheAuditPingWithoutCallingSubgraphs) {
  http::Response response =
      graphql(R"({"operationName":"ping","query":"query ping { __typename }"})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.get("content-type"), "application/json");
  EXPECT_EQ(response.body, R"({"data":{"__typename":"Query"}})");
  EXPECT_TRUE(fetcher_.calls.empty());
}

TEST_F(RouterServiceTest, PlansAndExecutesAQueryThroughTheFetcher) {
  fetcher_.bodies["a"] = R"({"data":{"me":{"name":"Ada"}}})";
  http::Response response = graphql(R"({"query":"{ me { name } }"})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"data":{"me":{"name":"Ada"}}})");
  ASSERT_EQ(fetcher_.calls.size(), 1u);
  EXPECT_EQ(fetcher_.calls[0].service, "a");
  EXPECT_EQ(fetcher_.calls[0].url, "http://a");
}

TEST_F(RouterServiceTest, PreparesEachQueryOnceAndKeysTheCacheByOperationName) {
  fetcher_.bodies["b"] = R"({"data":{"topProducts":[{"price":1}]}})";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(graphql(R"({"query":"query T { topProducts { price } }"})").body,
              R"({"data":{"topProducts":[{"price":1}]}})");
  }
  EXPECT_EQ(service_.cachedOperations(), 1u);
  graphql(R"({"query":"query T { topProducts { price } }","operationName":"T"})");
  EXPECT_EQ(service_.cachedOperations(), 2u);
}

TEST_F(RouterServiceTest, SharesOnePlanAmongDifferentlyFormattedCopies) {
  fetcher_.bodies["b"] = R"({"data":{"topProducts":[{"price":1}]}})";
  graphql(R"({"query":"query T { topProducts { price } }"})");
  graphql(R"({"query":"query T {\n  topProducts { # a comment\n price }\n}","operationName":"T"})");
  graphql(R"({"query":"query T{topProducts{price}}"})");
  EXPECT_EQ(service_.cachedOperations(), 3u);
  EXPECT_EQ(service_.cachedPlans(), 1u);
  graphql(R"({"query":"query T { topProducts { upc } }"})");
  EXPECT_EQ(service_.cachedPlans(), 2u);
}

TEST(DrawOverrideLabelsTest, DrawsPercentLabelsAndKeepsNamedOnesOnlyWhenEnabled) {
  std::vector<std::string> labels = {"flag", "percent(0)", "percent(100)"};
  EXPECT_EQ(drawOverrideLabels(labels, {}), std::vector<std::string>{"percent(100)"});
  EXPECT_EQ(drawOverrideLabels(labels, {"flag"}),
            (std::vector<std::string>{"flag", "percent(100)"}));
  int on = 0;
  for (int i = 0; i < 2000; ++i) on += drawOverrideLabels({"percent(25)"}, {}).size();
  EXPECT_GT(on, 350);  // 500 expected; the bounds fail with probability below 1e-9
  EXPECT_LT(on, 650);
}

TEST_F(RouterServiceTest, PassesCoercedVariablesAndRejectsBadOnes) {
  fetcher_.bodies["b"] = R"({"data":{"topProducts":[]}})";
  http::Response ok = graphql(R"({"query":"query T($n: Int) { topProducts(first: $n) { upc } }",)"
                              R"("variables":{"n":5}})");
  EXPECT_EQ(ok.status, 200);
  ASSERT_EQ(fetcher_.calls.size(), 1u);
  EXPECT_NE(fetcher_.calls[0].body.find("5"), std::string::npos) << fetcher_.calls[0].body;

  http::Response bad = graphql(R"({"query":"query T($n: Int) { topProducts(first: $n) { upc } }",)"
                               R"("variables":{"n":"five"}})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(codeOf(bad), "VALIDATION_INVALID_TYPE_VARIABLE");
}

TEST_F(RouterServiceTest, ReportsParseAndValidationErrorsWithApolloCodes) {
  http::Response parse = graphql(R"({"query":"{ me { name }"})");
  EXPECT_EQ(parse.status, 400);
  EXPECT_EQ(codeOf(parse), "GRAPHQL_PARSE_FAILED");
  EXPECT_NE(parse.body.find("\"locations\":[{\"line\":1"), std::string::npos) << parse.body;

  http::Response invalid = graphql(R"({"query":"{ me { nam } }"})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(codeOf(invalid), "GRAPHQL_VALIDATION_FAILED");
  EXPECT_NE(invalid.body.find("Cannot query field \\\"nam\\\" on type \\\"User\\\""),
            std::string::npos)
      << invalid.body;

  http::Response unknown_operation =
      graphql(R"({"query":"query A { me { name } }","operationName":"B"})");
  EXPECT_EQ(unknown_operation.status, 400);
  EXPECT_NE(unknown_operation.body.find("Unknown operation named \\\"B\\\"."), std::string::npos);

  EXPECT_EQ(graphql("not json").status, 400);
  EXPECT_EQ(codeOf(graphql("not json")), "INVALID_GRAPHQL_REQUEST");
  EXPECT_TRUE(fetcher_.calls.empty());
}

TEST_F(RouterServiceTest, RefusesSchemaIntrospectionUnlessConfigured) {
  http::Response refused = graphql(R"({"query":"{ __schema { queryType { name } } }"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(codeOf(refused), "INTROSPECTION_DISABLED");

  config::RouterConfig config;
  config.supergraph.introspection = true;
  RouterService open(testSupergraph(), config);
  http::Request request;
  request.method = "POST";
  request.headers.add("content-type", "application/json");
  request.body = R"({"query":"{ __schema { queryType { name } } __typename }"})";
  std::optional<http::Response> response;
  open.handle(request, fetcher_, [&](http::Response r) { response = std::move(r); });
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, R"({"data":{"__schema":{"queryType":{"name":"Query"}},)"
                            R"("__typename":"Query"}})");
}

TEST_F(RouterServiceTest, ServesGetHealthAndRejectsOtherPathsAndMethods) {
  http::Request get;
  get.method = "GET";
  get.target = "/?query=%7B__typename%7D";
  get.headers.add("apollo-require-preflight", "true");  // CSRF prevention, on by default
  EXPECT_EQ(call(get).body, R"({"data":{"__typename":"Query"}})");

  get.target = "/health";
  http::Response health = call(get);
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"UP"})");

  get.target = "/elsewhere";
  EXPECT_EQ(call(get).status, 404);

  http::Request put;
  put.method = "PUT";
  put.target = "/";
  http::Response not_allowed = call(put);
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.headers.get("allow"), "GET, POST");
}

TEST_F(RouterServiceTest, AnswersInTheMediaTypeTheClientAccepts) {
  http::Request request;
  request.method = "POST";
  request.headers.add("content-type", "application/json");
  request.headers.add("accept", "application/graphql-response+json");
  request.body = R"({"query":"{ __typename }"})";
  EXPECT_EQ(call(request).headers.get("content-type"), "application/graphql-response+json");
}

TEST_F(RouterServiceTest, RefusesAnAcceptItCannotServeAfterCheckingTheContentType) {
  http::Request request;
  request.method = "POST";
  request.headers.add("content-type", "application/json; charset=utf-8");
  request.headers.add("accept", "text/html");
  request.body = R"({"query":"{ __typename }"})";
  http::Response refused = call(request);
  EXPECT_EQ(refused.status, 406);
  EXPECT_EQ(refused.headers.get("content-type"), "application/json");
  EXPECT_EQ(codeOf(refused), "INVALID_ACCEPT_HEADER");

  request.headers.set("content-type", "application/xml");
  http::Response wrong_type = call(request);
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(codeOf(wrong_type), "INVALID_CONTENT_TYPE_HEADER");

  // With graphql-response+json accepted, request errors keep their 4xx and use that type.
  request.headers.set("content-type", "application/json");
  request.headers.set("accept", "application/graphql-response+json");
  request.body = R"({"query":"{"})";
  http::Response parse = call(request);
  EXPECT_EQ(parse.status, 400);
  EXPECT_EQ(parse.headers.get("content-type"), "application/graphql-response+json");
  EXPECT_EQ(parse.body.find("\"data\""), std::string::npos) << parse.body;
}

TEST_F(RouterServiceTest, RefusesMutationsOverGetWithAllowPost) {
  std::string sdl = federation::test::supergraph(
      std::string(kTypes) + "type Mutation @join__type(graph: A) { rename(name: String): User }");
  sdl.replace(sdl.find("query: Query"), 12, "query: Query\n  mutation: Mutation");
  auto supergraph = federation::Supergraph::fromSdl(sdl);
  ASSERT_TRUE(supergraph.ok()) << supergraph.status().message();
  RouterService service(*supergraph, config::RouterConfig{});
  http::Request request;
  request.method = "GET";
  request.target = "/?query=mutation%20%7B%20__typename%20%7D";
  request.headers.add("x-apollo-operation-name", "");
  std::optional<http::Response> response;
  service.handle(request, fetcher_, [&](http::Response r) { response = std::move(r); });
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->headers.get("allow"), "POST");
  EXPECT_EQ(codeOf(*response), "MUTATION_FORBIDDEN");

  request.target = "/?query=%7B%20__typename%20%7D";  // a query over GET is fine
  service.handle(request, fetcher_, [&](http::Response r) { response = std::move(r); });
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data":{"__typename":"Query"}})");
}

TEST(PathMatchesTest, MatchesExactPathsAndWildcards) {
  EXPECT_TRUE(pathMatches("/", "/"));
  EXPECT_FALSE(pathMatches("/", "/graphql"));
  EXPECT_TRUE(pathMatches("/graphql", "/graphql"));
  EXPECT_FALSE(pathMatches("/graphql", "/graphql/x"));
  EXPECT_TRUE(pathMatches("/api/{*rest}", "/api/anything/here"));
  EXPECT_TRUE(pathMatches("/api/*", "/api/x"));
  EXPECT_FALSE(pathMatches("/api/{*rest}", "/other"));
}

}  // namespace
}  // namespace plexus::server

namespace plexus::server {
namespace {

http::Response navigate(const config::RouterConfig& config, std::string target = "/") {
  RouterService service(testSupergraph(), config);
  http::Request request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers.add("accept", "text/html,application/xhtml+xml,*/*;q=0.8");
  request.headers.add("apollo-require-preflight", "true");
  CannedFetcher fetcher;
  std::optional<http::Response> response;
  service.handle(request, fetcher, [&](http::Response r) { response = std::move(r); });
  return response ? std::move(*response) : http::Response{.status = 0, .headers = {}, .body = {}};
}

TEST(RouterLandingTest, ServesTheHomepageByDefaultAndTheSandboxWhenEnabled) {
  http::Response home = navigate(config::RouterConfig{});
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(home.body.find("<title>Plexus router</title>"), std::string::npos);

  config::RouterConfig sandbox;
  sandbox.landing = {.homepage = false, .sandbox = true};
  sandbox.supergraph.introspection = true;
  EXPECT_NE(navigate(sandbox).body.find("<title>Plexus Sandbox</title>"), std::string::npos);

  config::RouterConfig neither;
  neither.landing = {.homepage = false, .sandbox = false};
  // No page: the navigation is a GraphQL GET without a query (the browser also accepts */*).
  EXPECT_EQ(navigate(neither).status, 400);
  // A GET carrying a query is GraphQL even from a browser.
  EXPECT_EQ(navigate(sandbox, "/?query=%7B__typename%7D").body,
            R"({"data":{"__typename":"Query"}})");
}

}  // namespace
}  // namespace plexus::server

namespace plexus::server {
namespace {

http::Response post(RouterService& service, std::string body) {
  http::Request request;
  request.method = "POST";
  request.headers.add("content-type", "application/json");
  request.body = std::move(body);
  CannedFetcher fetcher;
  std::optional<http::Response> response;
  service.handle(request, fetcher, [&](http::Response r) { response = std::move(r); });
  return response ? std::move(*response) : http::Response{.status = 0, .headers = {}, .body = {}};
}

TEST(RouterLimitsServiceTest, RejectsOperationsOverTheLimitsWithApollosCodes) {
  config::RouterConfig config;
  config.limits.max_aliases = 1;
  config.limits.max_root_fields = 1;
  RouterService service(testSupergraph(), config);
  http::Response over = post(service, R"({"query":"{ a: __typename b: __typename }"})");
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.body,
            R"({"errors":[{"message":"Maximum root fields limit exceeded in this operation",)"
            R"("extensions":{"code":"MAX_ROOT_FIELDS_LIMIT"}},{"message":"Maximum aliases limit )"
            R"(exceeded in this operation","extensions":{"code":"MAX_ALIASES_LIMIT"}}]})");
  EXPECT_EQ(post(service, R"({"query":"{ a: __typename }"})").status, 200);

  config.limits.warn_only = true;
  RouterService warned(testSupergraph(), config);
  EXPECT_EQ(post(warned, R"({"query":"{ a: __typename b: __typename }"})").status, 200);
}

TEST(RouterLimitsServiceTest, AppliesTheParserLimits) {
  config::RouterConfig config;
  config.limits.parser_max_tokens = 5;
  RouterService service(testSupergraph(), config);
  http::Response over = post(service, R"({"query":"{ a: __typename b: __typename }"})");
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("GRAPHQL_PARSE_FAILED"), std::string::npos) << over.body;
  EXPECT_NE(over.body.find("Document contains more than 5 tokens"), std::string::npos) << over.body;
}

}  // namespace
}  // namespace plexus::server

namespace plexus::server {
namespace {

TEST(RouterForbidMutationsTest, RefusesMutationsWhenConfigured) {
  std::string sdl = federation::test::supergraph(std::string(kTypes) + R"(
type Mutation @join__type(graph: A) {
  rename(name: String!): User @join__field(graph: A)
}
)");
  sdl.insert(sdl.find("  query: Query\n") + 15, "  mutation: Mutation\n");
  auto supergraph = federation::Supergraph::fromSdl(sdl);
  ASSERT_TRUE(supergraph.ok()) << supergraph.status().message();
  config::RouterConfig config;
  config.forbid_mutations = true;
  RouterService service(*supergraph, config);
  http::Response refused = post(service, R"({"query":"mutation { rename(name: \"x\") { id } }"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body, R"({"errors":[{"message":"Mutations are forbidden",)"
                          R"("extensions":{"code":"MUTATION_FORBIDDEN"}}]})");
  EXPECT_EQ(post(service, R"({"query":"{ __typename }"})").status, 200);
}

}  // namespace
}  // namespace plexus::server
