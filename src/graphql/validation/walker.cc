// The validation walk: graphql-js validate()'s visit(document, visitWithTypeInfo(typeInfo,
// visitInParallel(rules))) as one hand-written traversal. Walker<true> runs the rules;
// Walker<false> only tracks TypeInfo and records variable usages, as graphql-js
// ValidationContext.getVariableUsages does in a walk of its own for a fragment that an operation
// needs before the main walk has reached it.
#include "src/graphql/validation/walker.h"

#include <vector>

#include "src/graphql/validation/overlapping_fields.h"
#include "src/graphql/validation/rules/arguments.h"
#include "src/graphql/validation/rules/directives.h"
#include "src/graphql/validation/rules/fields.h"
#include "src/graphql/validation/rules/fragments.h"
#include "src/graphql/validation/rules/operations.h"
#include "src/graphql/validation/rules/types.h"
#include "src/graphql/validation/rules/values.h"
#include "src/graphql/validation/rules/variables.h"

namespace plexus::graphql::validation {
namespace {

using Form = ast::Value::Form;

// The rules that keep state across nodes, for one validation.
struct RuleSet {
  explicit RuleSet(ValidationContext& context)
      : unique_operation_names(context.memory()),
        unique_fragment_names(context.memory()),
        no_fragment_cycles(context.memory()),
        overlapping(context.schema(), context.document()) {}

  UniqueOperationNames unique_operation_names;
  SingleFieldSubscriptions single_field_subscriptions;
  UniqueFragmentNames unique_fragment_names;
  NoFragmentCycles no_fragment_cycles;
  UniqueDirectivesPerLocation unique_directives;
  MaxIntrospectionDepth max_introspection_depth;
  OverlappingFieldsChecker overlapping;
  std::vector<ValidationError> overlap_errors;
};

DirectiveLocation operationLocation(ast::OperationType operation) {
  switch (operation) {
    case ast::OperationType::kQuery: return DirectiveLocation::kQuery;
    case ast::OperationType::kMutation: return DirectiveLocation::kMutation;
    case ast::OperationType::kSubscription: return DirectiveLocation::kSubscription;
  }
  return DirectiveLocation::kQuery;
}

DirectiveLocation typeLocation(ast::TypeKind kind) {
  switch (kind) {
    case ast::TypeKind::kScalar: return DirectiveLocation::kScalar;
    case ast::TypeKind::kObject: return DirectiveLocation::kObject;
    case ast::TypeKind::kInterface: return DirectiveLocation::kInterface;
    case ast::TypeKind::kUnion: return DirectiveLocation::kUnion;
    case ast::TypeKind::kEnum: return DirectiveLocation::kEnum;
    case ast::TypeKind::kInputObject: return DirectiveLocation::kInputObject;
  }
  return DirectiveLocation::kScalar;
}

const ast::Type& innermost(const ast::Type& type) {
  const ast::Type* t = &type;
  while (t->form != ast::Type::Form::kNamed) t = t->of;
  return *t;
}

template <bool kRules>
class Walker {
 public:
  Walker(ValidationContext& context, RuleSet* rules)
      : context_(context), schema_(context.schema()), rules_(rules) {}

  void walkDocument() {
    if constexpr (kRules) checkExecutableDefinitions(context_);  // Document enter
    const auto definitions = context_.document().definitions;
    for (uint32_t i = 0; i < definitions.size() && !context_.aborted(); ++i) {
      const ast::Definition* definition = definitions[i];
      if (const auto* operation = definition->as<ast::OperationDefinition>()) {
        walkOperation(*operation, i);
      } else if (const auto* fragment = definition->as<ast::FragmentDefinition>()) {
        walkFragment(*fragment, i);
      } else {
        walkTypeSystemDefinition(*definition);
      }
    }
    if constexpr (kRules) {
      if (!context_.aborted()) checkNoUnusedFragments(context_);  // Document leave
    }
  }

  // OperationDefinition: name, variableDefinitions, directives, selectionSet.
  void walkOperation(const ast::OperationDefinition& operation, uint32_t index) {
    ti_ = TypeInfo{};
    const NamedType* root = schema_.rootType(operation.operation);
    if (root != nullptr && root->kind == TypeKind::kObject) ti_.type = TypeRef{nullptr, root};
    auto& usages = context_.usageBuffer();
    const auto usages_begin = static_cast<uint32_t>(usages.size());
    usages_ = &usages;

    if constexpr (kRules) {
      rules_->unique_operation_names.enterOperation(context_, operation);
      checkLoneAnonymousOperation(context_, operation);
      rules_->single_field_subscriptions.enterOperation(context_, operation);
      checkUniqueVariableNames(context_, operation);
      rules_->unique_directives.check(context_, operation.directives);
    }
    for (const ast::VariableDefinition* variable : operation.variables) {
      walkVariableDefinition(*variable);
    }
    walkDirectives(operation.directives, operationLocation(operation.operation));
    if (operation.selection_set != nullptr) walkSelectionSet(*operation.selection_set);

    usages_ = nullptr;
    context_.setUsages(index, usages_begin, static_cast<uint32_t>(usages.size()));
    if constexpr (kRules) {
      if (context_.aborted()) return;
      const auto recursive = context_.recursiveVariableUsages(index);
      if (context_.aborted()) return;
      checkNoUndefinedVariables(context_, operation, recursive);
      checkNoUnusedVariables(context_, operation, recursive);
      checkVariablesInAllowedPosition(context_, operation, recursive);
    }
  }

  // FragmentDefinition: name, typeCondition, directives, selectionSet.
  void walkFragment(const ast::FragmentDefinition& fragment, uint32_t index) {
    ti_ = TypeInfo{};
    const NamedType* condition = fragment.type_condition != nullptr
                                     ? context_.lookupType(fragment.type_condition->value)
                                     : nullptr;
    if (condition != nullptr && condition->isOutputType()) ti_.type = TypeRef{nullptr, condition};
    // The usages of a fragment an operation above needed are known already.
    const bool collect = !context_.usagesCollected(index);
    auto& usages = context_.usageBuffer();
    const auto usages_begin = static_cast<uint32_t>(usages.size());
    usages_ = collect ? &usages : nullptr;

    if constexpr (kRules) {
      checkFragmentCondition(context_, fragment, condition);
      rules_->unique_fragment_names.enterFragment(context_, fragment);
      rules_->no_fragment_cycles.enterFragment(context_, index);
      rules_->unique_directives.check(context_, fragment.directives);
      if (fragment.type_condition != nullptr) {
        checkKnownTypeName(context_, fragment.type_condition->value, condition,
                           fragment.type_condition->loc, false);
      }
    }
    walkDirectives(fragment.directives, DirectiveLocation::kFragmentDefinition);
    if (fragment.selection_set != nullptr) walkSelectionSet(*fragment.selection_set);

    usages_ = nullptr;
    if (collect) context_.setUsages(index, usages_begin, static_cast<uint32_t>(usages.size()));
  }

 private:
  // VariableDefinition: variable, type, defaultValue, directives. graphql-js's usage walk skips
  // it (`VariableDefinition: () => false`), so variables in its directives are no usages.
  void walkVariableDefinition(const ast::VariableDefinition& definition) {
    const TypeInfo saved = ti_;
    std::pmr::vector<VariableUsage>* saved_usages = usages_;
    usages_ = nullptr;
    const ast::Type& named_node = innermost(*definition.type);
    const NamedType* named = context_.lookupType(named_node.name);
    ti_.parent_input_type = ti_.input_type;
    ti_.input_type =
        named != nullptr && named->isInputType() ? TypeRef{definition.type, named} : TypeRef{};

    if constexpr (kRules) {
      checkVariableIsInputType(context_, definition, named);
      rules_->unique_directives.check(context_, definition.directives);
      checkKnownTypeName(context_, named_node.name, named, named_node.loc, false);
    }
    if (definition.default_value != nullptr) walkValue(*definition.default_value, true);
    walkDirectives(definition.directives, DirectiveLocation::kVariableDefinition);
    usages_ = saved_usages;
    ti_ = saved;
  }

  void walkSelectionSet(const ast::SelectionSet& selection_set) {
    const NamedType* saved_parent = ti_.parent_type;
    const NamedType* named = ti_.type.named;
    ti_.parent_type = named != nullptr && named->isComposite() ? named : nullptr;
    if constexpr (kRules) checkOverlappingFields(selection_set);
    for (const ast::Selection* selection : selection_set.selections) {
      if (context_.aborted()) break;
      if (const auto* field = selection->as<ast::Field>()) {
        walkField(*field);
      } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
        walkFragmentSpread(*spread);
      } else if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        walkInlineFragment(*inline_fragment);
      }
    }
    ti_.parent_type = saved_parent;
  }

  void checkOverlappingFields(const ast::SelectionSet& selection_set) {
    std::vector<ValidationError>& errors = rules_->overlap_errors;
    errors.clear();
    rules_->overlapping.checkSelectionSet(ti_.parent_type, selection_set, errors);
    const bool aborted = rules_->overlapping.aborted();
    for (size_t i = 0; i < errors.size(); ++i) {
      if (aborted && i + 1 == errors.size()) {
        context_.abortValidation(errors[i].rule);  // its "Validation aborted."
      } else {
        context_.report(errors[i].rule, std::move(errors[i].message),
                        std::move(errors[i].locations));
      }
    }
  }

  // Field: alias, name, arguments, directives, selectionSet.
  void walkField(const ast::Field& field) {
    const FieldDef* saved_field_def = ti_.field_def;
    const TypeRef saved_type = ti_.type;
    const FieldDef* field_def =
        ti_.parent_type != nullptr ? schema_.fieldDef(ti_.parent_type, field.name) : nullptr;
    ti_.field_def = field_def;
    ti_.type = field_def != nullptr ? TypeRef{field_def->type, field_def->named_type} : TypeRef{};

    if constexpr (kRules) {
      checkScalarLeafs(context_, ti_, field);
      checkFieldOnCorrectType(context_, ti_, field);
      rules_->unique_directives.check(context_, field.directives);
      checkUniqueArgumentNames(context_, field.arguments);
      if (context_.options().introspection_depth_rule) {
        rules_->max_introspection_depth.enterField(context_, field);
      }
    }
    for (const ast::Argument* argument : field.arguments) walkArgument(*argument, true);
    walkDirectives(field.directives, DirectiveLocation::kField);
    if (field.selection_set != nullptr) walkSelectionSet(*field.selection_set);
    if constexpr (kRules) {
      if (!context_.aborted()) checkRequiredFieldArguments(context_, ti_, field);  // Field leave
      rules_->max_introspection_depth.leaveField(field);
    }
    ti_.field_def = saved_field_def;
    ti_.type = saved_type;
  }

  // FragmentSpread: name, directives.
  void walkFragmentSpread(const ast::FragmentSpread& spread) {
    if constexpr (kRules) {
      const int32_t fragment = checkKnownFragmentName(context_, spread);
      checkPossibleFragmentSpread(context_, ti_, spread, fragment);
      rules_->unique_directives.check(context_, spread.directives);
    }
    walkDirectives(spread.directives, DirectiveLocation::kFragmentSpread);
  }

  // InlineFragment: typeCondition, directives, selectionSet.
  void walkInlineFragment(const ast::InlineFragment& inline_fragment) {
    const TypeRef saved_type = ti_.type;
    const ast::Name* type_condition = inline_fragment.type_condition;
    const NamedType* condition =
        type_condition != nullptr ? context_.lookupType(type_condition->value) : nullptr;
    if (type_condition == nullptr) {
      ti_.type = TypeRef{nullptr, ti_.type.named};
    } else {
      ti_.type = condition != nullptr && condition->isOutputType() ? TypeRef{nullptr, condition}
                                                                   : TypeRef{};
    }
    if constexpr (kRules) {
      checkInlineFragmentCondition(context_, inline_fragment, condition);
      checkPossibleInlineFragment(context_, ti_, inline_fragment);
      rules_->unique_directives.check(context_, inline_fragment.directives);
      if (type_condition != nullptr) {
        checkKnownTypeName(context_, type_condition->value, condition, type_condition->loc, false);
      }
    }
    walkDirectives(inline_fragment.directives, DirectiveLocation::kInlineFragment);
    if (inline_fragment.selection_set != nullptr) walkSelectionSet(*inline_fragment.selection_set);
    ti_.type = saved_type;
  }

  void walkDirectives(ast::List<const ast::Directive> directives, DirectiveLocation location) {
    for (const ast::Directive* directive : directives) {
      if (context_.aborted()) return;
      walkDirective(*directive, location);
    }
  }

  // Directive: name, arguments.
  void walkDirective(const ast::Directive& directive, DirectiveLocation location) {
    ti_.directive = schema_.directive(directive.name);  // TypeInfo sees only the schema's
    [[maybe_unused]] DirectiveInfo info;
    if constexpr (kRules) {
      info = context_.documentDirectives().empty() ? DirectiveInfo{ti_.directive, nullptr}
                                                   : resolveDirective(context_, directive.name);
      checkKnownDirective(context_, directive, info, location);
      checkKnownDirectiveArguments(context_, directive, info);
      checkUniqueArgumentNames(context_, directive.arguments);
    }
    for (const ast::Argument* argument : directive.arguments) walkArgument(*argument, false);
    if constexpr (kRules) {
      if (!context_.aborted()) checkRequiredDirectiveArguments(context_, directive, info);
    }
    ti_.directive = nullptr;
  }

  // Argument: name, value. Its definition comes from the directive, or when that is unknown or
  // absent from the field being visited (graphql-js `getDirective() ?? getFieldDef()`).
  void walkArgument(const ast::Argument& argument, bool field_argument) {
    const TypeInfo saved = ti_;
    const InputValue* definition = nullptr;
    if (ti_.directive != nullptr) {
      definition = ti_.directive->argument(argument.name);
    } else if (ti_.field_def != nullptr) {
      definition = ti_.field_def->argument(argument.name);
    }
    ti_.argument = definition;
    ti_.default_source = definition;
    ti_.parent_input_type = ti_.input_type;
    ti_.input_type =
        definition != nullptr ? TypeRef{definition->type, definition->named_type} : TypeRef{};
    if constexpr (kRules) {
      if (field_argument) checkKnownFieldArgument(context_, ti_, argument);
    }
    walkValue(*argument.value, true);
    ti_.argument = nullptr;
    ti_.default_source = saved.default_source;
    ti_.parent_input_type = saved.parent_input_type;
    ti_.input_type = saved.input_type;
  }

  // `check`: ValuesOfCorrectTypeRule still visits this value (it skips below a value it
  // already rejected as a whole).
  void walkValue(const ast::Value& value, bool check) {
    switch (value.form) {
      case Form::kVariable:
        if (usages_ != nullptr) {
          usages_->push_back({&value, ti_.input_type, ti_.default_source, ti_.parent_input_type});
        }
        return;
      case Form::kList: {
        const TypeRef saved_input = ti_.input_type;
        const TypeRef saved_parent = ti_.parent_input_type;
        const InputValue* saved_default = ti_.default_source;
        const TypeRef list_type = ti_.input_type.nullable();
        ti_.parent_input_type = ti_.input_type;
        ti_.input_type = list_type.isList() ? list_type.ofType() : list_type;
        ti_.default_source = nullptr;  // list positions never have a default value
        if constexpr (kRules) {
          if (check) check = checkListValue(context_, ti_, value);
        }
        for (const ast::Value* item : value.list) walkValue(*item, check);
        ti_.input_type = saved_input;
        ti_.parent_input_type = saved_parent;
        ti_.default_source = saved_default;
        return;
      }
      case Form::kObject: {
        if constexpr (kRules) {
          if (check) check = checkObjectValue(context_, ti_, value);
        }
        if constexpr (kRules) {
          if (value.fields.size() > kLongList) {
            const SameNameLinks links(value.fields,
                                      [](const ast::ObjectField& f) { return f.name; });
            for (size_t i = 0; i < value.fields.size(); ++i) {
              walkObjectField(value, i, check, &links);
            }
            return;
          }
        }
        for (size_t i = 0; i < value.fields.size(); ++i) walkObjectField(value, i, check, nullptr);
        return;
      }
      case Form::kNull:
        if constexpr (kRules) {
          if (check) checkNullValue(context_, ti_, value);
        }
        return;
      default:
        if constexpr (kRules) {
          if (check) checkLeafValue(context_, ti_, value);
        }
        return;
    }
  }

  // ObjectField: name, value.
  void walkObjectField(const ast::Value& object, size_t index, bool check,
                       const SameNameLinks* links) {
    const ast::ObjectField& field = *object.fields[index];
    const TypeRef saved_input = ti_.input_type;
    const TypeRef saved_parent = ti_.parent_input_type;
    const InputValue* saved_default = ti_.default_source;
    const NamedType* object_type = ti_.input_type.named;
    const InputValue* definition =
        object_type != nullptr && object_type->kind == TypeKind::kInputObject
            ? object_type->inputField(field.name)
            : nullptr;
    ti_.default_source = definition;
    ti_.parent_input_type = ti_.input_type;
    ti_.input_type =
        definition != nullptr ? TypeRef{definition->type, definition->named_type} : TypeRef{};
    if constexpr (kRules) {
      if (check) checkObjectField(context_, ti_, field);
      checkUniqueInputField(context_, object, index, links);
    }
    walkValue(*field.value, check);
    ti_.input_type = saved_input;
    ti_.parent_input_type = saved_parent;
    ti_.default_source = saved_default;
  }

  // --- type-system definitions inside an executable document ----------------------------------
  // ExecutableDefinitionsRule rejects them, but graphql-js still visits them with every rule.

  void walkTypeSystemDefinition(const ast::Definition& definition) {
    if constexpr (kRules) {
      ti_ = TypeInfo{};
      if (const auto* schema = definition.as<ast::SchemaDefinition>()) {
        rules_->unique_directives.checkSchema(context_, schema->directives);
        walkDirectives(schema->directives, DirectiveLocation::kSchema);
        for (const ast::OperationTypeDefinition* operation_type : schema->operation_types) {
          walkSdlName(*operation_type->type);
        }
      } else if (const auto* type = definition.as<ast::TypeDefinition>()) {
        walkTypeDefinition(*type);
      } else if (const auto* directive = definition.as<ast::DirectiveDefinition>()) {
        for (const ast::InputValueDefinition* argument : directive->arguments) {
          walkInputValueDefinition(*argument, false);
        }
      }
    }
  }

  void walkTypeDefinition(const ast::TypeDefinition& type) {
    rules_->unique_directives.checkType(context_, type.name->value, type.directives);
    for (const ast::Name* interface : type.interfaces) walkSdlName(*interface);
    walkDirectives(type.directives, typeLocation(type.type_kind));
    for (const ast::FieldDefinition* field : type.fields) {
      if (context_.aborted()) return;
      rules_->unique_directives.check(context_, field->directives);
      for (const ast::InputValueDefinition* argument : field->arguments) {
        walkInputValueDefinition(*argument, false);
      }
      walkSdlType(*field->type);
      walkDirectives(field->directives, DirectiveLocation::kFieldDefinition);
    }
    for (const ast::Name* member : type.members) walkSdlName(*member);
    for (const ast::EnumValueDefinition* value : type.values) {
      rules_->unique_directives.check(context_, value->directives);
      walkDirectives(value->directives, DirectiveLocation::kEnumValue);
    }
    // graphql-js names INPUT_FIELD_DEFINITION only under an input object *definition*; the
    // fields of an input object extension count as ARGUMENT_DEFINITION.
    const bool input_fields = type.type_kind == TypeKind::kInputObject && !type.extension;
    for (const ast::InputValueDefinition* field : type.input_fields) {
      walkInputValueDefinition(*field, input_fields);
    }
  }

  // InputValueDefinition: name, type, defaultValue, directives.
  void walkInputValueDefinition(const ast::InputValueDefinition& definition, bool input_field) {
    if (context_.aborted()) return;
    rules_->unique_directives.check(context_, definition.directives);
    walkSdlType(*definition.type);
    if (definition.default_value != nullptr) walkValue(*definition.default_value, true);
    walkDirectives(definition.directives, input_field ? DirectiveLocation::kInputFieldDefinition
                                                      : DirectiveLocation::kArgumentDefinition);
  }

  void walkSdlType(const ast::Type& type) {
    const ast::Type& named = innermost(type);
    checkKnownTypeName(context_, named.name, context_.lookupType(named.name), named.loc, true);
  }

  void walkSdlName(const ast::Name& name) {
    checkKnownTypeName(context_, name.value, context_.lookupType(name.value), name.loc, true);
  }

  ValidationContext& context_;
  const Schema& schema_;
  RuleSet* rules_;
  TypeInfo ti_;
  std::pmr::vector<VariableUsage>* usages_ = nullptr;  // where variable usages go; null: nowhere
};

}  // namespace

void walkDocument(ValidationContext& context) {
  RuleSet rules(context);
  Walker<true> walker(context, &rules);
  walker.walkDocument();
}

void ValidationContext::collectFragmentUsages(uint32_t definition_index) {
  Walker<false> walker(*this, nullptr);
  walker.walkFragment(
      *static_cast<const ast::FragmentDefinition*>(document_.definitions[definition_index]),
      definition_index);
}

}  // namespace plexus::graphql::validation
