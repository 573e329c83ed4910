#include "src/plugins/instances.h"

#include <utility>

#include "src/graphql/validation/suggestions.h"

namespace plexus::plugins {

StatusOr<std::vector<ConfiguredPlugin>> readPluginConfigs(
    const std::vector<config::PluginSection>& sections, const config::ExpansionContext& expansion) {
  std::vector<std::string> errors;
  for (const std::string& name : duplicates()) {
    errors.push_back("plugin " + name + " is registered twice (PLEXUS_REGISTER_PLUGIN)");
  }
  std::vector<ConfiguredPlugin> configured;
  for (const config::PluginSection& section : sections) {
    std::string path = "plugins." + section.name;
    config::describe::ReadContext context(section.source_name, expansion);
    const Registration* registration = find(section.name);
    if (registration == nullptr) {
      std::vector<std::string_view> names;
      std::string known;
      for (const Registration& r : all()) {
        names.push_back(r.name);
        known += (known.empty() ? "" : ", ") + r.name;
      }
      std::string message = "unknown plugin;";
      std::vector<std::string_view> close =
          graphql::validation::suggestionList(section.name, names);
      if (!close.empty()) message += " did you mean \"" + std::string(close[0]) + "\"?";
      message += known.empty() ? " this router has no plugins registered"
                               : " registered plugins: " + known;
      // The position of the plugin's key is not kept; its value's is.
      context.error(section.node, path, message);
    } else {
      std::shared_ptr<const void> config = registration->read_config(section.node, path, context);
      if (context.errorCount() == 0) {
        configured.push_back(ConfiguredPlugin{section.name, std::move(config), registration});
      }
    }
    errors.insert(errors.end(), context.errors().begin(), context.errors().end());
  }
  if (!errors.empty()) return joinErrors(errors);
  return configured;
}

PluginSet::~PluginSet() {
  for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) {
    if (it->plugin) it->plugin->shutdown();
  }
}

void PluginSet::addTo(StageWrappers& wrappers) const {
  for (const Instance& instance : instances_) addPlugin(instance.plugin, wrappers);
}

void addPlugin(const std::shared_ptr<Plugin>& plugin, StageWrappers& wrappers) {
  wrappers.router.push_back(
      [plugin](router::Service next) { return plugin->routerService(std::move(next)); });
  wrappers.supergraph.push_back(
      [plugin](supergraph::Service next) { return plugin->supergraphService(std::move(next)); });
  wrappers.execution.push_back(
      [plugin](execution::Service next) { return plugin->executionService(std::move(next)); });
  wrappers.subgraph.push_back([plugin](std::string_view name, subgraph::Service next) {
    return plugin->subgraphService(name, std::move(next));
  });
}

std::vector<WebEndpoint> PluginSet::webEndpoints() const {
  std::vector<WebEndpoint> endpoints;
  for (const Instance& instance : instances_) {
    for (WebEndpoint& endpoint : instance.plugin->webEndpoints()) {
      endpoints.push_back(std::move(endpoint));
    }
  }
  return endpoints;
}

void PluginSet::activate() const {
  for (const Instance& instance : instances_) instance.plugin->activate();
}

StatusOr<std::shared_ptr<PluginSet>> createPlugins(const std::vector<ConfiguredPlugin>& configured,
                                                   std::shared_ptr<const std::string> sdl,
                                                   const PluginSet* previous) {
  std::vector<PluginSet::Instance> instances;
  for (const ConfiguredPlugin& plugin : configured) {
    const void* previous_config = nullptr;
    if (previous != nullptr) {
      for (const PluginSet::Instance& old : previous->instances()) {
        if (old.name == plugin.name) previous_config = old.config.get();
      }
    }
    StatusOr<std::shared_ptr<Plugin>> created =
        plugin.registration->create(plugin.config, previous_config, sdl);
    if (!created.ok()) {
      // Those already created are shut down (PluginSet's destructor) before the error returns.
      PluginSet partial(std::move(instances));
      return Status::error("plugin " + plugin.name + ": " + created.status().message());
    }
    if (*created == nullptr) return Status::error("plugin " + plugin.name + ": created nothing");
    instances.push_back(PluginSet::Instance{plugin.name, plugin.config, std::move(*created)});
  }
  return std::make_shared<PluginSet>(std::move(instances));
}

json::Value withPluginSchemas(json::Value router_schema) {
  json::Value* properties = router_schema.find("properties");
  if (properties == nullptr) return router_schema;
  json::Value plugins = json::Value::object();
  plugins["description"] = "Native plugins of a custom router binary, by \"group.name\", in order";
  plugins["type"] = "object";
  json::Value named = json::Value::object();
  for (const Registration& registration : all()) named[registration.name] = registration.schema();
  plugins["properties"] = std::move(named);
  plugins["additionalProperties"] = false;
  (*properties)["plugins"] = std::move(plugins);
  return router_schema;
}

}  // namespace plexus::plugins
