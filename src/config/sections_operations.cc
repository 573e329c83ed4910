// The sections about running the router: health_check, batching, rhai (Apollo Router v2's
// plugins/healthcheck, configuration::Batching and plugins/rhai).
#include "src/config/sections.h"

namespace plexus::config::sections {

using namespace describe;

Type<HealthCheckConfig> healthCheck() {
  Type<std::string> path =
      validated<std::string>(string(), [](const std::string& text) -> std::optional<std::string> {
        if (!text.empty() && text.front() == '/') return std::nullopt;
        return "must start with '/', found \"" + text + "\"";
      });
  // A zero sampling interval would make the readiness ticker spin (tokio refuses it too).
  Type<std::chrono::milliseconds> sampling = validated<std::chrono::milliseconds>(
      duration(), [](const std::chrono::milliseconds& value) -> std::optional<std::string> {
        if (value.count() > 0) return std::nullopt;
        return "must be longer than zero";
      });
  Type<HealthCheckConfig> interval =
      Object<HealthCheckConfig>("Readiness sampling")
          .field("sampling", &HealthCheckConfig::readiness_sampling, sampling,
                 "Window in which rejections are counted")
          .field("unready", &HealthCheckConfig::readiness_unready, optional(duration()),
                 "How long the router reports unready once over the limit (default 2 × sampling)")
          .type();
  Type<HealthCheckConfig> readiness =
      Object<HealthCheckConfig>("Readiness: unready after too many load-shedding rejections")
          .field("interval", itself, interval, "Readiness intervals")
          .field("allowed", &HealthCheckConfig::readiness_allowed, integer<uint32_t>(0),
                 "Rejections (503/504 from load shedding) allowed per sampling window")
          .type();
  return Object<HealthCheckConfig>("The health check endpoint, on its own listener")
      .field("listen", &HealthCheckConfig::listen, listenAddress(),
             "Address of the health check listener")
      .field("enabled", &HealthCheckConfig::enabled, boolean(), "Serves the health check")
      .field("path", &HealthCheckConfig::path, path, "HTTP path of the health check")
      .field("readiness", itself, readiness, "Readiness reporting (`?ready`)")
      .type();
}

Type<BatchingConfig> batching() {
  return Object<BatchingConfig>("Client query batching: a JSON array of requests in one POST")
      .field("enabled", &BatchingConfig::enabled, boolean(), "Accepts batches")
      .field("mode", &BatchingConfig::mode, enumeration({"batch_http_link"}),
             "Batch format; Apollo Client's BatchHttpLink is the only one")
      .required()
      .field("maximum_size", &BatchingConfig::maximum_size, optional(integer<uint32_t>(0)),
             "Most requests in a batch; a larger batch gets 422 BATCH_LIMIT_EXCEEDED")
      .ignored({"subgraph"})
      .type();
}

Type<RhaiConfig> rhai() {
  Type<RhaiLimits> limits =
      Object<RhaiLimits>(
          "Plexus's limits on each script run (Apollo has none but the call depth); 0: unlimited")
          .field("max_operations", &RhaiLimits::max_operations, unsignedInteger(0, UINT64_MAX),
                 "Statements and calls per callback")
          .field("max_call_levels", &RhaiLimits::max_call_levels, integer<uint32_t>(1, 10000),
                 "Nested function calls")
          .field("max_string_size", &RhaiLimits::max_string_size, unsignedInteger(0, UINT64_MAX),
                 "Bytes in one string")
          .field("max_array_size", &RhaiLimits::max_array_size, unsignedInteger(0, UINT64_MAX),
                 "Elements in one array (nested ones counted)")
          .field("max_map_size", &RhaiLimits::max_map_size, unsignedInteger(0, UINT64_MAX),
                 "Entries in one object map (nested ones counted)")
          .field("max_duration", &RhaiLimits::max_duration, duration(),
                 "Wall-clock time of one callback (e.g. 50ms); exceeding it fails the request")
          .type();
  return Object<RhaiConfig>("Rhai scripts (Apollo Router's `rhai` plugin)")
      .field("scripts", &RhaiConfig::scripts, string(),
             "Directory of the scripts and the modules they import")
      .field("main", &RhaiConfig::main, string(), "The main script, in `scripts`")
      .field("limits", &RhaiConfig::limits, limits, "Resource limits (Plexus only)")
      .type();
}

}  // namespace plexus::config::sections
