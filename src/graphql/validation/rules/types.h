// KnownTypeNamesRule (GraphQL spec §5.5.1.2, §5.8.2): every named type a document mentions
// (variable types, type conditions, and the types inside any type-system definitions the
// document carries) exists in the schema or is defined by the document itself.
//
//   const NamedType* type = context.schema().type(name);
//   checkKnownTypeName(context, name, type, location, /*in_sdl=*/false);
//
// Called by the walker on each NamedType; stateless. Not thread-safe (reports to `context`).
#pragma once

#include <string_view>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// `resolved` is schema().type(name), which the walker has already looked up. `in_sdl`: the
// name sits inside a type-system definition, where the specified scalars and introspection
// types always count as known.
void checkKnownTypeName(ValidationContext& context, std::string_view name,
                        const NamedType* resolved, ast::SourceLocation location, bool in_sdl);

}  // namespace plexus::graphql::validation
