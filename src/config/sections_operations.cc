// The sections about running the router: health_check, batching (Apollo Router v2's
// plugins/healthcheck and configuration::Batching).
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

}  // namespace plexus::config::sections
