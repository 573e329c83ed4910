// Rules on variables (GraphQL spec §5.8): graphql-js UniqueVariableNamesRule,
// VariablesAreInputTypesRule, NoUndefinedVariablesRule, NoUnusedVariablesRule and
// VariablesInAllowedPositionRule.
//
//   checkUniqueVariableNames(context, operation);             // on entering an operation
//   auto usages = context.recursiveVariableUsages(index);     // on leaving it
//   checkNoUndefinedVariables(context, operation, usages);
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each.
// Stateless; not thread-safe (they report to `context`).
#pragma once

#include <span>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// UniqueVariableNamesRule, OperationDefinition enter.
void checkUniqueVariableNames(ValidationContext& context,
                              const ast::OperationDefinition& operation);

// VariablesAreInputTypesRule, VariableDefinition enter; `type` is the named type the
// definition's type resolves to (null when unknown).
void checkVariableIsInputType(ValidationContext& context, const ast::VariableDefinition& definition,
                              const NamedType* type);

// NoUndefinedVariablesRule, OperationDefinition leave.
void checkNoUndefinedVariables(ValidationContext& context,
                               const ast::OperationDefinition& operation,
                               std::span<const VariableUsage> usages);

// NoUnusedVariablesRule, OperationDefinition leave.
void checkNoUnusedVariables(ValidationContext& context, const ast::OperationDefinition& operation,
                            std::span<const VariableUsage> usages);

// VariablesInAllowedPositionRule, OperationDefinition leave (spec §5.8.5, with the @oneOf rule).
void checkVariablesInAllowedPosition(ValidationContext& context,
                                     const ast::OperationDefinition& operation,
                                     std::span<const VariableUsage> usages);

}  // namespace plexus::graphql::validation
