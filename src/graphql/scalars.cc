// Leaf-type coercion as graphql-js 16's type/scalars.js, GraphQLEnumType and
// utilities/valueFromASTUntyped.js, with jsutils/inspect.js for the messages (see scalars.h).
#include "src/graphql/scalars.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql {

namespace {

constexpr int64_t kMaxInt = 2147483647;   // GRAPHQL_MAX_INT (spec §3.5.1)
constexpr int64_t kMinInt = -2147483648;  // GRAPHQL_MIN_INT

// An integral JSON number as int64 when it fits (doubles such as 1e3 included).
std::optional<int64_t> asInt64(const json::Value& value) {
  if (value.isInt()) return value.asInt();
  double d = value.asDouble();
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) return static_cast<int64_t>(d);
  return std::nullopt;
}

// ECMAScript array-index keys ("0", "17"; canonical, below 2^32 - 1), which Object.keys lists
// first, in numeric order, ahead of the others in insertion order (ECMA-262 §10.1.11.1).
std::optional<uint32_t> arrayIndex(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
  uint64_t n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (n >= 4294967295u) return std::nullopt;
  return static_cast<uint32_t>(n);
}

// jsutils/inspect.js: formatValue with MAX_ARRAY_LENGTH 10 and MAX_RECURSIVE_DEPTH 2; `seen` is
// the number of enclosing containers, this one included.
void inspectTo(const json::Value& value, size_t seen, std::string& out) {
  switch (value.type()) {
    case json::Value::Type::kNull: out += "null"; return;
    case json::Value::Type::kBool: out += value.asBool() ? "true" : "false"; return;
    case json::Value::Type::kInt:
    case json::Value::Type::kDouble: out += jsNumberString(value); return;
    case json::Value::Type::kString: json::appendQuoted(value.asString(), out); return;
    case json::Value::Type::kArray: {
      const json::Array& array = value.asArray();
      if (array.empty()) {
        out += "[]";
        return;
      }
      if (seen + 1 > 2) {
        out += "[Array]";
        return;
      }
      constexpr size_t kMaxArrayLength = 10;
      size_t shown = std::min(kMaxArrayLength, array.size());
      out += '[';
      for (size_t i = 0; i < shown; ++i) {
        if (i > 0) out += ", ";
        inspectTo(array[i], seen + 1, out);
      }
      size_t remaining = array.size() - shown;
      if (remaining == 1) out += ", ... 1 more item";
      if (remaining > 1) out += ", ... " + std::to_string(remaining) + " more items";
      out += ']';
      return;
    }
    case json::Value::Type::kObject: {
      const json::Object& object = value.asObject();
      if (object.empty()) {
        out += "{}";
        return;
      }
      if (seen + 1 > 2) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      bool first = true;
      for (const json::Member* member : jsKeyOrder(object)) {
        if (!first) out += ", ";
        first = false;
        out += member->first;
        out += ": ";
        inspectTo(member->second, seen + 1, out);
      }
      out += " }";
      return;
    }
  }
}

std::string didYouMeanEnumValue(const NamedType& type, std::string_view unknown) {
  std::vector<std::string_view> names;
  names.reserve(type.values.size());
  for (const EnumValue& value : type.values) names.push_back(value.name);
  std::string out;
  validation::appendDidYouMean(out, validation::suggestionList(unknown, names), "the enum value");
  return out;
}

LeafCoercion leafError(std::string message) { return {std::nullopt, std::move(message)}; }

// parseInt(text, 10) of an Int literal: exact when it fits int64.
json::Value intLiteral(std::string_view text) {
  int64_t i = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec == std::errc() && end == text.data() + text.size()) return json::Value(i);
  return json::Value(std::strtod(std::string(text).c_str(), nullptr));
}

json::Value floatLiteral(std::string_view text) {
  return json::Value(std::strtod(std::string(text).c_str(), nullptr));
}

// valueFromASTUntyped: a custom scalar's parseLiteral.
std::optional<json::Value> valueFromAstUntyped(const ast::Value& node,
                                               const json::Value* variables) {
  using Form = ast::Value::Form;
  switch (node.form) {
    case Form::kNull: return json::Value();
    case Form::kInt: return intLiteral(node.text);
    case Form::kFloat: return floatLiteral(node.text);
    case Form::kString:
    case Form::kEnum: return json::Value(node.text);
    case Form::kBoolean: return json::Value(node.boolean);
    case Form::kList: {
      json::Value list = json::Value::array();
      for (const ast::Value* item : node.list) {
        // JSON has no `undefined`: a missing variable inside a list reads as null.
        list.push(valueFromAstUntyped(*item, variables).value_or(json::Value()));
      }
      return list;
    }
    case Form::kObject: {
      json::Value object = json::Value::object();
      for (const ast::ObjectField* field : node.fields) {
        // A missing variable leaves its field out, as JSON.stringify drops undefined.
        if (auto value = valueFromAstUntyped(*field->value, variables)) {
          object[field->name] = std::move(*value);
        }
      }
      return object;
    }
    case Form::kVariable: {
      const json::Value* value = variables != nullptr ? variables->find(node.text) : nullptr;
      if (value == nullptr) return std::nullopt;
      return *value;
    }
  }
  return std::nullopt;
}

}  // namespace

// String(n) for a JSON number.
std::string jsNumberString(const json::Value& number) {
  if (number.isInt()) return std::to_string(number.asInt());
  std::string out;
  json::appendNumber(number.asDouble(), out);
  return out;
}

// Number.isInteger(n).
bool isJsInteger(const json::Value& value) {
  if (value.isInt()) return true;
  if (!value.isDouble()) return false;
  double d = value.asDouble();
  return std::isfinite(d) && std::trunc(d) == d;
}

// The members of an object in the order JavaScript enumerates a JSON.parse'd object.
std::vector<const json::Member*> jsKeyOrder(const json::Object& object) {
  std::vector<std::pair<uint32_t, const json::Member*>> indexes;
  std::vector<const json::Member*> ordered;
  for (const json::Member& member : object) {
    if (auto index = arrayIndex(member.first)) {
      indexes.emplace_back(*index, &member);
    } else {
      ordered.push_back(&member);
    }
  }
  if (indexes.empty()) return ordered;
  std::sort(indexes.begin(), indexes.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const json::Member*> out;
  out.reserve(object.size());
  for (const auto& entry : indexes) out.push_back(entry.second);
  out.insert(out.end(), ordered.begin(), ordered.end());
  return out;
}

std::string inspect(const json::Value& value) {
  std::string out;
  inspectTo(value, 0, out);
  return out;
}

// GraphQLScalarType.parseValue / GraphQLEnumType.parseValue for a JSON input.
LeafCoercion parseLeafValue(const NamedType& type, const json::Value& input,
                            bool hide_suggestions) {
  if (type.kind == TypeKind::kEnum) {
    if (!input.isString()) {
      std::string shown = inspect(input);
      return leafError("Enum \"" + std::string(type.name) +
                       "\" cannot represent non-string value: " + shown + "." +
                       (hide_suggestions ? "" : didYouMeanEnumValue(type, shown)));
    }
    if (type.value(input.asString()) == nullptr) {
      return leafError("Value \"" + input.asString() + "\" does not exist in \"" +
                       std::string(type.name) + "\" enum." +
                       (hide_suggestions ? "" : didYouMeanEnumValue(type, input.asString())));
    }
    return {input, {}};
  }
  std::string_view name = type.name;
  if (name == "Int") {
    if (!input.isNumber() || !isJsInteger(input)) {
      return leafError("Int cannot represent non-integer value: " + inspect(input));
    }
    auto i = asInt64(input);
    if (!i || *i > kMaxInt || *i < kMinInt) {
      return leafError("Int cannot represent non 32-bit signed integer value: " +
                       jsNumberString(input));
    }
    return {json::Value(*i), {}};
  }
  if (name == "Float") {
    if (!input.isNumber() || !std::isfinite(input.asDouble())) {
      return leafError("Float cannot represent non numeric value: " + inspect(input));
    }
    return {input, {}};
  }
  if (name == "String") {
    if (!input.isString()) {
      return leafError("String cannot represent a non string value: " + inspect(input));
    }
    return {input, {}};
  }
  if (name == "Boolean") {
    if (!input.isBool()) {
      return leafError("Boolean cannot represent a non boolean value: " + inspect(input));
    }
    return {input, {}};
  }
  if (name == "ID") {
    if (input.isString()) return {input, {}};
    if (input.isNumber() && isJsInteger(input)) return {json::Value(jsNumberString(input)), {}};
    return leafError("ID cannot represent value: " + inspect(input));
  }
  return {input, {}};  // a custom scalar: graphql-js's default parseValue is the identity
}

// GraphQLScalarType.parseLiteral / GraphQLEnumType.parseLiteral; valueFromAST only needs to know
// whether it failed, not why.
std::optional<json::Value> parseLeafLiteral(const NamedType& type, const ast::Value& node,
                                            const json::Value* variables) {
  using Form = ast::Value::Form;
  if (type.kind == TypeKind::kEnum) {
    if (node.form != Form::kEnum || type.value(node.text) == nullptr) return std::nullopt;
    return json::Value(node.text);
  }
  std::string_view name = type.name;
  if (name == "Int") {
    if (node.form != Form::kInt) return std::nullopt;
    json::Value value = intLiteral(node.text);
    if (!value.isInt() || value.asInt() > kMaxInt || value.asInt() < kMinInt) return std::nullopt;
    return value;
  }
  if (name == "Float") {
    if (node.form == Form::kInt) return intLiteral(node.text);
    if (node.form == Form::kFloat) return floatLiteral(node.text);
    return std::nullopt;
  }
  if (name == "String") {
    if (node.form != Form::kString) return std::nullopt;
    return json::Value(node.text);
  }
  if (name == "Boolean") {
    if (node.form != Form::kBoolean) return std::nullopt;
    return json::Value(node.boolean);
  }
  if (name == "ID") {
    if (node.form != Form::kString && node.form != Form::kInt) return std::nullopt;
    return json::Value(node.text);
  }
  return valueFromAstUntyped(node, variables);
}

// GraphQLScalarType.serialize / GraphQLEnumType.serialize of an internal value, for astFromValue.
LeafCoercion serializeLeaf(const NamedType& type, const json::Value& value) {
  if (type.kind == TypeKind::kEnum) {
    if (value.isString() && type.value(value.asString()) != nullptr) return {value, {}};
    return leafError("Enum \"" + std::string(type.name) +
                     "\" cannot represent value: " + inspect(value));
  }
  std::string_view name = type.name;
  // Internal values come from valueFromAst, so the string forms graphql-js's serialize also
  // accepts (Number("12")) never reach here.
  if (name == "Int") {
    if (value.isBool()) return {json::Value(value.asBool() ? 1 : 0), {}};
    if (!value.isNumber() || !isJsInteger(value)) {
      return leafError("Int cannot represent non-integer value: " + inspect(value));
    }
    auto i = asInt64(value);
    if (!i || *i > kMaxInt || *i < kMinInt) {
      return leafError("Int cannot represent non 32-bit signed integer value: " + inspect(value));
    }
    return {json::Value(*i), {}};
  }
  if (name == "Float") {
    if (value.isBool()) return {json::Value(value.asBool() ? 1 : 0), {}};
    if (!value.isNumber() || !std::isfinite(value.asDouble())) {
      return leafError("Float cannot represent non numeric value: " + inspect(value));
    }
    return {value, {}};
  }
  if (name == "String") {
    if (value.isString()) return {value, {}};
    if (value.isBool()) return {json::Value(value.asBool() ? "true" : "false"), {}};
    if (value.isNumber() && std::isfinite(value.asDouble()))
      return {json::Value(jsNumberString(value)), {}};
    return leafError("String cannot represent value: " + inspect(value));
  }
  if (name == "Boolean") {
    if (value.isBool()) return {value, {}};
    if (value.isNumber() && std::isfinite(value.asDouble())) {
      return {json::Value(value.asDouble() != 0), {}};
    }
    return leafError("Boolean cannot represent a non boolean value: " + inspect(value));
  }
  if (name == "ID") {
    if (value.isString()) return {value, {}};
    if (value.isNumber() && isJsInteger(value)) return {json::Value(jsNumberString(value)), {}};
    return leafError("ID cannot represent value: " + inspect(value));
  }
  return {value, {}};  // custom scalars serialize as they are
}

}  // namespace plexus::graphql
