// Plugins for the plugin lifecycle tests, linked into the `plexus_test_router` binary
// (test/plugins/CMakeLists.txt):
//   test.lifecycle  logs "test.lifecycle created (<label>)" when created and
//                   "test.lifecycle shut down (<label>)" when its generation is done; with
//                   `fail_with: <reason>` its creation fails with that reason.
//   test.empty      wraps all four stages with services that only pass the call on: the cost
//                   of a plugin that does nothing (bench/plugins/README.md).
#include <stdexcept>
#include <string>

#include "include/plexus/plugin.h"
#include "src/telemetry/log.h"

namespace plexus::test {
namespace {

struct LifecycleConfig {
  std::string label = "default";
  std::string fail_with;
};

class Lifecycle : public Plugin {
 public:
  using Config = LifecycleConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Logs its creation and shutdown; fails on request")
        .field("label", &Config::label, string(), "Names this instance in the log")
        .field("fail_with", &Config::fail_with, string(), "Fails creation with this reason")
        .type();
  }
  explicit Lifecycle(PluginInit<Config> init) : label_(init.config.label) {
    if (!init.config.fail_with.empty()) throw std::runtime_error(init.config.fail_with);
    log::info("test.lifecycle created (" + label_ + ")");
  }
  void shutdown() override { log::info("test.lifecycle shut down (" + label_ + ")"); }

 private:
  std::string label_;
};
PLEXUS_REGISTER_PLUGIN("test", "lifecycle", Lifecycle);

template <typename Request, typename Response>
Service<Request, Response> passThrough(Service<Request, Response> next) {
  return [next = std::move(next)](Request request, Reply<Response> reply) {
    next(std::move(request), std::move(reply));
  };
}

class Empty : public Plugin {
 public:
  using Config = NoConfig;
  explicit Empty(PluginInit<Config>) {}
  router::Service routerService(router::Service next) override { return passThrough(next); }
  supergraph::Service supergraphService(supergraph::Service next) override {
    return passThrough(next);
  }
  execution::Service executionService(execution::Service next) override {
    return passThrough(next);
  }
  subgraph::Service subgraphService(std::string_view, subgraph::Service next) override {
    return passThrough(next);
  }
};
PLEXUS_REGISTER_PLUGIN("test", "empty", Empty);

}  // namespace
}  // namespace plexus::test
