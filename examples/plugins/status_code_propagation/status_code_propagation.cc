// example.status_code_propagation — a subgraph's HTTP status becomes the client's, as Apollo's
// status-code-propagation example: `mapResponse` on the subgraph stage records a watched status
// in the context (with `upsert`: subgraph calls run concurrently), and `mapResponse` on the
// supergraph stage, which runs after every subgraph call of the request, sets it on the response.
// `status_codes` is ordered by priority: when several subgraphs answer watched statuses, the one
// listed first wins.
//
//   plugins:
//     example.status_code_propagation:
//       status_codes: [500, 403, 401]
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"

namespace plexus::examples {
namespace {

constexpr std::string_view kStatusCode = "example::status_code_propagation::status_code";

struct StatusCodePropagationConfig {
  std::vector<uint16_t> status_codes;
};

class StatusCodePropagation : public Plugin {
 public:
  using Config = StatusCodePropagationConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Answers the client with a subgraph's HTTP status")
        .field("status_codes", &Config::status_codes, listOf(integer<uint16_t>(100, 599)),
               "Subgraph statuses to propagate, highest priority first")
        .type();
  }
  explicit StatusCodePropagation(PluginInit<Config> init)
      : status_codes_(
            std::make_shared<const std::vector<uint16_t>>(std::move(init.config.status_codes))) {}

  subgraph::Service subgraphService(std::string_view /*subgraph*/,
                                    subgraph::Service next) override {
    return layers::mapResponse(
        std::move(next), [codes = status_codes_](subgraph::Response& response) {
          auto rank = [&codes](int64_t status) {
            return std::find(codes->begin(), codes->end(), status) - codes->begin();
          };
          if (rank(response.status) == std::ssize(*codes)) return;  // not watched
          response.context.upsert(kStatusCode, [&](json::Value& recorded) {
            if (recorded.isNull() || rank(response.status) < rank(recorded.asInt())) {
              recorded = json::Value(int64_t{response.status});
            }
          });
        });
  }

  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::mapResponse(std::move(next), [](supergraph::Response& response) {
      if (std::optional<json::Value> status = response.context.get(kStatusCode)) {
        response.status = static_cast<int>(status->asInt());
      }
    });
  }

 private:
  // Shared by the services of every worker; immutable.
  std::shared_ptr<const std::vector<uint16_t>> status_codes_;
};

PLEXUS_REGISTER_PLUGIN("example", "status_code_propagation", StatusCodePropagation);

}  // namespace
}  // namespace plexus::examples
