// graphql-js assertValidSDL: the specifiedSDLRules run over the user's SDL before anything is
// built. graphql-js runs its rules "in parallel" during one depth-first visit of the document
// (visitInParallel), so at every node the rules fire in specifiedSDLRules order and a rule's
// errors interleave with the others' in document order. SdlRules reproduces that visit: one
// function per node kind, walking children in graphql-js's QueryDocumentKeys order, and calling
// each rule's check at the point where graphql-js would enter (or leave) that node.
//
// Executable definitions are visited too, as graphql-js does: an SDL document may contain
// operations, and the directive/argument rules apply to them although buildASTSchema then
// ignores them.
#include <string>
#include <unordered_map>
#include <vector>

#include "src/common/arena.h"
#include "src/graphql/lexer.h"
#include "src/graphql/schema_builder.h"
#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql {
namespace {

using ast::SourceLocation;

// graphql-js specifiedScalarTypes then introspectionTypes (KnownTypeNamesRule standardTypeNames).
constexpr std::string_view kStandardTypeNames[] = {
    "String",    "Int",      "Float",        "Boolean",
    "ID",        "__Schema", "__Directive",  "__DirectiveLocation",
    "__Type",    "__Field",  "__InputValue", "__EnumValue",
    "__TypeKind"};

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// An insertion-ordered string-keyed map, as the JS objects and Maps the rules use.
template <typename V>
class OrderedMap {
 public:
  V* find(std::string_view key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
  }
  // Inserts `key` at the end, or overwrites its value in place (JS `obj[key] = value`).
  V& set(std::string_view key, V value) {
    auto [it, inserted] = index_.emplace(key, entries_.size());
    if (inserted) {
      entries_.emplace_back(key, std::move(value));
    } else {
      entries_[it->second].second = std::move(value);
    }
    return entries_[it->second].second;
  }
  V& operator[](std::string_view key) {
    if (V* v = find(key)) return *v;
    return set(key, V{});
  }
  const std::vector<std::pair<std::string_view, V>>& entries() const { return entries_; }

 private:
  std::unordered_map<std::string_view, size_t> index_;
  std::vector<std::pair<std::string_view, V>> entries_;
};

// What the directive rules know of one directive: the specified ones, overridden by the SDL's
// own definitions (the last definition of a name wins, as the rules' lookup maps are plain
// objects filled in document order).
struct DirectiveInfo {
  std::vector<std::string_view> locations;
  bool unique = true;                          // not `repeatable`
  std::vector<std::string_view> arguments;     // distinct names, first occurrence order
  OrderedMap<std::string> required_arguments;  // name -> printed type (graphql-js keyMap)
};

// A definition whose name graphql-js reports: located only when an error needs it.
struct NamedDefinition {
  const ast::Node* node;
  const ast::Description* description;
};

// UniqueDirectivesPerLocationRule's record of directives seen at one location.
using SeenDirectives = std::unordered_map<std::string_view, const ast::Directive*>;

class SdlRules {
 public:
  SdlRules(Schema::Builder& builder, const ast::Document& document, const ast::Document& prelude)
      : builder_(builder), document_(document) {
    for (const ast::Definition* def : prelude.definitions) {
      if (auto* d = def->as<ast::DirectiveDefinition>()) addDirective(*d);
    }
    for (const ast::Definition* def : document.definitions) {
      if (auto* d = def->as<ast::DirectiveDefinition>()) addDirective(*d);
      if (auto* t = def->as<ast::TypeDefinition>(); t != nullptr && !t->extension) {
        defined_types_.set(t->name->value, t);
      }
    }
  }

  void run() {
    for (const ast::Definition* def : document_.definitions) {
      if (auto* s = def->as<ast::SchemaDefinition>()) {
        visitSchema(*s);
      } else if (auto* t = def->as<ast::TypeDefinition>()) {
        visitType(*t);
      } else if (auto* d = def->as<ast::DirectiveDefinition>()) {
        visitDirectiveDefinition(*d);
      } else if (auto* op = def->as<ast::OperationDefinition>()) {
        visitOperation(*op);
      } else if (auto* f = def->as<ast::FragmentDefinition>()) {
        visitFragment(*f);
      }
    }
  }

 private:
  void error(std::string message, std::vector<SourceLocation> locations) {
    builder_.error(std::move(message), std::move(locations));
  }

  void addDirective(const ast::DirectiveDefinition& d) {
    DirectiveInfo info;
    for (const ast::Name* location : d.locations) info.locations.push_back(location->value);
    info.unique = !d.repeatable;
    for (const ast::InputValueDefinition* arg : d.arguments) {
      bool seen = false;
      for (std::string_view a : info.arguments) seen = seen || a == arg->name;
      if (!seen) info.arguments.push_back(arg->name);
      // ProvidedRequiredArgumentsOnDirectivesRule isRequiredArgumentNode.
      if (arg->type->isNonNull() && arg->default_value == nullptr) {
        info.required_arguments.set(arg->name, types::print(arg->type));
      }
    }
    directives_.set(d.name->value, std::move(info));
  }

  // The position of the name of a definition that may start with a description: graphql-js
  // reports `node.name`, which our AST does not locate, so re-lex the two leading tokens.
  SourceLocation nameLocation(NamedDefinition definition) const {
    const ast::Node& node = *definition.node;
    if (!definition.description->present) return node.loc;
    Arena arena;
    std::string_view rest = std::string_view(document_.source).substr(node.offset);
    Lexer lexer(rest, arena);
    lexer.next();  // the description
    const Token name = lexer.next();
    if (name.loc.line == 1) return {node.loc.line, node.loc.column + name.loc.column - 1};
    return {node.loc.line + name.loc.line - 1, name.loc.column};
  }

  // --- Type-system definitions -----------------------------------------------------------------

  void visitSchema(const ast::SchemaDefinition& node) {
    // LoneSchemaDefinitionRule.
    if (!node.extension) {
      if (schema_definitions_ > 0) error("Must provide only one schema definition.", {node.loc});
      ++schema_definitions_;
    }
    // UniqueOperationTypesRule.
    for (const ast::OperationTypeDefinition* op : node.operation_types) {
      const ast::OperationTypeDefinition*& first =
          operation_types_[static_cast<int>(op->operation)];
      if (first != nullptr) {
        error("There can be only one " + std::string(ast::operationTypeName(op->operation)) +
                  " type in schema.",
              {first->loc, op->loc});
      } else {
        first = op;
      }
    }
    checkUniqueDirectives(node.directives, schema_directives_);
    visitDirectives(node.directives, "SCHEMA");
    for (const ast::OperationTypeDefinition* op : node.operation_types) {
      visitTypeName(op->type->value, op->type->loc, true);
    }
  }

  void visitType(const ast::TypeDefinition& node) {
    const std::string_view name = node.name->value;
    const ast::TypeKind kind = node.type_kind;
    const bool has_fields = kind == ast::TypeKind::kObject || kind == ast::TypeKind::kInterface;
    // UniqueTypeNamesRule.
    if (!node.extension) {
      if (const ast::Name** first = type_names_.find(name)) {
        error("There can be only one type named " + quoted(name) + ".",
              {(*first)->loc, node.name->loc});
      } else {
        type_names_.set(name, node.name);
      }
    }
    // UniqueEnumValueNamesRule.
    if (kind == ast::TypeKind::kEnum) {
      auto& known = enum_values_[name];
      for (const ast::EnumValueDefinition* value : node.values) {
        const NamedDefinition at{value, &value->description};
        if (const NamedDefinition* first = known.find(value->name)) {
          error("Enum value \"" + std::string(name) + "." + std::string(value->name) +
                    "\" can only be defined once.",
                {nameLocation(*first), nameLocation(at)});
        } else {
          known.set(value->name, at);
        }
      }
    }
    // UniqueFieldDefinitionNamesRule (keyed by type name across object, interface and input).
    if (has_fields || kind == ast::TypeKind::kInputObject) {
      auto& known = field_names_[name];
      auto check = [&](std::string_view field, NamedDefinition at) {
        if (const NamedDefinition* first = known.find(field)) {
          error("Field \"" + std::string(name) + "." + std::string(field) +
                    "\" can only be defined once.",
                {nameLocation(*first), nameLocation(at)});
        } else {
          known.set(field, at);
        }
      };
      for (const ast::FieldDefinition* f : node.fields) {
        check(f->name, {f, &f->description});
      }
      for (const ast::InputValueDefinition* f : node.input_fields) {
        check(f->name, {f, &f->description});
      }
    }
    // UniqueArgumentDefinitionNamesRule.
    if (has_fields) {
      for (const ast::FieldDefinition* f : node.fields) {
        checkArgumentDefinitions(std::string(name) + "." + std::string(f->name), f->arguments);
      }
    }
    // UniqueDirectivesPerLocationRule: a type and its extensions share one location.
    checkUniqueDirectives(node.directives, type_directives_[name]);
    // PossibleTypeExtensionsRule.
    if (node.extension) checkExtension(node);

    for (const ast::Name* iface : node.interfaces) visitTypeName(iface->value, iface->loc, true);
    visitDirectives(node.directives, typeLocation(kind));
    for (const ast::FieldDefinition* f : node.fields) visitFieldDefinition(*f);
    for (const ast::Name* member : node.members) visitTypeName(member->value, member->loc, true);
    for (const ast::EnumValueDefinition* v : node.values) {
      SeenDirectives seen;
      checkUniqueDirectives(v->directives, seen);
      visitDirectives(v->directives, "ENUM_VALUE");
    }
    // graphql-js getDirectiveLocationForASTPath only recognizes an input object *definition* as
    // the parent of an input field; on an extension's fields it answers ARGUMENT_DEFINITION.
    const std::string_view input_location =
        node.extension ? "ARGUMENT_DEFINITION" : "INPUT_FIELD_DEFINITION";
    for (const ast::InputValueDefinition* f : node.input_fields)
      visitInputValue(*f, input_location);
  }

  static std::string_view typeLocation(ast::TypeKind kind) {
    switch (kind) {
      case ast::TypeKind::kScalar: return "SCALAR";
      case ast::TypeKind::kObject: return "OBJECT";
      case ast::TypeKind::kInterface: return "INTERFACE";
      case ast::TypeKind::kUnion: return "UNION";
      case ast::TypeKind::kEnum: return "ENUM";
      case ast::TypeKind::kInputObject: return "INPUT_OBJECT";
    }
    return {};
  }

  void checkArgumentDefinitions(const std::string& parent,
                                ast::List<const ast::InputValueDefinition> arguments) {
    OrderedMap<std::vector<NamedDefinition>> seen;  // graphql-js groupBy
    for (const ast::InputValueDefinition* arg : arguments) {
      seen[arg->name].push_back({arg, &arg->description});
    }
    for (const auto& [arg_name, definitions] : seen.entries()) {
      if (definitions.size() > 1) {
        std::vector<SourceLocation> locations;
        for (const NamedDefinition& d : definitions) locations.push_back(nameLocation(d));
        error(
            "Argument \"" + parent + "(" + std::string(arg_name) + ":)\" can only be defined once.",
            locations);
      }
    }
  }

  void checkExtension(const ast::TypeDefinition& node) {
    const std::string_view name = node.name->value;
    if (const ast::TypeDefinition* const* def = defined_types_.find(name)) {
      if ((*def)->type_kind != node.type_kind) {
        static constexpr std::string_view kKindNames[] = {"scalar", "object", "interface",
                                                          "union",  "enum",   "input object"};
        error("Cannot extend non-" + std::string(kKindNames[static_cast<int>(node.type_kind)]) +
                  " type " + quoted(name) + ".",
              {(*def)->loc, node.loc});
      }
      return;
    }
    std::vector<std::string_view> names;
    for (const auto& entry : defined_types_.entries()) names.push_back(entry.first);
    std::string message = "Cannot extend type " + quoted(name) + " because it is not defined.";
    validation::appendDidYouMean(message, validation::suggestionList(name, names));
    error(std::move(message), {node.name->loc});
  }

  void visitDirectiveDefinition(const ast::DirectiveDefinition& node) {
    checkArgumentDefinitions("@" + std::string(node.name->value), node.arguments);
    // UniqueDirectiveNamesRule.
    if (const ast::Name** first = directive_names_.find(node.name->value)) {
      error("There can be only one directive named \"@" + std::string(node.name->value) + "\".",
            {(*first)->loc, node.name->loc});
    } else {
      directive_names_.set(node.name->value, node.name);
    }
    for (const ast::InputValueDefinition* arg : node.arguments) {
      visitInputValue(*arg, "ARGUMENT_DEFINITION");
    }
  }

  void visitFieldDefinition(const ast::FieldDefinition& node) {
    SeenDirectives seen;
    checkUniqueDirectives(node.directives, seen);
    for (const ast::InputValueDefinition* arg : node.arguments) {
      visitInputValue(*arg, "ARGUMENT_DEFINITION");
    }
    visitType(node.type, true);
    visitDirectives(node.directives, "FIELD_DEFINITION");
  }

  void visitInputValue(const ast::InputValueDefinition& node, std::string_view location) {
    SeenDirectives seen;
    checkUniqueDirectives(node.directives, seen);
    visitType(node.type, true);
    visitValue(node.default_value);
    visitDirectives(node.directives, location);
  }

  // --- Executable definitions ------------------------------------------------------------------

  void visitOperation(const ast::OperationDefinition& node) {
    SeenDirectives seen;
    checkUniqueDirectives(node.directives, seen);
    for (const ast::VariableDefinition* v : node.variables) visitVariable(*v);
    static constexpr std::string_view kLocations[] = {"QUERY", "MUTATION", "SUBSCRIPTION"};
    visitDirectives(node.directives, kLocations[static_cast<int>(node.operation)]);
    visitSelections(node.selection_set);
  }

  void visitFragment(const ast::FragmentDefinition& node) {
    SeenDirectives seen;
    checkUniqueDirectives(node.directives, seen);
    if (node.type_condition != nullptr) {
      visitTypeName(node.type_condition->value, node.type_condition->loc, false);
    }
    visitDirectives(node.directives, "FRAGMENT_DEFINITION");
    visitSelections(node.selection_set);
  }

  void visitVariable(const ast::VariableDefinition& node) {
    SeenDirectives seen;
    checkUniqueDirectives(node.directives, seen);
    visitType(node.type, false);
    visitValue(node.default_value);
    visitDirectives(node.directives, "VARIABLE_DEFINITION");
  }

  void visitSelections(const ast::SelectionSet* set) {
    if (set == nullptr) return;
    for (const ast::Selection* selection : set->selections) {
      if (auto* field = selection->as<ast::Field>()) {
        SeenDirectives seen;
        checkUniqueDirectives(field->directives, seen);
        checkUniqueArguments(field->arguments);
        for (const ast::Argument* arg : field->arguments) visitValue(arg->value);
        visitDirectives(field->directives, "FIELD");
        visitSelections(field->selection_set);
      } else if (auto* spread = selection->as<ast::FragmentSpread>()) {
        SeenDirectives seen;
        checkUniqueDirectives(spread->directives, seen);
        visitDirectives(spread->directives, "FRAGMENT_SPREAD");
      } else if (auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        SeenDirectives seen;
        checkUniqueDirectives(inline_fragment->directives, seen);
        if (const ast::Name* condition = inline_fragment->type_condition) {
          visitTypeName(condition->value, condition->loc, false);
        }
        visitDirectives(inline_fragment->directives, "INLINE_FRAGMENT");
        visitSelections(inline_fragment->selection_set);
      }
    }
  }

  // --- Shared parts ----------------------------------------------------------------------------

  void visitType(const ast::Type* type, bool sdl) {
    if (type == nullptr) return;
    while (type->form != ast::Type::Form::kNamed) type = type->of;
    visitTypeName(type->name, type->loc, sdl);
  }

  // KnownTypeNamesRule. In type-system definitions the standard scalars and introspection types
  // are known without being defined; in executable definitions only the document's own types
  // are (there is no schema yet).
  void visitTypeName(std::string_view name, SourceLocation at, bool sdl) {
    if (defined_types_.find(name) != nullptr) return;
    std::vector<std::string_view> options;
    if (sdl) {
      for (std::string_view standard : kStandardTypeNames) {
        if (standard == name) return;
        options.push_back(standard);
      }
    }
    for (const auto& entry : defined_types_.entries()) options.push_back(entry.first);
    std::string message = "Unknown type " + quoted(name) + ".";
    validation::appendDidYouMean(message, validation::suggestionList(name, options));
    error(std::move(message), {at});
  }

  // UniqueDirectivesPerLocationRule, checked when the node holding the directives is entered.
  void checkUniqueDirectives(ast::List<const ast::Directive> directives, SeenDirectives& seen) {
    for (const ast::Directive* d : directives) {
      DirectiveInfo* info = directives_.find(d->name);
      if (info == nullptr || !info->unique) continue;
      auto [it, inserted] = seen.emplace(d->name, d);
      if (!inserted) {
        error("The directive \"@" + std::string(d->name) +
                  "\" can only be used once at this location.",
              {it->second->loc, d->loc});
      }
    }
  }

  // UniqueArgumentNamesRule.
  void checkUniqueArguments(ast::List<const ast::Argument> arguments) {
    OrderedMap<std::vector<SourceLocation>> seen;
    for (const ast::Argument* arg : arguments) seen[arg->name].push_back(arg->loc);
    for (const auto& [name, locations] : seen.entries()) {
      if (locations.size() > 1) {
        error("There can be only one argument named " + quoted(name) + ".", locations);
      }
    }
  }

  void visitDirectives(ast::List<const ast::Directive> directives, std::string_view location) {
    for (const ast::Directive* d : directives) visitDirective(*d, location);
  }

  void visitDirective(const ast::Directive& node, std::string_view location) {
    const std::string name(node.name);
    DirectiveInfo* info = directives_.find(node.name);
    // KnownDirectivesRule.
    if (info == nullptr) {
      error("Unknown directive \"@" + name + "\".", {node.loc});
    } else {
      bool allowed = false;
      for (std::string_view l : info->locations) allowed = allowed || l == location;
      if (!allowed) {
        error("Directive \"@" + name + "\" may not be used on " + std::string(location) + ".",
              {node.loc});
      }
      // KnownArgumentNamesOnDirectivesRule.
      for (const ast::Argument* arg : node.arguments) {
        bool known = false;
        for (std::string_view a : info->arguments) known = known || a == arg->name;
        if (known) continue;
        std::string message =
            "Unknown argument " + quoted(arg->name) + " on directive \"@" + name + "\".";
        validation::appendDidYouMean(message,
                                     validation::suggestionList(arg->name, info->arguments));
        error(std::move(message), {arg->loc});
      }
    }
    checkUniqueArguments(node.arguments);
    for (const ast::Argument* arg : node.arguments) visitValue(arg->value);
    // ProvidedRequiredArgumentsOnDirectivesRule, on leaving the directive.
    if (info == nullptr) return;
    for (const auto& [arg_name, type] : info->required_arguments.entries()) {
      bool provided = false;
      for (const ast::Argument* arg : node.arguments) provided = provided || arg->name == arg_name;
      if (!provided) {
        error("Directive \"@" + name + "\" argument " + quoted(arg_name) + " of type " +
                  quoted(type) + " is required, but it was not provided.",
              {node.loc});
      }
    }
  }

  // UniqueInputFieldNamesRule: each object value is its own scope.
  void visitValue(const ast::Value* value) {
    if (value == nullptr) return;
    if (value->form == ast::Value::Form::kList) {
      for (const ast::Value* item : value->list) visitValue(item);
    } else if (value->form == ast::Value::Form::kObject) {
      std::unordered_map<std::string_view, SourceLocation> known;
      for (const ast::ObjectField* field : value->fields) {
        auto [it, inserted] = known.emplace(field->name, field->loc);
        if (!inserted) {
          error("There can be only one input field named " + quoted(field->name) + ".",
                {it->second, field->loc});
        }
        visitValue(field->value);
      }
    }
  }

  Schema::Builder& builder_;
  const ast::Document& document_;
  OrderedMap<DirectiveInfo> directives_;
  OrderedMap<const ast::TypeDefinition*> defined_types_;  // the last definition of each name
  int schema_definitions_ = 0;
  const ast::OperationTypeDefinition* operation_types_[3] = {};
  OrderedMap<const ast::Name*> type_names_;
  OrderedMap<const ast::Name*> directive_names_;
  OrderedMap<OrderedMap<NamedDefinition>> enum_values_;
  OrderedMap<OrderedMap<NamedDefinition>> field_names_;
  SeenDirectives schema_directives_;
  OrderedMap<SeenDirectives> type_directives_;
};

}  // namespace

void Schema::Builder::validateSdl(const ast::Document& document) {
  SdlRules(*this, document, *schema.documents_.front()).run();
}

}  // namespace plexus::graphql
