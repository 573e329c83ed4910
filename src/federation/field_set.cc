// FieldSet strings of the join spec (keys, @requires, @provides) parsed as selection sets and
// checked against the supergraph's types; `@join__field(type:)` strings decoded to types.
#include <cctype>

#include "src/federation/supergraph_loader.h"
#include "src/graphql/parser.h"

namespace plexus::federation {
namespace {

namespace ast = graphql::ast;
using graphql::NamedType;

// graphql-js's messages for what a field set may not select.
std::string checkSelections(const graphql::Schema& schema, const ast::SelectionSet& set,
                            const NamedType* parent) {
  for (const ast::Selection* selection : set.selections) {
    if (auto* field = selection->as<ast::Field>()) {
      const graphql::FieldDef* def = schema.fieldDef(parent, field->name);
      if (def == nullptr) {
        return "Cannot query field \"" + std::string(field->name) + "\" on type \"" +
               std::string(parent->name) + "\".";
      }
      const NamedType* type = def->named_type;
      if (type->isComposite() && field->selection_set == nullptr) {
        return "Field \"" + std::string(field->name) + "\" of type \"" +
               graphql::types::print(def->type) + "\" must have a selection of subfields.";
      }
      if (!type->isComposite() && field->selection_set != nullptr) {
        return "Field \"" + std::string(field->name) +
               "\" must not have a selection since type \"" + graphql::types::print(def->type) +
               "\" has no subfields.";
      }
      if (field->selection_set != nullptr) {
        std::string nested = checkSelections(schema, *field->selection_set, type);
        if (!nested.empty()) return nested;
      }
    } else if (auto* fragment = selection->as<ast::InlineFragment>()) {
      const NamedType* type = parent;
      if (fragment->type_condition != nullptr) {
        type = schema.type(fragment->type_condition->value);
        if (type == nullptr || !type->isComposite()) {
          return "Unknown or non-composite type \"" + std::string(fragment->type_condition->value) +
                 "\" in inline fragment.";
        }
      }
      std::string nested = checkSelections(schema, *fragment->selection_set, type);
      if (!nested.empty()) return nested;
    } else {
      return "Field sets cannot use named fragments.";
    }
  }
  return {};
}

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Type : Name | [ Type ] | Type !   (spaces allowed around punctuators)
const ast::Type* parseType(std::string_view text, size_t& pos, Arena& arena, int depth) {
  auto skipSpaces = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  };
  skipSpaces();
  if (pos >= text.size() || depth > 32) return nullptr;
  ast::Type* type = arena.make<ast::Type>();
  type->kind = ast::Kind::kType;
  if (text[pos] == '[') {
    ++pos;
    type->form = ast::Type::Form::kList;
    type->of = parseType(text, pos, arena, depth + 1);
    skipSpaces();
    if (type->of == nullptr || pos >= text.size() || text[pos] != ']') return nullptr;
    ++pos;
  } else {
    const size_t start = pos;
    while (pos < text.size() && isNameChar(text[pos])) ++pos;
    if (pos == start || std::isdigit(static_cast<unsigned char>(text[start]))) return nullptr;
    type->name = text.substr(start, pos - start);
  }
  skipSpaces();
  if (pos < text.size() && text[pos] == '!') {
    ++pos;
    ast::Type* non_null = arena.make<ast::Type>();
    non_null->kind = ast::Kind::kType;
    non_null->form = ast::Type::Form::kNonNull;
    non_null->of = type;
    return non_null;
  }
  return type;
}

}  // namespace

std::optional<FieldSet> Supergraph::Loader::fieldSet(const ast::Value& value,
                                                     const NamedType* parent,
                                                     const std::string& context) {
  if (value.form != ast::Value::Form::kString) {
    error(value.loc, "Invalid field set in " + context + ": must be a string.");
    return std::nullopt;
  }
  const std::string prefix =
      "Invalid field set \"" + std::string(value.text) + "\" in " + context + ": ";
  graphql::ParseResult parsed = graphql::parse("{" + std::string(value.text) + "}");
  if (!parsed.ok()) {
    error(value.loc, prefix + parsed.error().message);
    return std::nullopt;
  }
  const ast::Document& document = parsed.document();
  const ast::OperationDefinition* operation =
      document.definitions.size() == 1 ? document.definitions[0]->as<ast::OperationDefinition>()
                                       : nullptr;
  if (operation == nullptr || !operation->shorthand) {
    error(value.loc, prefix + "must be a selection set.");
    return std::nullopt;
  }
  if (parent == nullptr || !parent->isComposite()) {
    error(value.loc, prefix + "the type has no fields to select.");
    return std::nullopt;
  }
  std::string problem = checkSelections(*s.schema_, *operation->selection_set, parent);
  if (!problem.empty()) {
    error(value.loc, prefix + problem);
    return std::nullopt;
  }
  s.field_set_documents_.push_back(parsed.takeDocument());
  const ast::Document& kept = *s.field_set_documents_.back();
  const auto* kept_operation = kept.definitions[0]->as<ast::OperationDefinition>();
  return FieldSet{s.arena_.copy(value.text), kept_operation->selection_set};
}

const ast::Type* Supergraph::Loader::decodeType(const ast::Value& value,
                                                const std::string& context) {
  if (value.form != ast::Value::Form::kString) {
    error(value.loc, "Invalid type in " + context + ": must be a string.");
    return nullptr;
  }
  std::string_view text = s.arena_.copy(value.text);
  size_t pos = 0;
  const ast::Type* type = parseType(text, pos, s.arena_, 0);
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  if (type == nullptr || pos != text.size()) {
    error(value.loc, "Invalid type \"" + std::string(value.text) + "\" in " + context + ".");
    return nullptr;
  }
  if (s.schema_->type(type->namedType()) == nullptr) {
    error(value.loc, "Unknown type \"" + std::string(type->namedType()) + "\" in " + context + ".");
    return nullptr;
  }
  return type;
}

}  // namespace plexus::federation
