// The router's built-in features that wrap request stages, written as plugins on the same SDK as
// native plugins (include/plexus/plugin.h) and composed in one ordered list, in Apollo Router's
// order, before the configured native plugins:
//
//   apollo.cors          router stage, outermost: preflights answered, CORS headers added
//   apollo.headers       subgraph stage: header rules (headers.*), when any are configured
//   apollo.health_check  router stage: counts 503 / 504 answers for readiness
//   apollo.csrf          router stage: CSRF prevention on the GraphQL endpoint
//   apollo.rhai          every stage: Rhai scripts (rhai.*), when configured
//   apollo.coprocessor   every stage: the external coprocessor (coprocessor.*), when configured
//
//   StatusOr<std::vector<BuiltinPlugin>> builtins = builtinPlugins(config, health, supergraph);
//   for (const BuiltinPlugin& builtin : *builtins) plugins::addPlugin(builtin.plugin, wrappers);
//
// The other serving features (limits, introspection, forbid_mutations, batching, landing page,
// include_subgraph_errors) are part of the stages' core services.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/config/router_config.h"

namespace plexus::federation {
class Supergraph;
}

namespace plexus::server {

class HealthState;

struct BuiltinPlugin {
  std::string name;  // "apollo.cors", …
  std::shared_ptr<Plugin> plugin;
};

// An error when a configured feature cannot be built (an unusable CORS rule, a Rhai script that
// does not compile).
StatusOr<std::vector<BuiltinPlugin>> builtinPlugins(
    const config::RouterConfig& config, std::shared_ptr<HealthState> health,
    const std::shared_ptr<const federation::Supergraph>& supergraph);

}  // namespace plexus::server
