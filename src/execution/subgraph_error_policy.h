// What reaches the client of the errors a subgraph sent: include_subgraph_errors as Apollo Router
// v2 applies it (plugins/include_subgraph_errors: effective_config.rs merges `all` with each
// subgraph's setting once, at load; mod.rs process_error applies the result to each error).
//
//   auto policy = std::make_shared<const SubgraphErrorPolicy>(
//       SubgraphErrorPolicy::fromConfig(config.include_subgraph_errors));   // once per config
//   policy->apply("products", error);  // redacted, or included with its extensions filtered
//
// A policy is an immutable value once built: share it read-only across threads and requests.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/config/router_config.h"
#include "src/graphql/error.h"

namespace plexus::execution {

// The message of a redacted error (Apollo's REDACTED_ERROR_MESSAGE).
inline constexpr std::string_view kRedactedSubgraphErrorMessage = "Subgraph errors redacted";

// How the errors of one subgraph are shown (Apollo's SubgraphEffectiveConfig).
struct SubgraphErrorRule {
  // False: the message becomes kRedactedSubgraphErrorMessage and every extension goes; only the
  // path and locations stay.
  bool include_errors = true;
  bool redact_message = false;  // included, but with kRedactedSubgraphErrorMessage as message
  // Set: only these extension keys stay, in this order. Applied before the deny list.
  std::optional<std::vector<std::string>> allow_extensions_keys;
  // Set: these extension keys go.
  std::optional<std::vector<std::string>> deny_extensions_keys;

  friend bool operator==(const SubgraphErrorRule&, const SubgraphErrorRule&) = default;
};

class SubgraphErrorPolicy {
 public:
  // Every error included as it is.
  SubgraphErrorPolicy() = default;
  SubgraphErrorPolicy(SubgraphErrorRule default_rule,
                      std::map<std::string, SubgraphErrorRule, std::less<>> subgraphs)
      : default_rule_(std::move(default_rule)), subgraphs_(std::move(subgraphs)) {}

  // Apollo's EffectiveConfig::try_from: `all` gives the rule of unlisted subgraphs; a listed
  // subgraph's boolean replaces it, its object form refines it (its lists extend `all`'s list of
  // the same kind minus exclude_global_keys, or replace a list of the other kind). `config` is as
  // loaded: the object forms under a boolean `all` were refused then.
  static SubgraphErrorPolicy fromConfig(const config::IncludeSubgraphErrorsConfig& config);

  const SubgraphErrorRule& ruleFor(std::string_view subgraph) const;
  const SubgraphErrorRule& defaultRule() const { return default_rule_; }

  // Apollo's process_error, for an error that came from `subgraph`. An included error gets
  // `extensions.service` (unless the lists drop it), then the allow list, then the deny list.
  void apply(std::string_view subgraph, graphql::GraphQLError& error) const;

 private:
  SubgraphErrorRule default_rule_;
  std::map<std::string, SubgraphErrorRule, std::less<>> subgraphs_;
};

}  // namespace plexus::execution
