// Mirrors graphql-js 16.15's printer.ts: each node prints from its children's printed strings
// with the same join / wrap / block / indent helpers, so the output matches byte for byte.
#include "src/graphql/printer.h"

#include <cstdio>
#include <initializer_list>
#include <vector>

namespace plexus::graphql {
namespace {

using namespace ast;  // NOLINT(google-build-using-namespace)

constexpr size_t kMaxLineLength = 80;

// join(): the non-empty parts, separated.
template <typename Parts>
std::string joinParts(const Parts& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!first) out += separator;
    out += part;
    first = false;
  }
  return out;
}

std::string join(std::initializer_list<std::string> parts, std::string_view separator = "") {
  return joinParts(parts, separator);
}

std::string joinList(const std::vector<std::string>& parts, std::string_view separator) {
  return joinParts(parts, separator);
}

std::string wrap(std::string_view start, const std::string& text, std::string_view end = "") {
  if (text.empty()) return {};
  std::string out(start);
  out += text;
  out += end;
  return out;
}

std::string indent(const std::string& text) {
  if (text.empty()) return {};
  std::string out = "  ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

std::string block(const std::vector<std::string>& items) {
  return wrap("{\n", indent(joinList(items, "\n")), "\n}");
}

bool hasMultilineItems(const std::vector<std::string>& items) {
  for (const std::string& item : items) {
    if (item.find('\n') != std::string::npos) return true;
  }
  return false;
}

class Printer {
 public:
  std::string node(const Node& n) {
    switch (n.kind) {
      case Kind::kOperationDefinition: return operation(static_cast<const OperationDefinition&>(n));
      case Kind::kFragmentDefinition: return fragment(static_cast<const FragmentDefinition&>(n));
      case Kind::kVariableDefinition: return variable(static_cast<const VariableDefinition&>(n));
      case Kind::kSelectionSet: return block(all(static_cast<const SelectionSet&>(n).selections));
      case Kind::kField: return field(static_cast<const Field&>(n));
      case Kind::kFragmentSpread: {
        const auto& s = static_cast<const FragmentSpread&>(n);
        return "..." + std::string(s.name) + wrap(" ", directives(s.directives));
      }
      case Kind::kInlineFragment: {
        const auto& f = static_cast<const InlineFragment&>(n);
        return join({"...", f.type_condition ? "on " + std::string(f.type_condition->value) : "",
                     directives(f.directives), node(*f.selection_set)},
                    " ");
      }
      case Kind::kArgument: {
        const auto& a = static_cast<const Argument&>(n);
        return std::string(a.name) + ": " + node(*a.value);
      }
      case Kind::kDirective: {
        const auto& d = static_cast<const Directive&>(n);
        return "@" + std::string(d.name) + wrap("(", joinList(all(d.arguments), ", "), ")");
      }
      case Kind::kValue: return value(static_cast<const Value&>(n));
      case Kind::kObjectField: {
        const auto& f = static_cast<const ObjectField&>(n);
        return std::string(f.name) + ": " + node(*f.value);
      }
      case Kind::kType: return type(static_cast<const Type&>(n));
      case Kind::kName: return std::string(static_cast<const Name&>(n).value);
      case Kind::kSchemaDefinition: return schema(static_cast<const SchemaDefinition&>(n));
      case Kind::kOperationTypeDefinition: {
        const auto& o = static_cast<const OperationTypeDefinition&>(n);
        return std::string(operationTypeName(o.operation)) + ": " + std::string(o.type->value);
      }
      case Kind::kTypeDefinition: return typeDefinition(static_cast<const TypeDefinition&>(n));
      case Kind::kFieldDefinition: return fieldDefinition(static_cast<const FieldDefinition&>(n));
      case Kind::kInputValueDefinition:
        return inputValue(static_cast<const InputValueDefinition&>(n));
      case Kind::kEnumValueDefinition: {
        const auto& e = static_cast<const EnumValueDefinition&>(n);
        return description(e.description) +
               join({std::string(e.name), directives(e.directives)}, " ");
      }
      case Kind::kDirectiveDefinition:
        return directiveDefinition(static_cast<const DirectiveDefinition&>(n));
    }
    return {};
  }

 private:
  template <typename T>
  std::vector<std::string> all(List<const T> items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const T* item : items) out.push_back(node(*item));
    return out;
  }

  std::string directives(List<const Directive> list) { return joinList(all(list), " "); }

  std::string description(const Description& d) {
    if (!d.present) return {};
    return (d.block ? printBlockString(d.text) : printString(d.text)) + "\n";
  }

  std::string operation(const OperationDefinition& op) {
    std::vector<std::string> vars = all(op.variables);
    std::string var_defs = hasMultilineItems(vars) ? wrap("(\n", joinList(vars, "\n"), "\n)")
                                                   : wrap("(", joinList(vars, ", "), ")");
    std::string keyword(operationTypeName(op.operation));
    std::string prefix =
        description(op.description) +
        join({keyword, std::string(op.name) + var_defs, directives(op.directives)}, " ");
    std::string selection_set = node(*op.selection_set);
    if (op.operation == OperationType::kQuery && prefix.size() == keyword.size()) {
      return selection_set;
    }
    return join({prefix, " "}) + selection_set;
  }

  std::string variable(const VariableDefinition& v) {
    return description(v.description) + "$" + std::string(v.name) + ": " + type(*v.type) +
           (v.default_value ? " = " + node(*v.default_value) : "") +
           wrap(" ", directives(v.directives));
  }

  std::string fragment(const FragmentDefinition& f) {
    return description(f.description) + "fragment " + std::string(f.name) + " on " +
           std::string(f.type_condition->value) + " " + wrap("", directives(f.directives), " ") +
           node(*f.selection_set);
  }

  std::string field(const Field& f) {
    std::string prefix = wrap("", std::string(f.alias), ": ") + std::string(f.name);
    std::string line = prefix;
    if (!f.arguments.empty()) {
      std::vector<std::string> args = all(f.arguments);
      size_t length = 0;
      for (const std::string& a : args) length += (length == 0 ? 0 : 2) + a.size();
      line += prefix.size() + length + 2 > kMaxLineLength
                  ? wrap("(\n", indent(joinList(args, "\n")), "\n)")
                  : wrap("(", joinList(args, ", "), ")");
    }
    return line + wrap(" ", directives(f.directives)) +
           (f.selection_set ? " " + node(*f.selection_set) : "");
  }

  std::string value(const Value& v) {
    switch (v.form) {
      case Value::Form::kVariable: return "$" + std::string(v.text);
      case Value::Form::kInt:
      case Value::Form::kFloat:
      case Value::Form::kEnum: return std::string(v.text);
      case Value::Form::kString: return v.block ? printBlockString(v.text) : printString(v.text);
      case Value::Form::kBoolean: return v.boolean ? "true" : "false";
      case Value::Form::kNull: return "null";
      case Value::Form::kList: return "[" + joinList(all(v.list), ", ") + "]";
      case Value::Form::kObject: return "{" + joinList(all(v.fields), ", ") + "}";
    }
    return {};
  }

  std::string type(const Type& t) {
    switch (t.form) {
      case Type::Form::kNamed: return std::string(t.name);
      case Type::Form::kList: return "[" + type(*t.of) + "]";
      case Type::Form::kNonNull: return type(*t.of) + "!";
    }
    return {};
  }

  std::string schema(const SchemaDefinition& s) {
    std::vector<std::string> ops = all(s.operation_types);
    if (s.extension) return join({"extend schema", directives(s.directives), block(ops)}, " ");
    return description(s.description) + join({"schema", directives(s.directives), block(ops)}, " ");
  }

  std::string typeDefinition(const TypeDefinition& t) {
    std::string keyword = (t.extension ? "extend " : "") + std::string(typeKeyword(t.type_kind));
    std::string name(t.name->value);
    std::string body;
    switch (t.type_kind) {
      case TypeKind::kScalar: body = join({keyword, name, directives(t.directives)}, " "); break;
      case TypeKind::kObject:
      case TypeKind::kInterface:
        body = join({keyword, name, wrap("implements ", joinList(all(t.interfaces), " & ")),
                     directives(t.directives), block(all(t.fields))},
                    " ");
        break;
      case TypeKind::kUnion:
        body = join(
            {keyword, name, directives(t.directives), wrap("= ", joinList(all(t.members), " | "))},
            " ");
        break;
      case TypeKind::kEnum:
        body = join({keyword, name, directives(t.directives), block(all(t.values))}, " ");
        break;
      case TypeKind::kInputObject:
        body = join({keyword, name, directives(t.directives), block(all(t.input_fields))}, " ");
        break;
    }
    return t.extension ? body : description(t.description) + body;
  }

  std::string arguments(List<const InputValueDefinition> list) {
    std::vector<std::string> args = all(list);
    return hasMultilineItems(args) ? wrap("(\n", indent(joinList(args, "\n")), "\n)")
                                   : wrap("(", joinList(args, ", "), ")");
  }

  std::string fieldDefinition(const FieldDefinition& f) {
    return description(f.description) + std::string(f.name) + arguments(f.arguments) + ": " +
           type(*f.type) + wrap(" ", directives(f.directives));
  }

  std::string inputValue(const InputValueDefinition& v) {
    return description(v.description) + std::string(v.name) + ": " + type(*v.type) +
           (v.default_value ? " = " + node(*v.default_value) : "") +
           wrap(" ", directives(v.directives));
  }

  std::string directiveDefinition(const DirectiveDefinition& d) {
    return description(d.description) + "directive @" + std::string(d.name->value) +
           arguments(d.arguments) + (d.repeatable ? " repeatable" : "") + " on " +
           joinList(all(d.locations), " | ");
  }
};

bool isWhiteSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string print(const ast::Node& node) { return Printer().node(node); }

std::string print(const ast::Document& document) {
  Printer printer;
  std::string out;
  for (const ast::Definition* def : document.definitions) {
    std::string text = printer.node(*def);
    if (text.empty()) continue;
    // A shorthand query `{ … }` after a definition that ended without a body (`enum E`,
    // `type T @d`) would be read back as that body; graphql-js prints it so and changes the
    // document. Spell out the keyword there so printing always round-trips.
    if (!out.empty() && out.back() != '}' && text.front() == '{') text = "query " + text;
    if (!out.empty()) out += "\n\n";
    out += text;
  }
  return out;
}

std::string printString(std::string_view value) {
  std::string out = "\"";
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = value[i];
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    char buf[8];
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < value.size() &&
               static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      // U+0080..U+009F, the C1 controls, are escaped too.
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(value[i + 1]));
      out += buf;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string printBlockString(std::string_view value) {
  std::string escaped;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 3) == "\"\"\"") {
      escaped += "\\\"\"\"";
      i += 2;
    } else {
      escaped += value[i];
    }
  }
  // Split into lines on \r\n, \n or \r.
  std::vector<std::string_view> lines;
  std::string_view rest = escaped;
  size_t line_start = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '\n' || rest[i] == '\r') {
      lines.push_back(rest.substr(line_start, i - line_start));
      if (rest[i] == '\r' && i + 1 < rest.size() && rest[i + 1] == '\n') ++i;
      line_start = i + 1;
    }
  }
  lines.push_back(rest.substr(line_start));
  const bool single_line = lines.size() == 1;
  bool force_leading_newline = lines.size() > 1;
  for (size_t i = 1; i < lines.size() && force_leading_newline; ++i) {
    if (!lines[i].empty() && !isWhiteSpace(lines[i][0])) force_leading_newline = false;
  }
  const bool trailing_triple_quotes = escaped.size() >= 4 && escaped.ends_with("\\\"\"\"");
  const bool trailing_quote = !value.empty() && value.back() == '"' && !trailing_triple_quotes;
  const bool trailing_slash = !value.empty() && value.back() == '\\';
  const bool force_trailing_newline = trailing_quote || trailing_slash;
  // JavaScript's length counts UTF-16 code units.
  size_t length = 0;
  for (unsigned char c : value) {
    if ((c & 0xC0) != 0x80) length += c >= 0xF0 ? 2 : 1;
  }
  const bool multiple_lines = !single_line || length > 70 || force_trailing_newline ||
                              force_leading_newline || trailing_triple_quotes;
  const bool skip_leading_newline = single_line && !value.empty() && isWhiteSpace(value[0]);
  std::string out = "\"\"\"";
  if ((multiple_lines && !skip_leading_newline) || force_leading_newline) out += '\n';
  out += escaped;
  if (multiple_lines || force_trailing_newline) out += '\n';
  out += "\"\"\"";
  return out;
}

}  // namespace plexus::graphql
