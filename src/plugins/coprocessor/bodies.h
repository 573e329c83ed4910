// The `body` field of the GraphQL stages: a GraphQL request ({query, operationName, variables,
// extensions}) at the supergraph, execution and subgraph request stages, a GraphQL response
// (whole, or the selected parts {data, errors, extensions}) at their response stages, and what a
// returned body does to them (COPROCESSOR.md §4, §6).
//
//   envelope["body"] = requestBodyJson(request);
//   StatusOr<RequestBody> parsed = parseRequestBody(*reply.body);  // error: fail the stage
//   std::move(*parsed).moveInto(request);
//   envelope["body"] = selectResponseBody(response_json, config.body);
//   Status s = applyResponseBody(*reply.body, config.body, validation, response_json);
#pragma once

#include <cstdint>
#include <optional>

#include "include/plexus/services.h"
#include "src/common/status.h"
#include "src/config/coprocessor_config.h"
#include "src/json/value.h"

namespace plexus::plugins::coprocessor {

// {"query":…, "operationName":…, "variables":{…}, "extensions":{…}}, empty parts left out.
json::Value requestBodyJson(const supergraph::Request& request);
// A returned request body: an object whose query and operationName are strings (or null) and
// whose variables and extensions are objects (or null). Anything else is an error ("couldn't
// deserialize coprocessor output body: …"). Checked before anything is changed, so a failing
// reply leaves the request as it was.
struct RequestBody {
  std::string query;
  std::string operation_name;
  json::Value variables;
  json::Value extensions;
  void moveInto(supergraph::Request& request) &&;
};
StatusOr<RequestBody> parseRequestBody(const json::Value& body);

// The response parts `body` selects (all of them for `body: true`). Every selected part is sent,
// empty when the response lacks it.
json::Value selectResponseBody(const json::Value& response, const config::CoprocessorBodyConfig&);
// Applies a returned response body to `response` (the whole current body), as Apollo's
// handle_graphql_response does. The reply is read as a GraphQL response (graphql_response.h);
// parts that were not sent are kept. With `validation`, and when the response was minimally
// valid (data or errors, if those were sent), a reply that is not a GraphQL response fails the
// stage; otherwise such a reply is ignored and the original kept.
Status applyResponseBody(const json::Value& returned, const config::CoprocessorBodyConfig& body,
                         bool validation, json::Value& response);

// The GraphQL response a break answers with (COPROCESSOR.md §4):
// - kRouter: `body` is a string; JSON (not null) is read as a GraphQL response, any other text
//   (or no body) becomes {"errors":[{"message": text, "extensions":{"code":"ERROR"}}]}.
// - kSubgraph: a string becomes that ERROR message; anything else is read as a GraphQL response.
// - kGraphQL (supergraph and execution requests): read as a GraphQL response.
// A body that does not read (strictly with `validation`) becomes an EXTERNAL_DESERIALIZATION_ERROR
// error: "couldn't deserialize coprocessor output body: …".
enum class BreakStage : uint8_t { kRouter, kGraphQL, kSubgraph };
json::Value breakResponseBody(BreakStage stage, const std::optional<json::Value>& body,
                              bool validation);

}  // namespace plexus::plugins::coprocessor
