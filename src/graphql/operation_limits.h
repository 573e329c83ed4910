// Operation limits (router.yaml `limits.max_depth`, `max_height`, `max_root_fields`,
// `max_aliases`, `warn_only`), measured as Apollo Router measures them so the same limits
// accept and reject the same operations:
//
// - depth: nesting of fields (a root field is depth 1); fragments add no level;
// - height: fields, where fields with one response key in one selection set count once;
// - root_fields: distinct response keys directly in the operation's selection set;
// - aliases: aliased fields, fragments included (a fragment counts at each use).
//
//   OperationMeasures m = measureOperation(document, operation);
//   OperationLimitsConfig limits{.max_depth = 10};
//   for (const GraphQLError& e : exceededLimits(m, limits)) ...   // MAX_DEPTH_LIMIT, ...
//
// Stateless; a validated document is expected (an unknown or cyclic fragment counts as empty).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/error.h"

namespace plexus::graphql {

struct OperationMeasures {
  uint32_t depth = 0;
  uint32_t height = 0;
  uint32_t root_fields = 0;
  uint32_t aliases = 0;
};

struct OperationLimitsConfig {
  std::optional<uint32_t> max_depth = std::nullopt;
  std::optional<uint32_t> max_height = std::nullopt;
  std::optional<uint32_t> max_root_fields = std::nullopt;
  std::optional<uint32_t> max_aliases = std::nullopt;
  bool warn_only = false;  // measure and report (to logs) but never reject

  bool any() const { return max_depth || max_height || max_root_fields || max_aliases; }
};

OperationMeasures measureOperation(const ast::Document& document,
                                   const ast::OperationDefinition& operation);

// One error per exceeded limit, with Apollo Router's message and `extensions.code`
// (MAX_DEPTH_LIMIT, MAX_HEIGHT_LIMIT, MAX_ROOT_FIELDS_LIMIT, MAX_ALIASES_LIMIT), in that
// order; empty when within the limits. `warn_only` is the caller's to apply.
std::vector<GraphQLError> exceededLimits(const OperationMeasures& measures,
                                         const OperationLimitsConfig& limits);

}  // namespace plexus::graphql
