// Response shaping: after the plan has run, one walk over the client's operation against the API
// schema turns the merged subgraph data into the response's `data`, in the client's field order
// (gateway-js resultShaping.ts computeResponse; graphql-js completeValue).
//
//   auto shaped = shapeResponse(supergraph.apiSchema(), document, "TestQuery", variables, data);
//   if (!shaped.ok()) return error(shaped.status());   // no such operation
//   body = "{\"data\":" + shaped->data + "}";
//
// What it does: output keys are aliases or names, values are read from the data by response key;
// fragments and spreads apply by runtime type (the data's __typename, which must be a possible
// type of the field's type in the API schema); @skip/@include are evaluated with `variables`;
// `__typename` answers the runtime object type; root `__schema` / `__type` are answered by
// graphql::executeIntrospection; enum values must exist in the API enum and built-in scalars
// must hold their kind of value, custom scalars pass through; a null at a non-null position nulls
// the nearest nullable ancestor (list items included), and `data` is null when a root field does.
//
// Errors: value-completion errors ("Cannot return null for non-nullable field T.f.", "Invalid
// value found for field T.f.", "Invalid __typename found for object at field T.f.") come back
// apart, because the executor reports them only when the fetches produced no error of their own
// (gateway-js executeQueryPlan.ts, as extensions.valueCompletion). Introspection errors are real
// errors. Pure function; thread-safe for distinct outputs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"
#include "src/graphql/ast.h"
#include "src/graphql/error.h"
#include "src/graphql/schema.h"
#include "src/json/arena_value.h"
#include "src/json/value.h"

namespace plexus::execution {

struct ShapedResponse {
  std::string data;                                      // JSON: an object, or null
  std::vector<graphql::GraphQLError> completion_errors;  // value completion
  std::vector<graphql::GraphQLError> errors;             // from introspection
};

// The operation named `operation_name` (empty: the only one), or an error naming the problem
// as graphql-js does.
StatusOr<const graphql::ast::OperationDefinition*> selectOperation(
    const graphql::ast::Document& document, std::string_view operation_name);

StatusOr<ShapedResponse> shapeResponse(const graphql::Schema& api_schema,
                                       const graphql::ast::Document& document,
                                       std::string_view operation_name,
                                       const json::Value& variables, const json::ArenaValue& data);
// The same, writing the data after what `out` already holds (the executor's `{"data":`, in a
// buffer reserved for the whole response); ShapedResponse::data is then `out` followed by it.
StatusOr<ShapedResponse> shapeResponse(const graphql::Schema& api_schema,
                                       const graphql::ast::Document& document,
                                       std::string_view operation_name,
                                       const json::Value& variables, const json::ArenaValue& data,
                                       std::string out);

}  // namespace plexus::execution
