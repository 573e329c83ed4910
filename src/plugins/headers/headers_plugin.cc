#include "src/plugins/headers/headers_plugin.h"

#include <utility>

#include "include/plexus/layers.h"

namespace plexus::plugins::headers {

StatusOr<std::shared_ptr<HeadersPlugin>> HeadersPlugin::create(
    const config::HeadersConfig& config) {
  std::shared_ptr<HeadersPlugin> plugin(new HeadersPlugin());
  RuleList all;
  if (config.all) {
    StatusOr<RuleList> compiled = RuleList::compile(config.all->request, "headers.all");
    if (!compiled.ok()) return compiled.status();
    all = std::move(*compiled);
  }
  for (const auto& [name, rules] : config.subgraphs) {
    StatusOr<RuleList> own = RuleList::compile(rules.request, "headers.subgraphs." + name);
    if (!own.ok()) return own.status();
    plugin->subgraphs_.emplace(name, std::make_shared<const RuleList>(RuleList::concat(all, *own)));
  }
  plugin->all_ = std::make_shared<const RuleList>(std::move(all));
  return plugin;
}

const RuleList& HeadersPlugin::rulesFor(std::string_view subgraph) const {
  auto it = subgraphs_.find(subgraph);
  return it != subgraphs_.end() ? *it->second : *all_;
}

subgraph::Service HeadersPlugin::subgraphService(std::string_view subgraph,
                                                 subgraph::Service next) {
  auto it = subgraphs_.find(subgraph);
  std::shared_ptr<const RuleList> rules = it != subgraphs_.end() ? it->second : all_;
  if (rules->empty()) return next;  // add no layer at all
  return layers::mapRequest<subgraph::Request, subgraph::Response>(
      std::move(next), [rules](subgraph::Request& request) {
        static const http::Headers kNoHeaders;
        const supergraph::Request* client = request.supergraph.get();
        json::Value body;
        if (rules->readsBody() && client != nullptr) {
          body = requestBody(client->query, client->operation_name, client->variables,
                             client->extensions);
        }
        RuleInputs inputs{.client = client ? client->http.headers : kNoHeaders,
                          .body = client && rules->readsBody() ? &body : nullptr,
                          .context = &request.context};
        apply(*rules, inputs, request.http.headers);
      });
}

}  // namespace plexus::plugins::headers
