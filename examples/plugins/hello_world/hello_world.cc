// example.hello_world — the smallest plugin (Apollo's hello-world): a typed configuration, a
// message logged when the plugin is created, and every hook stubbed with a pass-through, ready to
// be filled in.
//
//   plugins:
//     example.hello_world:
//       message: "Hello, Plexus!"
#include <string>
#include <string_view>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "src/telemetry/log.h"

namespace plexus::examples {
namespace {

struct HelloWorldConfig {
  std::string message = "Hello, world!";
};

class HelloWorld : public Plugin {
 public:
  using Config = HelloWorldConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Logs a message when the plugin is created")
        .field("message", &Config::message, string(), "What to log")
        .type();
  }

  // Created at startup and again at every reload: keep constructors cheap. Throwing here refuses
  // the configuration, naming the plugin.
  explicit HelloWorld(PluginInit<Config> init) {
    log::info(init.config.message, {{"plugin", init.name}});
  }

  // Each hook receives the next service of its stage and returns it wrapped. A ServiceBuilder
  // with no layers returns `next` itself: a stub costs nothing per request.
  router::Service routerService(router::Service next) override {
    return layers::ServiceBuilder<router::Request, router::Response>().service(std::move(next));
  }
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>().service(
        std::move(next));
  }
  execution::Service executionService(execution::Service next) override {
    return layers::ServiceBuilder<execution::Request, execution::Response>().service(
        std::move(next));
  }
  subgraph::Service subgraphService(std::string_view /*subgraph*/,
                                    subgraph::Service next) override {
    return layers::ServiceBuilder<subgraph::Request, subgraph::Response>().service(std::move(next));
  }
};

PLEXUS_REGISTER_PLUGIN("example", "hello_world", HelloWorld);

}  // namespace
}  // namespace plexus::examples
