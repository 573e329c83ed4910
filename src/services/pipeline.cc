#include "src/services/pipeline.h"

#include <utility>

namespace plexus {

namespace {

// The first wrapper ends up outermost: wrap from the last one inwards.
template <typename ServiceType, typename Wrapper>
ServiceType wrap(ServiceType service, const std::vector<Wrapper>& wrappers) {
  for (auto it = wrappers.rbegin(); it != wrappers.rend(); ++it)
    service = (*it)(std::move(service));
  return service;
}

}  // namespace

Pipeline buildPipeline(const CoreServices& cores, const StageWrappers& wrappers,
                       const std::vector<std::string>& subgraph_names) {
  auto subgraphs = std::make_shared<SubgraphServices>();
  subgraphs->names = subgraph_names;
  for (const std::string& name : subgraph_names) {
    subgraph::Service service = cores.subgraph(name);
    for (auto it = wrappers.subgraph.rbegin(); it != wrappers.subgraph.rend(); ++it) {
      service = (*it)(name, std::move(service));
    }
    subgraphs->services.push_back(std::move(service));
  }
  Pipeline pipeline;
  pipeline.subgraphs = subgraphs;
  pipeline.execution = wrap(cores.execution(subgraphs), wrappers.execution);
  pipeline.supergraph = wrap(cores.supergraph(pipeline.execution), wrappers.supergraph);
  pipeline.router = wrap(cores.router(pipeline.supergraph), wrappers.router);
  return pipeline;
}

}  // namespace plexus
