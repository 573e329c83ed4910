// A request's pipeline: the core service of each stage (src/server: decoding, planning,
// execution, the HTTP fetch), each wrapped by the layers configured for its stage — built-in
// features, then plugins, scripts and coprocessors, in order, the first one outermost, as Apollo
// Router orders its plugins.
//
//   StageWrappers wrappers;
//   wrappers.router.push_back([](router::Service next) { return withCors(std::move(next)); });
//   wrappers.subgraph.push_back([](std::string_view name, subgraph::Service next) { … });
//   Pipeline pipeline = buildPipeline(cores, wrappers, {"accounts", "products"});
//   pipeline.router(router::Request{…}, [](router::Response response) { send(response); });
//
// Built once per configuration generation and worker (the subgraph cores belong to the worker's
// connection pools); calling its services is as thread-safe as the services are. A request keeps
// the pipeline it started with alive (shared_ptr) until it is answered.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "include/plexus/services.h"

namespace plexus {

// The subgraph stage's services, one per subgraph, in the supergraph's subgraph order (the index
// is federation::SubgraphId).
struct SubgraphServices {
  std::vector<std::string> names;
  std::vector<subgraph::Service> services;
};

struct StageWrappers {
  std::vector<std::function<router::Service(router::Service)>> router;
  std::vector<std::function<supergraph::Service(supergraph::Service)>> supergraph;
  std::vector<std::function<execution::Service(execution::Service)>> execution;
  // Called once per subgraph, with its name.
  std::vector<std::function<subgraph::Service(std::string_view, subgraph::Service)>> subgraph;

  bool empty() const {
    return router.empty() && supergraph.empty() && execution.empty() && subgraph.empty();
  }
};

// Each stage's innermost service, given the (wrapped) services of the next stage.
struct CoreServices {
  std::function<router::Service(supergraph::Service next)> router;
  std::function<supergraph::Service(execution::Service next)> supergraph;
  std::function<execution::Service(std::shared_ptr<const SubgraphServices> next)> execution;
  std::function<subgraph::Service(std::string_view subgraph)> subgraph;
};

struct Pipeline {
  router::Service router;  // the entry: what the HTTP server calls
  supergraph::Service supergraph;
  execution::Service execution;
  std::shared_ptr<const SubgraphServices> subgraphs;
};

Pipeline buildPipeline(const CoreServices& cores, const StageWrappers& wrappers,
                       const std::vector<std::string>& subgraph_names);

}  // namespace plexus
