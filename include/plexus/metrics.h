// Custom metrics for plugins (and the router's own), exported on the Prometheus endpoint
// (telemetry.exporters.metrics.prometheus.{enabled,listen,path}), as OpenTelemetry instruments are
// in Apollo Router:
//
//   static plexus::metrics::Counter requests =
//       plexus::metrics::meter("acme.auth").counter("acme.auth.requests", "Checked requests");
//   requests.add(1, {{"outcome", "allowed"}});
//   static plexus::metrics::Histogram latency =
//       plexus::metrics::meter("acme.auth").histogram("acme.auth.duration", "Check time", "s");
//   latency.record(0.004);
//   // Prometheus: acme_auth_requests_total{outcome="allowed"} 1
//
// Instruments with the same name (and kind) are the same instrument, from any plugin instance or
// generation: a reload does not reset them (the first call's description, unit and buckets
// stay). A name already used by another kind logs an error once and gives a no-op instrument, as
// does an empty name; a default-constructed instrument is a no-op too. Names are
// OpenTelemetry-style ("a.b.c"); Prometheus sees them as the OpenTelemetry Prometheus exporter
// writes them: '.' and '-' turned into '_', the unit's suffix ("s" → `_seconds`, "ms" →
// `_milliseconds`, "By" → `_bytes`; "{request}" adds none), counters with `_total`, every series
// labelled `otel_scope_name` (the meter's scope). An instrument keeps at most 2000 attribute
// sets; later ones are counted under {otel.metric.overflow="true"}.
//
// Log events as metrics (Apollo's native plugin convention): a log line written with
// plexus::log and fields named `monotonic_counter.<name>`, `counter.<name>`,
// `histogram.<name>` or `value.<name>` (a gauge) updates that metric by the field's value, the
// other fields of the line becoming its attributes:
//
//   plexus::log::info("checked", {{"monotonic_counter.acme.checks", "1"}, {"tenant", "a"}});
//
// `monotonic_counter` is a counter, `counter` an up-down counter, `histogram` a histogram with the
// default buckets, `value` a gauge, all in scope "apollo/router". They are recorded whatever the
// log level, and the fields stay in the line when it is written. A value that is not a number
// (or a negative monotonic counter increment) is ignored with a warning, once per field name.
//
// Thread-safety: every method may be called from any thread at once; recording is lock-free on
// the hot path after an instrument's first use with a given attribute set.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plexus::metrics {

using Attributes = std::vector<std::pair<std::string, std::string>>;

struct Instrument;  // the registry's shared state for one named instrument

class Counter {
 public:
  void add(uint64_t value, const Attributes& attributes = {}) const;
  std::shared_ptr<Instrument> state;
};

class UpDownCounter {
 public:
  void add(int64_t value, const Attributes& attributes = {}) const;
  std::shared_ptr<Instrument> state;
};

class Histogram {
 public:
  void record(double value, const Attributes& attributes = {}) const;
  std::shared_ptr<Instrument> state;
};

class Gauge {
 public:
  void set(double value, const Attributes& attributes = {}) const;
  std::shared_ptr<Instrument> state;
};

class Meter {
 public:
  explicit Meter(std::string scope) : scope_(std::move(scope)) {}
  Counter counter(std::string name, std::string description = "", std::string unit = "") const;
  UpDownCounter upDownCounter(std::string name, std::string description = "",
                              std::string unit = "") const;
  // Buckets default to telemetry.exporters.metrics.common.buckets (Apollo's defaults:
  // 0.001 … 10.0).
  Histogram histogram(std::string name, std::string description = "", std::string unit = "",
                      std::vector<double> buckets = {}) const;
  Gauge gauge(std::string name, std::string description = "", std::string unit = "") const;

  const std::string& scope() const { return scope_; }

 private:
  std::string scope_;
};

// The meter of an instrumentation scope (a plugin's name).
Meter meter(std::string_view scope);

// Every instrument in the Prometheus text exposition format (version 0.0.4).
std::string prometheusText();

}  // namespace plexus::metrics
