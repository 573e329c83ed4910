#include "src/plugins/coprocessor/coprocessor_plugin.h"

#include "src/federation/supergraph.h"

namespace plexus::plugins::coprocessor {

namespace {

StatusOr<RuntimePtr> runtimeFor(Stage stage, const config::CoprocessorStageConfig& stage_config,
                                const config::CoprocessorConfig& config,
                                const std::shared_ptr<const std::string>& sdl,
                                const std::string& path) {
  auto runtime = StageRuntime::make(stage, stage_config, config, sdl);
  if (!runtime.ok())
    return Status::error("coprocessor." + path + ": " + runtime.status().message());
  return *runtime;
}

}  // namespace

StatusOr<std::shared_ptr<CoprocessorPlugin>> CoprocessorPlugin::load(
    const config::CoprocessorConfig& config,
    const std::shared_ptr<const federation::Supergraph>& supergraph) {
  if (auto endpoint = parseEndpoint(config.url); !endpoint.ok())
    return Status::error("coprocessor.url: " + endpoint.status().message());
  std::shared_ptr<const std::string> sdl = supergraph ? supergraph->sdl() : nullptr;
  auto plugin = std::make_shared<CoprocessorPlugin>();
  std::vector<std::string> errors;
  auto make = [&](Stage stage, const config::CoprocessorStageConfig& stage_config,
                  const std::string& path) -> RuntimePtr {
    auto runtime = runtimeFor(stage, stage_config, config, sdl, path);
    if (runtime.ok()) return *runtime;
    errors.push_back(runtime.status().message());
    return nullptr;
  };
  plugin->router_ = {make(Stage::kRouterRequest, config.router.request, "router.request"),
                     make(Stage::kRouterResponse, config.router.response, "router.response")};
  plugin->supergraph_ = {
      make(Stage::kSupergraphRequest, config.supergraph.request, "supergraph.request"),
      make(Stage::kSupergraphResponse, config.supergraph.response, "supergraph.response")};
  plugin->execution_ = {
      make(Stage::kExecutionRequest, config.execution.request, "execution.request"),
      make(Stage::kExecutionResponse, config.execution.response, "execution.response")};
  plugin->subgraph_all_ = {
      make(Stage::kSubgraphRequest, config.subgraph_all.request, "subgraph.all.request"),
      make(Stage::kSubgraphResponse, config.subgraph_all.response, "subgraph.all.response")};
  for (const auto& [name, stages] : config.subgraphs) {
    std::string at = "subgraph.subgraphs." + name;
    plugin->subgraphs_[name] = {
        stages.request ? make(Stage::kSubgraphRequest, *stages.request, at + ".request")
                       : plugin->subgraph_all_.request,
        stages.response ? make(Stage::kSubgraphResponse, *stages.response, at + ".response")
                        : plugin->subgraph_all_.response};
  }
  if (!errors.empty()) return joinErrors(errors);
  return plugin;
}

router::Service CoprocessorPlugin::routerService(router::Service next) {
  return wrapRouter(router_.request, router_.response, std::move(next));
}

supergraph::Service CoprocessorPlugin::supergraphService(supergraph::Service next) {
  return wrapSupergraph(supergraph_.request, supergraph_.response, std::move(next));
}

execution::Service CoprocessorPlugin::executionService(execution::Service next) {
  return wrapExecution(execution_.request, execution_.response, std::move(next));
}

subgraph::Service CoprocessorPlugin::subgraphService(std::string_view subgraph,
                                                     subgraph::Service next) {
  auto it = subgraphs_.find(subgraph);
  const Pair& stages = it != subgraphs_.end() ? it->second : subgraph_all_;
  return wrapSubgraph(std::string(subgraph), stages.request, stages.response, std::move(next));
}

}  // namespace plexus::plugins::coprocessor
