// Input coercion as graphql-js 16: utilities/coerceInputValue.js, utilities/valueFromAST.js,
// utilities/astFromValue.js and execution/values.js. Messages are graphql-js's, word for word.
#include "src/graphql/values.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "src/graphql/printer.h"
#include "src/graphql/scalars.h"
#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql {

namespace {

// jsutils/printPathArray.js: `.field[0].other`.
std::string printPath(const std::vector<PathElement>& path) {
  std::string out;
  for (const PathElement& element : path) {
    if (const auto* key = std::get_if<std::string>(&element)) {
      out += '.';
      out += *key;
    } else {
      out += '[' + std::to_string(std::get<int64_t>(element)) + ']';
    }
  }
  return out;
}

// The input type a declared type names (its innermost named type), or null when that is
// unknown or an output type.
const NamedType* inputNamedType(const Schema& schema, const ast::Type* type) {
  const NamedType* named = schema.type(type->namedType());
  return named != nullptr && named->isInputType() ? named : nullptr;
}

// --- coerceInputValue -------------------------------------------------------------------------

class InputCoercer {
 public:
  InputCoercer(const Schema& schema, const InputErrorSink& on_error, bool hide_suggestions)
      : schema_(schema), on_error_(on_error), hide_suggestions_(hide_suggestions) {}

  std::optional<json::Value> coerce(const json::Value& input, const ast::Type* type) {
    if (type->isNonNull()) {
      if (!input.isNull()) return coerce(input, type->of);
      report(input, "Expected non-nullable type \"" + types::print(type) + "\" not to be null.");
      return std::nullopt;
    }
    if (input.isNull()) return json::Value();
    if (type->isList()) {
      // Lists accept a single value as a list of one (spec §3.11 Input Coercion).
      if (!input.isArray()) {
        auto item = coerce(input, type->of);
        if (!item) return std::nullopt;
        return json::Value(json::Array{std::move(*item)});
      }
      json::Value list = json::Value::array();
      bool failed = false;
      const json::Array& items = input.asArray();
      for (size_t i = 0; i < items.size(); ++i) {
        path_.emplace_back(static_cast<int64_t>(i));
        auto item = coerce(items[i], type->of);
        path_.pop_back();
        if (!item) failed = true;
        list.push(item ? std::move(*item) : json::Value());
      }
      if (failed) return std::nullopt;
      return list;
    }
    const NamedType* named = inputNamedType(schema_, type);
    if (named == nullptr) {
      report(input, "Unknown input type \"" + std::string(type->name) + "\".");
      return std::nullopt;
    }
    if (named->kind == TypeKind::kInputObject) return coerceObject(input, *named);
    LeafCoercion leaf = parseLeafValue(*named, input, hide_suggestions_);
    if (!leaf.value) report(input, std::move(leaf.error));
    return std::move(leaf.value);
  }

 private:
  std::optional<json::Value> coerceObject(const json::Value& input, const NamedType& type) {
    if (!input.isObject()) {
      report(input, "Expected type \"" + std::string(type.name) + "\" to be an object.");
      return std::nullopt;
    }
    json::Value object = json::Value::object();
    bool failed = false;
    size_t keys = 0;  // fields given a value, failed ones included (graphql-js's Object.keys)
    std::optional<std::string> first_key;
    bool first_is_null = false;
    for (const InputValue& field : type.input_fields) {
      const json::Value* given = input.find(field.name);
      if (given == nullptr) {
        if (auto fallback = defaultValue(schema_, field)) {
          if (keys++ == 0) {
            first_key = std::string(field.name);
            first_is_null = fallback->isNull();
          }
          object[field.name] = std::move(*fallback);
        } else if (field.type->isNonNull()) {
          report(input, "Field \"" + std::string(field.name) + "\" of required type \"" +
                            types::print(field.type) + "\" was not provided.");
          failed = true;
        }
        continue;
      }
      path_.emplace_back(std::string(field.name));
      auto value = coerce(*given, field.type);
      path_.pop_back();
      if (keys++ == 0) {
        first_key = std::string(field.name);
        first_is_null = value.has_value() && value->isNull();
      }
      if (!value) {
        failed = true;
        continue;
      }
      object[field.name] = std::move(*value);
    }
    for (const json::Member* member : jsKeyOrder(input.asObject())) {
      if (type.inputField(member->first) != nullptr) continue;
      std::string message = "Field \"" + member->first + "\" is not defined by type \"" +
                            std::string(type.name) + "\".";
      if (!hide_suggestions_) {
        std::vector<std::string_view> names;
        for (const InputValue& field : type.input_fields) names.push_back(field.name);
        validation::appendDidYouMean(message, validation::suggestionList(member->first, names));
      }
      report(input, std::move(message));
      failed = true;
    }
    if (type.one_of) {  // spec §3.10.1 OneOf Input Objects
      if (keys != 1) {
        report(input, "Exactly one key must be specified for OneOf type \"" +
                          std::string(type.name) + "\".");
        failed = true;
      }
      if (first_key && first_is_null) {
        path_.emplace_back(*first_key);
        report(json::Value(), "Field \"" + *first_key + "\" must be non-null.");
        path_.pop_back();
        failed = true;
      }
    }
    if (failed) return std::nullopt;
    return object;
  }

  void report(const json::Value& invalid, std::string message) {
    on_error_(InputCoercionError{path_, invalid, std::move(message)});
  }

  const Schema& schema_;
  const InputErrorSink& on_error_;
  bool hide_suggestions_;
  std::vector<PathElement> path_;
};

// --- astFromValue -----------------------------------------------------------------------------

bool isIntegerString(std::string_view s) {  // /^-?(?:0|[1-9][0-9]*)$/
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  if (s[0] == '0') return s.size() == 1;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class AstBuilder {
 public:
  AstBuilder(const Schema& schema, Arena& arena) : schema_(schema), arena_(arena) {}

  // nullptr: graphql-js's null (nothing to write); check failed() for a thrown TypeError.
  const ast::Value* build(const json::Value& value, const ast::Type* type) {
    if (failed()) return nullptr;
    if (type->isNonNull()) {
      const ast::Value* inner = build(value, type->of);
      if (inner != nullptr && inner->form == ast::Value::Form::kNull) return nullptr;
      return inner;
    }
    if (value.isNull()) return make(ast::Value::Form::kNull);
    if (type->isList()) {
      if (!value.isArray()) return build(value, type->of);
      std::vector<const ast::Value*> items;
      for (const json::Value& item : value.asArray()) {
        if (const ast::Value* node = build(item, type->of)) items.push_back(node);
      }
      if (failed()) return nullptr;
      ast::Value* list = make(ast::Value::Form::kList);
      list->list = arena_.copyList(items);
      return list;
    }
    const NamedType* named = inputNamedType(schema_, type);
    if (named == nullptr) return nullptr;
    if (named->kind == TypeKind::kInputObject) {
      if (!value.isObject() && !value.isArray()) return nullptr;  // graphql-js isObjectLike
      std::vector<const ast::ObjectField*> fields;
      for (const InputValue& field : named->input_fields) {
        const json::Value* given = value.find(field.name);
        if (given == nullptr) continue;
        const ast::Value* node = build(*given, field.type);
        if (node == nullptr) continue;
        auto* object_field = arena_.make<ast::ObjectField>();
        object_field->kind = ast::Kind::kObjectField;
        object_field->name = arena_.copy(field.name);
        object_field->value = node;
        fields.push_back(object_field);
      }
      if (failed()) return nullptr;
      ast::Value* object = make(ast::Value::Form::kObject);
      object->fields = arena_.copyList(fields);
      return object;
    }
    LeafCoercion serialized = serializeLeaf(*named, value);
    if (!serialized.value) return fail(std::move(serialized.error));
    const json::Value& out = *serialized.value;
    if (out.isNull()) return nullptr;
    if (out.isBool()) {
      ast::Value* node = make(ast::Value::Form::kBoolean);
      node->boolean = out.asBool();
      return node;
    }
    if (out.isNumber() && std::isfinite(out.asDouble())) {
      std::string text = jsNumberString(out);
      return make(isIntegerString(text) ? ast::Value::Form::kInt : ast::Value::Form::kFloat, text);
    }
    if (out.isString()) {
      if (named->kind == TypeKind::kEnum) return make(ast::Value::Form::kEnum, out.asString());
      if (named->name == "ID" && isIntegerString(out.asString())) {
        return make(ast::Value::Form::kInt, out.asString());
      }
      return make(ast::Value::Form::kString, out.asString());
    }
    return fail("Cannot convert value to AST: " + inspect(out) + ".");
  }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  ast::Value* make(ast::Value::Form form, std::string_view text = {}) {
    auto* node = arena_.make<ast::Value>();
    node->kind = ast::Kind::kValue;
    node->form = form;
    node->text = arena_.copy(text);
    return node;
  }

  const ast::Value* fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return nullptr;
  }

  const Schema& schema_;
  Arena& arena_;
  std::string error_;
};

GraphQLError errorAt(std::string message, const ast::Node& node) {
  GraphQLError error;
  error.message = std::move(message);
  error.locations.push_back(node.loc);
  return error;
}

}  // namespace

// --- Public API -------------------------------------------------------------------------------

std::optional<json::Value> coerceInputValue(const Schema& schema, const json::Value& input,
                                            const ast::Type* type, const InputErrorSink& on_error,
                                            const CoercionOptions& options) {
  return InputCoercer(schema, on_error, options.hide_suggestions).coerce(input, type);
}

std::optional<json::Value> valueFromAst(const Schema& schema, const ast::Value* node,
                                        const ast::Type* type, const json::Value* variables) {
  using Form = ast::Value::Form;
  if (node == nullptr) return std::nullopt;  // no node: no value (not null)
  if (variables != nullptr && !variables->isObject()) variables = nullptr;
  if (node->form == Form::kVariable) {
    const json::Value* value = variables != nullptr ? variables->find(node->text) : nullptr;
    if (value == nullptr) return std::nullopt;
    if (value->isNull() && type->isNonNull()) return std::nullopt;
    // Validation has checked that the variable's type fits here (spec §5.8.5).
    return *value;
  }
  if (type->isNonNull()) {
    if (node->form == Form::kNull) return std::nullopt;
    return valueFromAst(schema, node, type->of, variables);
  }
  if (node->form == Form::kNull) return json::Value();
  auto isMissingVariable = [&](const ast::Value* item) {
    return item->form == Form::kVariable &&
           (variables == nullptr || variables->find(item->text) == nullptr);
  };
  if (type->isList()) {
    if (node->form != Form::kList) {
      auto item = valueFromAst(schema, node, type->of, variables);
      if (!item) return std::nullopt;
      return json::Value(json::Array{std::move(*item)});
    }
    json::Value list = json::Value::array();
    for (const ast::Value* item : node->list) {
      if (isMissingVariable(item)) {
        // A missing variable in a list is null, or invalid where items are non-null.
        if (type->of->isNonNull()) return std::nullopt;
        list.push(json::Value());
        continue;
      }
      auto value = valueFromAst(schema, item, type->of, variables);
      if (!value) return std::nullopt;
      list.push(std::move(*value));
    }
    return list;
  }
  const NamedType* named = inputNamedType(schema, type);
  if (named == nullptr) return std::nullopt;
  if (named->kind == TypeKind::kInputObject) {
    if (node->form != Form::kObject) return std::nullopt;
    json::Value object = json::Value::object();
    for (const InputValue& field : named->input_fields) {
      const ast::ObjectField* field_node = nullptr;
      for (const ast::ObjectField* candidate : node->fields) {  // keyMap: the last one wins
        if (candidate->name == field.name) field_node = candidate;
      }
      if (field_node == nullptr || isMissingVariable(field_node->value)) {
        if (auto fallback = defaultValue(schema, field)) {
          object[field.name] = std::move(*fallback);
        } else if (field.type->isNonNull()) {
          return std::nullopt;
        }
        continue;
      }
      auto value = valueFromAst(schema, field_node->value, field.type, variables);
      if (!value) return std::nullopt;
      object[field.name] = std::move(*value);
    }
    if (named->one_of) {
      const json::Object& members = object.asObject();
      if (members.size() != 1 || members[0].second.isNull()) return std::nullopt;
    }
    return object;
  }
  return parseLeafLiteral(*named, *node, variables);
}

std::optional<json::Value> defaultValue(const Schema& schema, const InputValue& input) {
  if (input.default_value == nullptr) return std::nullopt;
  return valueFromAst(schema, input.default_value, input.type, nullptr);
}

CoercedVariables coerceVariableValues(const Schema& schema,
                                      ast::List<const ast::VariableDefinition> definitions,
                                      const json::Value& inputs,
                                      const VariableCoercionOptions& options) {
  CoercedVariables result;
  bool aborted = false;
  auto add = [&](GraphQLError error) {
    if (aborted) return;
    if (result.errors.size() >= options.max_errors) {
      GraphQLError too_many;
      too_many.message =
          "Too many errors processing variables, error limit reached. Execution aborted.";
      result.errors.push_back(std::move(too_many));
      aborted = true;
      return;
    }
    result.errors.push_back(std::move(error));
  };
  for (const ast::VariableDefinition* definition : definitions) {
    if (aborted) break;
    std::string name(definition->name);
    const ast::Type* type = definition->type;
    if (inputNamedType(schema, type) == nullptr) {
      // Validation rejects these (VariablesAreInputTypesRule); graphql-js checks again.
      add(errorAt("Variable \"$" + name + "\" expected value of type \"" + types::print(type) +
                      "\" which cannot be used as an input type.",
                  *type));
      continue;
    }
    const json::Value* given = inputs.isObject() ? inputs.find(name) : nullptr;
    if (given == nullptr) {
      if (definition->default_value != nullptr) {
        if (auto value = valueFromAst(schema, definition->default_value, type, nullptr)) {
          result.values[name] = std::move(*value);
        }
      } else if (type->isNonNull()) {
        add(errorAt("Variable \"$" + name + "\" of required type \"" + types::print(type) +
                        "\" was not provided.",
                    *definition));
      }
      continue;
    }
    if (given->isNull() && type->isNonNull()) {
      add(errorAt("Variable \"$" + name + "\" of non-null type \"" + types::print(type) +
                      "\" must not be null.",
                  *definition));
      continue;
    }
    auto on_error = [&](const InputCoercionError& error) {
      std::string message =
          "Variable \"$" + name + "\" got invalid value " + inspect(error.invalid_value);
      if (!error.path.empty()) message += " at \"" + name + printPath(error.path) + "\"";
      add(errorAt(message + "; " + error.message, *definition));
    };
    auto value = coerceInputValue(schema, *given, type, on_error,
                                  CoercionOptions{.hide_suggestions = options.hide_suggestions});
    if (value) result.values[name] = std::move(*value);
  }
  if (!result.errors.empty()) result.values = json::Value::object();
  return result;
}

ArgumentValues getArgumentValues(const Schema& schema, const std::vector<InputValue>& definitions,
                                 ast::List<const ast::Argument> arguments, const ast::Node& node,
                                 const json::Value& variables) {
  ArgumentValues result;
  const json::Value* vars = variables.isObject() ? &variables : nullptr;
  auto fail = [&](std::string message, const ast::Node& at) {
    result.error = errorAt(std::move(message), at);
    result.values = json::Value::object();
    return result;
  };
  for (const InputValue& definition : definitions) {
    std::string name(definition.name);
    const ast::Argument* argument = nullptr;
    for (const ast::Argument* candidate : arguments) {  // keyMap: the last one wins
      if (candidate->name == definition.name) argument = candidate;
    }
    if (argument == nullptr) {
      if (auto fallback = defaultValue(schema, definition)) {
        result.values[name] = std::move(*fallback);
      } else if (definition.type->isNonNull()) {
        return fail("Argument \"" + name + "\" of required type \"" +
                        types::print(definition.type) + "\" was not provided.",
                    node);
      }
      continue;
    }
    const ast::Value* value_node = argument->value;
    bool is_null = value_node->form == ast::Value::Form::kNull;
    if (value_node->form == ast::Value::Form::kVariable) {
      const json::Value* given = vars != nullptr ? vars->find(value_node->text) : nullptr;
      if (given == nullptr) {
        if (auto fallback = defaultValue(schema, definition)) {
          result.values[name] = std::move(*fallback);
        } else if (definition.type->isNonNull()) {
          return fail("Argument \"" + name + "\" of required type \"" +
                          types::print(definition.type) + "\" was provided the variable \"$" +
                          std::string(value_node->text) +
                          "\" which was not provided a runtime value.",
                      *value_node);
        }
        continue;
      }
      is_null = given->isNull();
    }
    if (is_null && definition.type->isNonNull()) {
      return fail("Argument \"" + name + "\" of non-null type \"" + types::print(definition.type) +
                      "\" must not be null.",
                  *value_node);
    }
    auto value = valueFromAst(schema, value_node, definition.type, vars);
    if (!value) {
      // ValuesOfCorrectTypeRule catches this during validation; execution checks again.
      return fail("Argument \"" + name + "\" has invalid value " + print(*value_node) + ".",
                  *value_node);
    }
    result.values[name] = std::move(*value);
  }
  return result;
}

std::optional<bool> shouldInclude(const Schema& schema, ast::List<const ast::Directive> directives,
                                  const json::Value& variables, GraphQLError* error) {
  // Spec §6.3.2 CollectFields steps 3.a and 3.b; graphql-js uses the first directive of a name.
  for (std::string_view name : {std::string_view("skip"), std::string_view("include")}) {
    const DirectiveDef* definition = schema.directive(name);
    if (definition == nullptr) continue;
    for (const ast::Directive* directive : directives) {
      if (directive->name != name) continue;
      ArgumentValues args = getArgumentValues(schema, definition->arguments, directive->arguments,
                                              *directive, variables);
      if (!args.ok()) {
        if (error != nullptr) *error = std::move(*args.error);
        return std::nullopt;
      }
      const json::Value* condition = args.values.find("if");
      bool skip_when = name == "skip";
      if (condition != nullptr && condition->isBool() && condition->asBool() == skip_when) {
        return false;
      }
      break;
    }
  }
  return true;
}

const ast::Value* astFromValue(const Schema& schema, const json::Value& value,
                               const ast::Type* type, Arena& arena, std::string* error) {
  AstBuilder builder(schema, arena);
  const ast::Value* node = builder.build(value, type);
  if (builder.failed()) {
    if (error != nullptr) *error = builder.error();
    return nullptr;
  }
  return node;
}

}  // namespace plexus::graphql
