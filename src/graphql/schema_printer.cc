// Mirrors graphql-js 16.15 utilities/printSchema.ts function for function.
#include "src/graphql/schema_printer.h"

#include <array>
#include <optional>
#include <vector>

#include "src/common/arena.h"
#include "src/graphql/printer.h"
#include "src/graphql/values.h"

namespace plexus::graphql {
namespace {

constexpr std::string_view kDefaultDeprecationReason = "No longer supported";
// graphql-js specifiedDirectives, matched by name as isSpecifiedDirective does.
constexpr std::array<std::string_view, 5> kSpecifiedDirectives = {"include", "skip", "deprecated",
                                                                  "specifiedBy", "oneOf"};

bool isSpecifiedDirective(const DirectiveDef& directive) {
  for (std::string_view name : kSpecifiedDirectives) {
    if (directive.name == name) return true;
  }
  return false;
}

std::string printDescription(std::optional<std::string_view> description,
                             std::string_view indentation = "", bool first_in_block = true) {
  if (!description) return {};
  std::string block = isPrintableAsBlockString(*description) ? printBlockString(*description)
                                                             : printString(*description);
  std::string out;
  if (!indentation.empty() && !first_in_block) {
    out += '\n';
  }
  out += indentation;
  for (char c : block) {
    out += c;
    if (c == '\n') out += indentation;
  }
  out += '\n';
  return out;
}

std::string printDeprecated(std::optional<std::string_view> reason) {
  if (!reason) return {};
  if (*reason != kDefaultDeprecationReason) {
    return " @deprecated(reason: " + printString(*reason) + ")";
  }
  return " @deprecated";
}

std::string printInputValue(const Schema& schema, const InputValue& input) {
  std::string out = std::string(input.name) + ": " + types::print(input.type);
  if (std::optional<json::Value> value = defaultValue(schema, input)) {
    Arena arena;
    // graphql-js throws on a custom-scalar default holding an object or list; we leave it out.
    if (const ast::Value* literal = astFromValue(schema, *value, input.type, arena)) {
      out += " = " + print(*literal);
    }
  }
  return out + printDeprecated(input.deprecation_reason);
}

std::string printArgs(const Schema& schema, const std::vector<InputValue>& args,
                      std::string_view indentation = "") {
  if (args.empty()) return {};
  // graphql-js tests `!arg.description`: an empty description counts as none here.
  bool any_description = false;
  for (const InputValue& arg : args) {
    any_description = any_description || (arg.description && !arg.description->empty());
  }
  std::string out = "(";
  if (!any_description) {
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out += ", ";
      out += printInputValue(schema, args[i]);
    }
    return out + ")";
  }
  const std::string inner = "  " + std::string(indentation);
  out += '\n';
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += '\n';
    out += printDescription(args[i].description, inner, i == 0);
    out += inner + printInputValue(schema, args[i]);
  }
  out += '\n';
  out += indentation;
  return out + ")";
}

std::string printBlock(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  std::string out = " {\n";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += '\n';
    out += items[i];
  }
  return out + "\n}";
}

std::string printImplementedInterfaces(const NamedType& type) {
  if (type.interfaces.empty()) return {};
  std::string out = " implements ";
  for (size_t i = 0; i < type.interfaces.size(); ++i) {
    if (i > 0) out += " & ";
    out += type.interfaces[i]->name;
  }
  return out;
}

std::string printFields(const Schema& schema, const NamedType& type) {
  std::vector<std::string> items;
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const FieldDef& f = type.fields[i];
    items.push_back(printDescription(f.description, "  ", i == 0) + "  " + std::string(f.name) +
                    printArgs(schema, f.arguments, "  ") + ": " + types::print(f.type) +
                    printDeprecated(f.deprecation_reason));
  }
  return printBlock(items);
}

// graphql-js printSchemaDefinition + isSchemaOfCommonNames.
std::string printSchemaDefinition(const Schema& schema) {
  auto common = [](const NamedType* root, std::string_view name) {
    return root == nullptr || root->name == name;
  };
  if (!schema.description() && common(schema.queryType(), "Query") &&
      common(schema.mutationType(), "Mutation") &&
      common(schema.subscriptionType(), "Subscription")) {
    return {};
  }
  std::vector<std::string> operations;
  if (schema.queryType()) operations.push_back("  query: " + std::string(schema.queryType()->name));
  if (schema.mutationType()) {
    operations.push_back("  mutation: " + std::string(schema.mutationType()->name));
  }
  if (schema.subscriptionType()) {
    operations.push_back("  subscription: " + std::string(schema.subscriptionType()->name));
  }
  std::string out = printDescription(schema.description()) + "schema {\n";
  for (size_t i = 0; i < operations.size(); ++i) {
    if (i > 0) out += '\n';
    out += operations[i];
  }
  return out + "\n}";
}

}  // namespace

bool isPrintableAsBlockString(std::string_view value) {
  if (value.empty()) return true;
  bool is_empty_line = true;
  bool has_indent = false;
  bool has_common_indent = true;
  bool seen_non_empty_line = false;
  for (unsigned char c : value) {
    switch (c) {
      // graphql-js lists exactly these control characters (not 0x10..0x1F).
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06:  // NOLINT
      case 0x07:
      case 0x08:
      case 0x0B:
      case 0x0C:
      case 0x0E:
      case 0x0F:  // NOLINT
        return false;
      case '\r': return false;
      case '\n':
        if (is_empty_line && !seen_non_empty_line) return false;  // leading new line
        seen_non_empty_line = true;
        is_empty_line = true;
        has_indent = false;
        break;
      case '\t':
      case ' ': has_indent = has_indent || is_empty_line; break;
      default: has_common_indent = has_common_indent && has_indent; is_empty_line = false;
    }
  }
  if (is_empty_line) return false;                             // trailing empty lines
  if (has_common_indent && seen_non_empty_line) return false;  // internal indent
  return true;
}

std::string printType(const Schema& schema, const NamedType& type) {
  std::string out = printDescription(type.description);
  switch (type.kind) {
    case TypeKind::kScalar:
      out += "scalar " + std::string(type.name);
      if (type.specified_by_url) {
        out += " @specifiedBy(url: " + printString(*type.specified_by_url) + ")";
      }
      return out;
    case TypeKind::kObject:
      return out + "type " + std::string(type.name) + printImplementedInterfaces(type) +
             printFields(schema, type);
    case TypeKind::kInterface:
      return out + "interface " + std::string(type.name) + printImplementedInterfaces(type) +
             printFields(schema, type);
    case TypeKind::kUnion:
      out += "union " + std::string(type.name);
      for (size_t i = 0; i < type.members.size(); ++i) {
        out += i == 0 ? " = " : " | ";
        out += type.members[i]->name;
      }
      return out;
    case TypeKind::kEnum: {
      std::vector<std::string> values;
      for (size_t i = 0; i < type.values.size(); ++i) {
        const EnumValue& v = type.values[i];
        values.push_back(printDescription(v.description, "  ", i == 0) + "  " +
                         std::string(v.name) + printDeprecated(v.deprecation_reason));
      }
      return out + "enum " + std::string(type.name) + printBlock(values);
    }
    case TypeKind::kInputObject: {
      std::vector<std::string> fields;
      for (size_t i = 0; i < type.input_fields.size(); ++i) {
        const InputValue& f = type.input_fields[i];
        fields.push_back(printDescription(f.description, "  ", i == 0) + "  " +
                         printInputValue(schema, f));
      }
      return out + "input " + std::string(type.name) + (type.one_of ? " @oneOf" : "") +
             printBlock(fields);
    }
  }
  return out;
}

std::string printDirective(const Schema& schema, const DirectiveDef& directive) {
  std::string out = printDescription(directive.description) + "directive @" +
                    std::string(directive.name) + printArgs(schema, directive.arguments);
  if (directive.repeatable) out += " repeatable";
  out += " on ";
  for (size_t i = 0; i < directive.locations.size(); ++i) {
    if (i > 0) out += " | ";
    out += directiveLocationName(directive.locations[i]);
  }
  return out;
}

std::string printSchema(const Schema& schema) {
  std::vector<std::string> parts;
  parts.push_back(printSchemaDefinition(schema));
  for (const DirectiveDef* directive : schema.directives()) {
    if (!isSpecifiedDirective(*directive)) parts.push_back(printDirective(schema, *directive));
  }
  for (const NamedType* type : schema.types()) {
    if (!type->builtin) parts.push_back(printType(schema, *type));
  }
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += part;
  }
  return out;
}

}  // namespace plexus::graphql
