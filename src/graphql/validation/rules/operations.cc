// graphql-js ExecutableDefinitionsRule, UniqueOperationNamesRule, LoneAnonymousOperationRule and
// SingleFieldSubscriptionsRule (with execution/collectFields.ts, which it runs).
#include "src/graphql/validation/rules/operations.h"

#include <algorithm>
#include <string>

#include "src/graphql/printer.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kExecutableDefinitionsRule = "ExecutableDefinitionsRule";
constexpr std::string_view kUniqueOperationNamesRule = "UniqueOperationNamesRule";
constexpr std::string_view kLoneAnonymousOperationRule = "LoneAnonymousOperationRule";
constexpr std::string_view kSingleFieldSubscriptionsRule = "SingleFieldSubscriptionsRule";

// graphql-js collectFields with no variable values, as SingleFieldSubscriptionsRule runs it:
// groups the root fields by response key, following fragments whose condition matches.
class RootFieldCollector {
 public:
  struct Group {
    std::string_view key;
    std::vector<const ast::Field*> fields;
  };

  RootFieldCollector(ValidationContext& context, const NamedType* runtime_type)
      : context_(context), runtime_type_(runtime_type) {}

  // False when validation ended (work budget spent, or a directive made graphql-js throw).
  bool collect(const ast::SelectionSet& selection_set) {
    if (!reserveWork(selection_set)) return false;
    for (const ast::Selection* selection : selection_set.selections) {
      if (const auto* field = selection->as<ast::Field>()) {
        const Include include = shouldInclude(field->directives);
        if (include == Include::kFailed) return false;
        if (include == Include::kNo) continue;
        add(field);
      } else if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        const Include include = shouldInclude(inline_fragment->directives);
        if (include == Include::kFailed) return false;
        if (include == Include::kNo || !conditionMatches(inline_fragment->type_condition)) {
          continue;
        }
        if (!collect(*inline_fragment->selection_set)) return false;
      } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
        if (std::find(visited_.begin(), visited_.end(), spread->name) != visited_.end()) continue;
        const Include include = shouldInclude(spread->directives);
        if (include == Include::kFailed) return false;
        if (include == Include::kNo) continue;
        visited_.push_back(spread->name);
        const ast::FragmentDefinition* fragment = context_.fragment(spread->name);
        if (fragment == nullptr || !conditionMatches(fragment->type_condition)) continue;
        if (!collect(*fragment->selection_set)) return false;
      }
    }
    return true;
  }

  const std::vector<Group>& groups() const { return groups_; }

 private:
  enum class Include { kYes, kNo, kFailed };

  // SingleFieldSubscriptionsRule's reserveSelectionSetWork.
  bool reserveWork(const ast::SelectionSet& selection_set) {
    if (!context_.spendFragmentWork(static_cast<int64_t>(selection_set.selections.size()))) {
      return false;
    }
    for (const ast::Selection* selection : selection_set.selections) {
      ast::List<const ast::Directive> directives;
      if (const auto* field = selection->as<ast::Field>()) {
        directives = field->directives;
      } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
        directives = spread->directives;
      } else if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        directives = inline_fragment->directives;
      }
      if (!context_.spendFragmentWork(static_cast<int64_t>(directives.size()))) return false;
      for (const ast::Directive* directive : directives) {
        if (directive->name == "skip" || directive->name == "include") {
          if (!context_.spendFragmentWork(static_cast<int64_t>(directive->arguments.size()))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  // graphql-js shouldIncludeNode with no variable values. Where graphql-js's getArgumentValues
  // throws, validate() throws: that error becomes the result (ValidationContext::fail).
  Include shouldInclude(ast::List<const ast::Directive> directives) {
    for (std::string_view name : {std::string_view("skip"), std::string_view("include")}) {
      auto it = std::find_if(directives.begin(), directives.end(),
                             [name](const ast::Directive* d) { return d->name == name; });
      if (it == directives.end()) continue;
      int value = ifArgument(**it);
      if (value < 0) return Include::kFailed;
      if ((name == "skip") == (value == 1)) return Include::kNo;
    }
    return Include::kYes;
  }

  // The `if: Boolean!` argument: 0 or 1, or -1 after failing as graphql-js's getArgumentValues.
  int ifArgument(const ast::Directive& directive) {
    const ast::Argument* argument = nullptr;
    for (const ast::Argument* a : directive.arguments) {
      if (a->name == "if") argument = a;  // keyMap: the last one wins
    }
    if (argument == nullptr) {
      context_.fail(kSingleFieldSubscriptionsRule,
                    "Argument \"if\" of required type \"Boolean!\" was not provided.",
                    {directive.loc});
      return -1;
    }
    const ast::Value& value = *argument->value;
    switch (value.form) {
      case ast::Value::Form::kBoolean: return value.boolean ? 1 : 0;
      case ast::Value::Form::kVariable:
        context_.fail(
            kSingleFieldSubscriptionsRule,
            "Argument \"if\" of required type \"Boolean!\" was provided the variable \"$" +
                std::string(value.text) + "\" which was not provided a runtime value.",
            {value.loc});
        return -1;
      case ast::Value::Form::kNull:
        context_.fail(kSingleFieldSubscriptionsRule,
                      "Argument \"if\" of non-null type \"Boolean!\" must not be null.",
                      {value.loc});
        return -1;
      default:
        context_.fail(kSingleFieldSubscriptionsRule,
                      "Argument \"if\" has invalid value " + print(value) + ".", {value.loc});
        return -1;
    }
  }

  // graphql-js doesFragmentConditionMatch.
  bool conditionMatches(const ast::Name* type_condition) const {
    if (type_condition == nullptr) return true;
    const NamedType* conditional = context_.lookupType(type_condition->value);
    if (conditional == nullptr) return false;
    if (conditional == runtime_type_) return true;
    return conditional->isAbstract() && context_.schema().isSubType(conditional, runtime_type_);
  }

  void add(const ast::Field* field) {
    const std::string_view key = field->responseKey();
    for (Group& group : groups_) {
      if (group.key == key) {
        group.fields.push_back(field);
        return;
      }
    }
    groups_.push_back({key, {field}});
  }

  ValidationContext& context_;
  const NamedType* runtime_type_;
  std::vector<Group> groups_;
  std::vector<std::string_view> visited_;
};

}  // namespace

void checkExecutableDefinitions(ValidationContext& context) {
  for (const ast::Definition* definition : context.document().definitions) {
    if (definition->isExecutable()) continue;
    std::string message = "The ";
    if (const auto* type = definition->as<ast::TypeDefinition>()) {
      message += '"';
      message += type->name->value;
      message += '"';
    } else if (const auto* directive = definition->as<ast::DirectiveDefinition>()) {
      message += '"';
      message += directive->name->value;
      message += '"';
    } else {
      message += "schema";
    }
    message += " definition is not executable.";
    context.report(kExecutableDefinitionsRule, std::move(message), definition->loc);
  }
}

void UniqueOperationNames::enterOperation(ValidationContext& context,
                                          const ast::OperationDefinition& operation) {
  if (operation.name.empty()) return;
  const ast::OperationDefinition* first = known_.findOrAdd(operation.name, &operation);
  if (first == nullptr) return;
  context.report(
      kUniqueOperationNamesRule,
      "There can be only one operation named \"" + std::string(operation.name) + "\".",
      {context.nameLocation(*first, first->name), context.nameLocation(operation, operation.name)});
}

void checkLoneAnonymousOperation(ValidationContext& context,
                                 const ast::OperationDefinition& operation) {
  if (operation.name.empty() && context.operationCount() > 1) {
    context.report(kLoneAnonymousOperationRule,
                   "This anonymous operation must be the only defined operation.", operation.loc);
  }
}

void SingleFieldSubscriptions::enterOperation(ValidationContext& context,
                                              const ast::OperationDefinition& operation) {
  if (operation.operation != ast::OperationType::kSubscription) return;
  const NamedType* subscription_type = context.schema().subscriptionType();
  if (subscription_type == nullptr || operation.selection_set == nullptr) return;
  if (!fragments_indexed_) {
    fragments_indexed_ = true;
    if (!context.spendFragmentWork(static_cast<int64_t>(context.document().definitions.size()))) {
      return;
    }
  }
  RootFieldCollector collector(context, subscription_type);
  if (!collector.collect(*operation.selection_set)) return;
  const auto& groups = collector.groups();

  auto prefix = [&operation]() {
    return operation.name.empty() ? std::string("Anonymous Subscription")
                                  : "Subscription \"" + std::string(operation.name) + "\"";
  };
  if (groups.size() > 1) {
    std::vector<ast::SourceLocation> locations;
    for (size_t i = 1; i < groups.size(); ++i) {
      for (const ast::Field* field : groups[i].fields) locations.push_back(field->loc);
    }
    context.report(kSingleFieldSubscriptionsRule,
                   prefix() + " must select only one top level field.", std::move(locations));
  }
  for (const auto& group : groups) {
    if (group.fields[0]->name.starts_with("__")) {
      std::vector<ast::SourceLocation> locations;
      for (const ast::Field* field : group.fields) locations.push_back(field->loc);
      context.report(kSingleFieldSubscriptionsRule,
                     prefix() + " must not select an introspection top level field.",
                     std::move(locations));
    }
  }
}

}  // namespace plexus::graphql::validation
