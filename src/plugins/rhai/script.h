// A loaded generation of Rhai scripts (internal to src/plugins/rhai): the engine with Apollo's
// helpers, the compiled main script, its scope after the load run, and the callbacks each hook
// registered. Immutable once loaded; shared by every worker thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "include/plexus/services.h"
#include "src/rhai/eval.h"

namespace plexus::plugins::rhai {

// One `service.map_request(cb)` / `service.map_response(cb)` registration, in order.
struct Callback {
  bool response = false;
  plexus::rhai::FnPtr fn;
};

struct LoadedScript {
  explicit LoadedScript(plexus::rhai::EngineOptions options) : engine(std::move(options)) {}
  plexus::rhai::Engine engine;
  std::shared_ptr<const plexus::rhai::Program> program;
  plexus::rhai::Scope scope;  // apollo_sdl, apollo_start and main's top-level variables
  std::string main_path;

  std::vector<Callback> router, supergraph, execution;
  std::map<std::string, std::vector<Callback>, std::less<>> subgraphs;

  // Runs a callback with one argument as Apollo does: a closure with captured variables (or a
  // curried pointer) through FnPtr::call, anything else through call_fn — the top-level
  // statements run again first and the function sees the scope.
  plexus::rhai::EvalResult invoke(const plexus::rhai::FnPtr& fn, plexus::rhai::Value arg) const;
};

// The `Router` constant's map (Router.APOLLO_SDL, Router.APOLLO_START, context key names), as
// the router and `router rhai test` (test_runner.h) give it to scripts.
plexus::rhai::Map routerConstants(const std::string& sdl, plexus::rhai::Value start);

// Each stage's service with the callbacks registered for it (wrappers.cc).
router::Service wrapRouter(std::shared_ptr<const LoadedScript> script, router::Service next);
supergraph::Service wrapSupergraph(std::shared_ptr<const LoadedScript> script,
                                   supergraph::Service next);
execution::Service wrapExecution(std::shared_ptr<const LoadedScript> script,
                                 execution::Service next);
subgraph::Service wrapSubgraph(std::shared_ptr<const LoadedScript> script,
                               const std::vector<Callback>& callbacks, subgraph::Service next);

}  // namespace plexus::plugins::rhai
