// Test support for the example plugins: the two-subgraph supergraph the tests run against (A
// serves `me { name }`, B serves `topProducts { upc price }`), and the creation of a registered
// plugin from the YAML of its `plugins:` section, for tests that call a hook directly (Apollo's
// PluginInit::fake_builder + new).
//
//   StatusOr<std::shared_ptr<Plugin>> plugin = createPlugin("example.timeout", "limit: 1s");
//   subgraph::Service service = (*plugin)->subgraphService("a", next);
//
// Header-only; tests only.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "include/plexus/plugin.h"
#include "src/config/expansion.h"
#include "src/config/yaml_tree.h"
#include "src/federation/supergraph_test_support.h"
#include "src/server/router_service_test_support.h"

namespace plexus::examples::test {

inline std::string supergraphSdl() { return federation::test::supergraph(server::kTypes); }

// The plugin registered as `name`, created from `section_yaml` (its configuration, as under
// `plugins: { name: … }`), as the router creates it.
inline StatusOr<std::shared_ptr<Plugin>> createPlugin(std::string_view name,
                                                      std::string_view section_yaml = "",
                                                      std::string sdl = supergraphSdl()) {
  const plugins::Registration* registration = plugins::find(name);
  if (registration == nullptr) return Status::error("no plugin named " + std::string(name));
  StatusOr<config::YamlNode> node = config::parseYaml(section_yaml, "plugin.yaml");
  if (!node.ok()) return node.status();
  config::describe::ReadContext context("plugin.yaml", config::ExpansionContext::fromProcess());
  std::shared_ptr<const void> config = registration->read_config(*node, std::string(name), context);
  if (context.errorCount() > 0) return Status::error(context.errors().front());
  return registration->create(std::move(config), nullptr,
                              std::make_shared<const std::string>(std::move(sdl)));
}

}  // namespace plexus::examples::test
