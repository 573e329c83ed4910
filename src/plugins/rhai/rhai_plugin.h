// apollo.rhai: Apollo Router's Rhai scripts (router.yaml `rhai: {scripts, main}`), run by Plexus's
// own interpreter (src/rhai). Loading compiles `<scripts>/<main>`, runs its top level once, then
// calls each hook it defines — router_service, supergraph_service, execution_service (once) and
// subgraph_service (once per subgraph) — whose service.map_request / map_response registrations
// wrap the stages. A hook that fails is logged ("service callback failed: …") and keeps what it
// registered before failing, as in Apollo.
//
//   auto plugin = RhaiPlugin::load(*config.rhai, supergraph);  // a Status naming the file on error
//
// Scripts run on the worker threads with no lock: the compiled script and its engine are shared
// and read-only; each callback runs in its own interpreter state.
#pragma once

#include <memory>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/config/router_config.h"

namespace plexus::federation {
class Supergraph;
}

namespace plexus::plugins::rhai {

struct LoadedScript;

class RhaiPlugin final : public Plugin {
 public:
  // Errors: "in Rhai script <path>: Syntax error: … (line L, position P)", a missing file, or a
  // failing top level.
  static StatusOr<std::shared_ptr<RhaiPlugin>> load(
      const config::RhaiConfig& config,
      const std::shared_ptr<const federation::Supergraph>& supergraph);

  explicit RhaiPlugin(std::shared_ptr<const LoadedScript> script);
  router::Service routerService(router::Service next) override;
  supergraph::Service supergraphService(supergraph::Service next) override;
  execution::Service executionService(execution::Service next) override;
  subgraph::Service subgraphService(std::string_view subgraph, subgraph::Service next) override;

 private:
  std::shared_ptr<const LoadedScript> script_;
};

}  // namespace plexus::plugins::rhai
