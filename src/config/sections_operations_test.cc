// health_check and batching, read through parseRouterConfig as a user's router.yaml would be.
#include <gtest/gtest.h>

#include "src/config/router_config.h"

namespace plexus::config {
namespace {

using namespace std::chrono_literals;

RouterConfig parsed(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", ExpansionContext{});
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(*config) : RouterConfig{};
}

std::string errorOf(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", ExpansionContext{});
  EXPECT_FALSE(config.ok()) << yaml;
  return config.ok() ? "" : config.status().message();
}

TEST(HealthCheckConfigTest, DefaultsAreApollosListenerAndPath) {
  HealthCheckConfig health = parsed("").health_check;
  EXPECT_TRUE(health.enabled);
  EXPECT_EQ(health.listen, (ListenAddress{"127.0.0.1", 8088}));
  EXPECT_EQ(health.path, "/health");
  EXPECT_EQ(health.readiness_allowed, 100u);
  EXPECT_EQ(health.readiness_sampling, 5s);
  EXPECT_FALSE(health.readiness_unready.has_value());
}

TEST(HealthCheckConfigTest, ReadsEveryKey) {
  HealthCheckConfig health = parsed(R"yaml(
health_check:
  enabled: false
  listen: 0.0.0.0:9090
  path: /healthz
  readiness:
    allowed: 0
    interval:
      sampling: 1s
      unready: 3s
)yaml")
                                 .health_check;
  EXPECT_FALSE(health.enabled);
  EXPECT_EQ(health.listen, (ListenAddress{"0.0.0.0", 9090}));
  EXPECT_EQ(health.path, "/healthz");
  EXPECT_EQ(health.readiness_allowed, 0u);
  EXPECT_EQ(health.readiness_sampling, 1s);
  EXPECT_EQ(health.readiness_unready, 3s);
}

TEST(HealthCheckConfigTest, RejectsWrongValues) {
  EXPECT_EQ(errorOf("health_check:\n  path: health\n"),
            "router.yaml:2:9: health_check.path: must start with '/', found \"health\"");
  EXPECT_EQ(errorOf("health_check:\n  listen: 8088\n"),
            "router.yaml:2:11: health_check.listen: expected a listen address such as "
            "\"127.0.0.1:4000\" or \"[::1]:4000\", found \"8088\"");
  EXPECT_EQ(errorOf("health_check:\n  readiness:\n    interval:\n      sampling: 0s\n"),
            "router.yaml:4:17: health_check.readiness.interval.sampling: must be longer than zero");
  EXPECT_EQ(errorOf("health_check:\n  readiness:\n    allowed: many\n"),
            "router.yaml:3:14: health_check.readiness.allowed: expected a non-negative integer, "
            "found \"many\"");
  EXPECT_EQ(errorOf("health_check:\n  enabled: on\n"),
            "router.yaml:2:12: health_check.enabled: expected a boolean (true or false), found "
            "\"on\"");
  std::string unknown = errorOf("health_check:\n  readiness:\n    alowed: 1\n");
  EXPECT_EQ(unknown,
            "router.yaml:3:5: health_check.readiness.alowed: unknown key; did you mean "
            "\"allowed\"? expected one of: interval, allowed");
}

TEST(BatchingConfigTest, ReadsApollosKeysAndNeedsTheMode) {
  BatchingConfig defaults = parsed("").batching;
  EXPECT_FALSE(defaults.enabled);
  EXPECT_EQ(defaults.mode, "batch_http_link");
  EXPECT_FALSE(defaults.maximum_size.has_value());

  RouterConfig config = parsed(R"yaml(
batching:
  enabled: true
  mode: batch_http_link
  maximum_size: 10
  subgraph:
    all:
      enabled: true
)yaml");
  EXPECT_TRUE(config.batching.enabled);
  EXPECT_EQ(config.batching.maximum_size, 10u);
  EXPECT_EQ(config.ignored_sections, std::vector<std::string>{"batching.subgraph"});

  EXPECT_EQ(errorOf("batching:\n  enabled: true\n"),
            "router.yaml:2:3: batching: missing required key \"mode\"");
  EXPECT_EQ(errorOf("batching:\n  mode: batch\n"),
            "router.yaml:2:9: batching.mode: expected \"batch_http_link\", found \"batch\"");
  EXPECT_EQ(errorOf("batching:\n  mode: batch_http_link\n  maximum_size: ten\n"),
            "router.yaml:3:17: batching.maximum_size: expected a non-negative integer, found "
            "\"ten\"");
}

}  // namespace
}  // namespace plexus::config
