// graphql-js ValuesOfCorrectTypeRule (with the parseLiteral of type/scalars.ts and of
// GraphQLEnumType) and UniqueInputFieldNamesRule.
#include "src/graphql/validation/rules/values.h"

#include <string>
#include <vector>

#include "src/graphql/printer.h"
#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kValuesOfCorrectTypeRule = "ValuesOfCorrectTypeRule";
constexpr std::string_view kUniqueInputFieldNamesRule = "UniqueInputFieldNamesRule";

using Form = ast::Value::Form;

// graphql-js GraphQLInt.parseLiteral's range check on parseInt(literal, 10).
bool fitsInt32(std::string_view literal) {
  const bool negative = !literal.empty() && literal[0] == '-';
  if (negative) literal.remove_prefix(1);
  while (literal.size() > 1 && literal[0] == '0') literal.remove_prefix(1);
  if (literal.size() > 10) return false;
  int64_t magnitude = 0;
  for (char c : literal) magnitude = magnitude * 10 + (c - '0');
  return negative ? magnitude <= 2147483648LL : magnitude <= 2147483647LL;
}

void reportExpected(ValidationContext& context, TypeRef location_type, const ast::Value& value) {
  std::string message = "Expected value of type \"";
  appendType(message, location_type);
  message += "\", found ";
  message += print(value);
  message += '.';
  context.report(kValuesOfCorrectTypeRule, std::move(message), value.loc);
}

// graphql-js GraphQLEnumType.parseLiteral's errors, with didYouMeanEnumValue.
void reportEnum(ValidationContext& context, const NamedType& type, const ast::Value& value,
                bool is_enum_literal) {
  const std::string value_str = print(value);
  std::string message;
  if (is_enum_literal) {
    message =
        "Value \"" + value_str + "\" does not exist in \"" + std::string(type.name) + "\" enum.";
  } else {
    message = "Enum \"" + std::string(type.name) +
              "\" cannot represent non-enum value: " + value_str + ".";
  }
  std::vector<std::string_view> names;
  names.reserve(type.values.size());
  for (const EnumValue& enum_value : type.values) names.push_back(enum_value.name);
  appendDidYouMean(message, suggestionList(value_str, names), "the enum value");
  context.report(kValuesOfCorrectTypeRule, std::move(message), value.loc);
}

// graphql-js isValidValueNode: checks a literal with the location type's parseLiteral.
void checkValueNode(ValidationContext& context, TypeRef location_type, const ast::Value& value) {
  if (!location_type) return;
  const NamedType& type = *location_type.named;
  if (!type.isLeaf()) {
    reportExpected(context, location_type, value);
    return;
  }
  if (type.kind == TypeKind::kEnum) {
    if (value.form != Form::kEnum) {
      reportEnum(context, type, value, false);
    } else if (type.value(value.text) == nullptr) {
      reportEnum(context, type, value, true);
    }
    return;
  }
  // Specified scalars; custom scalars accept every literal (graphql-js valueFromASTUntyped).
  std::string message;
  const std::string_view name = type.name;
  if (name == "Int") {
    if (value.form != Form::kInt) {
      message = "Int cannot represent non-integer value: " + print(value);
    } else if (!fitsInt32(value.text)) {
      message = "Int cannot represent non 32-bit signed integer value: " + std::string(value.text);
    }
  } else if (name == "Float") {
    if (value.form != Form::kFloat && value.form != Form::kInt) {
      message = "Float cannot represent non numeric value: " + print(value);
    }
  } else if (name == "String") {
    if (value.form != Form::kString) {
      message = "String cannot represent a non string value: " + print(value);
    }
  } else if (name == "Boolean") {
    if (value.form != Form::kBoolean) {
      message = "Boolean cannot represent a non boolean value: " + print(value);
    }
  } else if (name == "ID") {
    if (value.form != Form::kString && value.form != Form::kInt) {
      message = "ID cannot represent a non-string and non-integer value: " + print(value);
    }
  }
  if (!message.empty()) context.report(kValuesOfCorrectTypeRule, std::move(message), value.loc);
}

}  // namespace

bool checkListValue(ValidationContext& context, const TypeInfo& type_info, const ast::Value& list) {
  if (type_info.parent_input_type.nullable().isList()) return true;
  checkValueNode(context, type_info.input_type, list);
  return false;
}

bool checkObjectValue(ValidationContext& context, const TypeInfo& type_info,
                      const ast::Value& object) {
  const NamedType* type = type_info.input_type.named;
  if (type == nullptr || type->kind != TypeKind::kInputObject) {
    checkValueNode(context, type_info.input_type, object);
    return false;
  }
  auto provided = [&object](std::string_view name) -> const ast::ObjectField* {
    const ast::ObjectField* last = nullptr;  // graphql-js keyMap: the last one wins
    for (const ast::ObjectField* field : object.fields) {
      if (field->name == name) last = field;
    }
    return last;
  };
  for (const InputValue& field_def : type->input_fields) {
    if (!field_def.type->isNonNull() || provided(field_def.name) != nullptr) continue;
    if (context.hasDefaultValue(&field_def)) continue;
    std::string message = "Field \"" + std::string(type->name) + "." + std::string(field_def.name) +
                          "\" of required type \"";
    appendType(message, *field_def.type);
    message += "\" was not provided.";
    context.report(kValuesOfCorrectTypeRule, std::move(message), object.loc);
  }
  if (type->one_of) {
    // graphql-js validateOneOfInputObject: exactly one distinct key, not a null literal.
    const auto fields = object.fields;
    const bool one_key = !fields.empty() && [&] {
      for (const ast::ObjectField* field : fields) {
        if (field->name != fields[0]->name) return false;
      }
      return true;
    }();
    if (!one_key) {
      context.report(
          kValuesOfCorrectTypeRule,
          "OneOf Input Object \"" + std::string(type->name) + "\" must specify exactly one key.",
          object.loc);
    } else if (fields.back()->value == nullptr || fields.back()->value->form == Form::kNull) {
      context.report(kValuesOfCorrectTypeRule,
                     "Field \"" + std::string(type->name) + "." + std::string(fields[0]->name) +
                         "\" must be non-null.",
                     object.loc);
    }
  }
  return true;
}

void checkObjectField(ValidationContext& context, const TypeInfo& type_info,
                      const ast::ObjectField& field) {
  const NamedType* parent_type = type_info.parent_input_type.named;
  if (type_info.input_type || parent_type == nullptr ||
      parent_type->kind != TypeKind::kInputObject) {
    return;
  }
  std::vector<std::string_view> names;
  names.reserve(parent_type->input_fields.size());
  for (const InputValue& input_field : parent_type->input_fields) names.push_back(input_field.name);
  std::string message = "Field \"" + std::string(field.name) + "\" is not defined by type \"" +
                        std::string(parent_type->name) + "\".";
  appendDidYouMean(message, suggestionList(field.name, names));
  context.report(kValuesOfCorrectTypeRule, std::move(message), field.loc);
}

void checkNullValue(ValidationContext& context, const TypeInfo& type_info,
                    const ast::Value& value) {
  if (type_info.input_type.isNonNull()) reportExpected(context, type_info.input_type, value);
}

void checkLeafValue(ValidationContext& context, const TypeInfo& type_info,
                    const ast::Value& value) {
  checkValueNode(context, type_info.input_type, value);
}

void checkUniqueInputField(ValidationContext& context, const ast::Value& object, size_t index,
                           const SameNameLinks* links) {
  const ast::ObjectField& field = *object.fields[index];
  size_t first = 0;
  if (links != nullptr) {
    first = links->first[index];
  } else {
    while (first < index && object.fields[first]->name != field.name) ++first;
  }
  if (first == index) return;
  context.report(kUniqueInputFieldNamesRule,
                 "There can be only one input field named \"" + std::string(field.name) + "\".",
                 {object.fields[first]->loc, field.loc});
}

}  // namespace plexus::graphql::validation
