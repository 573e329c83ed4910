// example.rate_limited — `rateLimit` on the supergraph stage: at most `capacity` requests per
// `interval` for the whole router; the others are answered 503 "Your request has been rate
// limited" (REQUEST_RATE_LIMITED) without being executed, as Apollo's traffic_shaping. The limit
// is router-wide because the TokenBucket is made once, in the constructor, and shared by the
// services of every worker (each worker calls supergraphService to build its pipeline: a bucket
// made inside the hook would give each worker its own limit).
//
//   plugins:
//     example.rate_limited:
//       capacity: 100    # requests…
//       interval: 1s     # …per interval
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"

namespace plexus::examples {
namespace {

struct RateLimitedConfig {
  uint64_t capacity = 100;
  std::chrono::milliseconds interval{1000};
};

class RateLimited : public Plugin {
 public:
  using Config = RateLimitedConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Limits the router to `capacity` requests per `interval`")
        .field("capacity", &Config::capacity, integer<uint64_t>(1), "Requests per interval")
        .field("interval", &Config::interval, duration(),
               "The interval in which `capacity` requests may start")
        .check([](const Config& config, Checker& checker) {
          if (config.interval.count() <= 0) checker.error("interval", "must be longer than 0s");
        })
        .type();
  }
  explicit RateLimited(PluginInit<Config> init)
      : bucket_(std::make_shared<layers::TokenBucket>(init.config.capacity, init.config.interval)) {
  }

  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .rateLimit(bucket_)
        .service(std::move(next));
  }

 private:
  std::shared_ptr<layers::TokenBucket> bucket_;  // one for every worker's pipeline
};

PLEXUS_REGISTER_PLUGIN("example", "rate_limited", RateLimited);

}  // namespace
}  // namespace plexus::examples
