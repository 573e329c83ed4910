// Rules on the document and its operations (GraphQL spec §5.1, §5.2): graphql-js
// ExecutableDefinitionsRule, UniqueOperationNamesRule, LoneAnonymousOperationRule and
// SingleFieldSubscriptionsRule.
//
//   checkExecutableDefinitions(context);            // on entering the document
//   unique_operation_names.enterOperation(context, operation);
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each; a rule
// object lives for one validation. Not thread-safe.
#pragma once

#include <memory_resource>
#include <string_view>
#include <vector>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// ExecutableDefinitionsRule, Document enter: every definition is an operation or a fragment.
void checkExecutableDefinitions(ValidationContext& context);

// UniqueOperationNamesRule, OperationDefinition enter.
class UniqueOperationNames {
 public:
  explicit UniqueOperationNames(std::pmr::memory_resource* memory) : known_(memory) {}
  void enterOperation(ValidationContext& context, const ast::OperationDefinition& operation);

 private:
  FirstByName<ast::OperationDefinition> known_;
};

// LoneAnonymousOperationRule, OperationDefinition enter.
void checkLoneAnonymousOperation(ValidationContext& context,
                                 const ast::OperationDefinition& operation);

// SingleFieldSubscriptionsRule, OperationDefinition enter: a subscription selects exactly one
// root field, and not an introspection one (spec §5.2.3.1).
class SingleFieldSubscriptions {
 public:
  void enterOperation(ValidationContext& context, const ast::OperationDefinition& operation);

 private:
  bool fragments_indexed_ = false;  // graphql-js builds (and pays for) its fragment map once
};

}  // namespace plexus::graphql::validation
