// The `headers` section, read through parseRouterConfig as a user's router.yaml would be.
// Accepted forms are Apollo's (plugins/headers/mod.rs test_*_config).
#include <gtest/gtest.h>

#include "src/config/router_config.h"

namespace plexus::config {
namespace {

HeadersConfig parsed(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", ExpansionContext{});
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(config->headers) : HeadersConfig{};
}

std::string errorOf(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", ExpansionContext{});
  EXPECT_FALSE(config.ok()) << yaml;
  return config.ok() ? "" : config.status().message();
}

TEST(HeadersConfigTest, AbsentMeansNoRules) {
  EXPECT_TRUE(parsed("").empty());
  EXPECT_TRUE(parsed("headers:\n").empty());
  EXPECT_TRUE(parsed("headers:\n  all:\n    request: []\n").empty());
}

TEST(HeadersConfigTest, ReadsEveryRuleForm) {
  HeadersConfig headers = parsed(R"yaml(
headers:
  all:
    request:
      - propagate: {named: X-Tenant, rename: X-Org, default: none}
      - propagate: {matching: "^x-trace-.*"}
      - insert: {name: x-from, value: router}
      - insert: {name: x-op, from_context: my_key}
      - insert: {name: x-app, path: "$.extensions.app", default: unknown}
      - remove: {named: x-secret}
      - remove: {matching: "^x-internal-.*"}
  subgraphs:
    products:
      request:
        - insert: {name: test, value: test}
)yaml");
  ASSERT_TRUE(headers.all.has_value());
  const std::vector<HeaderRule>& rules = headers.all->request;
  ASSERT_EQ(rules.size(), 7u);
  ASSERT_TRUE(rules[0].propagate.has_value());
  EXPECT_EQ(rules[0].propagate->named, "x-tenant");  // names are lower-cased
  EXPECT_EQ(rules[0].propagate->rename, "x-org");
  EXPECT_EQ(rules[0].propagate->default_value, "none");
  EXPECT_EQ(rules[1].propagate->matching, "^x-trace-.*");
  EXPECT_FALSE(rules[1].propagate->named.has_value());
  ASSERT_TRUE(rules[2].insert.has_value());
  EXPECT_EQ(rules[2].insert->name, "x-from");
  EXPECT_EQ(rules[2].insert->value, "router");
  EXPECT_EQ(rules[3].insert->from_context, "my_key");
  EXPECT_EQ(rules[4].insert->path, "$.extensions.app");
  EXPECT_EQ(rules[4].insert->default_value, "unknown");
  ASSERT_TRUE(rules[5].remove.has_value());
  EXPECT_EQ(rules[5].remove->named, "x-secret");
  EXPECT_EQ(rules[6].remove->matching, "^x-internal-.*");
  ASSERT_EQ(headers.subgraphs.count("products"), 1u);
  EXPECT_EQ(headers.subgraphs.at("products").request.size(), 1u);
  EXPECT_FALSE(headers.empty());
}

TEST(HeadersConfigTest, ConnectorRulesAreAcceptedAndIgnored) {
  StatusOr<RouterConfig> config = parseRouterConfig(
      "headers:\n  connector:\n    all:\n      request: []\n", "router.yaml", ExpansionContext{});
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->ignored_sections, (std::vector<std::string>{"headers.connector"}));
}

TEST(HeadersConfigTest, ABadRegexIsAnErrorAtItsYamlPath) {
  std::string error =
      errorOf("headers:\n  all:\n    request:\n      - remove:\n          matching: \"d.*[\"\n");
  EXPECT_EQ(error.substr(0, error.find(": invalid regular expression")),
            "router.yaml:5:21: headers.all.request[0].remove.matching");
  error = errorOf(
      "headers:\n  subgraphs:\n    products:\n      request:\n"
      "        - propagate: {matching: \"(\"}\n");
  EXPECT_NE(error.find("headers.subgraphs.products.request[0].propagate.matching: invalid "
                       "regular expression \"(\""),
            std::string::npos)
      << error;
}

TEST(HeadersConfigTest, ARuleTakesExactlyOneForm) {
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - {}\n"),
            "router.yaml:4:9: headers.all.request[0]: expected exactly one of `propagate`, "
            "`insert` or `remove`");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - propagate: {named: a}\n"
                    "        remove: {named: a}\n"),
            "router.yaml:4:9: headers.all.request[0]: expected exactly one of `propagate`, "
            "`insert` or `remove`");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - propagate: {named: a, matching: b}\n"),
            "router.yaml:4:20: headers.all.request[0].propagate: expected exactly one of `named` "
            "or `matching`");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - remove: {}\n"),
            "router.yaml:4:17: headers.all.request[0].remove: expected exactly one of `named` or "
            "`matching`");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - insert: {name: a, value: b, "
                    "from_context: c}\n"),
            "router.yaml:4:17: headers.all.request[0].insert: expected exactly one of `value`, "
            "`from_context` or `path`");
}

TEST(HeadersConfigTest, OptionsBelongToTheirForm) {
  EXPECT_EQ(
      errorOf("headers:\n  all:\n    request:\n      - propagate: {matching: a, rename: b}\n"),
      "router.yaml:4:42: headers.all.request[0].propagate.rename: needs `named`");
  EXPECT_EQ(
      errorOf("headers:\n  all:\n    request:\n      - insert: {name: a, value: b, default: c}\n"),
      "router.yaml:4:46: headers.all.request[0].insert.default: needs `path`");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - insert: {value: b}\n"),
            "router.yaml:4:17: headers.all.request[0].insert: missing required key \"name\"");
  EXPECT_EQ(errorOf("headers:\n  all:\n    request: []\n    response: []\n").substr(0, 50),
            "router.yaml:4:5: headers.all.response: unknown key");
  EXPECT_EQ(errorOf("headers:\n  all: {}\n"),
            "router.yaml:2:8: headers.all: missing required key \"request\"");
}

TEST(HeadersConfigTest, HeaderNamesAndValuesAreChecked) {
  EXPECT_EQ(errorOf("headers:\n  all:\n    request:\n      - remove: {named: \"bad name\"}\n"),
            "router.yaml:4:25: headers.all.request[0].remove.named: invalid header name \"bad "
            "name\"");
  EXPECT_EQ(
      errorOf("headers:\n  all:\n    request:\n      - insert: {name: a, value: \"x\\ny\"}\n"),
      "router.yaml:4:34: headers.all.request[0].insert.value: invalid header value \"x\ny\"");
}

TEST(HeadersConfigTest, TheSchemaListsTheRuleForms) {
  std::string schema = routerConfigJsonSchema();
  for (std::string_view key : {"\"propagate\"", "\"insert\"", "\"remove\"", "\"from_context\"",
                               "\"matching\"", "\"rename\""}) {
    EXPECT_NE(schema.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace plexus::config
