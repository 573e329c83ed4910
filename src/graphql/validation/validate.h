// Operation validation (GraphQL spec §5) against a schema, rule for rule as graphql-js 16's
// `specifiedRules`, with graphql-js's messages and locations.
//
//   auto errors = graphql::validate(*schema, document);
//   for (const ValidationError& e : errors) log(e.rule, e.message);
//
// Stateless; any number of threads may validate against one schema at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/error.h"
#include "src/graphql/schema.h"

namespace plexus::graphql {

struct ValidationError {
  std::string_view rule;  // graphql-js rule name, e.g. "FieldsOnCorrectTypeRule"
  std::string message;
  std::vector<ast::SourceLocation> locations;

  GraphQLError toError() const;  // extensions.code is left to the caller (router layer)
};

struct ValidationOptions {
  // graphql-js stops at 100 errors and appends "Too many validation errors, error limit
  // reached. Validation aborted.".
  uint32_t max_errors = 100;
  // graphql-js MaxIntrospectionDepthRule (Apollo's limits.introspection_max_depth).
  bool introspection_depth_rule = true;
};

std::vector<ValidationError> validate(const Schema& schema, const ast::Document& document,
                                      const ValidationOptions& options = {});

// Every rule name validate() may report, in graphql-js's specifiedRules order.
const std::vector<std::string_view>& specifiedRuleNames();

}  // namespace plexus::graphql
