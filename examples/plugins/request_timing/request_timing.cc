// example.request_timing — observing requests: `instrument` runs each supergraph request inside a
// Span (reported to the process's SpanSink, include/plexus/span.h) named after the plugin, with
// the operation's name as an attribute; `mapReplyWithRequestData` (Apollo's
// map_future_with_request_data, the request-aware form of `mapReply`) takes the time when the
// request comes in and, when its response goes out, writes the elapsed time into a
// `server-timing` response header that browsers' developer tools display.
//
//   plugins:
//     example.request_timing:
//       metric_name: router   # default: server-timing: router;dur=12.345
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "include/plexus/span.h"

namespace plexus::examples {
namespace {

struct RequestTimingConfig {
  std::string metric_name = "router";
};

class RequestTiming : public Plugin {
 public:
  using Config = RequestTimingConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Times supergraph requests: a span and a server-timing header")
        .field("metric_name", &Config::metric_name, string(), "The server-timing metric's name")
        .type();
  }
  explicit RequestTiming(PluginInit<Config> init) : metric_name_(init.config.metric_name) {}

  supergraph::Service supergraphService(supergraph::Service next) override {
    using Clock = std::chrono::steady_clock;
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .instrument([](const supergraph::Request& request) {
          Span span("example.request_timing");
          span.setAttribute("graphql.operation.name", json::Value(request.operation_name));
          return span;
        })
        .mapReplyWithRequestData(
            [](const supergraph::Request&) { return Clock::now(); },
            [metric = metric_name_](Clock::time_point started, supergraph::Response response,
                                    Reply<supergraph::Response> reply) {
              std::chrono::duration<double, std::milli> elapsed = Clock::now() - started;
              char duration[32];
              std::snprintf(duration, sizeof duration, "%.3f", elapsed.count());
              response.headers.set("server-timing", metric + ";dur=" + duration);
              reply(std::move(response));
            })
        .service(std::move(next));
  }

 private:
  std::string metric_name_;
};

PLEXUS_REGISTER_PLUGIN("example", "request_timing", RequestTiming);

}  // namespace
}  // namespace plexus::examples
