// Ports apollo-router/src/plugins/include_subgraph_errors/effective_config.rs (fromConfig) and
// mod.rs process_error (apply), keeping their observable details: `all`'s lists are sorted
// except where a subgraph's third form inherits them, and a denied key is swap-removed (Apollo's
// JSON maps are IndexMaps whose remove() moves the last key into the hole).
#include "src/execution/subgraph_error_policy.h"

#include <algorithm>

namespace plexus::execution {

namespace {

using config::SubgraphErrorsForm;

bool contains(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::vector<std::string> withoutExcluded(const std::vector<std::string>& keys,
                                         const std::vector<std::string>& excluded) {
  std::vector<std::string> kept;
  for (const std::string& key : keys) {
    if (!contains(excluded, key)) kept.push_back(key);
  }
  return kept;
}

std::vector<std::string> sorted(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  return keys;
}

// EffectiveConfig::default_config: the rule of a subgraph `subgraphs` does not list.
SubgraphErrorRule globalRule(const config::SubgraphErrorsMode& all) {
  SubgraphErrorRule rule;
  switch (all.form) {
    case SubgraphErrorsForm::kAllow:
      rule.redact_message = all.redact_message;
      rule.allow_extensions_keys = sorted(all.extensions_keys);
      break;
    case SubgraphErrorsForm::kDeny:
      rule.redact_message = all.redact_message;
      rule.deny_extensions_keys = sorted(all.extensions_keys);
      break;
    case SubgraphErrorsForm::kBoolean:
    case SubgraphErrorsForm::kCommonOnly:  // not a form of `all`
      rule.include_errors = all.include;
      rule.redact_message = !all.include;
      break;
  }
  return rule;
}

// The merge of one subgraph's setting with `all` (the match in EffectiveConfig::try_from).
SubgraphErrorRule subgraphRule(const config::SubgraphErrorsOverride& setting,
                               const config::SubgraphErrorsMode& all,
                               const SubgraphErrorRule& fallback) {
  SubgraphErrorRule rule;
  if (setting.form == SubgraphErrorsForm::kBoolean) {
    // A boolean discards `all`'s lists and never redacts the message alone.
    rule.include_errors = setting.include;
    return rule;
  }
  rule.redact_message = setting.redact_message.value_or(fallback.redact_message);
  switch (setting.form) {
    case SubgraphErrorsForm::kAllow: {
      // Extends `all`'s (sorted) allow list; replaces a deny list.
      std::vector<std::string> allow;
      if (fallback.allow_extensions_keys) {
        allow = withoutExcluded(*fallback.allow_extensions_keys, setting.exclude_global_keys);
      }
      allow.insert(allow.end(), setting.extensions_keys.begin(), setting.extensions_keys.end());
      rule.allow_extensions_keys = std::move(allow);
      break;
    }
    case SubgraphErrorsForm::kDeny: {
      std::vector<std::string> deny;
      if (fallback.deny_extensions_keys) {
        deny = withoutExcluded(*fallback.deny_extensions_keys, setting.exclude_global_keys);
      }
      deny.insert(deny.end(), setting.extensions_keys.begin(), setting.extensions_keys.end());
      rule.deny_extensions_keys = std::move(deny);
      break;
    }
    case SubgraphErrorsForm::kCommonOnly:
      // Inherits `all`'s list as written (Apollo reads config.all here, not the sorted default).
      if (all.form == SubgraphErrorsForm::kAllow) {
        rule.allow_extensions_keys =
            withoutExcluded(all.extensions_keys, setting.exclude_global_keys);
      } else if (all.form == SubgraphErrorsForm::kDeny) {
        rule.deny_extensions_keys =
            withoutExcluded(all.extensions_keys, setting.exclude_global_keys);
      }
      break;
    case SubgraphErrorsForm::kBoolean: break;
  }
  return rule;
}

// IndexMap::swap_remove: the last key takes the removed key's place.
void swapRemove(json::Object& object, std::string_view key) {
  auto it = std::find_if(object.begin(), object.end(),
                         [key](const json::Member& member) { return member.first == key; });
  if (it == object.end()) return;
  if (it != object.end() - 1) *it = std::move(object.back());
  object.pop_back();
}

}  // namespace

SubgraphErrorPolicy SubgraphErrorPolicy::fromConfig(
    const config::IncludeSubgraphErrorsConfig& config) {
  SubgraphErrorRule fallback = globalRule(config.all);
  std::map<std::string, SubgraphErrorRule, std::less<>> subgraphs;
  for (const auto& [name, setting] : config.subgraphs) {
    subgraphs.emplace(name, subgraphRule(setting, config.all, fallback));
  }
  return SubgraphErrorPolicy(std::move(fallback), std::move(subgraphs));
}

const SubgraphErrorRule& SubgraphErrorPolicy::ruleFor(std::string_view subgraph) const {
  auto it = subgraphs_.find(subgraph);
  return it != subgraphs_.end() ? it->second : default_rule_;
}

void SubgraphErrorPolicy::apply(std::string_view subgraph, graphql::GraphQLError& error) const {
  const SubgraphErrorRule& rule = ruleFor(subgraph);
  if (!rule.include_errors) {
    error.message = kRedactedSubgraphErrorMessage;
    error.extensions = json::Value();
    return;
  }
  if (rule.redact_message) error.message = kRedactedSubgraphErrorMessage;
  if (!error.extensions.isObject()) error.extensions = json::Value::object();

  // `service` names the subgraph unless a list leaves it out; a subgraph's own value stays.
  bool service_denied =
      rule.deny_extensions_keys && contains(*rule.deny_extensions_keys, "service");
  bool service_allowed =
      !rule.allow_extensions_keys || contains(*rule.allow_extensions_keys, "service");
  if (!service_denied && service_allowed && error.extensions.find("service") == nullptr) {
    error.extensions["service"] = subgraph;
  }

  if (rule.allow_extensions_keys) {
    json::Object original = std::move(error.extensions.asObject());
    json::Object kept;
    for (const std::string& key : *rule.allow_extensions_keys) {
      auto it = std::find_if(original.begin(), original.end(),
                             [&key](const json::Member& member) { return member.first == key; });
      if (it == original.end()) continue;
      kept.push_back(std::move(*it));
      original.erase(it);
    }
    error.extensions = json::Value(std::move(kept));
  }
  if (rule.deny_extensions_keys) {
    for (const std::string& key : *rule.deny_extensions_keys) {
      swapRemove(error.extensions.asObject(), key);
    }
  }
}

}  // namespace plexus::execution
