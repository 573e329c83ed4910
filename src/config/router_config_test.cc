#include "src/config/router_config.h"

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "src/common/testing/temp_files.h"

namespace plexus::config {
namespace {

using namespace std::chrono_literals;

ExpansionContext testEnv() {
  ExpansionContext context;
  context.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "PORT") return "4100";
    if (name == "INTROSPECTION") return "true";
    if (name == "PRODUCTS_URL") return "http://products:4001/graphql";
    return std::nullopt;
  };
  return context;
}

RouterConfig parsed(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", testEnv());
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(*config) : RouterConfig{};
}

std::string errorOf(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", testEnv());
  EXPECT_FALSE(config.ok()) << yaml;
  return config.ok() ? "" : config.status().message();
}

TEST(RouterConfigTest, AnEmptyFileGivesApolloRouterDefaults) {
  RouterConfig config = parsed("");
  EXPECT_EQ(config.supergraph.listen, (ListenAddress{"127.0.0.1", 4000}));
  EXPECT_EQ(config.supergraph.path, "/");
  EXPECT_FALSE(config.supergraph.introspection);
  EXPECT_FALSE(config.traffic_shaping.deduplicateQuery("products"));
  EXPECT_EQ(config.traffic_shaping.timeout("products"), 30s);
  EXPECT_TRUE(config.override_subgraph_url.empty());
  EXPECT_EQ(config.limits.http_max_request_bytes, 2'000'000u);
  EXPECT_EQ(config.limits.http1_max_request_headers, 100u);
  EXPECT_EQ(config.server.header_read_timeout, 10s);
  EXPECT_EQ(config.server.tls_handshake_timeout, 10s);
  EXPECT_TRUE(config.ignored_sections.empty());
}

TEST(RouterConfigTest, ReadsTheAuditAndBenchmarkConfig) {
  RouterConfig config = parsed("supergraph:\n  listen: 127.0.0.1:29641\n");
  EXPECT_EQ(config.supergraph.listen, (ListenAddress{"127.0.0.1", 29641}));
}

TEST(RouterConfigTest, ReadsEveryImplementedKey) {
  RouterConfig config = parsed(R"yaml(
supergraph:
  listen: "[::1]:${env.PORT}"
  path: /graphql
  introspection: ${env.INTROSPECTION}
traffic_shaping:
  all:
    deduplicate_query: true
    timeout: 5s
  subgraphs:
    products:
      timeout: 500ms
    reviews:
      deduplicate_query: false
override_subgraph_url:
  products: ${env.PRODUCTS_URL}
  reviews: http://localhost:4002/
include_subgraph_errors:
  all: true
  subgraphs:
    reviews: false
)yaml");
  EXPECT_EQ(config.supergraph.listen, (ListenAddress{"::1", 4100}));
  EXPECT_EQ(config.supergraph.path, "/graphql");
  EXPECT_TRUE(config.supergraph.introspection);
  const TrafficShapingConfig& shaping = config.traffic_shaping;
  EXPECT_TRUE(shaping.deduplicateQuery("products"));  // from all
  EXPECT_FALSE(shaping.deduplicateQuery("reviews"));  // its own setting wins
  EXPECT_EQ(shaping.timeout("products"), 500ms);
  EXPECT_EQ(shaping.timeout("reviews"), 5s);
  EXPECT_EQ(shaping.timeout("accounts"), 5s);
  EXPECT_EQ(config.override_subgraph_url.at("products"), "http://products:4001/graphql");
  EXPECT_EQ(config.override_subgraph_url.at("reviews"), "http://localhost:4002/");
  EXPECT_EQ(config.include_subgraph_errors.all.form, SubgraphErrorsForm::kBoolean);
  EXPECT_TRUE(config.include_subgraph_errors.all.include);
  EXPECT_EQ(config.include_subgraph_errors.subgraphs.at("reviews").form,
            SubgraphErrorsForm::kBoolean);
  EXPECT_FALSE(config.include_subgraph_errors.subgraphs.at("reviews").include);
}

TEST(RouterConfigTest, ReadsTheHttpLimitsTheHeaderTimeoutAndAUnixSocket) {
  RouterConfig config = parsed(R"yaml(
supergraph:
  listen: /tmp/router.sock
limits:
  http_max_request_bytes: 1000
  http1_max_request_headers: 50
  max_depth: 100
server:
  http:
    header_read_timeout: 250ms
    tls_handshake_timeout: 2s
)yaml");
  EXPECT_EQ(config.supergraph.listen, ListenAddress::unixSocket("/tmp/router.sock"));
  EXPECT_EQ(config.limits.http_max_request_bytes, 1000u);
  EXPECT_EQ(config.limits.http1_max_request_headers, 50u);
  EXPECT_EQ(config.server.header_read_timeout, 250ms);
  EXPECT_EQ(config.server.tls_handshake_timeout, 2s);
  EXPECT_EQ(config.limits.max_depth, 100u);
  EXPECT_TRUE(config.ignored_sections.empty());

  EXPECT_EQ(errorOf("limits:\n  http_max_request_bytes: 2MB\n"),
            "router.yaml:2:27: limits.http_max_request_bytes: expected a positive integer, "
            "found \"2MB\"");
  EXPECT_EQ(errorOf("server:\n  http:\n    header_read_timeout: 10\n"),
            "router.yaml:3:26: server.http.header_read_timeout: expected a duration such as "
            "\"30s\", \"500ms\" or \"1m 30s\", found \"10\"");
  std::string error = errorOf("server:\n  http:\n    header_timeout: 1s\n");
  EXPECT_EQ(error.substr(0, error.find(';')),
            "router.yaml:3:5: server.http.header_timeout: unknown key");
}

TEST(RouterConfigTest, AcceptsAndListsApolloSectionsNotImplementedYet) {
  RouterConfig config = parsed(R"yaml(
apq:
  enabled: false
telemetry:
  exporters:
    logging:
      stdout:
        enabled: true
supergraph:
  listen: 0.0.0.0:4000
  query_planning:
    cache:
      in_memory:
        limit: 100
traffic_shaping:
  router:
    timeout: 60s
  all:
    compression: gzip
headers:
  all:
    request:
      - propagate:
          matching: .*
)yaml");
  EXPECT_EQ(config.ignored_sections,
            (std::vector<std::string>{"apq", "supergraph.query_planning", "traffic_shaping.router",
                                      "traffic_shaping.all.compression"}));
}

TEST(RouterConfigTest, RejectsUnknownKeysNamingPathAndPosition) {
  std::string error = errorOf("supergraph:\n  lisen: 127.0.0.1:4000\n");
  EXPECT_EQ(error.substr(0, error.find(';')), "router.yaml:2:3: supergraph.lisen: unknown key");
  EXPECT_NE(error.find("did you mean \"listen\"? expected one of: listen, path, introspection"),
            std::string::npos)
      << error;

  error = errorOf("traffic_shaping:\n  subgraphs:\n    products:\n      dedupe: true\n");
  EXPECT_EQ(error.substr(0, error.find(';')),
            "router.yaml:4:7: traffic_shaping.subgraphs.products.dedupe: unknown key");

  error = errorOf("not_a_router_section: 1\n");
  EXPECT_EQ(error.substr(0, error.find(';')), "router.yaml:1:1: not_a_router_section: unknown key");
}

TEST(RouterConfigTest, RejectsWrongTypesNamingPathLineAndColumn) {
  EXPECT_EQ(errorOf("supergraph:\n  introspection: maybe\n"),
            "router.yaml:2:18: supergraph.introspection: expected a boolean (true or false), "
            "found \"maybe\"");
  EXPECT_EQ(errorOf("supergraph:\n  introspection: \"true\"\n"),
            "router.yaml:2:18: supergraph.introspection: expected a boolean (true or false), "
            "found \"true\"");
  EXPECT_EQ(errorOf("traffic_shaping:\n  all:\n    timeout: 30\n"),
            "router.yaml:3:14: traffic_shaping.all.timeout: expected a duration such as \"30s\", "
            "\"500ms\" or \"1m 30s\", found \"30\"");
  EXPECT_EQ(errorOf("supergraph: [1, 2]\n"),
            "router.yaml:1:13: supergraph: expected a mapping, found a sequence");
  EXPECT_EQ(errorOf("supergraph:\n  listen: localhost\n"),
            "router.yaml:2:11: supergraph.listen: expected a listen address such as "
            "\"127.0.0.1:4000\" or \"[::1]:4000\", found \"localhost\"");
  EXPECT_EQ(errorOf("override_subgraph_url:\n  products: products:4001\n"),
            "router.yaml:2:13: override_subgraph_url.products: expected an http:// or https:// "
            "URL, found \"products:4001\"");
}

TEST(RouterConfigTest, ReportsEveryErrorAtOnceAndUnsetVariables) {
  std::string error = errorOf(
      "supergraph:\n  listen: ${env.NOPE}\n  path: graphql\ntraffic_shaping:\n  all:\n    "
      "timeout: soon\n");
  EXPECT_EQ(error,
            "router.yaml:2:11: supergraph.listen: environment variable 'NOPE' is not set\n"
            "router.yaml:3:9: supergraph.path: must start with '/', found \"graphql\"\n"
            "router.yaml:6:14: traffic_shaping.all.timeout: expected a duration such as \"30s\", "
            "\"500ms\" or \"1m 30s\", found \"soon\"");
}

TEST(RouterConfigTest, ReportsYamlSyntaxErrorsWithTheirPosition) {
  std::string error = errorOf("supergraph:\n  listen: [127.0.0.1\n");
  EXPECT_EQ(error.substr(0, 12), "router.yaml:");
  EXPECT_NE(error.find("invalid YAML"), std::string::npos);
  EXPECT_EQ(errorOf("- a\n- b\n"),
            "router.yaml:1:1: expected a mapping of configuration sections, found a sequence");
}

TEST(RouterConfigTest, LoadsAFileAndNamesAMissingOne) {
  std::string path = test::tempPath("router_config_test.yaml");
  {
    std::ofstream out(path);
    out << "supergraph:\n  path: /graphql\n";
  }
  StatusOr<RouterConfig> config = loadRouterConfig(path, testEnv());
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->supergraph.path, "/graphql");
  std::remove(path.c_str());

  StatusOr<RouterConfig> missing = loadRouterConfig(path, testEnv());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "cannot read configuration file '" + path + "'");
}

}  // namespace
}  // namespace plexus::config

namespace plexus::config {
namespace {

TEST(RouterConfigLandingTest, ReadsHomepageAndSandboxWithApollosRules) {
  auto config = parseRouterConfig(
      "homepage:\n  enabled: false\n  graph_ref: g@v\n"
      "sandbox:\n  enabled: true\n"
      "supergraph:\n  introspection: true\n");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_FALSE(config->landing.homepage);
  EXPECT_TRUE(config->landing.sandbox);
  EXPECT_TRUE(parseRouterConfig("")->landing.homepage);

  auto clash = parseRouterConfig("sandbox:\n  enabled: true\n");
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.status().message().find(
                "sandbox.enabled: the sandbox needs `homepage: { enabled: false }`"),
            std::string::npos)
      << clash.status().message();
  auto closed = parseRouterConfig("homepage:\n  enabled: false\nsandbox:\n  enabled: true\n");
  ASSERT_FALSE(closed.ok());
  EXPECT_NE(closed.status().message().find("needs `supergraph: { introspection: true }`"),
            std::string::npos);
}

}  // namespace
}  // namespace plexus::config

namespace plexus::config {
namespace {

TEST(RouterConfigLimitsTest, ReadsParserAndOperationLimits) {
  auto config = parseRouterConfig(
      "limits:\n  parser_max_tokens: 100\n  parser_max_recursion: 20\n  max_height: 7\n"
      "  max_root_fields: 3\n  max_aliases: 2\n  warn_only: true\n"
      "  introspection_max_depth: false\n");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->limits.parser_max_tokens, 100u);
  EXPECT_EQ(config->limits.parser_max_recursion, 20u);
  EXPECT_FALSE(config->limits.max_depth.has_value());
  EXPECT_EQ(config->limits.max_height, 7u);
  EXPECT_EQ(config->limits.max_root_fields, 3u);
  EXPECT_EQ(config->limits.max_aliases, 2u);
  EXPECT_TRUE(config->limits.warn_only);
  EXPECT_FALSE(config->limits.introspection_max_depth);
  auto huge = parseRouterConfig("limits:\n  max_depth: 99999999999\n");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("limits.max_depth: must be at most 4294967295"),
            std::string::npos)
      << huge.status().message();
}

}  // namespace
}  // namespace plexus::config

namespace plexus::config {
namespace {

TEST(RouterConfigLoggingTest, ReadsTheStdoutLoggingFormats) {
  auto config = parseRouterConfig(R"yaml(
telemetry:
  instrumentation:
    spans: {}
  exporters:
    tracing:
      otlp: { enabled: false }
    logging:
      stdout:
        enabled: true
        format:
          json:
            display_timestamp: false
        tty_format: text
)yaml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->logging.format, "json");
  EXPECT_EQ(config->logging.tty_format, "text");
  EXPECT_TRUE(config->logging.enabled);
  EXPECT_EQ(config->ignored_sections,
            (std::vector<std::string>{"telemetry.instrumentation", "telemetry.exporters.tracing",
                                      "telemetry.exporters.logging.stdout.format.json"}));
  auto bad = parseRouterConfig(
      "telemetry:\n  exporters:\n    logging:\n      stdout:\n        format: xml\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(
                "telemetry.exporters.logging.stdout.format: expected \"text\" or \"json\""),
            std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace plexus::config

namespace plexus::config {
namespace {

TEST(RouterConfigForbidMutationsTest, ReadsTheFlag) {
  EXPECT_FALSE(parseRouterConfig("")->forbid_mutations);
  EXPECT_TRUE(parseRouterConfig("forbid_mutations: true\n")->forbid_mutations);
  auto bad = parseRouterConfig("forbid_mutations: sometimes\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("forbid_mutations"), std::string::npos);
}

}  // namespace
}  // namespace plexus::config

namespace plexus::config {
namespace {

// include_subgraph_errors: Apollo Router v2's forms (plugins/include_subgraph_errors/config.rs).
TEST(RouterConfigIncludeErrorsTest, RedactsEverySubgraphByDefault) {
  RouterConfig config = parsed("");
  EXPECT_EQ(config.include_subgraph_errors.all.form, SubgraphErrorsForm::kBoolean);
  EXPECT_FALSE(config.include_subgraph_errors.all.include);
  EXPECT_TRUE(config.include_subgraph_errors.subgraphs.empty());
}

TEST(RouterConfigIncludeErrorsTest, ReadsTheGlobalAllowAndDenyForms) {
  RouterConfig allow = parsed(
      "include_subgraph_errors:\n"
      "  all: {allow_extensions_keys: [code, service], redact_message: true}\n");
  const SubgraphErrorsMode& all = allow.include_subgraph_errors.all;
  EXPECT_EQ(all.form, SubgraphErrorsForm::kAllow);
  EXPECT_EQ(all.extensions_keys, (std::vector<std::string>{"code", "service"}));
  EXPECT_TRUE(all.redact_message);
  EXPECT_TRUE(allow.ignored_sections.empty());

  RouterConfig deny = parsed(
      "include_subgraph_errors:\n  all: {deny_extensions_keys: [test], redact_message: false}\n");
  EXPECT_EQ(deny.include_subgraph_errors.all.form, SubgraphErrorsForm::kDeny);
  EXPECT_EQ(deny.include_subgraph_errors.all.extensions_keys, (std::vector<std::string>{"test"}));
  EXPECT_FALSE(deny.include_subgraph_errors.all.redact_message);
}

TEST(RouterConfigIncludeErrorsTest, AGlobalObjectWithNeitherListMeansTrue) {
  // Apollo's ErrorMode visitor: `(None, None) => Included(true)`, redact_message unused.
  RouterConfig config = parsed("include_subgraph_errors:\n  all: {redact_message: true}\n");
  EXPECT_EQ(config.include_subgraph_errors.all.form, SubgraphErrorsForm::kBoolean);
  EXPECT_TRUE(config.include_subgraph_errors.all.include);
}

TEST(RouterConfigIncludeErrorsTest, ReadsEverySubgraphFormUnderAGlobalObject) {
  RouterConfig config = parsed(R"yaml(
include_subgraph_errors:
  all:
    redact_message: true
    deny_extensions_keys: [code]
  subgraphs:
    products:
      allow_extensions_keys: [code]
    reviews:
      deny_extensions_keys: [reason]
      redact_message: false
      exclude_global_keys: [code]
    inventory:
      exclude_global_keys: [code]
    accounts: true
)yaml");
  const auto& subgraphs = config.include_subgraph_errors.subgraphs;
  const SubgraphErrorsOverride& products = subgraphs.at("products");
  EXPECT_EQ(products.form, SubgraphErrorsForm::kAllow);
  EXPECT_EQ(products.extensions_keys, (std::vector<std::string>{"code"}));
  EXPECT_EQ(products.redact_message, std::nullopt);
  EXPECT_TRUE(products.exclude_global_keys.empty());
  const SubgraphErrorsOverride& reviews = subgraphs.at("reviews");
  EXPECT_EQ(reviews.form, SubgraphErrorsForm::kDeny);
  EXPECT_EQ(reviews.extensions_keys, (std::vector<std::string>{"reason"}));
  EXPECT_EQ(reviews.redact_message, false);
  EXPECT_EQ(reviews.exclude_global_keys, (std::vector<std::string>{"code"}));
  const SubgraphErrorsOverride& inventory = subgraphs.at("inventory");
  EXPECT_EQ(inventory.form, SubgraphErrorsForm::kCommonOnly);
  EXPECT_EQ(inventory.exclude_global_keys, (std::vector<std::string>{"code"}));
  EXPECT_EQ(subgraphs.at("accounts").form, SubgraphErrorsForm::kBoolean);
  EXPECT_TRUE(subgraphs.at("accounts").include);
  EXPECT_TRUE(config.ignored_sections.empty());
}

TEST(RouterConfigIncludeErrorsTest, RefusesWhatApolloRefusesNamingThePath) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"include_subgraph_errors:\n  all: {redact_message: false, allow_extensions_keys: [],"
       " deny_extensions_keys: []}\n",
       "router.yaml:2:8: include_subgraph_errors.all: Global config cannot have both "
       "allow_extensions_keys and deny_extensions_keys"},
      {"include_subgraph_errors:\n  all: {redact_message: false, allow_extensions_keys: []}\n"
       "  subgraphs:\n    products: {redact_message: false, allow_extensions_keys: [],"
       " deny_extensions_keys: []}\n",
       "router.yaml:4:15: include_subgraph_errors.subgraphs.products: A subgraph config cannot "
       "have both allow_extensions_keys and deny_extensions_keys"},
      {"include_subgraph_errors:\n  all: false\n  subgraphs:\n    products: {redact_message: "
       "true}\n",
       "router.yaml:4:15: include_subgraph_errors.subgraphs.products: Subgraph 'products' must "
       "use boolean config when global config is boolean"},
      // `all` absent is `false`: a boolean too.
      {"include_subgraph_errors:\n  subgraphs:\n    reviews: {exclude_global_keys: [code]}\n",
       "include_subgraph_errors.subgraphs.reviews: Subgraph 'reviews' must use boolean config "
       "when global config is boolean"},
      {"include_subgraph_errors:\n  all: {allow_extensions_keys: [code]}\n",
       "include_subgraph_errors.all: missing required key \"redact_message\""},
      {"include_subgraph_errors:\n  all: {deny_extensions_keys: [code], redact_message: true,"
       " exclude_global_keys: [code]}\n",
       "include_subgraph_errors.all.exclude_global_keys: unknown key"},
      {"include_subgraph_errors:\n  all: {deny_extensions_keys: code, redact_message: true}\n",
       "include_subgraph_errors.all.deny_extensions_keys: expected a sequence"},
      {"include_subgraph_errors:\n  all: {deny_extensions_keys: [], redact_message: true}\n"
       "  subgraphs:\n    products: {redact_mesage: true}\n",
       "include_subgraph_errors.subgraphs.products.redact_mesage: unknown key; did you mean "
       "\"redact_message\"?"},
      {"include_subgraph_errors:\n  all: {deny_extensions_keys: [], redact_message: true}\n"
       "  subgraphs:\n    products: {redact_message: maybe}\n",
       "include_subgraph_errors.subgraphs.products.redact_message: expected a boolean"},
      {"include_subgraph_errors:\n  subgraphs:\n    products: [true]\n",
       "include_subgraph_errors.subgraphs.products: expected a boolean, found a sequence"},
  };
  for (const auto& [yaml, expected] : cases) {
    std::string error = errorOf(yaml);
    EXPECT_NE(error.find(expected), std::string::npos) << yaml << "\n" << error;
  }
}

TEST(RouterConfigIncludeErrorsTest, TheBooleanFormsAreAssignable) {
  // As main.cc's --dev and tests set them.
  IncludeSubgraphErrorsConfig config;
  config.all = SubgraphErrorsMode{.form = SubgraphErrorsForm::kAllow, .extensions_keys = {"x"}};
  config.all = true;
  EXPECT_EQ(config.all.form, SubgraphErrorsForm::kBoolean);
  EXPECT_TRUE(config.all.include);
  EXPECT_TRUE(config.all.extensions_keys.empty());
  config.subgraphs["a"] = false;
  EXPECT_EQ(config.subgraphs["a"].form, SubgraphErrorsForm::kBoolean);
  EXPECT_FALSE(config.subgraphs["a"].include);
}

// Each key refuses a value of the wrong type, naming its path.
TEST(RouterConfigTest, EveryKeyRefusesAWrongType) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"supergraph: {path: [a]}", "supergraph.path: expected a string, found a sequence"},
      {"traffic_shaping: {all: {deduplicate_query: 1}}",
       "traffic_shaping.all.deduplicate_query: expected a boolean (true or false)"},
      {"traffic_shaping: {subgraphs: [a]}",
       "traffic_shaping.subgraphs: expected a mapping, found a sequence"},
      {"override_subgraph_url: {a: {b: 1}}",
       "override_subgraph_url.a: expected a string, found a mapping"},
      {"include_subgraph_errors: {all: maybe}",
       "include_subgraph_errors.all: expected a boolean (true or false)"},
      {"homepage: {enabled: 1}", "homepage.enabled: expected a boolean"},
      {"sandbox: true", "sandbox: expected a mapping, found \"true\""},
      {"limits: {parser_max_tokens: lots}",
       "limits.parser_max_tokens: expected a positive integer"},
      {"limits: {warn_only: 0}", "limits.warn_only: expected a boolean"},
      {"server: {http: {header_read_timeout: [1s]}}",
       "server.http.header_read_timeout: expected a duration, found a sequence"},
      {"telemetry: {exporters: {logging: {stdout: {enabled: yes}}}}",
       "telemetry.exporters.logging.stdout.enabled: expected a boolean"},
      {"forbid_mutations: [true]", "forbid_mutations: expected a boolean, found a sequence"},
  };
  for (const auto& [yaml, expected] : cases) {
    auto config = parseRouterConfig(std::string(yaml) + "\n");
    ASSERT_FALSE(config.ok()) << yaml;
    EXPECT_NE(config.status().message().find(expected), std::string::npos)
        << yaml << "\n"
        << config.status().message();
  }
}

}  // namespace
}  // namespace plexus::config
