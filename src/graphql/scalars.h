// Leaf types: how the specified scalars (Int, Float, String, Boolean, ID; GraphQL spec §3.5),
// custom scalars and enums (§3.9) accept and produce values, as graphql-js 16's
// type/scalars.js and GraphQLEnumType do, with the JavaScript formatting their messages use.
//
//   auto r = graphql::parseLeafValue(*schema->type("Int"), json::Value("abc"), false);
//   r.error;                                  // `Int cannot represent non-integer value: "abc"`
//   auto out = graphql::serializeLeaf(*schema->type("ID"), json::Value(7));   // "7"
//   graphql::inspect(value);                  // `{ a: [1, 2] }`, as graphql-js inspect()
//
// Values are json::Value in graphql-js's internal form: enums by name, custom scalars as they
// are (SDL-built schemas give them identity parseValue/serialize).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/schema.h"
#include "src/json/value.h"

namespace plexus::graphql {

// A coerced value, or the message of the GraphQLError graphql-js throws.
struct LeafCoercion {
  std::optional<json::Value> value;
  std::string error;  // set when `value` is empty
};

// parseValue: a JSON input (a variable) for the leaf type `type` (spec §3.5 "Input Coercion").
LeafCoercion parseLeafValue(const NamedType& type, const json::Value& input,
                            bool hide_suggestions = false);

// parseLiteral: a literal for `type`, or nullopt when it does not fit. `variables` (coerced values,
// or null) only matter for custom scalars, whose literals may contain variables.
std::optional<json::Value> parseLeafLiteral(const NamedType& type, const ast::Value& node,
                                            const json::Value* variables);

// serialize: an internal value to its result form (spec §3.5 "Result Coercion").
LeafCoercion serializeLeaf(const NamedType& type, const json::Value& value);

// graphql-js inspect(): `"abc"`, `1.5`, `null`, `{ a: [1, 2] }`, `[Object]` / `[Array]` past two
// levels, `... 3 more items` past ten; object keys in JavaScript's enumeration order.
std::string inspect(const json::Value& value);

// JavaScript's String(n) of a JSON number: "1", "1.5", "1e+21".
std::string jsNumberString(const json::Value& number);

// Number.isInteger(v): an integer, or a double with no fractional part.
bool isJsInteger(const json::Value& value);

// The members of `object` in the order JavaScript enumerates a JSON.parse'd object: array-index
// keys ("0", "12") first in numeric order, then the others as written (ECMA-262 §10.1.11.1).
std::vector<const json::Member*> jsKeyOrder(const json::Object& object);

}  // namespace plexus::graphql
