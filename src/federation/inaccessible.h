// @inaccessible validation (https://specs.apollo.dev/inaccessible/v0.1 and v0.2): the checks
// @apollo/federation-internals runs before removing inaccessible elements from the API schema
// (inaccessibleSpec.ts validateInaccessibleElements), with its messages.
//
//   std::vector<std::string> errors = validateInaccessible(supergraph, "supergraph.graphql");
//   // "supergraph.graphql:40:1: Type \"Secret\" is @inaccessible but is referenced by
//   //  \"Query.secret\", which is in the API schema."
//
// Empty when the supergraph does not link the inaccessible spec. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace plexus::federation {

class Supergraph;

// Each error is "source_name:line:column: message".
std::vector<std::string> validateInaccessible(const Supergraph& supergraph,
                                              std::string_view source_name);

}  // namespace plexus::federation
