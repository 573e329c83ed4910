// The API schema: the client-facing schema of a supergraph, as @apollo/federation-internals
// Schema.toAPISchema() derives it (and Apollo Router serves it).
//
//   auto supergraph = federation::Supergraph::fromSdl(sdl);   // builds it as it loads
//   std::string text = graphql::printSchema((*supergraph)->apiSchema());
//   auto sdl = federation::apiSchemaSdl(**supergraph);         // the SDL it was built from
//
// Derivation: @inaccessible is checked first (an inaccessible type still referenced from the
// API schema, a type left without fields, a required argument hidden, ... are errors, with
// federation-internals' messages), then removed: inaccessible types, fields, arguments, input
// fields, enum values, union members and interface implementations. Then every linked
// feature's definitions go (link__*, join__*, @tag, @inaccessible and any other @link'd spec's
// directives and types, with their applications), and custom @defer / @stream definitions.
// Nothing else is pruned: a type that no field references any more stays, as in Apollo.
// Descriptions, @deprecated, @specifiedBy, @oneOf, default values, custom directive
// definitions (executable ones, or type-system ones not from a linked spec) are kept.
//
// Pure functions of an immutable Supergraph; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "src/common/status.h"
#include "src/graphql/schema.h"

namespace plexus::federation {

class Supergraph;

struct ApiSchemaOptions {
  // Append `directive @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD |
  // INLINE_FRAGMENT` (and @stream), as federation-internals toGraphQLJSSchema({includeDefer}).
  bool include_defer = false;
  bool include_stream = false;
};

// The API schema's SDL, printed from the supergraph's own definitions (document order) with
// the removals above. Errors name `source_name:line:column` of the supergraph, one per line.
StatusOr<std::string> apiSchemaSdl(const Supergraph& supergraph,
                                   std::string_view source_name = "supergraph.graphql",
                                   const ApiSchemaOptions& options = {});

// apiSchemaSdl, built into a Schema (Supergraph::fromSdl calls this).
StatusOr<std::shared_ptr<const graphql::Schema>> buildApiSchema(
    const Supergraph& supergraph, std::string_view source_name = "supergraph.graphql",
    const ApiSchemaOptions& options = {});

}  // namespace plexus::federation
