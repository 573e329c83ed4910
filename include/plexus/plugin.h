// Native plugins: a class compiled into a custom router binary that wraps the services of the
// request stages (include/plexus/services.h), as Apollo Router's Rust plugins do.
//
//   struct HelloConfig {
//     std::string message = "hello";
//   };
//
//   class HelloWorld : public plexus::Plugin {
//    public:
//     using Config = HelloConfig;
//     static plexus::ConfigType<Config> configType() {
//       using namespace plexus::config::describe;
//       return Object<Config>("Says hello").field("message", &Config::message, string(),
//                                                  "What to log at startup").type();
//     }
//     explicit HelloWorld(plexus::PluginInit<Config> init) {
//       plexus::log::info(init.config.message);     // throw to refuse the configuration
//     }
//     plexus::supergraph::Service supergraphService(plexus::supergraph::Service next) override {
//       return plexus::ServiceBuilder<…>().mapRequest(…).service(std::move(next));
//     }
//   };
//   PLEXUS_REGISTER_PLUGIN("example", "hello_world", HelloWorld);
//
//   # router.yaml: created only when configured, in YAML order
//   plugins:
//     example.hello_world:
//       message: "starting"
//
// Lifecycle: plugins are created for every configuration generation — at startup and at each
// reload — before the previous generation's instances stop, so old and new instances live side
// by side for a while; none may rely on another plugin existing. A constructor that throws (or a
// static `create` returning an error) stops startup with a message naming the plugin, or rejects
// the reload (the previous generation keeps serving). The hooks are called when a worker builds
// its pipeline for the generation, not per request, and may be called several times (once per
// worker); the services they return run on every worker at once. activate() runs when the
// generation goes live; shutdown() once the generation has answered its last request.
//
// Registration: PLEXUS_REGISTER_PLUGIN records the plugin in a link-time registry from a static
// initializer, so the plugin's source must be linked into the binary itself (listed in the
// executable's sources, or an OBJECT library): a static archive would drop the unreferenced object
// file. Names are "group.name"; a duplicate name is reported at startup.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "include/plexus/services.h"
#include "src/common/status.h"
#include "src/config/describe.h"

namespace plexus {

template <typename Config>
using ConfigType = config::describe::Type<Config>;

// What a plugin is created from.
template <typename Config>
struct PluginInit {
  Config config;
  std::string name;                                   // "group.name", as under `plugins:`
  std::shared_ptr<const std::string> supergraph_sdl;  // the supergraph being served
  // On a reload, the configuration the previous instance of this plugin was created with.
  std::optional<Config> previous_config;
};

// An HTTP route a plugin serves on the router's main listener (Apollo's web_endpoints): requests
// whose path is `path` (or under it, when it ends with "/{*rest}") go to `service` directly, before
// any router-stage layer (CORS, plugins' router hooks) and instead of the GraphQL pipeline.
struct WebEndpoint {
  std::string path;
  router::Service service;
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  // Each hook gets the next service of its stage and returns it, wrapped or as it is.
  virtual router::Service routerService(router::Service next) { return next; }
  virtual supergraph::Service supergraphService(supergraph::Service next) { return next; }
  virtual execution::Service executionService(execution::Service next) { return next; }
  virtual subgraph::Service subgraphService(std::string_view subgraph, subgraph::Service next) {
    return next;
  }
  virtual std::vector<WebEndpoint> webEndpoints() { return {}; }

  // The generation this instance belongs to starts serving.
  virtual void activate() {}
  // Its generation has answered its last request; the instance is destroyed next.
  virtual void shutdown() {}
};

// A plugin whose configuration is empty (`plugins: { acme.audit: }` or `{}`).
struct NoConfig {};

namespace plugins {

// How the registry knows one plugin type.
struct Registration {
  std::string name;  // "group.name"
  // The configuration's JSON Schema.
  std::function<json::Value()> schema;
  // Reads the plugin's YAML section into its typed configuration.
  std::function<std::shared_ptr<const void>(const config::YamlNode& node, const std::string& path,
                                            config::describe::ReadContext& context)>
      read_config;
  // Creates an instance; `previous` is the previous instance's configuration or null.
  std::function<StatusOr<std::shared_ptr<Plugin>>(std::shared_ptr<const void> config,
                                                  const void* previous,
                                                  std::shared_ptr<const std::string> sdl)>
      create;
};

// Adds a plugin type to the registry (static initialization time); returns true.
bool add(Registration registration);
// Every registered plugin type, in registration order.
const std::vector<Registration>& all();
const Registration* find(std::string_view name);
// Names registered twice, for a startup error.
std::vector<std::string> duplicates();

ConfigType<NoConfig> noConfigType();

template <typename P>
ConfigType<typename P::Config> configTypeOf() {
  if constexpr (requires { P::configType(); }) {
    return P::configType();
  } else {
    static_assert(std::is_same_v<typename P::Config, NoConfig>,
                  "a plugin with a Config needs `static plexus::ConfigType<Config> configType()`");
    return noConfigType();
  }
}

template <typename P>
Registration registrationOf(std::string group, std::string name) {
  using Config = typename P::Config;
  Registration registration;
  registration.name = group.empty() ? name : group + "." + name;
  registration.schema = [] { return config::describe::jsonSchema(configTypeOf<P>()); };
  registration.read_config = [](const config::YamlNode& node, const std::string& path,
                                config::describe::ReadContext& context) {
    ConfigType<Config> type = configTypeOf<P>();
    auto value = std::make_shared<Config>(type.fresh());
    if (!node.isNull()) type.read(node, path, context, *value);
    return std::shared_ptr<const void>(std::move(value));
  };
  registration.create =
      [name = registration.name](
          std::shared_ptr<const void> config, const void* previous,
          std::shared_ptr<const std::string> sdl) -> StatusOr<std::shared_ptr<Plugin>> {
    PluginInit<Config> init{.config = *static_cast<const Config*>(config.get()),
                            .name = name,
                            .supergraph_sdl = std::move(sdl),
                            .previous_config = std::nullopt};
    if (previous != nullptr) init.previous_config = *static_cast<const Config*>(previous);
    try {
      if constexpr (requires { P::create(std::move(init)); }) {
        StatusOr<std::shared_ptr<P>> created = P::create(std::move(init));
        if (!created.ok()) return created.status();
        return std::shared_ptr<Plugin>(std::move(*created));
      } else {
        return std::shared_ptr<Plugin>(std::make_shared<P>(std::move(init)));
      }
    } catch (const std::exception& e) {
      return Status::error(e.what());
    } catch (...) {
      return Status::error("unknown exception");
    }
  };
  return registration;
}

}  // namespace plugins
}  // namespace plexus

#define PLEXUS_PLUGIN_CONCAT_INNER(a, b) a##b
#define PLEXUS_PLUGIN_CONCAT(a, b) PLEXUS_PLUGIN_CONCAT_INNER(a, b)
// Registers plugin class `Type` as "group.name" (see the top of this header).
#define PLEXUS_REGISTER_PLUGIN(group, name, Type)                                    \
  [[maybe_unused]] static const bool PLEXUS_PLUGIN_CONCAT(plexus_plugin_registered_, \
                                                          __COUNTER__) =             \
      ::plexus::plugins::add(::plexus::plugins::registrationOf<Type>(group, name))
