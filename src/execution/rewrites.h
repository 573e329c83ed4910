// Fetch data rewrites (Apollo FetchDataRewrite, gateway-js dataRewrites.ts): ValueSetter sets a
// key, KeyRenamer renames one, at a path of keys and `... on T` steps. Input rewrites apply to a
// representation before it is sent, output rewrites to an entity answer before it is merged.
//
//   applyRewrites(arena, supergraph.schema(), fetch.input_rewrites, representation);
//
// Lists along the path are entered element by element. A `... on T` step matches objects of
// type T (or of a possible type of abstract T) and objects without __typename. The value is
// changed in place; keys and values it adds are copied into `arena`.
#pragma once

#include <vector>

#include "src/common/arena.h"
#include "src/federation/query_plan.h"
#include "src/graphql/schema.h"
#include "src/json/arena_value.h"

namespace plexus::execution {

void applyRewrites(Arena& arena, const graphql::Schema& schema,
                   const std::vector<federation::DataRewrite>& rewrites, json::ArenaValue& value);

}  // namespace plexus::execution
