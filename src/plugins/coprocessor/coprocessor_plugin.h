// apollo.coprocessor: Apollo Router's external coprocessor (router.yaml `coprocessor:`), an HTTP
// service called at the request stages with Apollo's JSON protocol (protocol.h, stages.h). Built
// in: installed after apollo.rhai and before native plugins, so on the request path it sees what
// Rhai changed, and on the response path it runs before Rhai.
//
//   auto plugin = CoprocessorPlugin::load(*config.coprocessor, supergraph);  // Status on a bad URL
//
// The plugin holds one immutable runtime per installed stage (a stage whose settings are all
// defaults is not installed, as in Apollo), shared by every worker.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/config/coprocessor_config.h"
#include "src/plugins/coprocessor/stages.h"

namespace plexus::federation {
class Supergraph;
}

namespace plexus::plugins::coprocessor {

class CoprocessorPlugin final : public Plugin {
 public:
  // Errors name the setting: "coprocessor.subgraph.all.request.url: …".
  static StatusOr<std::shared_ptr<CoprocessorPlugin>> load(
      const config::CoprocessorConfig& config,
      const std::shared_ptr<const federation::Supergraph>& supergraph);

  router::Service routerService(router::Service next) override;
  supergraph::Service supergraphService(supergraph::Service next) override;
  execution::Service executionService(execution::Service next) override;
  subgraph::Service subgraphService(std::string_view subgraph, subgraph::Service next) override;

 private:
  struct Pair {
    RuntimePtr request;
    RuntimePtr response;
  };
  Pair router_;
  Pair supergraph_;
  Pair execution_;
  Pair subgraph_all_;
  std::map<std::string, Pair, std::less<>> subgraphs_;  // subgraph.subgraphs.<name>
};

}  // namespace plexus::plugins::coprocessor
