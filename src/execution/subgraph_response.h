// Reading one subgraph reply: its body parsed once into the request's arena, its GraphQL errors
// kept raw for the caller to re-path, and every failure (transport error, HTTP status, body that
// is not a GraphQL response) turned into the error Apollo Router reports for it
// (apollo-router/src/error.rs FetchError, services/subgraph_service.rs).
//
//   SubgraphResult result = readSubgraphReply(arena, "accounts", reply);
//   for (GraphQLError& e : result.failures) { e.path = prefix; errors.push_back(e); }
//   for (const ArenaValue& raw : result.errors) errors.push_back(subgraphError(raw, "accounts",
//   true)); if (result.data.isObject()) json::mergeInto(arena, data, result.data);
//
// Messages: "HTTP fetch failed from 'accounts': <reason>" (SUBREQUEST_HTTP_ERROR; reason is the
// transport error, or "500: Internal Server Error") and "service 'accounts' response was
// malformed: <reason>" (SUBREQUEST_MALFORMED_RESPONSE). Pure functions; the result's trees live
// in `arena`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/common/arena.h"
#include "src/execution/executor.h"
#include "src/graphql/error.h"
#include "src/json/arena_value.h"

namespace plexus::execution {

struct SubgraphResult {
  json::ArenaValue body;                        // the whole parsed body; null when not JSON
  json::ArenaValue data;                        // the reply's `data`; null when absent or null
  std::vector<json::ArenaValue> errors;         // the reply's `errors`, as sent
  std::vector<graphql::GraphQLError> failures;  // what went wrong around them, without paths
};

SubgraphResult readSubgraphReply(Arena& arena, std::string_view service,
                                 const SubgraphReply& reply);

// The reply as the GraphQL response the router reads from it, as JSON (what Apollo's subgraph
// service hands to the layers around it, a coprocessor's SubgraphResponse stage among them): the
// failures as errors first, then the body's errors as sent, its data and its extensions.
json::Value subgraphResponseJson(std::string_view service, const SubgraphReply& reply);

// Errors of the fetch itself.
graphql::GraphQLError httpFetchError(std::string_view service, std::string_view reason,
                                     int status = 0);
graphql::GraphQLError malformedResponseError(std::string_view service, std::string_view reason);

// A subgraph's GraphQL error as the router reports it: message and extensions kept (plus
// `extensions.service`), locations kept only when `keep_locations` (they point into the
// subgraph operation), path left to the caller.
graphql::GraphQLError subgraphError(const json::ArenaValue& raw, std::string_view service,
                                    bool keep_locations);
// The raw error's `path` (keys and integer indexes; other entries dropped); empty when absent.
std::vector<graphql::PathElement> rawErrorPath(const json::ArenaValue& raw);

// "Internal Server Error" for 500; "Unknown" for statuses without a standard phrase.
std::string_view httpReasonPhrase(int status);

}  // namespace plexus::execution
