// graphql-js UniqueVariableNamesRule, VariablesAreInputTypesRule, NoUndefinedVariablesRule,
// NoUnusedVariablesRule and VariablesInAllowedPositionRule.
#include "src/graphql/validation/rules/variables.h"

#include <string>
#include <vector>

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kUniqueVariableNamesRule = "UniqueVariableNamesRule";
constexpr std::string_view kVariablesAreInputTypesRule = "VariablesAreInputTypesRule";
constexpr std::string_view kNoUndefinedVariablesRule = "NoUndefinedVariablesRule";
constexpr std::string_view kNoUnusedVariablesRule = "NoUnusedVariablesRule";
constexpr std::string_view kVariablesInAllowedPositionRule = "VariablesInAllowedPositionRule";

// graphql-js varDefMap: the last definition of a name wins.
const ast::VariableDefinition* findDefinition(const ast::OperationDefinition& operation,
                                              std::string_view name) {
  for (auto it = operation.variables.rbegin(); it != operation.variables.rend(); ++it) {
    if ((*it)->name == name) return *it;
  }
  return nullptr;
}

// graphql-js allowedVariableUsage (spec §5.8.5 IsVariableUsageAllowed): a nullable variable fits
// a non-null position when the variable or the position has a (non-null) default.
bool allowedVariableUsage(const ValidationContext& context, TypeRef variable_type,
                          const ast::Value* variable_default, TypeRef location_type,
                          const InputValue* location_default_source) {
  if (location_type.isNonNull() && !variable_type.isNonNull()) {
    const bool has_non_null_variable_default =
        variable_default != nullptr && variable_default->form != ast::Value::Form::kNull;
    if (!has_non_null_variable_default && !context.hasDefaultValue(location_default_source)) {
      return false;
    }
    return isTypeSubTypeOf(context.schema(), variable_type, location_type.ofType());
  }
  return isTypeSubTypeOf(context.schema(), variable_type, location_type);
}

}  // namespace

void checkUniqueVariableNames(ValidationContext& context,
                              const ast::OperationDefinition& operation) {
  const auto variables = operation.variables;
  auto report = [&](std::string_view name, std::vector<ast::SourceLocation> locations) {
    context.report(kUniqueVariableNamesRule,
                   "There can be only one variable named \"$" + std::string(name) + "\".",
                   std::move(locations));
  };
  auto location = [&](size_t j) { return context.nameLocation(*variables[j], variables[j]->name); };
  // graphql-js groupBy: one error per repeated name, in order of first appearance.
  if (variables.size() > kLongList) {
    const SameNameLinks links(variables, [](const ast::VariableDefinition& v) { return v.name; });
    for (uint32_t i = 0; i < variables.size(); ++i) {
      if (links.first[i] != i || links.next[i] == UINT32_MAX) continue;
      std::vector<ast::SourceLocation> locations;
      for (uint32_t j = i; j != UINT32_MAX; j = links.next[j]) locations.push_back(location(j));
      report(variables[i]->name, std::move(locations));
    }
    return;
  }
  for (size_t i = 0; i + 1 < variables.size(); ++i) {
    const std::string_view name = variables[i]->name;
    bool seen_before = false;
    for (size_t j = 0; j < i && !seen_before; ++j) seen_before = variables[j]->name == name;
    if (seen_before) continue;
    std::vector<ast::SourceLocation> locations;
    for (size_t j = i; j < variables.size(); ++j) {
      if (variables[j]->name == name) locations.push_back(location(j));
    }
    if (locations.size() > 1) report(name, std::move(locations));
  }
}

void checkVariableIsInputType(ValidationContext& context, const ast::VariableDefinition& definition,
                              const NamedType* type) {
  if (type == nullptr || type->isInputType()) return;
  std::string message =
      "Variable \"$" + std::string(definition.name) + "\" cannot be non-input type \"";
  appendType(message, *definition.type);
  message += "\".";
  context.report(kVariablesAreInputTypesRule, std::move(message), definition.type->loc);
}

void checkNoUndefinedVariables(ValidationContext& context,
                               const ast::OperationDefinition& operation,
                               std::span<const VariableUsage> usages) {
  for (const VariableUsage& usage : usages) {
    const std::string_view name = usage.node->text;
    if (findDefinition(operation, name) != nullptr) continue;
    std::string message = "Variable \"$" + std::string(name) + "\" is not defined";
    if (!operation.name.empty()) {
      message += " by operation \"";
      message += operation.name;
      message += '"';
    }
    message += '.';
    context.report(kNoUndefinedVariablesRule, std::move(message), {usage.node->loc, operation.loc});
  }
}

void checkNoUnusedVariables(ValidationContext& context, const ast::OperationDefinition& operation,
                            std::span<const VariableUsage> usages) {
  for (const ast::VariableDefinition* definition : operation.variables) {
    bool used = false;
    for (const VariableUsage& usage : usages) {
      if (usage.node->text == definition->name) {
        used = true;
        break;
      }
    }
    if (used) continue;
    std::string message = "Variable \"$" + std::string(definition->name) + "\" is never used";
    if (!operation.name.empty()) {
      message += " in operation \"";
      message += operation.name;
      message += '"';
    }
    message += '.';
    context.report(kNoUnusedVariablesRule, std::move(message), definition->loc);
  }
}

void checkVariablesInAllowedPosition(ValidationContext& context,
                                     const ast::OperationDefinition& operation,
                                     std::span<const VariableUsage> usages) {
  for (const VariableUsage& usage : usages) {
    const std::string_view name = usage.node->text;
    const ast::VariableDefinition* definition = findDefinition(operation, name);
    if (definition == nullptr || !usage.type) continue;
    const TypeRef variable_type{definition->type,
                                context.lookupType(definition->type->namedType())};
    if (!variable_type) continue;
    if (!allowedVariableUsage(context, variable_type, definition->default_value, usage.type,
                              usage.default_source)) {
      std::string message = "Variable \"$" + std::string(name) + "\" of type \"";
      appendType(message, variable_type);
      message += "\" used in position expecting type \"";
      appendType(message, usage.type);
      message += "\".";
      context.report(kVariablesInAllowedPositionRule, std::move(message),
                     {definition->loc, usage.node->loc});
    }
    const TypeRef parent = usage.parent_type;
    if (parent && !parent.isNonNull() && !parent.isList() &&
        parent.named->kind == TypeKind::kInputObject && parent.named->one_of &&
        !variable_type.isNonNull()) {
      std::string message = "Variable \"$" + std::string(name) + "\" is of type \"";
      appendType(message, variable_type);
      message += "\" but must be non-nullable to be used for OneOf Input Object \"";
      appendType(message, parent);
      message += "\".";
      context.report(kVariablesInAllowedPositionRule, std::move(message),
                     {definition->loc, usage.node->loc});
    }
  }
}

}  // namespace plexus::graphql::validation
