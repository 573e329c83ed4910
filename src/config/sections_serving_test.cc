// telemetry.exporters.metrics (sections_serving.cc), read through parseRouterConfig as a user's
// router.yaml would be.
#include <gtest/gtest.h>

#include "src/config/router_config.h"

namespace plexus::config {
namespace {

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

TEST(MetricsConfigTest, DefaultsAreApollosPrometheusSettingsAndBuckets) {
  MetricsConfig metrics = parsed("").metrics;
  EXPECT_FALSE(metrics.prometheus.enabled);
  EXPECT_EQ(metrics.prometheus.listen, (ListenAddress{"127.0.0.1", 9090}));
  EXPECT_EQ(metrics.prometheus.path, "/metrics");
  EXPECT_EQ(metrics.buckets, (std::vector<double>{0.001, 0.005, 0.015, 0.05, 0.1, 0.2, 0.3, 0.4,
                                                  0.5, 1.0, 5.0, 10.0}));
}

TEST(MetricsConfigTest, ReadsPrometheusAndBucketsBesideLoggingAndIgnoresTheOtherKeys) {
  RouterConfig config = parsed(R"yaml(
telemetry:
  exporters:
    logging:
      stdout:
        format: text
    metrics:
      common:
        service_name: router
        buckets: [0.01, 0.5, 2, 30]
        views: []
      otlp:
        enabled: false
      prometheus:
        enabled: true
        listen: 0.0.0.0:9091
        path: /prom
        resource_selector: all
)yaml");
  EXPECT_EQ(config.logging.format, "text");  // logging is read as before
  EXPECT_TRUE(config.metrics.prometheus.enabled);
  EXPECT_EQ(config.metrics.prometheus.listen, (ListenAddress{"0.0.0.0", 9091}));
  EXPECT_EQ(config.metrics.prometheus.path, "/prom");
  EXPECT_EQ(config.metrics.buckets, (std::vector<double>{0.01, 0.5, 2, 30}));
  EXPECT_EQ(config.ignored_sections,
            (std::vector<std::string>{"telemetry.exporters.metrics.common.service_name",
                                      "telemetry.exporters.metrics.common.views",
                                      "telemetry.exporters.metrics.otlp",
                                      "telemetry.exporters.metrics.prometheus.resource_selector"}));
}

TEST(MetricsConfigTest, RefusesBadValuesNamingThePath) {
  EXPECT_NE(errorOf("telemetry:\n  exporters:\n    metrics:\n      prometheus:\n        path: x\n")
                .find("telemetry.exporters.metrics.prometheus.path: must start with '/'"),
            std::string::npos);
  EXPECT_NE(errorOf("telemetry:\n  exporters:\n    metrics:\n      common:\n"
                    "        buckets: [1, 0.5]\n")
                .find("telemetry.exporters.metrics.common.buckets: must be in increasing order"),
            std::string::npos);
  EXPECT_NE(errorOf("telemetry:\n  exporters:\n    metrics:\n      common:\n"
                    "        buckets: [1, many]\n")
                .find("telemetry.exporters.metrics.common.buckets[1]: expected a number, found"),
            std::string::npos);
  EXPECT_NE(errorOf("telemetry:\n  exporters:\n    metrics:\n      prometheus:\n"
                    "        enabled: yes\n")
                .find("telemetry.exporters.metrics.prometheus.enabled: expected a boolean"),
            std::string::npos);
  EXPECT_NE(errorOf("telemetry:\n  exporters:\n    metrics:\n      prometheus:\n"
                    "        lisen: 127.0.0.1:1\n")
                .find("telemetry.exporters.metrics.prometheus.lisen: unknown key"),
            std::string::npos);
}

}  // namespace
}  // namespace plexus::config
