// Rules on arguments (GraphQL spec §5.4): graphql-js KnownArgumentNamesRule,
// UniqueArgumentNamesRule and ProvidedRequiredArgumentsRule, for fields and directives.
//
//   checkUniqueArgumentNames(context, field.arguments);          // on entering a Field
//   checkRequiredFieldArguments(context, type_info, field);      // on leaving it
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each.
// Stateless; not thread-safe (they report to `context`).
#pragma once

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// KnownArgumentNamesRule, Argument enter, for field arguments only (graphql-js's directive
// visitor returns false, so arguments of directives never reach it).
void checkKnownFieldArgument(ValidationContext& context, const TypeInfo& type_info,
                             const ast::Argument& argument);
// KnownArgumentNamesRule (KnownArgumentNamesOnDirectivesRule part), Directive enter.
void checkKnownDirectiveArguments(ValidationContext& context, const ast::Directive& directive,
                                  const DirectiveInfo& info);

// UniqueArgumentNamesRule, Field and Directive enter.
void checkUniqueArgumentNames(ValidationContext& context, ast::List<const ast::Argument> arguments);

// ProvidedRequiredArgumentsRule, Field leave.
void checkRequiredFieldArguments(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::Field& field);
// ProvidedRequiredArgumentsRule (ProvidedRequiredArgumentsOnDirectivesRule part), Directive
// leave.
void checkRequiredDirectiveArguments(ValidationContext& context, const ast::Directive& directive,
                                     const DirectiveInfo& info);

}  // namespace plexus::graphql::validation
