// The condition language read from YAML as a coprocessor stage's `condition:` key.
#include "src/config/condition.h"

#include <gtest/gtest.h>

namespace plexus::config {
namespace {

// A stage holding only a condition, as coprocessor stages do.
struct Stage {
  std::optional<Condition> condition;
};

describe::Type<Stage> stageType(ConditionLevel level) {
  return describe::Object<Stage>("A stage")
      .field("condition", &Stage::condition, describe::optional(condition(level)), "When to run")
      .type();
}

Condition parsed(std::string_view yaml, ConditionLevel level = ConditionLevel::kRouter) {
  StatusOr<Stage> stage =
      describe::parse(stageType(level), yaml, "router.yaml", ExpansionContext{});
  EXPECT_TRUE(stage.ok()) << stage.status().message();
  if (!stage.ok() || !stage->condition) return Condition{Condition::Kind::kFalse};
  return *stage->condition;
}

std::string errorOf(std::string_view yaml, ConditionLevel level = ConditionLevel::kRouter) {
  StatusOr<Stage> stage =
      describe::parse(stageType(level), yaml, "router.yaml", ExpansionContext{});
  EXPECT_FALSE(stage.ok()) << yaml;
  return stage.ok() ? "" : stage.status().message();
}

const Selector& selectorAt(const Condition& condition, size_t index) {
  return std::get<Selector>(condition.operands.at(index));
}

const json::Value& literalAt(const Condition& condition, size_t index) {
  return std::get<json::Value>(condition.operands.at(index));
}

TEST(ConditionReadTest, AbsentOrNullConditionIsTheTrivialDefault) {
  StatusOr<Stage> absent = describe::parse(stageType(ConditionLevel::kRouter), "{}", "r.yaml");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->condition.has_value());
  EXPECT_TRUE(isTrivial(Condition{}));
  EXPECT_TRUE(isTrivial(parsed("condition: true")));
  EXPECT_TRUE(isTrivial(parsed("condition: \"true\"")));
  EXPECT_FALSE(isTrivial(parsed("condition: false")));
  EXPECT_FALSE(isTrivial(parsed("condition: {all: []}")));
}

TEST(ConditionReadTest, EqBetweenALiteralAndAHeaderSelectorWithDefault) {
  Condition c = parsed(R"yaml(
condition:
  eq: ["acme", {request_header: x-tenant, default: none}]
)yaml");
  ASSERT_EQ(c.kind, Condition::Kind::kEq);
  EXPECT_EQ(literalAt(c, 0), json::Value("acme"));
  const Selector& header = selectorAt(c, 1);
  EXPECT_EQ(header.kind, Selector::Kind::kRequestHeader);
  EXPECT_EQ(header.argument, "x-tenant");
  EXPECT_EQ(header.default_value, json::Value("none"));
}

TEST(ConditionReadTest, LiteralsAreTypedAsYamlWritesThem) {
  Condition c = parsed("condition: {eq: [200, {response_status: code}]}");
  EXPECT_EQ(literalAt(c, 0), json::Value(int64_t{200}));
  EXPECT_TRUE(literalAt(c, 0).isInt());
  EXPECT_TRUE(literalAt(parsed("condition: {gt: [1.5, {static: 1}]}"), 0).isDouble());
  EXPECT_EQ(literalAt(parsed("condition: {eq: [true, {static: 1}]}"), 0), json::Value(true));
  EXPECT_EQ(literalAt(parsed("condition: {eq: [\"200\", {static: 1}]}"), 0), json::Value("200"));
  EXPECT_EQ(literalAt(parsed("condition: {eq: [\"true\", {static: 1}]}"), 0), json::Value("true"));
  EXPECT_EQ(literalAt(parsed("condition: {eq: [inf, {static: 1}]}"), 0), json::Value("inf"));
  json::Value list = literalAt(parsed("condition: {eq: [[a, b], {static: 1}]}"), 0);
  ASSERT_TRUE(list.isArray());
  EXPECT_EQ(list.asArray().size(), 2u);
  EXPECT_EQ(selectorAt(parsed("condition: {eq: [1, {static: 42}]}"), 1).value,
            json::Value(int64_t{42}));
}

TEST(ConditionReadTest, NestedConditions) {
  Condition c = parsed(R"yaml(
condition:
  all:
    - not: {exists: {request_header: x-skip}}
    - any:
        - gt: [{response_context: n}, 3]
        - lt: [{request_context: m}, 1]
        - false
)yaml");
  ASSERT_EQ(c.kind, Condition::Kind::kAll);
  ASSERT_EQ(c.children.size(), 2u);
  const Condition& negation = c.children[0];
  ASSERT_EQ(negation.kind, Condition::Kind::kNot);
  ASSERT_EQ(negation.children.size(), 1u);
  EXPECT_EQ(negation.children[0].kind, Condition::Kind::kExists);
  EXPECT_EQ(selectorAt(negation.children[0], 0).kind, Selector::Kind::kRequestHeader);
  const Condition& any = c.children[1];
  ASSERT_EQ(any.kind, Condition::Kind::kAny);
  ASSERT_EQ(any.children.size(), 3u);
  EXPECT_EQ(any.children[0].kind, Condition::Kind::kGt);
  EXPECT_EQ(selectorAt(any.children[0], 0).kind, Selector::Kind::kResponseContext);
  EXPECT_EQ(any.children[1].kind, Condition::Kind::kLt);
  EXPECT_EQ(any.children[2].kind, Condition::Kind::kFalse);
}

struct SelectorCase {
  std::string yaml;
  ConditionLevel level;
  Selector::Kind kind;
  std::string argument;
};

TEST(ConditionReadTest, EverySelectorAtItsLevel) {
  using K = Selector::Kind;
  const ConditionLevel r = ConditionLevel::kRouter, s = ConditionLevel::kSupergraph,
                       g = ConditionLevel::kSubgraph;
  std::vector<SelectorCase> cases = {
      {"{env: HOME, default: x}", g, K::kEnv, "HOME"},
      {"{request_context: k}", r, K::kRequestContext, "k"},
      {"{response_context: k}", g, K::kResponseContext, "k"},
      {"{request_header: h}", s, K::kRequestHeader, "h"},
      {"{response_header: h}", r, K::kResponseHeader, "h"},
      {"{response_status: reason}", s, K::kResponseStatus, "reason"},
      {"{operation_name: hash}", r, K::kOperationName, "hash"},
      {"{response_errors: $.x}", r, K::kResponseErrors, "$.x"},
      {"{on_graphql_error: true}", s, K::kOnGraphqlError, ""},
      {"{request_method: true}", r, K::kRequestMethod, ""},
      {"{operation_kind: string}", s, K::kOperationKind, "string"},
      {"{query: string}", s, K::kQuery, "string"},
      {"{query_variable: id}", s, K::kQueryVariable, "id"},
      {"{is_primary_response: true}", s, K::kIsPrimaryResponse, ""},
      {"{response_data: '$.a.b[0]'}", s, K::kResponseData, "$.a.b[0]"},
      {"{subgraph_name: true}", g, K::kSubgraphName, ""},
      {"{subgraph_operation_name: string}", g, K::kSubgraphOperationName, "string"},
      {"{subgraph_operation_kind: string}", g, K::kSubgraphOperationKind, "string"},
      {"{subgraph_query: string}", g, K::kSubgraphQuery, "string"},
      {"{subgraph_query_variable: v}", g, K::kSubgraphQueryVariable, "v"},
      {"{subgraph_request_header: h}", g, K::kSubgraphRequestHeader, "h"},
      {"{subgraph_response_header: h}", g, K::kSubgraphResponseHeader, "h"},
      {"{subgraph_response_status: code}", g, K::kSubgraphResponseStatus, "code"},
      {"{subgraph_response_data: $.d}", g, K::kSubgraphResponseData, "$.d"},
      {"{subgraph_response_errors: $.e}", g, K::kSubgraphResponseErrors, "$.e"},
      {"{subgraph_on_graphql_error: true}", g, K::kSubgraphOnGraphqlError, ""},
      {"{supergraph_operation_name: string}", g, K::kSupergraphOperationName, "string"},
      {"{supergraph_operation_kind: string}", g, K::kSupergraphOperationKind, "string"},
      {"{supergraph_query: string}", g, K::kSupergraphQuery, "string"},
      {"{supergraph_query_variable: v}", g, K::kSupergraphQueryVariable, "v"},
      {"{supergraph_request_header: h}", g, K::kSupergraphRequestHeader, "h"},
  };
  for (const SelectorCase& test : cases) {
    Condition c = parsed("condition: {exists: " + test.yaml + "}", test.level);
    ASSERT_EQ(c.kind, Condition::Kind::kExists) << test.yaml;
    const Selector& selector = selectorAt(c, 0);
    EXPECT_EQ(selector.kind, test.kind) << test.yaml;
    EXPECT_EQ(selector.argument, test.argument) << test.yaml;
    // Written back under the same key.
    json::Value written = toJson(c);
    ASSERT_NE(written.find("exists"), nullptr) << test.yaml;
    EXPECT_NE(written.find("exists")->find(selectorKey(test.kind)), nullptr) << test.yaml;
  }
  EXPECT_EQ(selectorAt(
                parsed("condition: {exists: {subgraph_name: false}}", ConditionLevel::kSubgraph), 0)
                .value,
            json::Value(false));
}

TEST(ConditionReadTest, ToJsonWritesTheYamlShape) {
  Condition c = parsed(R"yaml(
condition:
  any:
    - eq: [200, {response_status: code}]
    - not: {exists: {request_header: x, default: 1}}
    - true
)yaml");
  EXPECT_EQ(json::serialize(toJson(c)),
            R"({"any":[{"eq":[200,{"response_status":"code"}]},)"
            R"({"not":{"exists":{"request_header":"x","default":1}}},true]})");
  EXPECT_EQ(json::serialize(toJson(Condition{})), "true");
  describe::Type<Condition> type = condition(ConditionLevel::kRouter);
  EXPECT_TRUE(type.schema(nullptr).find("description")->isString());
  EXPECT_EQ(json::serialize(type.to_json(Condition{Condition::Kind::kFalse})), "false");
}

TEST(ConditionReadTest, UnknownSelectorSuggestsTheClosest) {
  EXPECT_EQ(errorOf("condition:\n  eq: [a, {request_heder: x}]\n"),
            "router.yaml:2:12: condition.eq[1]: unknown selector `request_heder`; did you mean "
            "`request_header`?");
}

TEST(ConditionReadTest, SelectorOfAnotherLevelNamesBoth) {
  EXPECT_EQ(errorOf("condition: {exists: {subgraph_name: true}}"),
            "router.yaml:1:22: condition.exists: `subgraph_name` is a subgraph selector; this "
            "condition is evaluated at the router stage");
  EXPECT_EQ(errorOf("condition: {exists: {request_header: x}}", ConditionLevel::kSubgraph),
            "router.yaml:1:22: condition.exists: `request_header` is a router and supergraph "
            "selector; this condition is evaluated at the subgraph stage; use "
            "`subgraph_request_header` or `supergraph_request_header`");
  EXPECT_NE(errorOf("condition: {exists: {is_primary_response: true}}")
                .find("`is_primary_response` is a supergraph selector"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {request_method: true}}", ConditionLevel::kSupergraph)
                .find("`request_method` is a router selector"),
            std::string::npos);
}

TEST(ConditionReadTest, ArityAndShapeErrors) {
  EXPECT_EQ(errorOf("condition: {eq: [a]}"),
            "router.yaml:1:17: condition.eq: `eq` takes a list of two values, found a list of 1");
  EXPECT_EQ(errorOf("condition: {gt: 3}"),
            "router.yaml:1:17: condition.gt: `gt` takes a list of two values, found \"3\"");
  EXPECT_NE(errorOf("condition: {all: {eq: [a, b]}}").find("`all` takes a list of conditions"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: x-foo}").find("condition.exists: `exists` takes a"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {eq: [a, b], gt: [a, b]}").find("a condition has one key"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {}").find("found an empty mapping"), std::string::npos);
  EXPECT_NE(errorOf("condition: maybe").find("expected a condition"), std::string::npos);
  EXPECT_NE(errorOf("condition: {not: }").find("condition.not: expected a condition"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {any: [true, ~]}").find("condition.any[1]: expected a condition"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {eq: [~, a]}")
                .find("condition.eq[0]: expected a value or a "
                      "selector, found null"),
            std::string::npos);
}

TEST(ConditionReadTest, UnknownConditionSuggestsTheClosest) {
  EXPECT_EQ(errorOf("condition: {exist: {static: 1}}"),
            "router.yaml:1:13: condition: unknown condition `exist`; did you mean `exists`? "
            "expected one of: eq, gt, lt, exists, not, all, any, true, false");
}

TEST(ConditionReadTest, SelectorArgumentErrors) {
  EXPECT_EQ(errorOf("condition: {exists: {response_status: status}}"),
            "router.yaml:1:39: condition.exists.response_status: expected `code` or `reason`, "
            "found \"status\"");
  EXPECT_NE(errorOf("condition: {exists: {query: depth}}", ConditionLevel::kSupergraph)
                .find("`query: depth` is not supported by Plexus yet; expected `string`"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {subgraph_name: yes please}}", ConditionLevel::kSubgraph)
                .find("condition.exists.subgraph_name: expected a boolean"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {response_status: code, default: 200}}")
                .find("condition.exists.default: `response_status` takes no `default`"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {request_header: a, response_header: b}}")
                .find("a selector has one key besides `default`, found `request_header` and "
                      "`response_header`"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {default: 1}}").find("expected a selector such as"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {request_header: ''}}").find("expected a non-empty name"),
            std::string::npos);
  EXPECT_NE(errorOf("condition: {exists: {trace_id: hexadecimal}}")
                .find("the selector `trace_id` is not supported by Plexus yet"),
            std::string::npos);
}

TEST(ConditionReadTest, ReportsEveryErrorOfAList) {
  std::string error = errorOf(R"yaml(
condition:
  all:
    - eq: [a]
    - exists: {nope: 1}
)yaml");
  EXPECT_NE(error.find("condition.all[0].eq: `eq` takes a list of two values"), std::string::npos);
  EXPECT_NE(error.find("condition.all[1].exists: unknown selector `nope`"), std::string::npos);
}

TEST(ConditionReadTest, ExpandsEnvironmentReferencesInLiterals) {
  ExpansionContext expansion;
  expansion.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "TENANT") return "acme";
    return std::nullopt;
  };
  StatusOr<Stage> stage =
      describe::parse(stageType(ConditionLevel::kRouter),
                      "condition: {eq: ['${env.TENANT}', {static: x}]}", "router.yaml", expansion);
  ASSERT_TRUE(stage.ok()) << stage.status().message();
  EXPECT_EQ(literalAt(*stage->condition, 0), json::Value("acme"));
}

}  // namespace
}  // namespace plexus::config
