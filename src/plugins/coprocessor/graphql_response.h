// A GraphQL response read from a coprocessor's reply as Apollo Router reads one: strictly
// (graphql::Response::from_value, with response validation on) or leniently (serde's default
// read, with it off). The result is rebuilt from the keys a GraphQL response has, in Apollo's
// order (label, data, path, errors, extensions, hasNext), with empty errors and extensions
// left out; any other key is dropped.
//
//   StatusOr<json::Value> r = readGraphQLResponse(*reply.body, /*strict=*/true);
//   if (!r.ok()) … r.status().message()  // "graphql response without data must contain …"
//
// Strict: an object; `data` an object or null; `errors` an array of objects with a string
// `message`; `extensions` an object; `label` a string; `hasNext` a bool; and `data` present (null
// counts) or at least one error. Lenient: the same types, but a missing `message` reads as "" and a
// response with neither data nor errors is accepted; a null `data` reads as absent.
#pragma once

#include "src/common/status.h"
#include "src/json/value.h"

namespace plexus::plugins::coprocessor {

StatusOr<json::Value> readGraphQLResponse(const json::Value& value, bool strict);

// Apollo's minimal validity: `data` present (null counts) or a non-empty `errors` array.
bool hasDataOrErrors(const json::Value& response);

// {"errors":[{"message": message, "extensions":{"code": code}}]}
json::Value errorResponse(std::string message, std::string_view code);

}  // namespace plexus::plugins::coprocessor
