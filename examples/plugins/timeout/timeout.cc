// example.timeout — the `timeout` layer on the subgraph stage: a subgraph that has not answered
// within `limit` is answered for it with 504 "Your request has been timed out" (GATEWAY_TIMEOUT),
// which the client sees as a subgraph error while the other subgraphs' data still arrives. The
// layer's timer runs on the worker's Scheduler (currentScheduler()). `subgraphs` picks which
// subgraphs get the layer; for the others the hook returns `next` untouched, adding nothing.
// (Plexus also has this built in: traffic_shaping.subgraphs.<name>.timeout.)
//
//   plugins:
//     example.timeout:
//       limit: 500ms
//       subgraphs: [products]   # default: every subgraph
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"

namespace plexus::examples {
namespace {

struct TimeoutConfig {
  std::chrono::milliseconds limit{1000};
  std::vector<std::string> subgraphs;
};

class Timeout : public Plugin {
 public:
  using Config = TimeoutConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Gives up on subgraphs that answer too slowly")
        .field("limit", &Config::limit, duration(), "How long a subgraph call may take")
        .field("subgraphs", &Config::subgraphs, listOf(string()),
               "The subgraphs to time out (empty: all)")
        .type();
  }
  explicit Timeout(PluginInit<Config> init) : config_(std::move(init.config)) {}

  subgraph::Service subgraphService(std::string_view subgraph, subgraph::Service next) override {
    const std::vector<std::string>& only = config_.subgraphs;
    if (!only.empty() && std::find(only.begin(), only.end(), subgraph) == only.end()) return next;
    return layers::ServiceBuilder<subgraph::Request, subgraph::Response>()
        .timeout(config_.limit)
        .service(std::move(next));
  }

 private:
  Config config_;
};

PLEXUS_REGISTER_PLUGIN("example", "timeout", Timeout);

}  // namespace
}  // namespace plexus::examples
