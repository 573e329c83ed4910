// Introspection: executes the meta-fields of an operation against a Schema (GraphQL spec §4,
// executed per §6), producing what graphql-js 16's execute() returns for them: `__schema`,
// `__type(name:)` and `__typename` at the root, and everything beneath them, with fragments,
// aliases, @skip/@include, variables and field arguments such as includeDeprecated.
//
//   auto doc = graphql::parse(R"({ __schema { queryType { name } } __typename })");
//   ExecutionResult r = graphql::executeIntrospection(*schema, doc.document(), "", variables);
//   json::serialize(r.toJson());
//   // {"data":{"__schema":{"queryType":{"name":"Query"}},"__typename":"Query"}}
//
// Root fields that are not meta-fields are left out of `data`: they belong to the subgraphs, and
// the federation executor resolves them and merges its results with these. Call this on a
// document that has passed validation; like graphql-js it still reports what it meets at run
// time (a missing variable, a bad argument) as errors located in the document.
//
// Stateless; any number of threads may introspect one schema at once. Results own their data.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/error.h"
#include "src/graphql/schema.h"
#include "src/graphql/values.h"
#include "src/json/value.h"

namespace plexus::graphql {

struct ExecutionResult {
  // Absent when the request failed before execution began (no such operation, invalid
  // variables: spec §7.1.2); null when an error reached the root through non-null fields.
  std::optional<json::Value> data;
  std::vector<GraphQLError> errors;

  // graphql-js's response shape: {"data": ...} or {"errors": [...], "data": ...} or
  // {"errors": [...]}.
  json::Value toJson() const;
};

// Picks the operation (graphql-js's rules: the only one, or the one named `operation_name`;
// empty means none given), coerces `variables` (the request's JSON object, or null) and
// executes the operation's introspection fields.
ExecutionResult executeIntrospection(const Schema& schema, const ast::Document& document,
                                     std::string_view operation_name, const json::Value& variables,
                                     const VariableCoercionOptions& options = {});

// The same for an operation already chosen, with variables already coerced (by
// coerceVariableValues): for an executor that has done those steps itself.
ExecutionResult executeIntrospectionOperation(const Schema& schema, const ast::Document& document,
                                              const ast::OperationDefinition& operation,
                                              const json::Value& coerced_variables);

}  // namespace plexus::graphql
