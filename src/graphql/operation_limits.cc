#include "src/graphql/operation_limits.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace plexus::graphql {

namespace {

uint32_t add(uint32_t a, uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

class Counter {
 public:
  explicit Counter(const ast::Document& document) {
    for (const ast::Definition* definition : document.definitions) {
      if (const auto* fragment = definition->as<ast::FragmentDefinition>()) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  OperationMeasures count(const ast::SelectionSet* set) {
    OperationMeasures counts;
    if (set == nullptr) return counts;
    std::unordered_set<std::string_view> seen;
    for (const ast::Selection* selection : set->selections) {
      if (const auto* field = selection->as<ast::Field>()) {
        OperationMeasures nested = count(field->selection_set);
        counts.depth = std::max(counts.depth, add(nested.depth, 1));
        counts.height = add(counts.height, nested.height);
        counts.aliases = add(counts.aliases, nested.aliases);
        if (!field->alias.empty()) counts.aliases = add(counts.aliases, 1);
        if (seen.insert(field->responseKey()).second) {
          counts.height = add(counts.height, 1);
          counts.root_fields = add(counts.root_fields, 1);
        }
        continue;
      }
      OperationMeasures nested;
      if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        nested = count(inline_fragment->selection_set);
      } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
        std::optional<OperationMeasures> measured = fragment(spread->name);
        if (!measured) continue;
        nested = *measured;
      }
      counts.depth = std::max(counts.depth, nested.depth);
      counts.height = add(counts.height, nested.height);
      counts.aliases = add(counts.aliases, nested.aliases);
    }
    return counts;
  }

 private:
  // Each fragment is measured once; a cycle (invalid anyway) counts as nothing.
  std::optional<OperationMeasures> fragment(std::string_view name) {
    if (auto done = measured_.find(name); done != measured_.end()) return done->second;
    auto definition = fragments_.find(name);
    if (definition == fragments_.end() || !in_progress_.insert(name).second) return std::nullopt;
    OperationMeasures result = count(definition->second->selection_set);
    in_progress_.erase(name);
    measured_.emplace(name, result);
    return result;
  }

  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::unordered_map<std::string_view, OperationMeasures> measured_;
  std::unordered_set<std::string_view> in_progress_;
};

GraphQLError limitError(const char* message, const char* code) {
  GraphQLError error;
  error.message = message;
  error.extensions = json::Value::object();
  error.extensions["code"] = json::Value(std::string(code));
  return error;
}

}  // namespace

OperationMeasures measureOperation(const ast::Document& document,
                                   const ast::OperationDefinition& operation) {
  return Counter(document).count(operation.selection_set);
}

std::vector<GraphQLError> exceededLimits(const OperationMeasures& measures,
                                         const OperationLimitsConfig& limits) {
  std::vector<GraphQLError> errors;
  if (limits.max_depth && measures.depth > *limits.max_depth) {
    errors.push_back(
        limitError("Maximum depth limit exceeded in this operation", "MAX_DEPTH_LIMIT"));
  }
  if (limits.max_height && measures.height > *limits.max_height) {
    errors.push_back(limitError("Maximum height (field count) limit exceeded in this operation",
                                "MAX_HEIGHT_LIMIT"));
  }
  if (limits.max_root_fields && measures.root_fields > *limits.max_root_fields) {
    errors.push_back(limitError("Maximum root fields limit exceeded in this operation",
                                "MAX_ROOT_FIELDS_LIMIT"));
  }
  if (limits.max_aliases && measures.aliases > *limits.max_aliases) {
    errors.push_back(
        limitError("Maximum aliases limit exceeded in this operation", "MAX_ALIASES_LIMIT"));
  }
  return errors;
}

}  // namespace plexus::graphql
