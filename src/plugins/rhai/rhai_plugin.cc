#include "src/plugins/rhai/rhai_plugin.h"

#include <fstream>
#include <sstream>

#include "src/federation/supergraph.h"
#include "src/plugins/rhai/helpers.h"
#include "src/plugins/rhai/objects.h"
#include "src/plugins/rhai/script.h"
#include "src/telemetry/log.h"

namespace plexus::plugins::rhai {

using plexus::rhai::EvalResult;
using plexus::rhai::Value;

namespace {

// The `service` argument of a hook: records map_request / map_response registrations.
class ServiceObject final : public HostObject {
 public:
  ServiceObject(std::string_view type_name, std::vector<Callback>& out)
      : type_name_(type_name), out_(out) {}
  std::string_view typeName() const override { return type_name_; }
  std::optional<Value> call(std::string_view name, std::span<Value> args, CallContext&) override {
    if ((name != "map_request" && name != "map_response") || args.size() != 1) return std::nullopt;
    if (!args[0].is(Value::Type::kFnPtr)) wrongType(name, "a function pointer or closure", args[0]);
    out_.push_back(Callback{name == "map_response", args[0].asFnPtr()});
    return Value();
  }

 private:
  std::string_view type_name_;
  std::vector<Callback>& out_;
};

}  // namespace

// Router.APOLLO_* (RHAI_API.md §2), re-created on every access as in Apollo.
plexus::rhai::Map routerConstants(const std::string& sdl, Value start) {
  plexus::rhai::Map m;
  m["APOLLO_SDL"] = Value::string(sdl);
  m["APOLLO_START"] = std::move(start);
  const std::pair<const char*, const char*> keys[] = {
      {"APOLLO_AUTHENTICATION_JWT_CLAIMS", "apollo::authentication::jwt_claims"},
      {"APOLLO_SUBSCRIPTION_WS_CUSTOM_CONNECTION_PARAMS",
       "apollo.subscription.custom_connection_params"},
      {"APOLLO_ENTITY_CACHE_KEY", "apollo_entity_cache::key"},
      {"APOLLO_RESPONSE_CACHE_KEY", "apollo::response_cache::key"},
      {"APOLLO_OPERATION_ID", "apollo::supergraph::operation_id"},
      {"APOLLO_PERSISTED_QUERY_ID_KEY", "apollo::supergraph::persisted_query_id"},
      {"APOLLO_COST_ESTIMATED_KEY", "apollo::demand_control::estimated_cost"},
      {"APOLLO_COST_ACTUAL_KEY", "apollo::demand_control::actual_cost"},
      {"APOLLO_COST_STRATEGY_KEY", "apollo::demand_control::strategy"},
      {"APOLLO_COST_RESULT_KEY", "apollo::demand_control::result"},
      {"APOLLO_COST_BY_SUBGRAPH_ESTIMATED_KEY",
       "apollo::demand_control::estimated_cost_by_subgraph"},
      {"APOLLO_COST_BY_SUBGRAPH_ACTUAL_KEY", "apollo::demand_control::actual_cost_by_subgraph"},
      {"APOLLO_COST_BY_SUBGRAPH_RESULT_KEY", "apollo::demand_control::result_by_subgraph"},
  };
  for (const auto& [k, v] : keys) m[k] = Value::string(v);
  return m;
}

namespace {

void callHook(LoadedScript& script, std::string_view hook, std::vector<Callback>& out,
              std::string_view service_type, std::vector<Value> extra,
              std::string_view service_name, std::string_view subgraph = {}) {
  auto service = std::make_shared<ServiceObject>(service_type, out);
  std::vector<Value> args{Value::host(service)};
  for (Value& v : extra) args.push_back(std::move(v));
  EvalResult result = script.engine.call(*script.program, script.scope, hook, std::move(args));
  if (result.ok()) return;
  std::string message = "service callback failed: " + result.error().describe();
  if (subgraph.empty()) {
    log::write(log::Level::kError, message, {{"service", service_name}});
  } else {
    log::write(log::Level::kError, message, {{"service", service_name}, {"subgraph", subgraph}});
  }
}

}  // namespace

StatusOr<std::shared_ptr<RhaiPlugin>> RhaiPlugin::load(
    const config::RhaiConfig& config,
    const std::shared_ptr<const federation::Supergraph>& supergraph) {
  std::string main_path = config.scripts + "/" + config.main;
  std::ifstream in(main_path, std::ios::binary);
  if (!in) return Status::error("rhai.main: cannot read Rhai script '" + main_path + "'");
  std::stringstream source;
  source << in.rdbuf();

  const config::RhaiLimits& limits = config.limits;
  auto script = std::make_shared<LoadedScript>(plexus::rhai::EngineOptions{
      .max_operations = limits.max_operations,
      .max_call_levels = limits.max_call_levels,
      .module_dir = config.scripts,
      .max_string_size = limits.max_string_size,
      .max_array_size = limits.max_array_size,
      .max_map_size = limits.max_map_size,
      .max_wall_time_ms = static_cast<uint64_t>(limits.max_duration.count())});
  script->main_path = main_path;
  registerHelpers(script->engine, HelperOptions{.main_path = main_path});
  std::string sdl = supergraph && supergraph->sdl() ? *supergraph->sdl() : std::string();
  Value start = Value::timestamp();
  auto constants = Value::map(routerConstants(sdl, start));
  script->engine.setVariableResolver([constants](std::string_view name) -> std::optional<Value> {
    if (name == "Router") return constants;
    return std::nullopt;
  });

  auto compiled = script->engine.compile(source.str(), main_path);
  if (compiled.index() == 1) {
    return Status::error("in Rhai script " + main_path + ": " + std::get<1>(compiled).describe());
  }
  script->program = std::get<0>(std::move(compiled));
  script->scope.pushConstant("apollo_sdl", Value::string(sdl));
  script->scope.pushConstant("apollo_start", start);
  EvalResult top = script->engine.run(*script->program, script->scope);
  if (!top.ok()) {
    return Status::error("in Rhai script " + main_path + ": " + top.error().describe());
  }

  const plexus::rhai::Program& program = *script->program;
  if (program.hasFunction("router_service")) {
    callHook(*script, "router_service", script->router, "apollo_router::services::router::Service",
             {}, "RouterService");
  }
  if (program.hasFunction("supergraph_service")) {
    callHook(*script, "supergraph_service", script->supergraph,
             "apollo_router::services::supergraph::Service", {}, "SupergraphService");
  }
  if (program.hasFunction("execution_service")) {
    callHook(*script, "execution_service", script->execution,
             "apollo_router::services::execution::Service", {}, "ExecutionService");
  }
  if (program.hasFunction("subgraph_service") && supergraph) {
    for (const federation::Subgraph& subgraph : supergraph->subgraphs()) {
      std::string name(subgraph.name);
      std::vector<Callback>& out = script->subgraphs[name];
      callHook(*script, "subgraph_service", out, "apollo_router::services::subgraph::Service",
               {Value::string(name)}, "SubgraphService", name);
    }
  }
  return std::make_shared<RhaiPlugin>(std::move(script));
}

RhaiPlugin::RhaiPlugin(std::shared_ptr<const LoadedScript> script) : script_(std::move(script)) {}

router::Service RhaiPlugin::routerService(router::Service next) {
  if (script_->router.empty()) return next;
  return wrapRouter(script_, std::move(next));
}

supergraph::Service RhaiPlugin::supergraphService(supergraph::Service next) {
  if (script_->supergraph.empty()) return next;
  return wrapSupergraph(script_, std::move(next));
}

execution::Service RhaiPlugin::executionService(execution::Service next) {
  if (script_->execution.empty()) return next;
  return wrapExecution(script_, std::move(next));
}

subgraph::Service RhaiPlugin::subgraphService(std::string_view subgraph, subgraph::Service next) {
  auto it = script_->subgraphs.find(subgraph);
  if (it == script_->subgraphs.end() || it->second.empty()) return next;
  return wrapSubgraph(script_, it->second, std::move(next));
}

}  // namespace plexus::plugins::rhai
