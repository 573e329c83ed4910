// Mirrors @apollo/federation-internals specs/inaccessibleSpec.ts: removeInaccessibleElements'
// preconditions and validateInaccessibleElements, check for check and message for message.
#include "src/federation/inaccessible.h"

#include <unordered_map>

#include "src/federation/supergraph.h"

namespace plexus::federation {
namespace {

namespace ast = graphql::ast;
using graphql::DirectiveLocation;
using graphql::EnumValue;
using graphql::FieldDef;
using graphql::InputValue;
using graphql::NamedType;
using graphql::TypeKind;

// An element that references a type, or that uses an input field / enum value in a default.
struct Referencer {
  std::string coordinate;
  bool in_api = true;
};

class Validator {
 public:
  Validator(const Supergraph& supergraph, std::string_view source_name)
      : s_(supergraph),
        schema_(supergraph.schema()),
        source_name_(source_name),
        name_(supergraph.inaccessibleDirectiveName()) {}

  std::vector<std::string> run() {
    const Link* link = s_.links().find(kInaccessibleIdentity);
    if (link == nullptr) return {};
    const FeatureVersion version = link->url.version;
    if (version != FeatureVersion{0, 1} && version != FeatureVersion{0, 2}) {
      error(link->location,
            "Cannot remove inaccessible elements: the schema uses unsupported "
            "inaccessible spec version " +
                version.toString() + " (supported versions: v0.1, v0.2)");
      return errors_;
    }
    const bool v01 = version == FeatureVersion{0, 1};
    const graphql::DirectiveDef* definition = schema_.directive(name_);
    if (definition == nullptr || definition->builtin) {
      error(link->location, "Invalid schema: declares " + link->url.toString() +
                                " spec but does not define a @" + name_ + " directive.");
      return errors_;
    }
    if (!compatible(*definition, v01)) {
      std::string printed =
          "directive @inaccessible on FIELD_DEFINITION | INTERFACE | OBJECT | UNION";
      if (!v01) {
        printed +=
            " | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | "
            "INPUT_FIELD_DEFINITION";
      }
      error(definition->node->loc,
            "Found invalid @inaccessible directive definition. Please ensure the directive "
            "definition in your schema's definitions matches the following: " +
                printed);
      return errors_;
    }
    collectReferencers(!v01);
    for (const NamedType* type : schema_.types()) {
      if (!type->builtin) checkType(*type);
    }
    for (const graphql::DirectiveDef* directive : schema_.directives()) {
      if (!directive->builtin) checkDirective(*directive);
    }
    return errors_;
  }

 private:
  void error(ast::SourceLocation loc, std::string message) {
    errors_.push_back(std::string(source_name_) + ":" + std::to_string(loc.line) + ":" +
                      std::to_string(loc.column) + ": " + std::move(message));
  }

  static bool compatible(const graphql::DirectiveDef& d, bool v01) {
    if (!d.arguments.empty() || d.repeatable) return false;
    for (DirectiveLocation l : d.locations) {
      const bool v01_location =
          l == DirectiveLocation::kFieldDefinition || l == DirectiveLocation::kObject ||
          l == DirectiveLocation::kInterface || l == DirectiveLocation::kUnion;
      const bool v02_location =
          l == DirectiveLocation::kArgumentDefinition || l == DirectiveLocation::kScalar ||
          l == DirectiveLocation::kEnum || l == DirectiveLocation::kEnumValue ||
          l == DirectiveLocation::kInputObject || l == DirectiveLocation::kInputFieldDefinition;
      if (!v01_location && (v01 || !v02_location)) return false;
    }
    return true;
  }

  bool has(ast::List<const ast::Directive> directives) const {
    for (const ast::Directive* d : directives) {
      if (d->name == name_) return true;
    }
    return false;
  }
  bool inaccessible(const NamedType& type) const {
    for (const ast::TypeDefinition* node : type.nodes) {
      if (has(node->directives)) return true;
    }
    return false;
  }
  bool inaccessible(const FieldDef& f) const {
    return f.node != nullptr && has(f.node->directives);
  }
  bool inaccessible(const InputValue& v) const {
    return v.node != nullptr && has(v.node->directives);
  }
  bool inaccessible(const EnumValue& v) const {
    return v.node != nullptr && has(v.node->directives);
  }

  bool inApi(const NamedType& parent, const FieldDef& f) const {
    return !inaccessible(f) && !inaccessible(parent);
  }
  static bool isRequired(const InputValue& v) {
    return v.type->isNonNull() && v.default_value == nullptr;
  }
  static ast::SourceLocation locationOf(const NamedType& type) {
    return type.nodes.empty() ? ast::SourceLocation{} : type.nodes.front()->loc;
  }

  // Anything inaccessible inside a type (fetchInaccessibleElementsDeep is not empty)?
  bool anyInaccessible(const NamedType& type) const {
    if (inaccessible(type)) return true;
    for (const FieldDef& f : type.fields) {
      if (inaccessible(f)) return true;
      for (const InputValue& a : f.arguments) {
        if (inaccessible(a)) return true;
      }
    }
    for (const InputValue& f : type.input_fields) {
      if (inaccessible(f)) return true;
    }
    for (const EnumValue& v : type.values) {
      if (inaccessible(v)) return true;
    }
    return false;
  }

  // Type references (type.referencers() restricted to fields, arguments and input fields) and
  // default-value references (computeDefaultValueReferencers).
  void collectReferencers(bool defaults) {
    auto reference = [this](const ast::Type* type, Referencer r) {
      if (const NamedType* t = schema_.type(type->namedType())) type_referencers_[t].push_back(r);
    };
    for (const NamedType* type : schema_.types()) {
      if (type->builtin) continue;
      const std::string name(type->name);
      for (const FieldDef& f : type->fields) {
        const std::string field = name + "." + std::string(f.name);
        reference(f.type, {field, inApi(*type, f)});
        for (const InputValue& a : f.arguments) {
          Referencer r{field + "(" + std::string(a.name) + ":)",
                       !inaccessible(a) && inApi(*type, f)};
          reference(a.type, r);
          if (defaults) addValueReferences(a.default_value, a.type, r);
        }
      }
      for (const InputValue& f : type->input_fields) {
        Referencer r{name + "." + std::string(f.name), !inaccessible(f) && !inaccessible(*type)};
        reference(f.type, r);
        if (defaults) addValueReferences(f.default_value, f.type, r);
      }
    }
    for (const graphql::DirectiveDef* d : schema_.directives()) {
      if (d->builtin) continue;
      for (const InputValue& a : d->arguments) {
        Referencer r{"@" + std::string(d->name) + "(" + std::string(a.name) + ":)",
                     !inaccessible(a)};
        reference(a.type, r);
        if (defaults) addValueReferences(a.default_value, a.type, r);
      }
    }
  }

  void addValueReferences(const ast::Value* value, const ast::Type* type, const Referencer& r) {
    if (value == nullptr || value->form == ast::Value::Form::kNull) return;
    if (type->isNonNull()) return addValueReferences(value, type->of, r);
    if (type->isList()) {
      if (value->form == ast::Value::Form::kList) {
        for (const ast::Value* item : value->list) addValueReferences(item, type->of, r);
        return;
      }
      return addValueReferences(value, type->of, r);
    }
    const NamedType* named = schema_.type(type->name);
    if (named == nullptr || named->kind == TypeKind::kScalar) return;
    if (value->form == ast::Value::Form::kObject && named->kind == TypeKind::kInputObject) {
      for (const InputValue& field : named->input_fields) {
        for (const ast::ObjectField* given : value->fields) {
          if (given->name != field.name) continue;
          value_referencers_[&field].push_back(r);
          addValueReferences(given->value, field.type, r);
          break;
        }
      }
    } else if ((value->form == ast::Value::Form::kEnum ||
                value->form == ast::Value::Form::kString) &&
               named->kind == TypeKind::kEnum) {
      if (const EnumValue* v = named->value(value->text)) value_referencers_[v].push_back(r);
    }
  }

  void checkType(const NamedType& type) {
    const std::string name(type.name);
    if (s_.links().isFeatureType(type.name)) {
      if (anyInaccessible(type)) {
        error(locationOf(type), "Core feature type \"" + name + "\" cannot use @inaccessible.");
      }
      return;
    }
    if (inaccessible(type)) {
      for (const Referencer& r : type_referencers_[&type]) {
        if (r.in_api) {
          error(locationOf(type), "Type \"" + name + "\" is @inaccessible but is referenced by \"" +
                                      r.coordinate + "\", which is in the API schema.");
        }
      }
      if (schema_.queryType() == &type) {
        error(locationOf(type), "Type \"" + name +
                                    "\" is @inaccessible but is the root query "
                                    "type, which must be in the API schema.");
      }
      return;
    }
    checkChildren(type, name);
    if (type.kind == TypeKind::kObject || type.kind == TypeKind::kInterface) {
      checkFields(type, name);
    } else if (type.kind == TypeKind::kInputObject) {
      for (const InputValue& f : type.input_fields) {
        if (!inaccessible(f)) continue;
        const std::string coordinate = name + "." + std::string(f.name);
        if (isRequired(f)) {
          error(f.node->loc, "Input field \"" + coordinate +
                                 "\" is @inaccessible but is a "
                                 "required input field of its type.");
        }
        for (const Referencer& r : value_referencers_[&f]) {
          if (r.in_api) {
            error(locationOf(type), "Input field \"" + coordinate +
                                        "\" is @inaccessible but is "
                                        "used in the default value of \"" +
                                        r.coordinate + "\", which is in the API schema.");
          }
        }
      }
    } else if (type.kind == TypeKind::kEnum) {
      for (const EnumValue& v : type.values) {
        if (!inaccessible(v)) continue;
        for (const Referencer& r : value_referencers_[&v]) {
          if (r.in_api) {
            error(locationOf(type), "Enum value \"" + name + "." + std::string(v.name) +
                                        "\" is @inaccessible but is used in the default value "
                                        "of \"" +
                                        r.coordinate + "\", which is in the API schema.");
          }
        }
      }
    }
  }

  // ONLY_INACCESSIBLE_CHILDREN
  void checkChildren(const NamedType& type, const std::string& name) {
    bool empty = true;
    std::string_view what;
    switch (type.kind) {
      case TypeKind::kObject:
      case TypeKind::kInterface:
        what = "fields";
        for (const FieldDef& f : type.fields) empty = empty && inaccessible(f);
        break;
      case TypeKind::kInputObject:
        what = "input fields";
        for (const InputValue& f : type.input_fields) empty = empty && inaccessible(f);
        break;
      case TypeKind::kUnion:
        what = "members";
        for (const NamedType* m : type.members) empty = empty && inaccessible(*m);
        break;
      case TypeKind::kEnum:
        what = "values";
        for (const EnumValue& v : type.values) empty = empty && inaccessible(v);
        break;
      case TypeKind::kScalar: return;
    }
    if (empty) {
      error(locationOf(type), "Type \"" + name + "\" is in the API schema but all of its " +
                                  std::string(what) + " are @inaccessible.");
    }
  }

  void checkFields(const NamedType& type, const std::string& name) {
    std::vector<const NamedType*> implementing;
    if (type.kind == TypeKind::kInterface) {
      implementing = schema_.implementations(&type, false);
      for (const NamedType* t : schema_.implementations(&type, true)) implementing.push_back(t);
    }
    for (const FieldDef& f : type.fields) {
      const std::string coordinate = name + "." + std::string(f.name);
      if (inaccessible(f)) {
        for (const NamedType* iface : type.interfaces) {
          const FieldDef* implemented = iface->field(f.name);
          if (implemented != nullptr && inApi(*iface, *implemented)) {
            error(f.node->loc, "Field \"" + coordinate +
                                   "\" is @inaccessible but implements the "
                                   "interface field \"" +
                                   std::string(iface->name) + "." + std::string(f.name) +
                                   "\", which is in the API schema.");
          }
        }
        continue;
      }
      for (const InputValue& a : f.arguments) {
        if (!inaccessible(a)) continue;
        const std::string arg = coordinate + "(" + std::string(a.name) + ":)";
        if (isRequired(a)) {
          error(a.node->loc, "Argument \"" + arg +
                                 "\" is @inaccessible but is a required "
                                 "argument of its field.");
        }
        for (const NamedType* impl : implementing) {
          const FieldDef* field = impl->field(f.name);
          const InputValue* implementing_arg = field ? field->argument(a.name) : nullptr;
          if (implementing_arg != nullptr && !inaccessible(*implementing_arg) &&
              inApi(*impl, *field) && isRequired(*implementing_arg)) {
            error(a.node->loc, "Argument \"" + arg +
                                   "\" is @inaccessible but is implemented by "
                                   "the required argument \"" +
                                   std::string(impl->name) + "." + std::string(f.name) + "(" +
                                   std::string(a.name) + ":)\", which is in the API schema.");
          }
        }
        for (const NamedType* iface : type.interfaces) {
          const FieldDef* field = iface->field(f.name);
          const InputValue* implemented = field ? field->argument(a.name) : nullptr;
          if (implemented != nullptr && !inaccessible(*implemented) && inApi(*iface, *field)) {
            error(a.node->loc, "Argument \"" + arg +
                                   "\" is @inaccessible but implements the "
                                   "interface argument \"" +
                                   std::string(iface->name) + "." + std::string(f.name) + "(" +
                                   std::string(a.name) + ":)\", which is in the API schema.");
          }
        }
      }
    }
  }

  void checkDirective(const graphql::DirectiveDef& d) {
    bool any = false;
    for (const InputValue& a : d.arguments) any = any || inaccessible(a);
    const std::string name = "@" + std::string(d.name);
    if (s_.links().isFeatureDirective(d.name)) {
      if (any)
        error(d.node->loc, "Core feature directive \"" + name + "\" cannot use @inaccessible.");
      return;
    }
    std::string type_system;
    for (DirectiveLocation l : d.locations) {
      if (l < DirectiveLocation::kSchema) continue;
      if (!type_system.empty()) type_system += ", ";
      type_system += graphql::directiveLocationName(l);
    }
    if (!type_system.empty()) {
      if (any) {
        error(d.node->loc, "Directive \"" + name +
                               "\" cannot use @inaccessible because it may "
                               "be applied to these type-system locations: " +
                               type_system + ".");
      }
      return;
    }
    for (const InputValue& a : d.arguments) {
      if (isRequired(a) && inaccessible(a)) {
        error(a.node->loc, "Argument \"" + name + "(" + std::string(a.name) +
                               ":)\" is "
                               "@inaccessible but is a required argument of its directive.");
      }
    }
  }

  const Supergraph& s_;
  const graphql::Schema& schema_;
  std::string_view source_name_;
  std::string name_;
  std::vector<std::string> errors_;
  std::unordered_map<const NamedType*, std::vector<Referencer>> type_referencers_;
  std::unordered_map<const void*, std::vector<Referencer>> value_referencers_;
};

}  // namespace

std::vector<std::string> validateInaccessible(const Supergraph& supergraph,
                                              std::string_view source_name) {
  return Validator(supergraph, source_name).run();
}

}  // namespace plexus::federation
