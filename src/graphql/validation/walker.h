// The validation walk: one depth-first pass over the document in graphql-js's visit order
// (language/ast.ts QueryDocumentKeys), keeping TypeInfo up to date and calling, at each node,
// the rules that handle it in graphql-js specifiedRules order. Errors therefore come out in
// graphql-js's order: document order, and rule order within one node.
//
//   ValidationContext context(schema, document, options);
//   walkDocument(context);
//   auto errors = context.takeErrors();
//
// Rules are called directly (no per-node virtual dispatch). Internal to src/graphql/validation;
// not thread-safe (one walk per context).
#pragma once

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// Runs every specified rule over context.document(), reporting to `context`.
void walkDocument(ValidationContext& context);

}  // namespace plexus::graphql::validation
