// include_subgraph_errors as Apollo Router v2 applies it. The first tests port
// apollo-router/src/plugins/include_subgraph_errors/tests.rs case by case (same configuration,
// same error, the output its snapshots/ hold); the rest pin details of effective_config.rs and
// process_error that those snapshots do not show.
#include "src/execution/subgraph_error_policy.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "src/execution/execution_test_support.h"
#include "src/json/value.h"

namespace plexus::execution {
namespace {

// The `include_subgraph_errors` value, written as tests.rs writes it (JSON is YAML).
StatusOr<config::RouterConfig> load(std::string_view json_config) {
  return config::parseRouterConfig("include_subgraph_errors: " + std::string(json_config) + "\n",
                                   "router.yaml", config::ExpansionContext{});
}

SubgraphErrorPolicy policyOf(std::string_view json_config) {
  StatusOr<config::RouterConfig> config = load(json_config);
  EXPECT_TRUE(config.ok()) << config.status().message();
  return SubgraphErrorPolicy::fromConfig(config.ok() ? config->include_subgraph_errors
                                                     : config::IncludeSubgraphErrorsConfig{});
}

graphql::GraphQLError errorWith(std::string message, std::string_view extensions) {
  graphql::GraphQLError error;
  error.message = std::move(message);
  error.extensions = *json::parse(extensions);
  return error;
}

// tests.rs PRODUCT_ERROR_RESPONSE and ACCOUNT_ERROR_RESPONSE, as their subgraphs sent them.
graphql::GraphQLError productError() {
  return errorWith("Could not query products", R"({"test":"value","code":"FETCH_ERROR"})");
}
graphql::GraphQLError accountError() {
  return errorWith("Account service error", R"({"code":"ACCOUNT_FAIL"})");
}

// What the client sees of `error` from `subgraph` under the configuration.
std::string processed(std::string_view json_config, std::string_view subgraph = "products",
                      graphql::GraphQLError error = productError()) {
  policyOf(json_config).apply(subgraph, error);
  return json::serialize(error.toJson());
}

constexpr std::string_view kRedacted = R"({"message":"Subgraph errors redacted"})";
constexpr std::string_view kProductIncluded =
    R"({"message":"Could not query products",)"
    R"("extensions":{"test":"value","code":"FETCH_ERROR","service":"products"}})";

// ---- tests.rs, booleans ----

TEST(SubgraphErrorPolicyApolloTest, RedactsAllSubgraphsExplicitly) {  // redact_all_explicit
  EXPECT_EQ(processed(R"({"all": false})"), kRedacted);
}

TEST(SubgraphErrorPolicyApolloTest, RedactsAllSubgraphsImplicitly) {  // redact_all_implicit
  EXPECT_EQ(processed("{}"), kRedacted);
}

TEST(SubgraphErrorPolicyApolloTest, IncludesAllSubgraphsExplicitly) {  // allow_all_explicit
  EXPECT_EQ(processed(R"({"all": true})"), kProductIncluded);
}

TEST(SubgraphErrorPolicyApolloTest, IncludesAListedSubgraphUnderTheDefault) {
  // allow_product_override_implicit_redact, redact_product_when_review_allowed
  EXPECT_EQ(processed(R"({"subgraphs": {"products": true}})"), kProductIncluded);
  EXPECT_EQ(processed(R"({"subgraphs": {"reviews": true}})"), kRedacted);
}

TEST(SubgraphErrorPolicyApolloTest, RedactsAListedSubgraphUnderAllTrue) {
  // allow_product_when_review_redacted, redact_product_override_explicit_allow,
  // allow_product_when_account_redacted, redact_account_override_explicit_allow
  EXPECT_EQ(processed(R"({"all": true, "subgraphs": {"reviews": false}})"), kProductIncluded);
  EXPECT_EQ(processed(R"({"all": true, "subgraphs": {"products": false}})"), kRedacted);
  EXPECT_EQ(processed(R"({"all": true, "subgraphs": {"accounts": false}})"), kProductIncluded);
  EXPECT_EQ(
      processed(R"({"all": true, "subgraphs": {"accounts": false}})", "accounts", accountError()),
      kRedacted);
}

// ---- tests.rs, what loads and what does not ----

TEST(SubgraphErrorPolicyApolloTest, RefusesBothListsAndObjectsUnderABooleanAll) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"({"all": {"redact_message": false, "allow_extensions_keys": [],)"
       R"( "deny_extensions_keys": []}})",
       "Global config cannot have both allow_extensions_keys and deny_extensions_keys"},
      {R"({"all": {"redact_message": false, "allow_extensions_keys": []}, "subgraphs":)"
       R"( {"products": {"redact_message": false, "allow_extensions_keys": [],)"
       R"( "deny_extensions_keys": []}}})",
       "A subgraph config cannot have both allow_extensions_keys and deny_extensions_keys"},
      {R"({"all": false, "subgraphs": {"products": {"redact_message": true}}})",
       "Subgraph 'products' must use boolean config when global config is boolean"},
  };
  for (const auto& [json_config, message] : cases) {
    StatusOr<config::RouterConfig> config = load(json_config);
    ASSERT_FALSE(config.ok()) << json_config;
    EXPECT_NE(config.status().message().find(message), std::string::npos)
        << config.status().message();
  }
}

TEST(SubgraphErrorPolicyApolloTest, MergesEverySubgraphFormUnderAGlobalObject) {
  // it_allows_any_subgraph_config_type_when_global_is_object, with the rules it gives.
  SubgraphErrorPolicy policy = policyOf(R"({
    "all": {"redact_message": true, "deny_extensions_keys": ["code"]},
    "subgraphs": {
      "products": {"allow_extensions_keys": ["code"]},
      "reviews": {"deny_extensions_keys": ["reason"]},
      "inventory": {"exclude_global_keys": ["code"]},
      "accounts": true}})");
  using Keys = std::vector<std::string>;
  EXPECT_EQ(policy.defaultRule(), (SubgraphErrorRule{.include_errors = true,
                                                     .redact_message = true,
                                                     .allow_extensions_keys = std::nullopt,
                                                     .deny_extensions_keys = Keys{"code"}}));
  // An allow list replaces `all`'s deny list; the redaction is `all`'s.
  EXPECT_EQ(policy.ruleFor("products"), (SubgraphErrorRule{.include_errors = true,
                                                           .redact_message = true,
                                                           .allow_extensions_keys = Keys{"code"},
                                                           .deny_extensions_keys = std::nullopt}));
  // A deny list extends `all`'s.
  EXPECT_EQ(policy.ruleFor("reviews").deny_extensions_keys, (Keys{"code", "reason"}));
  // The third form inherits `all`'s list minus exclude_global_keys.
  EXPECT_EQ(policy.ruleFor("inventory"), (SubgraphErrorRule{.include_errors = true,
                                                            .redact_message = true,
                                                            .allow_extensions_keys = std::nullopt,
                                                            .deny_extensions_keys = Keys{}}));
  // A boolean drops `all`'s lists and its message redaction.
  EXPECT_EQ(policy.ruleFor("accounts"), SubgraphErrorRule{});
}

// ---- tests.rs, extension filtering ----

TEST(SubgraphErrorPolicyApolloTest, FiltersByTheGlobalAllowList) {
  // filter_global_allow_redact_msg, filter_global_allow_keep_msg
  EXPECT_EQ(
      processed(
          R"({"all": {"redact_message": true, "allow_extensions_keys": ["code", "service"]}})"),
      R"({"message":"Subgraph errors redacted",)"
      R"("extensions":{"code":"FETCH_ERROR","service":"products"}})");
  EXPECT_EQ(
      processed(
          R"({"all": {"redact_message": false, "allow_extensions_keys": ["code", "service"]}})"),
      R"({"message":"Could not query products",)"
      R"("extensions":{"code":"FETCH_ERROR","service":"products"}})");
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphBooleanOverridesAGlobalObject) {
  // subgraph_bool_true_override_global_deny, subgraph_bool_false_override_global_allow
  EXPECT_EQ(processed(R"({"all": {"redact_message": true, "deny_extensions_keys": ["code"]},)"
                      R"( "subgraphs": {"products": true}})"),
            kProductIncluded);
  EXPECT_EQ(processed(R"({"all": {"redact_message": true, "allow_extensions_keys": ["code"]},)"
                      R"( "subgraphs": {"products": false}})"),
            kRedacted);
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphObjectOverridesTheRedaction) {
  // subgraph_obj_override_redaction
  EXPECT_EQ(
      processed(
          R"({"all": {"redact_message": false, "allow_extensions_keys": ["code", "service"]},)"
          R"( "subgraphs": {"products": {"redact_message": true}}})"),
      R"({"message":"Subgraph errors redacted",)"
      R"("extensions":{"code":"FETCH_ERROR","service":"products"}})");
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphExcludesAKeyOfTheGlobalAllowList) {
  // subgraph_exclude_global_allow
  EXPECT_EQ(processed(R"({"all": {"redact_message": false,)"
                      R"( "allow_extensions_keys": ["code", "test", "service"]},)"
                      R"( "subgraphs": {"products": {"exclude_global_keys": ["test"]}}})"),
            R"({"message":"Could not query products",)"
            R"("extensions":{"code":"FETCH_ERROR","service":"products"}})");
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphDenyListReplacesTheGlobalAllowList) {
  // subgraph_deny_override_global_allow, subgraph_deny_service
  EXPECT_EQ(
      processed(R"({"all": {"redact_message": false,)"
                R"( "allow_extensions_keys": ["code", "test", "service"]},)"
                R"( "subgraphs": {"products": {"deny_extensions_keys": ["test", "service"]}}})"),
      R"({"message":"Could not query products","extensions":{"code":"FETCH_ERROR"}})");
  EXPECT_EQ(processed(R"({"all": {"redact_message": false,)"
                      R"( "allow_extensions_keys": ["code", "test", "service"]},)"
                      R"( "subgraphs": {"products": {"deny_extensions_keys": ["service"]}}})"),
            R"({"message":"Could not query products",)"
            R"("extensions":{"test":"value","code":"FETCH_ERROR"}})");
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphAllowListReplacesTheGlobalDenyList) {
  // subgraph_allow_override_global_deny, subgraph_allow_service
  EXPECT_EQ(
      processed(R"({"all": {"redact_message": false, "deny_extensions_keys": ["test", "service"]},)"
                R"( "subgraphs": {"products": {"allow_extensions_keys": ["code", "test"]}}})"),
      R"({"message":"Could not query products",)"
      R"("extensions":{"code":"FETCH_ERROR","test":"value"}})");
  EXPECT_EQ(
      processed(R"({"all": {"redact_message": true, "deny_extensions_keys": ["code", "test"]},)"
                R"( "subgraphs": {"products": {"allow_extensions_keys": ["service"]}}})"),
      R"({"message":"Subgraph errors redacted","extensions":{"service":"products"}})");
}

TEST(SubgraphErrorPolicyApolloTest, ASubgraphListExtendsTheGlobalListOfItsKind) {
  // subgraph_deny_extend_global_deny
  EXPECT_EQ(processed(R"({"all": {"redact_message": true, "deny_extensions_keys": ["test"]},)"
                      R"( "subgraphs": {"products": {"deny_extensions_keys": ["code"]}}})"),
            R"({"message":"Subgraph errors redacted","extensions":{"service":"products"}})");
  // subgraph_allow_extend_global_allow: `all`'s list sorted, then the subgraph's.
  EXPECT_EQ(
      processed(
          R"({"all": {"redact_message": false, "allow_extensions_keys": ["test", "service"]},)"
          R"( "subgraphs": {"products": {"allow_extensions_keys": ["code"]}}})"),
      R"({"message":"Could not query products",)"
      R"("extensions":{"service":"products","test":"value","code":"FETCH_ERROR"}})");
}

// ---- details of effective_config.rs and process_error ----

TEST(SubgraphErrorPolicyTest, ARedactedErrorKeepsItsPathAndLocations) {
  graphql::GraphQLError error = productError();
  error.path = {std::string("topProducts"), int64_t{0}};
  error.locations = {{1, 3}};
  policyOf("{}").apply("products", error);
  EXPECT_EQ(json::serialize(error.toJson()),
            R"({"message":"Subgraph errors redacted","locations":[{"line":1,"column":3}],)"
            R"("path":["topProducts",0]})");
}

TEST(SubgraphErrorPolicyTest, KeepsTheServiceASubgraphWroteItself) {
  // `extensions.entry("service").or_insert(name)`
  EXPECT_EQ(processed(R"({"all": true})", "products",
                      errorWith("boom", R"({"service":"inner","code":"X"})")),
            R"({"message":"boom","extensions":{"service":"inner","code":"X"}})");
}

TEST(SubgraphErrorPolicyTest, TheInheritedAllowListKeepsItsWrittenOrder) {
  // The default rule sorts `all`'s list; a subgraph's third form reads it as written.
  std::string_view config =
      R"({"all": {"redact_message": false, "allow_extensions_keys": ["service", "code"]},)"
      R"( "subgraphs": {"products": {"redact_message": false}}})";
  EXPECT_EQ(processed(config, "products"),
            R"({"message":"Could not query products",)"
            R"("extensions":{"service":"products","code":"FETCH_ERROR"}})");
  EXPECT_EQ(processed(config, "reviews", errorWith("x", R"({"code":"C"})")),
            R"({"message":"x","extensions":{"code":"C","service":"reviews"}})");
}

TEST(SubgraphErrorPolicyTest, ADeniedKeyTakesTheLastKeyInItsPlace) {
  // Apollo's extensions are IndexMaps and remove() is swap_remove.
  EXPECT_EQ(processed(R"({"all": {"redact_message": false, "deny_extensions_keys": ["a"]}})",
                      "products", errorWith("m", R"({"a":1,"b":2,"c":3})")),
            R"({"message":"m","extensions":{"service":"products","b":2,"c":3}})");
}

TEST(SubgraphErrorPolicyTest, AKeyAllowedTwiceIsKeptOnce) {
  EXPECT_EQ(processed(R"({"all": {"redact_message": false, "allow_extensions_keys": ["code"]},)"
                      R"( "subgraphs": {"products": {"allow_extensions_keys": ["code"]}}})"),
            R"({"message":"Could not query products","extensions":{"code":"FETCH_ERROR"}})");
}

TEST(SubgraphErrorPolicyTest, AnErrorWithoutExtensionsGetsTheService) {
  graphql::GraphQLError error;
  error.message = "m";
  policyOf(R"({"all": true})").apply("products", error);
  EXPECT_EQ(json::serialize(error.toJson()),
            R"({"message":"m","extensions":{"service":"products"}})");
}

TEST(SubgraphErrorPolicyTest, TheDefaultPolicyIncludesEverything) {
  graphql::GraphQLError error = productError();
  SubgraphErrorPolicy().apply("products", error);
  EXPECT_EQ(json::serialize(error.toJson()), kProductIncluded);
}

// ---- in the executor: which errors the policy sees ----

// Runs `root` for `query` with `policy` applied to the subgraphs' errors.
std::string runWith(std::shared_ptr<const SubgraphErrorPolicy> policy, federation::PlanNodePtr root,
                    std::string_view query, test::MockFetcher& fetcher) {
  federation::QueryPlan plan(std::move(root));
  auto parsed = graphql::parse(std::string(query));
  EXPECT_TRUE(parsed.ok());
  std::string body;
  execute(ExecutionRequest{.supergraph = test::testSupergraph().get(),
                           .plan = &plan,
                           .document = &parsed.document(),
                           .operation_name = "",
                           .subgraph_errors = std::move(policy)},
          fetcher, [&](ExecutionResponse response) { body = std::move(response.body); });
  fetcher.drain();
  return body;
}

std::shared_ptr<const SubgraphErrorPolicy> sharedPolicyOf(std::string_view json_config) {
  return std::make_shared<const SubgraphErrorPolicy>(policyOf(json_config));
}

TEST(SubgraphErrorPolicyExecutorTest, TheSubgraphThatSentAnErrorDecidesNotItsServiceKey) {
  test::MockFetcher fetcher;
  fetcher.answer("a", "{count}",
                 R"({"data":{"count":null},"errors":[{"message":"no","path":["count"],)"
                 R"("extensions":{"service":"b"}}]})");
  EXPECT_EQ(runWith(sharedPolicyOf(R"({"subgraphs": {"b": true}})"),
                    test::rootFetch("a", "{ count }"), "{ count }", fetcher),
            R"({"data":{"count":null},"errors":[{"message":"Subgraph errors redacted",)"
            R"("path":["count"]}]})");
}

TEST(SubgraphErrorPolicyExecutorTest, FetchFailuresAreTheSubgraphsErrors) {
  test::MockFetcher fetcher;
  fetcher.fail("a", "{count}", "connection refused");
  std::string body = runWith(
      sharedPolicyOf(R"({"all": {"redact_message": true, "allow_extensions_keys": ["service"]}})"),
      test::rootFetch("a", "{ count }"), "{ count }", fetcher);
  EXPECT_EQ(body, R"({"data":{"count":null},"errors":[{"message":"Subgraph errors redacted",)"
                  R"("extensions":{"service":"a"}}]})");
}

TEST(SubgraphErrorPolicyExecutorTest, TheRoutersOwnErrorsStayAsTheyAre) {
  // tests.rs non_subgraph_error: an error without a subgraph is not the policy's.
  test::MockFetcher fetcher;
  fetcher.answer("a", "{count}", R"({"data":{"count":1}})");
  std::string body = runWith(
      sharedPolicyOf("{}"),
      federation::parallel(test::nodes(test::rootFetch("a", "{ count }"),
                                       federation::flatten("users", federation::sequence({})))),
      "{ count }", fetcher);
  EXPECT_EQ(body,
            R"({"data":{"count":1},"errors":[{"message":"a Flatten node must hold a Fetch"}]})");
}

}  // namespace
}  // namespace plexus::execution
