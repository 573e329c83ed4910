#include "src/config/describe.h"

#include <gtest/gtest.h>

namespace plexus::config::describe {
namespace {

using namespace std::chrono_literals;

// A plugin-like configuration, described the way a plugin would.
struct Backoff {
  std::chrono::milliseconds initial{100};
  std::optional<std::chrono::milliseconds> cap;
};

struct RetryConfig {
  bool enabled = true;
  uint32_t attempts = 3;
  std::string mode = "fast";
  Backoff backoff;
  std::vector<std::string> methods = {"GET"};
  std::map<std::string, uint32_t, std::less<>> per_subgraph;
  std::vector<std::string> patterns;
  std::optional<ListenAddress> admin;
  std::string name;
};

Type<RetryConfig> retryType() {
  Type<Backoff> backoff = Object<Backoff>("Waits between tries")
                              .field("initial", &Backoff::initial, duration(), "First wait")
                              .field("cap", &Backoff::cap, optional(duration()), "Longest wait")
                              .type();
  return Object<RetryConfig>("Retries of failed requests")
      .field("enabled", &RetryConfig::enabled, boolean(), "Retries at all")
      .field("attempts", &RetryConfig::attempts, integer<uint32_t>(1, 10), "Tries in all")
      .field("mode", &RetryConfig::mode, enumeration({"fast", "slow", "off"}), "Pace")
      .field("backoff", &RetryConfig::backoff, backoff, "Backoff")
      .field("methods", &RetryConfig::methods, listOf(enumeration({"GET", "POST"})), "Methods")
      .field("per_subgraph", &RetryConfig::per_subgraph, mapOf(integer<uint32_t>(0)), "Tries")
      .field("patterns", &RetryConfig::patterns, listOf(regex()), "Operation names")
      .field("admin", &RetryConfig::admin, optional(listenAddress()), "Admin listener")
      .field("name", &RetryConfig::name, string(), "Name")
      .ignored({"experimental_jitter"})
      .check([](const RetryConfig& config, Checker& checker) {
        if (!config.enabled && config.attempts > 1) {
          checker.error("attempts", "needs `enabled: true`");
        }
      })
      .type();
}

ExpansionContext testEnv() {
  ExpansionContext context;
  context.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "TRIES") return "7";
    return std::nullopt;
  };
  return context;
}

RetryConfig parsed(std::string_view yaml, std::vector<std::string>* ignored = nullptr) {
  StatusOr<RetryConfig> config = parse(retryType(), yaml, "retry.yaml", testEnv(), ignored);
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(*config) : RetryConfig{};
}

std::string errorOf(std::string_view yaml) {
  StatusOr<RetryConfig> config = parse(retryType(), yaml, "retry.yaml", testEnv());
  EXPECT_FALSE(config.ok()) << yaml;
  return config.ok() ? "" : config.status().message();
}

TEST(DescribeTest, AbsentKeysKeepTheStructsDefaults) {
  RetryConfig config = parsed("");
  EXPECT_TRUE(config.enabled);
  EXPECT_EQ(config.attempts, 3u);
  EXPECT_EQ(config.backoff.initial, 100ms);
  EXPECT_EQ(config.methods, std::vector<std::string>{"GET"});
  EXPECT_FALSE(config.admin.has_value());
  EXPECT_EQ(parsed("backoff: {cap: 1s}\n").backoff.initial, 100ms);
}

TEST(DescribeTest, ReadsEveryKindOfType) {
  std::vector<std::string> ignored;
  RetryConfig config = parsed(R"yaml(
enabled: false
attempts: 1
mode: slow
backoff: {initial: 1m 30s, cap: 5m}
methods: [POST, GET]
per_subgraph: {products: 0, reviews: "${env.TRIES}"}
patterns: ["^Get", "Query$"]
admin: "[::1]:9000"
name: 42
experimental_jitter: {whatever: 1}
)yaml",
                              &ignored);
  EXPECT_FALSE(config.enabled);
  EXPECT_EQ(config.attempts, 1u);
  EXPECT_EQ(config.mode, "slow");
  EXPECT_EQ(config.backoff.initial, 90s);
  EXPECT_EQ(config.backoff.cap, 5min);
  EXPECT_EQ(config.methods, (std::vector<std::string>{"POST", "GET"}));
  EXPECT_EQ(config.per_subgraph.at("products"), 0u);
  EXPECT_EQ(config.per_subgraph.at("reviews"), 7u);
  EXPECT_EQ(config.patterns, (std::vector<std::string>{"^Get", "Query$"}));
  EXPECT_EQ(config.admin, (ListenAddress{"::1", 9000}));
  EXPECT_EQ(config.name, "42");
  EXPECT_EQ(ignored, std::vector<std::string>{"experimental_jitter"});
  EXPECT_FALSE(parsed("admin: ~\n").admin.has_value());
}

TEST(DescribeTest, UnknownKeysSuggestTheClosestAndListTheExpectedOnes) {
  EXPECT_EQ(errorOf("backoff:\n  intial: 1s\n"),
            "retry.yaml:2:3: backoff.intial: unknown key; did you mean \"initial\"? expected one "
            "of: initial, cap");
  EXPECT_EQ(errorOf("zzz: 1\n"),
            "retry.yaml:1:1: zzz: unknown key; expected one of: enabled, attempts, mode, backoff, "
            "methods, per_subgraph, patterns, admin, name, experimental_jitter");
  EXPECT_EQ(errorOf("[a]: 1\n"), "retry.yaml:1:1: keys must be strings");
}

TEST(DescribeTest, WrongTypesNameThePathAndPosition) {
  EXPECT_EQ(errorOf("enabled: yes\n"),
            "retry.yaml:1:10: enabled: expected a boolean (true or false), found \"yes\"");
  EXPECT_EQ(errorOf("enabled: {a: 1}\n"),
            "retry.yaml:1:10: enabled: expected a boolean, found a mapping");
  EXPECT_EQ(errorOf("attempts: \"3\"\n"),
            "retry.yaml:1:11: attempts: expected a positive integer, found \"3\"");
  EXPECT_EQ(errorOf("attempts: 0\n"),
            "retry.yaml:1:11: attempts: expected a positive integer, found \"0\"");
  EXPECT_EQ(errorOf("attempts: 11\n"), "retry.yaml:1:11: attempts: must be at most 10");
  EXPECT_EQ(errorOf("mode: medium\n"),
            "retry.yaml:1:7: mode: expected one of \"fast\", \"slow\", \"off\", found \"medium\"");
  EXPECT_EQ(errorOf("methods: GET\n"),
            "retry.yaml:1:10: methods: expected a sequence, found \"GET\"");
  EXPECT_EQ(errorOf("methods: [GET, PUT]\n"),
            "retry.yaml:1:16: methods[1]: expected \"GET\" or \"POST\", found \"PUT\"");
  EXPECT_EQ(errorOf("per_subgraph: [1]\n"),
            "retry.yaml:1:15: per_subgraph: expected a mapping, found a sequence");
  EXPECT_EQ(errorOf("per_subgraph: {a: -1}\n"),
            "retry.yaml:1:19: per_subgraph.a: expected a non-negative integer, found \"-1\"");
  EXPECT_EQ(errorOf("name: ~\n"), "retry.yaml:1:7: name: expected a string, found null");
  EXPECT_EQ(errorOf("backoff:\n  initial: 5\n"),
            "retry.yaml:2:12: backoff.initial: expected a duration such as \"30s\", \"500ms\" or "
            "\"1m 30s\", found \"5\"");
}

TEST(DescribeTest, ABadRegexIsALoadErrorNamingItsPath) {
  std::string error = errorOf("patterns: [ok, \"(unclosed\"]\n");
  EXPECT_TRUE(
      error.starts_with("retry.yaml:1:16: patterns[1]: invalid regular expression \"(unclosed\": "))
      << error;
}

TEST(DescribeTest, ReportsEveryErrorAndRunsChecks) {
  EXPECT_EQ(errorOf("attempts: 5\nenabled: false\nname: ${env.NOPE}\n"),
            "retry.yaml:3:7: name: environment variable 'NOPE' is not set\n"
            "retry.yaml:1:11: attempts: needs `enabled: true`");
}

TEST(DescribeTest, RequiredKeysAndValidatedTypes) {
  struct Endpoint {
    std::string url;
  };
  Type<std::string> url =
      validated<std::string>(string(), [](const std::string& text) -> std::optional<std::string> {
        if (text.starts_with("https://")) return std::nullopt;
        return "must be https";
      });
  Type<Endpoint> type =
      Object<Endpoint>("An endpoint").field("url", &Endpoint::url, url, "Where").required().type();
  EXPECT_EQ(parse(type, "url: https://x\n", "e.yaml", testEnv())->url, "https://x");
  EXPECT_EQ(parse(type, "{}\n", "e.yaml", testEnv()).status().message(),
            "e.yaml:1:1: missing required key \"url\"");
  EXPECT_EQ(parse(type, "url: http://x\n", "e.yaml", testEnv()).status().message(),
            "e.yaml:1:6: url: must be https");
}

TEST(DescribeTest, SchemaShowsTypesDefaultsAndClosedObjects) {
  json::Value schema = jsonSchema(retryType(), "Retry");
  EXPECT_EQ(schema["$schema"], json::Value("http://json-schema.org/draft-07/schema#"));
  EXPECT_EQ(schema["title"], json::Value("Retry"));
  EXPECT_EQ(schema["type"], json::Value("object"));
  EXPECT_EQ(schema["additionalProperties"], json::Value(false));
  json::Value& properties = schema["properties"];
  EXPECT_EQ(properties["enabled"]["type"], json::Value("boolean"));
  EXPECT_EQ(properties["enabled"]["default"], json::Value(true));
  EXPECT_EQ(properties["enabled"]["description"], json::Value("Retries at all"));
  EXPECT_EQ(properties["attempts"]["minimum"], json::Value(1));
  EXPECT_EQ(properties["attempts"]["maximum"], json::Value(10));
  EXPECT_EQ(properties["mode"]["enum"], json::parse(R"(["fast","slow","off"])").operator*());
  EXPECT_EQ(properties["backoff"]["properties"]["initial"]["default"], json::Value("100ms"));
  EXPECT_EQ(properties["backoff"]["properties"]["cap"]["type"],
            json::parse(R"(["string","null"])").operator*());
  EXPECT_EQ(properties["backoff"]["additionalProperties"], json::Value(false));
  EXPECT_EQ(properties["backoff"].find("default"), nullptr);  // its keys show theirs
  EXPECT_EQ(properties["methods"]["default"], json::parse(R"(["GET"])").operator*());
  EXPECT_EQ(properties["methods"]["items"]["enum"], json::parse(R"(["GET","POST"])").operator*());
  EXPECT_EQ(properties["per_subgraph"]["additionalProperties"]["type"], json::Value("integer"));
  EXPECT_EQ(properties["patterns"]["items"]["format"], json::Value("regex"));
  EXPECT_NE(properties.find("experimental_jitter"), nullptr);  // accepted, so in the schema
}

TEST(DescribeTest, FormatsDurationsAndAddressesAsTheyAreWritten) {
  EXPECT_EQ(formatDuration(0ms), "0s");
  EXPECT_EQ(formatDuration(90s), "1m 30s");
  EXPECT_EQ(formatDuration(1500ms), "1s 500ms");
  EXPECT_EQ(formatDuration(48h), "2d");
  EXPECT_EQ(formatListenAddress({"::1", 80}), "[::1]:80");
  EXPECT_EQ(formatListenAddress(ListenAddress::unixSocket("/tmp/s")), "/tmp/s");
  for (std::string_view text : {"1m 30s", "500ms", "2h 1s"}) {
    EXPECT_EQ(formatDuration(*parseDuration(text)), text);
  }
}

TEST(YamlTreeTest, KeepsPositionsQuotingAndRefusesRunawayNesting) {
  StatusOr<YamlNode> root = parseYaml("a:\n  b: \"x\"\n  c: [1, ~]\n", "t.yaml");
  ASSERT_TRUE(root.ok()) << root.status().message();
  const YamlNode* b = root->find("a")->find("b");
  EXPECT_EQ(b->text, "x");
  EXPECT_TRUE(b->quoted);
  EXPECT_EQ(b->line, 2);
  EXPECT_EQ(b->column, 6);
  const YamlNode* c = root->find("a")->find("c");
  ASSERT_TRUE(c->isSequence());
  EXPECT_FALSE(c->items[0].quoted);
  EXPECT_TRUE(c->items[1].isNull());
  EXPECT_TRUE(parseYaml("", "t.yaml")->isNull());

  std::string deep(300, '[');
  StatusOr<YamlNode> nested = parseYaml(deep + std::string(300, ']'), "t.yaml");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("nested deeper than 200 levels"), std::string::npos)
      << nested.status().message();
  StatusOr<YamlNode> broken = parseYaml("a: [1\n", "t.yaml");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message().substr(0, 7), "t.yaml:");
}

}  // namespace
}  // namespace plexus::config::describe
