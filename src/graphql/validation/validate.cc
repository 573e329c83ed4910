// validate(): graphql-js 16 validation/validate.ts with its specifiedRules.
#include "src/graphql/validation/validate.h"

#include "src/graphql/validation/context.h"
#include "src/graphql/validation/walker.h"

namespace plexus::graphql {

GraphQLError ValidationError::toError() const {
  GraphQLError error;
  error.message = message;
  error.locations = locations;
  return error;
}

std::vector<ValidationError> validate(const Schema& schema, const ast::Document& document,
                                      const ValidationOptions& options) {
  validation::ValidationContext context(schema, document, options);
  validation::walkDocument(context);
  return context.takeErrors();
}

const std::vector<std::string_view>& specifiedRuleNames() {
  static const std::vector<std::string_view> kNames = {
      "ExecutableDefinitionsRule",
      "UniqueOperationNamesRule",
      "LoneAnonymousOperationRule",
      "SingleFieldSubscriptionsRule",
      "KnownTypeNamesRule",
      "FragmentsOnCompositeTypesRule",
      "VariablesAreInputTypesRule",
      "ScalarLeafsRule",
      "FieldsOnCorrectTypeRule",
      "UniqueFragmentNamesRule",
      "KnownFragmentNamesRule",
      "NoUnusedFragmentsRule",
      "PossibleFragmentSpreadsRule",
      "NoFragmentCyclesRule",
      "UniqueVariableNamesRule",
      "NoUndefinedVariablesRule",
      "NoUnusedVariablesRule",
      "KnownDirectivesRule",
      "UniqueDirectivesPerLocationRule",
      "KnownArgumentNamesRule",
      "UniqueArgumentNamesRule",
      "ValuesOfCorrectTypeRule",
      "ProvidedRequiredArgumentsRule",
      "VariablesInAllowedPositionRule",
      "OverlappingFieldsCanBeMergedRule",
      "UniqueInputFieldNamesRule",
      "MaxIntrospectionDepthRule",
  };
  return kNames;
}

}  // namespace plexus::graphql
