// Conditions and selectors evaluated as coprocessor stages evaluate them; conditions are read
// from YAML as router.yaml writes them.
#include "src/plugins/coprocessor/selectors.h"

#include <stdlib.h>

#include <gtest/gtest.h>

namespace plexus::plugins::coprocessor {
namespace {

using config::Condition;
using config::ConditionLevel;
using config::Selector;
using Phase = SelectorInput::Phase;

Condition read(std::string_view yaml, ConditionLevel level) {
  StatusOr<Condition> condition = config::describe::parse(
      config::condition(level), yaml, "condition.yaml", config::ExpansionContext{});
  EXPECT_TRUE(condition.ok()) << condition.status().message();
  return condition.ok() ? *condition : Condition{Condition::Kind::kFalse};
}

// The selector of `exists: <yaml>`.
Selector selector(std::string_view yaml, ConditionLevel level) {
  Condition condition = read("exists: " + std::string(yaml), level);
  return std::get<Selector>(condition.operands.at(0));
}

std::optional<json::Value> selected(std::string_view yaml, ConditionLevel level,
                                    const SelectorInput& input) {
  return select(selector(yaml, level), input);
}

bool holds(std::string_view yaml, ConditionLevel level, const SelectorInput& input) {
  return evaluate(read(yaml, level), input);
}

json::Value parsedJson(std::string_view text) {
  StatusOr<json::Value> value = json::parse(text);
  EXPECT_TRUE(value.ok()) << text;
  return value.ok() ? *value : json::Value();
}

constexpr ConditionLevel kRouter = ConditionLevel::kRouter;
constexpr ConditionLevel kSupergraph = ConditionLevel::kSupergraph;
constexpr ConditionLevel kSubgraph = ConditionLevel::kSubgraph;

// ---- Selectors ----

TEST(SelectorTest, RequestHeaderIsTheFirstValueOrTheDefault) {
  http::Headers headers{{"x-tenant", "acme"}, {"x-tenant", "other"}};
  SelectorInput input;
  input.request_headers = &headers;
  EXPECT_EQ(selected("{request_header: x-tenant}", kRouter, input), json::Value("acme"));
  EXPECT_EQ(selected("{request_header: X-Tenant}", kRouter, input), json::Value("acme"));
  EXPECT_EQ(selected("{request_header: x-missing}", kRouter, input), std::nullopt);
  EXPECT_EQ(selected("{request_header: x-missing, default: none}", kSupergraph, input),
            json::Value("none"));
  // Not available at this stage: no default either.
  EXPECT_EQ(selected("{request_header: x-tenant, default: none}", kRouter, SelectorInput{}),
            std::nullopt);
  // A request selector selects nothing at a response phase.
  input.phase = Phase::kResponse;
  EXPECT_EQ(selected("{request_header: x-tenant}", kRouter, input), std::nullopt);
}

TEST(SelectorTest, ResponseHeaderAndStatus) {
  http::Headers headers{{"cache-control", "no-store"}};
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.response_headers = &headers;
  input.response_status = 404;
  EXPECT_EQ(selected("{response_header: cache-control}", kRouter, input), json::Value("no-store"));
  EXPECT_EQ(selected("{response_header: etag, default: none}", kSupergraph, input),
            json::Value("none"));
  EXPECT_EQ(selected("{response_status: code}", kRouter, input), json::Value(int64_t{404}));
  EXPECT_EQ(selected("{response_status: reason}", kSupergraph, input), json::Value("Not Found"));
  input.response_status = 599;
  EXPECT_EQ(selected("{response_status: reason}", kRouter, input), std::nullopt);
  input.phase = Phase::kRequest;
  EXPECT_EQ(selected("{response_status: code}", kRouter, input), std::nullopt);
}

TEST(SelectorTest, ContextSelectorsReadTheContextAtTheirPhase) {
  Context context;
  context.insert("tenant", json::Value("acme"));
  context.insert("limits", parsedJson(R"({"max": 3})"));
  context.insert("nothing", json::Value());
  SelectorInput input;
  input.context = &context;
  EXPECT_EQ(selected("{request_context: tenant}", kRouter, input), json::Value("acme"));
  EXPECT_EQ(selected("{request_context: limits}", kRouter, input), json::Value(R"({"max":3})"));
  EXPECT_EQ(selected("{request_context: nothing, default: 0}", kRouter, input),
            json::Value(int64_t{0}));
  EXPECT_EQ(selected("{response_context: tenant}", kRouter, input), std::nullopt);
  input.phase = Phase::kResponse;
  EXPECT_EQ(selected("{response_context: tenant}", kSubgraph, input), json::Value("acme"));
  EXPECT_EQ(selected("{response_context: absent, default: x}", kSupergraph, input),
            json::Value("x"));
  EXPECT_EQ(selected("{request_context: tenant}", kRouter, input), std::nullopt);
}

TEST(SelectorTest, StaticAndEnvWorkAtEveryPhase) {
  ::setenv("PLEXUS_SELECTOR_TEST", "on", 1);
  ::unsetenv("PLEXUS_SELECTOR_TEST_UNSET");
  for (Phase phase : {Phase::kRequest, Phase::kResponse}) {
    SelectorInput input;
    input.phase = phase;
    EXPECT_EQ(selected("{static: 42}", kRouter, input), json::Value(int64_t{42}));
    EXPECT_EQ(selected("{env: PLEXUS_SELECTOR_TEST}", kSubgraph, input), json::Value("on"));
    EXPECT_EQ(selected("{env: PLEXUS_SELECTOR_TEST_UNSET}", kRouter, input), std::nullopt);
    EXPECT_EQ(selected("{env: PLEXUS_SELECTOR_TEST_UNSET, default: off}", kRouter, input),
              json::Value("off"));
  }
}

TEST(SelectorTest, OperationNameKindAndQuery) {
  SelectorInput input;
  input.operation_name = "GetUser";
  input.operation_kind = "mutation";
  input.query = "mutation GetUser { a }";
  json::Value variables = parsedJson(R"({"id": 7, "tags": ["a", "b"], "filter": {"x": 1}})");
  input.variables = &variables;
  EXPECT_EQ(selected("{operation_name: string}", kSupergraph, input), json::Value("GetUser"));
  // sha256("GetUser")
  EXPECT_EQ(selected("{operation_name: hash}", kRouter, input),
            json::Value("5a42f94535544c333f9e709877498e8f6ec7e4e11f6b1713dec64f44b6628b09"));
  EXPECT_EQ(selected("{operation_kind: string}", kSupergraph, input), json::Value("mutation"));
  EXPECT_EQ(selected("{query: string}", kSupergraph, input), json::Value("mutation GetUser { a }"));
  EXPECT_EQ(selected("{query_variable: id}", kSupergraph, input), json::Value(int64_t{7}));
  EXPECT_EQ(selected("{query_variable: tags}", kSupergraph, input), parsedJson(R"(["a","b"])"));
  EXPECT_EQ(selected("{query_variable: filter}", kSupergraph, input), json::Value(R"({"x":1})"));
  EXPECT_EQ(selected("{query_variable: nope, default: 1}", kSupergraph, input),
            json::Value(int64_t{1}));
  // Anonymous: the default, hashed too.
  input.operation_name = "";
  EXPECT_EQ(selected("{operation_name: string, default: anon}", kRouter, input),
            json::Value("anon"));
  EXPECT_EQ(selected("{operation_name: string}", kRouter, input), std::nullopt);
  // Query text and variables are request selectors; name and kind work at responses too.
  input.phase = Phase::kResponse;
  input.operation_name = "GetUser";
  EXPECT_EQ(selected("{query: string}", kSupergraph, input), std::nullopt);
  EXPECT_EQ(selected("{query_variable: id}", kSupergraph, input), std::nullopt);
  EXPECT_EQ(selected("{operation_name: string}", kRouter, input), json::Value("GetUser"));
  EXPECT_EQ(selected("{operation_kind: string}", kSupergraph, input), json::Value("mutation"));
}

TEST(SelectorTest, RequestMethodAndFlagsSetToFalse) {
  SelectorInput input;
  input.request_method = "POST";
  EXPECT_EQ(selected("{request_method: true}", kRouter, input), json::Value("POST"));
  EXPECT_EQ(selected("{request_method: false}", kRouter, input), std::nullopt);
}

TEST(SelectorTest, SupergraphResponseSelectors) {
  json::Value body = parsedJson(R"({"data": {"user": {"id": "1", "tags": [1, 2]}},
                                    "errors": [{"message": "boom", "extensions": {"code": "X"}}]})");
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.response_body = &body;
  input.is_primary_response = false;
  EXPECT_EQ(selected("{response_data: $.user.id}", kSupergraph, input), json::Value("1"));
  EXPECT_EQ(selected("{response_data: '$.user.tags[1]'}", kSupergraph, input),
            json::Value(int64_t{2}));
  EXPECT_EQ(selected("{response_data: $.user.name, default: x}", kSupergraph, input),
            json::Value("x"));
  EXPECT_EQ(selected("{response_errors: '$[0].extensions.code'}", kSupergraph, input),
            json::Value("X"));
  EXPECT_EQ(selected("{response_errors: '$[0].message'}", kRouter, input), json::Value("boom"));
  EXPECT_EQ(selected("{is_primary_response: true}", kSupergraph, input), json::Value(false));
  EXPECT_EQ(selected("{on_graphql_error: true}", kSupergraph, input), json::Value(true));
  json::Value clean = parsedJson(R"({"data": {}})");
  input.response_body = &clean;
  EXPECT_EQ(selected("{on_graphql_error: true}", kRouter, input), json::Value(false));
  EXPECT_EQ(selected("{response_errors: '$[0].message'}", kRouter, input), std::nullopt);
  // Apollo's telemetry flag in the context also counts.
  Context context;
  context.insert("apollo::telemetry::contains_graphql_error", json::Value(true));
  input.context = &context;
  EXPECT_EQ(selected("{on_graphql_error: true}", kRouter, input), json::Value(true));
}

TEST(SelectorTest, SubgraphSelectors) {
  json::Value request = parsedJson(R"({"query": "query Q { a }", "operationName": "Q",
                                       "variables": {"first": 10}})");
  json::Value response = parsedJson(R"({"data": {"a": 1}, "errors": [{"message": "m"}]})");
  http::Headers sent{{"x-sub", "1"}};
  http::Headers received{{"x-served-by", "products"}};
  http::Headers client{{"x-client", "web"}};
  json::Value variables = parsedJson(R"({"v": true})");
  SelectorInput input;
  input.subgraph_name = "products";
  input.subgraph_request_body = &request;
  input.subgraph_request_headers = &sent;
  input.request_headers = &client;
  input.operation_name = "Client";
  input.operation_kind = "query";
  input.query = "query Client { a }";
  input.variables = &variables;
  EXPECT_EQ(selected("{subgraph_name: true}", kSubgraph, input), json::Value("products"));
  EXPECT_EQ(selected("{subgraph_operation_name: string}", kSubgraph, input), json::Value("Q"));
  EXPECT_EQ(selected("{subgraph_operation_kind: string}", kSubgraph, input), json::Value("query"));
  EXPECT_EQ(selected("{subgraph_query: string}", kSubgraph, input), json::Value("query Q { a }"));
  EXPECT_EQ(selected("{subgraph_query_variable: first}", kSubgraph, input),
            json::Value(int64_t{10}));
  EXPECT_EQ(selected("{subgraph_request_header: x-sub}", kSubgraph, input), json::Value("1"));
  EXPECT_EQ(selected("{supergraph_operation_name: string}", kSubgraph, input),
            json::Value("Client"));
  EXPECT_EQ(selected("{supergraph_operation_kind: string}", kSubgraph, input),
            json::Value("query"));
  EXPECT_EQ(selected("{supergraph_query: string}", kSubgraph, input),
            json::Value("query Client { a }"));
  EXPECT_EQ(selected("{supergraph_query_variable: v}", kSubgraph, input), json::Value(true));
  EXPECT_EQ(selected("{supergraph_request_header: x-client}", kSubgraph, input),
            json::Value("web"));
  EXPECT_EQ(selected("{subgraph_response_status: code}", kSubgraph, input), std::nullopt);

  input.phase = Phase::kResponse;
  input.subgraph_response_headers = &received;
  input.subgraph_response_status = 200;
  input.subgraph_response_body = &response;
  EXPECT_EQ(selected("{subgraph_name: true}", kSubgraph, input), json::Value("products"));
  EXPECT_EQ(selected("{subgraph_response_header: x-served-by}", kSubgraph, input),
            json::Value("products"));
  EXPECT_EQ(selected("{subgraph_response_status: code}", kSubgraph, input),
            json::Value(int64_t{200}));
  EXPECT_EQ(selected("{subgraph_response_status: reason}", kSubgraph, input), json::Value("OK"));
  EXPECT_EQ(selected("{subgraph_response_data: $.a}", kSubgraph, input), json::Value(int64_t{1}));
  EXPECT_EQ(selected("{subgraph_response_errors: '$[0].message'}", kSubgraph, input),
            json::Value("m"));
  EXPECT_EQ(selected("{subgraph_on_graphql_error: true}", kSubgraph, input), json::Value(true));
  EXPECT_EQ(selected("{subgraph_request_header: x-sub}", kSubgraph, input), std::nullopt);
  EXPECT_EQ(selected("{subgraph_operation_name: string}", kSubgraph, input), std::nullopt);
}

TEST(SelectorTest, ArraysOfMixedTypesBecomeTheirJsonText) {
  json::Value variables = parsedJson(R"({"mixed": [1, "a"], "objects": [{"a": 1}], "empty": []})");
  SelectorInput input;
  input.variables = &variables;
  EXPECT_EQ(selected("{query_variable: mixed}", kSupergraph, input), json::Value(R"([1,"a"])"));
  EXPECT_EQ(selected("{query_variable: objects}", kSupergraph, input),
            parsedJson(R"(["{\"a\":1}"])"));
  EXPECT_EQ(selected("{query_variable: empty}", kSupergraph, input), json::Value::array());
}

TEST(SelectorTest, CheckPathsNamesTheSelector) {
  EXPECT_TRUE(checkPaths(read("all: [{exists: {response_data: $.a}}]", kSupergraph)).ok());
  Status bad = checkPaths(read("not: {eq: [1, {response_data: '$.a['}]}", kSupergraph));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message().rfind("`response_data`: invalid JSONPath", 0), 0u) << bad.message();
}

// ---- Conditions ----

TEST(ConditionTest, TrueAndFalse) {
  for (Phase phase : {Phase::kRequest, Phase::kResponse}) {
    SelectorInput input;
    input.phase = phase;
    EXPECT_TRUE(evaluate(Condition{}, input));
    EXPECT_TRUE(holds("true", kRouter, input));
    EXPECT_FALSE(holds("false", kRouter, input));
  }
}

TEST(ConditionTest, EqComparesSelectedValues) {
  http::Headers headers{{"x-tenant", "acme"}};
  SelectorInput input;
  input.request_headers = &headers;
  EXPECT_TRUE(holds("eq: [acme, {request_header: x-tenant}]", kRouter, input));
  EXPECT_FALSE(holds("eq: [other, {request_header: x-tenant}]", kRouter, input));
  EXPECT_TRUE(holds("eq: [{static: 1}, 1]", kRouter, input));
  EXPECT_TRUE(holds("eq: [{static: [a, 1]}, [a, 1]]", kRouter, input));
  // As in Apollo, an integer never equals a double, nor a string its digits.
  EXPECT_FALSE(holds("eq: [{static: 1}, 1.0]", kRouter, input));
  EXPECT_FALSE(holds("eq: [\"1\", {static: 1}]", kRouter, input));
  // A request-phase eq with a side that selects nothing is undetermined: the stage is skipped,
  // and `not` does not turn that into true.
  EXPECT_FALSE(holds("eq: [acme, {request_header: x-missing}]", kRouter, input));
  EXPECT_FALSE(holds("not: {eq: [acme, {request_header: x-missing}]}", kRouter, input));
  // At a response phase, two sides that both select nothing are equal (Option equality).
  input.phase = Phase::kResponse;
  EXPECT_TRUE(holds("eq: [{response_header: a}, {response_header: b}]", kRouter, input));
  EXPECT_FALSE(holds("eq: [x, {response_header: a}]", kRouter, input));
  EXPECT_TRUE(holds("not: {eq: [x, {response_header: a}]}", kRouter, input));
}

TEST(ConditionTest, PrimaryResponseOnly) {
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.is_primary_response = true;
  EXPECT_TRUE(holds("eq: [true, {is_primary_response: true}]", kSupergraph, input));
  input.is_primary_response = false;
  EXPECT_FALSE(holds("eq: [true, {is_primary_response: true}]", kSupergraph, input));
}

TEST(ConditionTest, GtAndLtCompareNumbersStringsAndBooleans) {
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.response_status = 503;
  EXPECT_TRUE(holds("gt: [{response_status: code}, 499]", kRouter, input));
  EXPECT_FALSE(holds("lt: [{response_status: code}, 499]", kRouter, input));
  EXPECT_TRUE(holds("lt: [{response_status: code}, 503.5]", kRouter, input));
  EXPECT_FALSE(holds("gt: [{response_status: code}, 503]", kRouter, input));
  EXPECT_TRUE(holds("gt: [b, {static: a}]", kRouter, input));
  EXPECT_TRUE(holds("lt: [false, {static: true}]", kRouter, input));
  // Mismatched types are not ordered at a response phase...
  EXPECT_FALSE(holds("gt: [\"600\", {response_status: code}]", kRouter, input));
  EXPECT_FALSE(holds("lt: [\"600\", {response_status: code}]", kRouter, input));
  // ...nor when a side selects nothing.
  EXPECT_FALSE(holds("gt: [{response_header: n}, 1]", kRouter, input));
  EXPECT_FALSE(holds("lt: [{response_header: n}, 1]", kRouter, input));
  // At a request phase, values that read as numbers compare as numbers ("10" > "9").
  http::Headers headers{{"x-n", "10"}};
  SelectorInput request;
  request.request_headers = &headers;
  EXPECT_TRUE(holds("gt: [{request_header: x-n}, \"9\"]", kRouter, request));
  EXPECT_TRUE(holds("gt: [{request_header: x-n}, 9]", kRouter, request));
  EXPECT_FALSE(holds("lt: [{request_header: x-n}, 9]", kRouter, request));
  EXPECT_FALSE(holds("gt: [{request_header: x-none}, 9]", kRouter, request));
}

TEST(ConditionTest, ExistsAtEachPhase) {
  http::Headers headers{{"x-skip", "1"}};
  SelectorInput input;
  input.request_headers = &headers;
  EXPECT_TRUE(holds("exists: {request_header: x-skip}", kRouter, input));
  EXPECT_FALSE(holds("exists: {request_header: x-other}", kRouter, input));
  EXPECT_TRUE(holds("not: {exists: {request_header: x-other}}", kRouter, input));
  // A selector the stage cannot offer leaves a request-phase condition undetermined.
  EXPECT_FALSE(holds("exists: {response_header: x}", kRouter, input));
  EXPECT_FALSE(holds("not: {exists: {response_header: x}}", kRouter, input));
  input.phase = Phase::kResponse;
  EXPECT_FALSE(holds("exists: {response_header: x}", kRouter, input));
  EXPECT_TRUE(holds("not: {exists: {response_header: x}}", kRouter, input));
}

TEST(ConditionTest, AllAndAny) {
  http::Headers headers{{"a", "1"}};
  SelectorInput input;
  input.request_headers = &headers;
  EXPECT_TRUE(holds("all: [{exists: {request_header: a}}, true]", kRouter, input));
  EXPECT_FALSE(holds("all: [{exists: {request_header: a}}, false]", kRouter, input));
  EXPECT_TRUE(holds("any: [false, {exists: {request_header: a}}]", kRouter, input));
  EXPECT_FALSE(holds("any: [false, {exists: {request_header: b}}]", kRouter, input));
  EXPECT_TRUE(holds("all: []", kRouter, input));
  // Apollo's request phase: an empty `any` holds, and an undetermined member makes the whole
  // undetermined even beside a true one.
  EXPECT_TRUE(holds("any: []", kRouter, input));
  EXPECT_FALSE(holds("any: [true, {eq: [1, {request_header: b}]}]", kRouter, input));
  input.phase = Phase::kResponse;
  EXPECT_TRUE(holds("all: []", kRouter, input));
  EXPECT_FALSE(holds("any: []", kRouter, input));
  EXPECT_TRUE(holds("any: [true, {eq: [1, {response_header: b}]}]", kRouter, input));
  EXPECT_FALSE(holds("all: [true, {eq: [1, {response_header: b}]}]", kRouter, input));
}

TEST(ConditionTest, NotNegates) {
  SelectorInput input;
  EXPECT_FALSE(holds("not: true", kRouter, input));
  EXPECT_TRUE(holds("not: false", kRouter, input));
  EXPECT_TRUE(holds("not: {not: true}", kRouter, input));
  input.phase = Phase::kResponse;
  EXPECT_TRUE(holds("not: {eq: [1, {static: 2}]}", kSubgraph, input));
}

}  // namespace
}  // namespace plexus::plugins::coprocessor
