// The native plugins of one configuration generation: read from router.yaml's `plugins:` section
// through the registry (include/plexus/plugin.h), created in YAML order, and composed into the
// pipeline after the built-in layers (src/services/pipeline.h).
//
//   StatusOr<std::vector<ConfiguredPlugin>> configured = readPluginConfigs(config.plugins);
//   if (!configured.ok()) return configured.status();   // "router.yaml:12:5: plugins.acme.auth.…"
//   StatusOr<PluginSet> set = createPlugins(*configured, sdl, previous_set);
//   if (!set.ok()) return set.status();   // "plugin acme.auth: could not reach the JWKS URL"
//   set->addTo(wrappers);                  // hooks, in YAML order (the first is outermost)
//   set->activate();                       // when its generation goes live
//
// A PluginSet calls each instance's shutdown() when it is destroyed (its generation's last
// request is done). Thread-safety: built on one thread; the instances' hooks may then be called
// from every worker.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/services/pipeline.h"

namespace plexus::plugins {

struct ConfiguredPlugin {
  std::string name;
  std::shared_ptr<const void> config;  // the registered type's Config
  const Registration* registration = nullptr;
};

// Reads every `plugins:` section with its plugin's description. Errors (all at once, one per line):
// an unknown plugin name (with the registered names and a "did you mean"), a section its plugin
// does not accept (with the YAML path and position), a plugin registered twice.
StatusOr<std::vector<ConfiguredPlugin>> readPluginConfigs(
    const std::vector<config::PluginSection>& sections,
    const config::ExpansionContext& expansion = config::ExpansionContext::fromProcess());

// Adds one plugin's hooks to `wrappers` (after those already there).
void addPlugin(const std::shared_ptr<Plugin>& plugin, StageWrappers& wrappers);

class PluginSet {
 public:
  struct Instance {
    std::string name;
    std::shared_ptr<const void> config;
    std::shared_ptr<Plugin> plugin;
  };

  PluginSet() = default;
  explicit PluginSet(std::vector<Instance> instances) : instances_(std::move(instances)) {}
  ~PluginSet();
  PluginSet(PluginSet&&) = default;
  PluginSet& operator=(PluginSet&&) = default;

  const std::vector<Instance>& instances() const { return instances_; }
  // Each instance's hooks and web endpoints, in order.
  void addTo(StageWrappers& wrappers) const;
  std::vector<WebEndpoint> webEndpoints() const;
  void activate() const;

 private:
  std::vector<Instance> instances_;
};

// Creates the configured plugins in order; `previous` (the running generation's set, if any)
// gives each its previous configuration. The first failure stops: "plugin <name>: <reason>".
StatusOr<std::shared_ptr<PluginSet>> createPlugins(const std::vector<ConfiguredPlugin>& configured,
                                                   std::shared_ptr<const std::string> sdl,
                                                   const PluginSet* previous = nullptr);

// The JSON Schema of router.yaml with each registered plugin's schema under `plugins`.
json::Value withPluginSchemas(json::Value router_schema);

}  // namespace plexus::plugins
