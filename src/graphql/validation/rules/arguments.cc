// graphql-js KnownArgumentNamesRule, UniqueArgumentNamesRule and ProvidedRequiredArgumentsRule.
#include "src/graphql/validation/rules/arguments.h"

#include <string>
#include <vector>

#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kKnownArgumentNamesRule = "KnownArgumentNamesRule";
constexpr std::string_view kUniqueArgumentNamesRule = "UniqueArgumentNamesRule";
constexpr std::string_view kProvidedRequiredArgumentsRule = "ProvidedRequiredArgumentsRule";

bool provided(ast::List<const ast::Argument> arguments, std::string_view name) {
  for (const ast::Argument* argument : arguments) {
    if (argument->name == name) return true;
  }
  return false;
}

template <typename Arguments, typename NameOf>
void reportUnknownArgument(ValidationContext& context, const ast::Argument& argument,
                           const Arguments& known, NameOf name_of, std::string message) {
  std::vector<std::string_view> options;
  options.reserve(known.size());
  for (const auto& definition : known) options.push_back(name_of(definition));
  appendDidYouMean(message, suggestionList(argument.name, options));
  context.report(kKnownArgumentNamesRule, std::move(message), argument.loc);
}

}  // namespace

void checkKnownFieldArgument(ValidationContext& context, const TypeInfo& type_info,
                             const ast::Argument& argument) {
  const FieldDef* field_def = type_info.field_def;
  if (type_info.argument != nullptr || field_def == nullptr || type_info.parent_type == nullptr) {
    return;
  }
  reportUnknownArgument(
      context, argument, field_def->arguments, [](const InputValue& arg) { return arg.name; },
      "Unknown argument \"" + std::string(argument.name) + "\" on field \"" +
          std::string(type_info.parent_type->name) + "." + std::string(field_def->name) + "\".");
}

void checkKnownDirectiveArguments(ValidationContext& context, const ast::Directive& directive,
                                  const DirectiveInfo& info) {
  for (const ast::Argument* argument : directive.arguments) {
    auto message = [&]() {
      return "Unknown argument \"" + std::string(argument->name) + "\" on directive \"@" +
             std::string(directive.name) + "\".";
    };
    if (info.document_def != nullptr) {
      bool known = false;
      for (const ast::InputValueDefinition* arg : info.document_def->arguments) {
        known = known || arg->name == argument->name;
      }
      if (known) continue;
      reportUnknownArgument(
          context, *argument, info.document_def->arguments,
          [](const ast::InputValueDefinition* arg) { return arg->name; }, message());
    } else if (info.schema_def != nullptr) {
      if (info.schema_def->argument(argument->name) != nullptr) continue;
      reportUnknownArgument(
          context, *argument, info.schema_def->arguments,
          [](const InputValue& arg) { return arg.name; }, message());
    }
  }
}

void checkUniqueArgumentNames(ValidationContext& context,
                              ast::List<const ast::Argument> arguments) {
  auto report = [&](std::string_view name, std::vector<ast::SourceLocation> locations) {
    context.report(kUniqueArgumentNamesRule,
                   "There can be only one argument named \"" + std::string(name) + "\".",
                   std::move(locations));
  };
  // graphql-js groupBy: one error per repeated name, in order of first appearance.
  if (arguments.size() > kLongList) {
    const SameNameLinks links(arguments, [](const ast::Argument& a) { return a.name; });
    for (uint32_t i = 0; i < arguments.size(); ++i) {
      if (links.first[i] != i || links.next[i] == UINT32_MAX) continue;
      std::vector<ast::SourceLocation> locations;
      for (uint32_t j = i; j != UINT32_MAX; j = links.next[j])
        locations.push_back(arguments[j]->loc);
      report(arguments[i]->name, std::move(locations));
    }
    return;
  }
  for (size_t i = 0; i + 1 < arguments.size(); ++i) {
    const std::string_view name = arguments[i]->name;
    bool seen_before = false;
    for (size_t j = 0; j < i && !seen_before; ++j) seen_before = arguments[j]->name == name;
    if (seen_before) continue;
    std::vector<ast::SourceLocation> locations;
    for (size_t j = i; j < arguments.size(); ++j) {
      if (arguments[j]->name == name) locations.push_back(arguments[j]->loc);
    }
    if (locations.size() > 1) report(name, std::move(locations));
  }
}

void checkRequiredFieldArguments(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::Field& field) {
  const FieldDef* field_def = type_info.field_def;
  if (field_def == nullptr) return;
  for (const InputValue& arg : field_def->arguments) {
    if (!arg.type->isNonNull() || provided(field.arguments, arg.name)) continue;
    if (context.hasDefaultValue(&arg)) continue;
    std::string message = "Field \"" + std::string(field_def->name) + "\" argument \"" +
                          std::string(arg.name) + "\" of type \"";
    appendType(message, *arg.type);
    message += "\" is required, but it was not provided.";
    context.report(kProvidedRequiredArgumentsRule, std::move(message), field.loc);
  }
}

void checkRequiredDirectiveArguments(ValidationContext& context, const ast::Directive& directive,
                                     const DirectiveInfo& info) {
  auto report = [&](std::string_view name, const ast::Type& type) {
    std::string message = "Directive \"@" + std::string(directive.name) + "\" argument \"" +
                          std::string(name) + "\" of type \"";
    appendType(message, type);
    message += "\" is required, but it was not provided.";
    context.report(kProvidedRequiredArgumentsRule, std::move(message), directive.loc);
  };
  if (info.document_def != nullptr) {
    for (const ast::InputValueDefinition* arg : info.document_def->arguments) {
      if (!arg->type->isNonNull() || arg->default_value != nullptr) continue;
      if (!provided(directive.arguments, arg->name)) report(arg->name, *arg->type);
    }
  } else if (info.schema_def != nullptr) {
    for (const InputValue& arg : info.schema_def->arguments) {
      if (!arg.type->isNonNull() || provided(directive.arguments, arg.name)) continue;
      if (!context.hasDefaultValue(&arg)) report(arg.name, *arg.type);
    }
  }
}

}  // namespace plexus::graphql::validation
