// HeadersPlugin: Apollo Router's built-in `apollo.headers` plugin, which applies router.yaml's
// `headers` rules (src/plugins/headers/rules.h) to every subgraph request. Built into each
// configuration generation by the router (src/server/router.cc) when the section has rules, early
// among the built-ins and before every user plugin, as in Apollo's plugin order — so Rhai,
// coprocessors and native plugins see, and may change, the headers it set.
//
//   StatusOr<std::shared_ptr<HeadersPlugin>> plugin = HeadersPlugin::create(config.headers);
//   if (!plugin.ok()) return plugin.status();  // "headers.all.request[1].insert.path: …"
//   plugins::addPlugin(*plugin, wrappers);
//
// A subgraph named under `subgraphs` gets `all`'s rules, then its own; any other subgraph gets
// `all`'s. The rules are compiled once, in create(); subgraphService() only picks a list.
// Thread-safety: immutable after create(); its services run on every worker at once.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "include/plexus/plugin.h"
#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/plugins/headers/rules.h"

namespace plexus::plugins::headers {

class HeadersPlugin : public Plugin {
 public:
  static StatusOr<std::shared_ptr<HeadersPlugin>> create(const config::HeadersConfig& config);

  // The subgraph's rules, or none (then `next` itself, with no layer added).
  subgraph::Service subgraphService(std::string_view subgraph, subgraph::Service next) override;

  // The rules a subgraph's requests get.
  const RuleList& rulesFor(std::string_view subgraph) const;

 private:
  HeadersPlugin() = default;

  std::shared_ptr<const RuleList> all_;
  std::map<std::string, std::shared_ptr<const RuleList>, std::less<>> subgraphs_;
};

}  // namespace plexus::plugins::headers
