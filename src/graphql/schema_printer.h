// Schema printer: a built Schema back to SDL, exactly as graphql-js 16's printSchema() writes it.
//
//   auto schema = graphql::Schema::fromSdl(sdl);
//   std::string text = graphql::printSchema(**schema);   // what clients see as the schema
//   std::string user = graphql::printType(**schema, *(*schema)->type("User"));
//
// What graphql-js prints, we print: the schema definition only with a description or non-default
// root names, the directive definitions that are not specified ones, then every type of the type
// map that is neither a specified scalar nor an introspection type, in type-map order. Only
// @deprecated, @specifiedBy and @oneOf applications are printed (graphql-js reads those into the
// schema; other applications are not part of it). Default values are coerced and written back
// (astFromValue), so `f(x: Float = 1.0)` prints `f(x: Float = 1)`.
//
// Pure functions of the schema; thread-safe.
#pragma once

#include <string>

#include "src/graphql/schema.h"

namespace plexus::graphql {

// graphql-js printSchema(schema). No trailing newline.
std::string printSchema(const Schema& schema);

// graphql-js printType(type), for a type of `schema`.
std::string printType(const Schema& schema, const NamedType& type);

// graphql-js printDirective: `directive @name(args) repeatable on LOCATIONS`.
std::string printDirective(const Schema& schema, const DirectiveDef& directive);

// graphql-js isPrintableAsBlockString: whether `value` survives a round trip as `"""…"""`.
bool isPrintableAsBlockString(std::string_view value);

}  // namespace plexus::graphql
