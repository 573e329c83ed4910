#include "include/plexus/metrics.h"

#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/telemetry/log.h"
#include "src/telemetry/metrics_registry.h"

namespace plexus::metrics {
namespace {

// Captures the log lines written while it lives (text format, no timestamps).
class CapturedLog {
 public:
  CapturedLog() {
    log::Options options;
    options.display_timestamp = false;
    options.format = log::Format::kText;
    options.sink = [this](std::string_view line) { lines.emplace_back(line); };
    log::configure(options);
  }
  ~CapturedLog() { log::configure(log::Options{}); }
  std::vector<std::string> lines;
};

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(MetricsTest, ExposesEveryKindInThePrometheusTextFormat) {
  Registry registry;
  Counter requests{registry.instrument(Kind::kCounter, "acme.auth", "acme.auth.requests",
                                       "Checked requests", "", {})};
  UpDownCounter sessions{registry.instrument(Kind::kUpDownCounter, "acme.auth", "acme.sessions",
                                             "Open sessions", "{session}", {})};
  Gauge temperature{registry.instrument(Kind::kGauge, "acme.auth", "acme.temperature",
                                        "Line 1\nback\\slash", "Cel", {})};
  Histogram latency{registry.instrument(Kind::kHistogram, "acme.auth", "acme.auth.duration",
                                        "Check time", "s", {0.1, 1})};
  requests.add(2, {{"outcome", "allowed"}});
  requests.add(1, {{"outcome", "denied"}});
  requests.add(3, {{"outcome", "allowed"}});
  sessions.add(5);
  sessions.add(-7);
  temperature.set(21.5, {{"room", "a \"quoted\"\nname\\"}});
  latency.record(0.05);
  latency.record(0.1);  // a bucket's bound is inclusive
  latency.record(2.5);
  EXPECT_EQ(registry.prometheusText(),
            "# HELP acme_auth_duration_seconds Check time\n"
            "# TYPE acme_auth_duration_seconds histogram\n"
            "acme_auth_duration_seconds_bucket{otel_scope_name=\"acme.auth\",le=\"0.1\"} 2\n"
            "acme_auth_duration_seconds_bucket{otel_scope_name=\"acme.auth\",le=\"1\"} 2\n"
            "acme_auth_duration_seconds_bucket{otel_scope_name=\"acme.auth\",le=\"+Inf\"} 3\n"
            "acme_auth_duration_seconds_sum{otel_scope_name=\"acme.auth\"} 2.65\n"
            "acme_auth_duration_seconds_count{otel_scope_name=\"acme.auth\"} 3\n"
            "# HELP acme_auth_requests_total Checked requests\n"
            "# TYPE acme_auth_requests_total counter\n"
            "acme_auth_requests_total{otel_scope_name=\"acme.auth\",outcome=\"allowed\"} 5\n"
            "acme_auth_requests_total{otel_scope_name=\"acme.auth\",outcome=\"denied\"} 1\n"
            "# HELP acme_sessions Open sessions\n"
            "# TYPE acme_sessions gauge\n"
            "acme_sessions{otel_scope_name=\"acme.auth\"} -2\n"
            "# HELP acme_temperature_celsius Line 1\\nback\\\\slash\n"
            "# TYPE acme_temperature_celsius gauge\n"
            "acme_temperature_celsius{otel_scope_name=\"acme.auth\",room=\"a \\\"quoted\\\"\\nname"
            "\\\\\"} 21.5\n");
}

TEST(MetricsTest, WritesFloatsAsThePrometheusGoClientDoes) {
  Registry registry;
  Gauge gauge{registry.instrument(Kind::kGauge, "s", "g", "", "", {})};
  for (const char* text : {"200000", "1e+06", "0.0001", "1e-05", "-2.5", "0"}) {
    gauge.set(std::stod(text), {{"v", text}});
  }
  gauge.set(std::numeric_limits<double>::infinity(), {{"v", "inf"}});
  std::string text = registry.prometheusText();
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"1e+06\"} 1e+06\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"200000\"} 200000\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"0.0001\"} 0.0001\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"1e-05\"} 1e-05\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"-2.5\"} -2.5\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"0\"} 0\n")) << text;
  EXPECT_TRUE(contains(text, "g{otel_scope_name=\"s\",v=\"inf\"} +Inf\n")) << text;
}

TEST(MetricsTest, LeavesOutInstrumentsThatRecordedNothing) {
  Registry registry;
  Counter unused{registry.instrument(Kind::kCounter, "s", "unused", "", "", {})};
  EXPECT_EQ(registry.prometheusText(), "");
}

TEST(MetricsTest, ManglesNamesAsTheOpenTelemetryPrometheusExporter) {
  EXPECT_EQ(prometheusName("http.server.request.duration", "s", Kind::kHistogram),
            "http_server_request_duration_seconds");
  EXPECT_EQ(prometheusName("apollo.router.cache.size", "", Kind::kGauge),
            "apollo_router_cache_size");
  EXPECT_EQ(prometheusName("acme.requests", "", Kind::kCounter), "acme_requests_total");
  EXPECT_EQ(prometheusName("acme.requests_total", "", Kind::kCounter), "acme_requests_total");
  EXPECT_EQ(prometheusName("my-plugin.sent", "By", Kind::kCounter), "my_plugin_sent_bytes_total");
  EXPECT_EQ(prometheusName("acme.wait", "ms", Kind::kHistogram), "acme_wait_milliseconds");
  EXPECT_EQ(prometheusName("acme.wait_seconds", "s", Kind::kHistogram), "acme_wait_seconds");
  EXPECT_EQ(prometheusName("acme.rate", "By/s", Kind::kGauge), "acme_rate_bytes_per_second");
  EXPECT_EQ(prometheusName("acme.rps", "{request}/s", Kind::kGauge), "acme_rps_per_second");
  EXPECT_EQ(prometheusName("acme.hits", "{request}", Kind::kCounter), "acme_hits_total");
  EXPECT_EQ(prometheusName("acme.usage", "1", Kind::kGauge), "acme_usage_ratio");
  EXPECT_EQ(prometheusName("2xx/é", "", Kind::kGauge), "_2xx___");
  EXPECT_EQ(prometheusName("a:b", "", Kind::kGauge), "a:b");
  EXPECT_EQ(prometheusLabelName("http.response.status_code"), "http_response_status_code");
  EXPECT_EQ(prometheusLabelName("a:b"), "a_b");
  EXPECT_EQ(prometheusLabelName("1st"), "_1st");
}

TEST(MetricsTest, TheSameNameAndKindIsTheSameInstrument) {
  Registry registry;
  Counter a{registry.instrument(Kind::kCounter, "one", "shared.hits", "First", "", {})};
  Counter b{registry.instrument(Kind::kCounter, "two", "shared.hits", "Second", "", {})};
  EXPECT_EQ(a.state, b.state);
  a.add(1);
  b.add(2);
  EXPECT_TRUE(contains(registry.prometheusText(),
                       "# HELP shared_hits_total First\n# TYPE shared_hits_total counter\n"
                       "shared_hits_total{otel_scope_name=\"one\"} 3\n"));
}

TEST(MetricsTest, AKindClashIsALoggedErrorAndANoOpInstrument) {
  CapturedLog log;
  Registry registry;
  Counter counter{registry.instrument(Kind::kCounter, "s", "clash", "", "", {})};
  Histogram histogram{registry.instrument(Kind::kHistogram, "s", "clash", "", "", {})};
  Histogram again{registry.instrument(Kind::kHistogram, "s", "clash", "", "", {})};
  EXPECT_EQ(histogram.state, nullptr);
  histogram.record(1.0);  // no crash, nothing recorded
  counter.add(4);
  EXPECT_EQ(registry.prometheusText(),
            "# HELP clash_total\n# TYPE clash_total counter\nclash_total{otel_scope_name=\"s\"} "
            "4\n");
  ASSERT_EQ(log.lines.size(), 1u);  // once per name and kind
  EXPECT_EQ(log.lines[0],
            "ERROR metrics: an instrument of this name is already of another kind; not recorded "
            "instrument=clash kind=counter requested=histogram scope=s");
  Gauge unnamed{registry.instrument(Kind::kGauge, "s", "", "", "", {})};
  unnamed.set(1);
  EXPECT_EQ(unnamed.state, nullptr);
  Counter{}.add(1);  // a default-constructed instrument is a no-op too
}

TEST(MetricsTest, MergesAttributeListsInAnyOrderAndEscapesLabels) {
  Registry registry;
  Counter hits{registry.instrument(Kind::kCounter, "s", "hits", "", "", {})};
  hits.add(1, {{"b", "2"}, {"a", "1"}});
  hits.add(2, {{"a", "1"}, {"b", "2"}});
  hits.add(4, {{"http.route", "/x"}});
  EXPECT_EQ(registry.prometheusText(),
            "# HELP hits_total\n# TYPE hits_total counter\n"
            "hits_total{a=\"1\",b=\"2\",otel_scope_name=\"s\"} 3\n"
            "hits_total{http_route=\"/x\",otel_scope_name=\"s\"} 4\n");
}

TEST(MetricsTest, HistogramsUseTheDefaultBucketsUnlessGivenTheirOwn) {
  Registry registry;
  Histogram apollo{registry.instrument(Kind::kHistogram, "s", "apollo.default", "", "", {})};
  registry.setDefaultBuckets({5, 1, 5});  // common.buckets: sorted, duplicates dropped
  Histogram custom{registry.instrument(Kind::kHistogram, "s", "custom.default", "", "", {})};
  apollo.record(0.001);
  custom.record(3);
  std::string text = registry.prometheusText();
  std::string expected_apollo;
  for (const char* bound : {"0.001", "0.005", "0.015", "0.05", "0.1", "0.2", "0.3", "0.4", "0.5",
                            "1", "5", "10", "+Inf"}) {
    expected_apollo +=
        "apollo_default_bucket{otel_scope_name=\"s\",le=\"" + std::string(bound) + "\"} 1\n";
  }
  EXPECT_TRUE(contains(text, expected_apollo)) << text;
  EXPECT_TRUE(contains(text,
                       "custom_default_bucket{otel_scope_name=\"s\",le=\"1\"} 0\n"
                       "custom_default_bucket{otel_scope_name=\"s\",le=\"5\"} 1\n"
                       "custom_default_bucket{otel_scope_name=\"s\",le=\"+Inf\"} 1\n"))
      << text;
  EXPECT_EQ(apolloDefaultBuckets(),
            (std::vector<double>{0.001, 0.005, 0.015, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 1, 5, 10}));
}

TEST(MetricsTest, CountsExactlyUnderEightThreadsAtOnce) {
  Registry registry;
  Counter counter{registry.instrument(Kind::kCounter, "s", "busy", "", "", {})};
  Histogram histogram{registry.instrument(Kind::kHistogram, "s", "busy.time", "", "", {1})};
  UpDownCounter level{registry.instrument(Kind::kUpDownCounter, "s", "busy.level", "", "", {})};
  constexpr int kThreads = 8;
  constexpr int kEach = 20'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Attributes shared{{"route", "/"}};
      // Each thread also brings new attribute sets, inserted while the others record.
      for (int i = 0; i < kEach; ++i) {
        counter.add(1, shared);
        counter.add(1, {{"thread", std::to_string(t)}, {"i", std::to_string(i % 50)}});
        histogram.record(i % 2 == 0 ? 0.5 : 2.0, shared);
        level.add(i % 2 == 0 ? 1 : -1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::string text = registry.prometheusText();
  EXPECT_TRUE(contains(text, "busy_total{otel_scope_name=\"s\",route=\"/\"} 160000\n")) << text;
  EXPECT_TRUE(contains(text, "busy_total{i=\"7\",otel_scope_name=\"s\",thread=\"3\"} 400\n"));
  EXPECT_TRUE(contains(text,
                       "busy_time_bucket{otel_scope_name=\"s\",route=\"/\",le=\"1\"} 80000\n"
                       "busy_time_bucket{otel_scope_name=\"s\",route=\"/\",le=\"+Inf\"} 160000\n"
                       "busy_time_sum{otel_scope_name=\"s\",route=\"/\"} 200000\n"
                       "busy_time_count{otel_scope_name=\"s\",route=\"/\"} 160000\n"))
      << text;
  EXPECT_TRUE(contains(text, "busy_level{otel_scope_name=\"s\"} 0\n"));
}

TEST(MetricsTest, AttributeSetsBeyondTheCardinalityLimitGoToTheOverflowSeries) {
  Registry registry;
  Counter counter{registry.instrument(Kind::kCounter, "s", "wide", "", "", {})};
  for (size_t i = 0; i < kCardinalityLimit + 5; ++i) {
    counter.add(1, {{"id", std::to_string(i)}});
  }
  counter.add(1, {{"id", "0"}});  // an existing set still has its own series
  std::string text = registry.prometheusText();
  EXPECT_TRUE(
      contains(text, "wide_total{otel_metric_overflow=\"true\",otel_scope_name=\"s\"} 5\n"));
  EXPECT_TRUE(contains(text, "wide_total{id=\"0\",otel_scope_name=\"s\"} 2\n"));
}

TEST(MetricsTest, LogEventFieldsUpdateMetricsWithTheOtherFieldsAsAttributes) {
  CapturedLog log;
  log::info("checked", {{"monotonic_counter.logtest.checks", "1"}, {"tenant", "a"}});
  log::info("checked", {{"monotonic_counter.logtest.checks", "2"}, {"tenant", "a"}});
  log::info("moved", {{"counter.logtest.queue", "-3"}, {"histogram.logtest.wait", "0.2"}});
  log::info("reading", {{"value.logtest.temperature", "19.5"}, {"room", "b"}});
  log::debug("below the level", {{"monotonic_counter.logtest.checks", "10"}, {"tenant", "a"}});
  std::string text = prometheusText();
  EXPECT_TRUE(contains(text,
                       "# TYPE logtest_checks_total counter\n"
                       "logtest_checks_total{otel_scope_name=\"apollo/router\",tenant=\"a\"}"
                       " 13\n"))
      << text;
  EXPECT_TRUE(contains(text, "logtest_queue{otel_scope_name=\"apollo/router\"} -3\n"));
  EXPECT_TRUE(
      contains(text, "logtest_wait_bucket{otel_scope_name=\"apollo/router\",le=\"0.2\"} 1\n"));
  EXPECT_TRUE(
      contains(text, "logtest_temperature{otel_scope_name=\"apollo/router\",room=\"b\"} 19.5\n"));
  // The fields stay in the line (the debug line is filtered by level, its metric counted).
  ASSERT_EQ(log.lines.size(), 4u);
  EXPECT_EQ(log.lines[0], "INFO  checked monotonic_counter.logtest.checks=1 tenant=a");
}

TEST(MetricsTest, ALogEventValueThatIsNotANumberIsIgnoredWithOneWarning) {
  CapturedLog log;
  log::info("x", {{"monotonic_counter.logtest.bad", "many"}});
  log::info("x", {{"monotonic_counter.logtest.bad", "lots"}});
  log::info("x", {{"monotonic_counter.logtest.bad", "-1"}});
  log::info("x", {{"monotonic_counter.logtest.bad", "1.5"}});
  ASSERT_EQ(log.lines.size(), 5u);
  EXPECT_EQ(log.lines[0],
            "WARN  metrics: a log event's metric value is not a number; ignored (warned once) "
            "field=monotonic_counter.logtest.bad value=many");
  EXPECT_TRUE(
      contains(prometheusText(), "logtest_bad_total{otel_scope_name=\"apollo/router\"} 1.5\n"));
}

TEST(MetricsTest, TheMeterApiRecordsIntoTheProcessRegistry) {
  static const Counter requests = meter("apitest").counter("apitest.requests", "Checked requests");
  requests.add(1, {{"outcome", "allowed"}});
  EXPECT_EQ(meter("apitest").scope(), "apitest");
  EXPECT_TRUE(contains(prometheusText(),
                       "apitest_requests_total{otel_scope_name=\"apitest\",outcome=\"allowed\"} "
                       "1\n"));
}

}  // namespace
}  // namespace plexus::metrics
