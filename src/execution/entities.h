// Entity fetches, the data side (docs/design/query-planning.md §10): collect the entities a merge
// path reaches in the request's data tree, project each one's `requires` into a representation
// (deduplicated by its bytes), and merge `_entities` answers back into every entity that asked.
//
//   EntityList entities;
//   collectEntities(schema, data, parseMergePath("users.@"), entities);
//   Representations reps = buildRepresentations(arena, schema, entities, fetch.requires_selection,
//                                               fetch.input_rewrites);
//   if (reps.count == 0) return;              // nothing to ask: skip the subgraph call
//   send(..."representations":reps.json...);
//   mergeEntities(arena, schema, data, entities, reps.entity_rep, answer_entities,
//                 fetch.output_rewrites);
//
// Entities are remembered by their concrete response path (keys and list indexes), not by
// pointer: other fetches merging into the tree meanwhile may move the nodes' storage, so the
// merge follows the path again. Paths view the merge path's keys: the plan must outlive them.
// `schema` is the supergraph schema (requires and rewrites may name @inaccessible types).
// Not thread-safe; one request's tree.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/arena.h"
#include "src/federation/query_plan.h"
#include "src/graphql/error.h"
#include "src/graphql/schema.h"
#include "src/json/arena_value.h"

namespace plexus::execution {

// One step of a concrete response path: a key (index < 0) or a list index.
struct PathStep {
  std::string_view key;
  int64_t index = -1;
};

// The entities reached by one or more merge paths, in document order, each with its path and
// the node as it was when collected.
class EntityList {
 public:
  size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  std::span<const PathStep> path(size_t i) const;
  const json::ArenaValue& value(size_t i) const { return values_[i]; }
  void add(std::span<const PathStep> path, const json::ArenaValue& value);

 private:
  std::vector<PathStep> steps_;
  std::vector<uint32_t> offsets_;  // start of each entity's path in steps_
  std::vector<json::ArenaValue> values_;
};

// Appends the objects `path` reaches from `data`: a Field step enters a key (through lists
// too), `@` every element of a list, type conditions keep objects whose __typename is listed,
// and a `... on T` step objects of type T (or without __typename). Nulls are skipped.
void collectEntities(const graphql::Schema& schema, json::ArenaValue& data,
                     const federation::MergePath& path, EntityList& out);

// The node at `path` now, or null when the path no longer leads anywhere.
json::ArenaValue* resolvePath(json::ArenaValue& data, std::span<const PathStep> path);

// gateway-js isObjectOfType: `object.__typename` is `type_condition` or one of its possible
// types; `without_typename` when the object has none.
bool isObjectOfType(const graphql::Schema& schema, const json::ArenaValue& object,
                    std::string_view type_condition, bool without_typename);

// The `requires` projection of one entity, or null when it cannot be sent: no fragment
// matched, __typename is missing, a required field is absent, or null where the supergraph
// declares it non-null (a key the entity did not get).
json::ArenaValue projectRequires(Arena& arena, const graphql::Schema& schema,
                                 const std::vector<federation::RequiresSelection>& requires_set,
                                 const json::ArenaValue& entity);

// The `representations` variable of one entity fetch.
struct Representations {
  std::string json;                 // the JSON array, `[{"__typename":"User","id":"1"},...]`
  uint32_t count = 0;               // distinct representations in `json`
  std::vector<int32_t> entity_rep;  // per entity: its representation index, or -1 for none
};

Representations buildRepresentations(Arena& arena, const graphql::Schema& schema,
                                     const EntityList& entities,
                                     const std::vector<federation::RequiresSelection>& requires_set,
                                     const std::vector<federation::DataRewrite>& input_rewrites);

// Deep-merges `answers[rep]` (after output rewrites) into every entity mapped to `rep`. A null
// answer leaves its entities as they are. `answers` must hold one element per representation.
void mergeEntities(Arena& arena, const graphql::Schema& schema, json::ArenaValue& data,
                   const EntityList& entities, const std::vector<int32_t>& entity_rep,
                   json::ArenaValue& answers,
                   const std::vector<federation::DataRewrite>& output_rewrites);

// A concrete path as a GraphQL error path.
std::vector<graphql::PathElement> toErrorPath(std::span<const PathStep> path);
// The fallback path of an entity fetch's errors: the merge path up to its first list step.
std::vector<graphql::PathElement> mergePathPrefix(const federation::MergePath& path);

}  // namespace plexus::execution
