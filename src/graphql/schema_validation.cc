// graphql-js validateSchema (type/validate.ts): the type-system rules of GraphQL spec §3 that the
// SDL rules cannot see, checked on the built schema. Errors come in graphql-js's order: root
// types, then directives, then every type in type-map order; messages and the nodes they point
// at are graphql-js's (a definition's position includes its description, as graphql-js's
// astNode does).
//
// Before that, the few errors graphql-js's buildASTSchema itself throws: it reads @deprecated
// and @specifiedBy with getDirectiveValues, which rejects an argument literal of the wrong type.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/graphql/printer.h"
#include "src/graphql/schema_builder.h"
#include "src/graphql/values.h"

namespace plexus::graphql {
namespace {

using ast::SourceLocation;

bool reservedName(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

std::string str(std::string_view s) { return std::string(s); }

const ast::Directive* findDirective(ast::List<const ast::Directive> directives,
                                    std::string_view name) {
  for (const ast::Directive* d : directives) {
    if (d->name == name) return d;
  }
  return nullptr;
}

// graphql-js stores an input value's default as valueFromAST(literal, type): undefined, as if
// there were none, when the type rejects the literal (`Int! = null`, `Int = "a"`).
bool hasDefault(const Schema& schema, const InputValue& value) {
  return value.default_value != nullptr &&
         valueFromAst(schema, value.default_value, value.type, nullptr).has_value();
}

class SchemaRules {
 public:
  explicit SchemaRules(Schema::Builder& builder) : builder_(builder), schema_(builder.schema) {}

  // buildASTSchema's own failures; false when it would have thrown.
  bool checkBuildValues() {
    // Enum values and scalars are built eagerly, in definition order; directive arguments next;
    // fields and input fields last, when GraphQLSchema's constructor resolves their thunks (an
    // input object's thunk runs earlier when a default value needs its fields).
    for (const NamedType* type : userTypes()) {
      if (type->kind == TypeKind::kEnum) {
        for (const EnumValue& value : type->values) {
          if (!checkDeprecated(value.node->directives)) return false;
        }
      } else if (type->kind == TypeKind::kScalar) {
        if (!checkSpecifiedBy(*type->nodes.front())) return false;
      }
    }
    for (const DirectiveDef* directive : schema_.directives()) {
      if (directive->builtin) continue;
      for (const InputValue& arg : directive->arguments) {
        if (!checkInputValue(arg)) return false;
      }
    }
    for (const NamedType* type : userTypes()) {
      for (const FieldDef& field : type->fields) {
        for (const InputValue& arg : field.arguments) {
          if (!checkInputValue(arg)) return false;
        }
        if (!checkDeprecated(field.node->directives)) return false;
      }
      if (type->kind == TypeKind::kInputObject && !checkInputFields(*type)) return false;
    }
    return true;
  }

  bool hasDefault(const InputValue& value) const { return graphql::hasDefault(schema_, value); }
  // graphql-js isRequiredArgument / isRequiredInputField.
  bool isRequired(const InputValue& value) const {
    return value.type->isNonNull() && !hasDefault(value);
  }

  void run() {
    validateRootTypes();
    validateDirectives();
    validateTypes();
  }

 private:
  void error(std::string message, std::vector<SourceLocation> locations) {
    builder_.error(std::move(message), std::move(locations));
  }

  // The SDL's types in definition order (the builtins the SDL redefined are not among them).
  std::vector<const NamedType*> userTypes() const {
    std::vector<const NamedType*> out;
    for (const ast::TypeDefinition* def : builder_.type_definitions) {
      const NamedType* type = schema_.type(def->name->value);
      if (type != nullptr && !type->builtin && type->nodes.front() == def) out.push_back(type);
    }
    return out;
  }

  // graphql-js getArgumentValues on a literal argument of type String (or String!).
  bool checkStringArgument(const ast::Directive& directive, std::string_view name, bool non_null) {
    const ast::Argument* argument = nullptr;
    for (const ast::Argument* a : directive.arguments) {
      if (a->name == name) argument = a;  // keyMap: the last one wins
    }
    const std::string type = non_null ? "String!" : "String";
    if (argument == nullptr) {
      if (!non_null) return true;
      error("Argument \"" + str(name) + "\" of required type \"" + type + "\" was not provided.",
            {directive.loc});
      return false;
    }
    const ast::Value* value = argument->value;
    if (value->form == ast::Value::Form::kNull) {
      if (!non_null) return true;
      error("Argument \"" + str(name) + "\" of non-null type \"" + type + "\" must not be null.",
            {value->loc});
      return false;
    }
    if (value->form == ast::Value::Form::kString) return true;
    error("Argument \"" + str(name) + "\" has invalid value " + print(*value) + ".", {value->loc});
    return false;
  }

  // graphql-js buildArgumentMap / buildInputFieldMap: the default value, then @deprecated.
  bool checkInputValue(const InputValue& value) {
    if (value.default_value != nullptr) {
      const NamedType* unexpected = nullptr;
      if (!checkDefault(value.default_value, value.type, unexpected)) return false;
      if (unexpected != nullptr) {
        // graphql-js valueFromAST's invariant: a plain Error, with no location.
        error("Unexpected input type: " + str(unexpected->name), {});
        return false;
      }
    }
    return checkDeprecated(value.node->directives);
  }

  // An input object's fields thunk, run at most once.
  bool checkInputFields(const NamedType& type) {
    if (!built_inputs_.insert(&type).second) return true;
    for (const InputValue& field : type.input_fields) {
      if (!checkInputValue(field)) return false;
    }
    return true;
  }

  // graphql-js valueFromAST(literal, type), for what it may throw: `unexpected` is set to the
  // first non-input type a literal reaches; false when resolving an input object's fields
  // failed first.
  bool checkDefault(const ast::Value* literal, const ast::Type* type,
                    const NamedType*& unexpected) {
    using Form = ast::Value::Form;
    if (type->isNonNull()) {
      return literal->form == Form::kNull || checkDefault(literal, type->of, unexpected);
    }
    if (literal->form == Form::kNull) return true;
    if (type->isList()) {
      if (literal->form != Form::kList) return checkDefault(literal, type->of, unexpected);
      for (const ast::Value* item : literal->list) {
        if (!checkDefault(item, type->of, unexpected)) return false;
        // An invalid item ends the coercion there.
        if (unexpected != nullptr || !valueFromAst(schema_, item, type->of, nullptr)) return true;
      }
      return true;
    }
    const NamedType* named = schema_.type(type->name);
    if (named->kind == TypeKind::kInputObject) {
      if (literal->form != Form::kObject) return true;
      if (!checkInputFields(*named)) return false;
      for (const InputValue& field : named->input_fields) {
        const ast::ObjectField* node = nullptr;
        for (const ast::ObjectField* f : literal->fields) {
          if (f->name == field.name) node = f;
        }
        if (node == nullptr) {
          if (field.type->isNonNull() && !hasDefault(field)) return true;
          continue;
        }
        if (!checkDefault(node->value, field.type, unexpected)) return false;
        if (unexpected != nullptr || !valueFromAst(schema_, node->value, field.type, nullptr)) {
          return true;
        }
      }
      return true;
    }
    if (!named->isLeaf()) unexpected = named;
    return true;
  }

  bool checkDeprecated(ast::List<const ast::Directive> directives) {
    const ast::Directive* d = findDirective(directives, "deprecated");
    return d == nullptr || checkStringArgument(*d, "reason", false);
  }

  bool checkSpecifiedBy(const ast::TypeDefinition& definition) {
    const ast::Directive* d = findDirective(definition.directives, "specifiedBy");
    return d == nullptr || checkStringArgument(*d, "url", true);
  }

  // --- Root types ------------------------------------------------------------------------------

  // The schema definition (not an extension), graphql-js schema.astNode.
  const ast::SchemaDefinition* schemaNode() const {
    const ast::SchemaDefinition* node = nullptr;
    for (const ast::SchemaDefinition* s : builder_.schema_definitions) {
      if (!s->extension) node = s;
    }
    return node;
  }

  // graphql-js getOperationTypeNode: the first `operation: Type` of the schema definition, then
  // of its extensions; else the root type's own definition.
  SourceLocation rootLocation(ast::OperationType operation, const NamedType* type) const {
    std::vector<const ast::SchemaDefinition*> nodes;
    if (const ast::SchemaDefinition* s = schemaNode()) nodes.push_back(s);
    for (const ast::SchemaDefinition* s : builder_.schema_definitions) {
      if (s->extension) nodes.push_back(s);
    }
    for (const ast::SchemaDefinition* s : nodes) {
      for (const ast::OperationTypeDefinition* op : s->operation_types) {
        if (op->operation == operation) return op->type->loc;
      }
    }
    return type->nodes.front()->loc;
  }

  void validateRootTypes() {
    const NamedType* query = schema_.queryType();
    if (query == nullptr) {
      const ast::SchemaDefinition* node = schemaNode();
      std::vector<SourceLocation> at;
      if (node != nullptr) at.push_back(node->loc);
      error("Query root type must be provided.", std::move(at));
    } else if (query->kind != TypeKind::kObject) {
      error("Query root type must be Object type, it cannot be " + str(query->name) + ".",
            {rootLocation(ast::OperationType::kQuery, query)});
    }
    const NamedType* mutation = schema_.mutationType();
    if (mutation != nullptr && mutation->kind != TypeKind::kObject) {
      error("Mutation root type must be Object type if provided, it cannot be " +
                str(mutation->name) + ".",
            {rootLocation(ast::OperationType::kMutation, mutation)});
    }
    const NamedType* subscription = schema_.subscriptionType();
    if (subscription != nullptr && subscription->kind != TypeKind::kObject) {
      error("Subscription root type must be Object type if provided, it cannot be " +
                str(subscription->name) + ".",
            {rootLocation(ast::OperationType::kSubscription, subscription)});
    }
  }

  // --- Directives ------------------------------------------------------------------------------

  void validateName(std::string_view name, const ast::Node& node) {
    if (reservedName(name)) {
      error("Name \"" + str(name) +
                "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
            {node.loc});
    }
  }

  // "Required argument X cannot be deprecated." at the @deprecated and the argument's type.
  void checkRequiredNotDeprecated(const InputValue& value, const std::string& message) {
    if (!isRequired(value) || !value.deprecation_reason.has_value()) return;
    std::vector<SourceLocation> at;
    if (const ast::Directive* d = findDirective(value.node->directives, "deprecated")) {
      at.push_back(d->loc);
    }
    at.push_back(value.node->type->loc);
    error(message, std::move(at));
  }

  void validateDirectives() {
    for (const DirectiveDef* directive : schema_.directives()) {
      if (directive->builtin) continue;  // the specified directives are valid
      const std::string name = str(directive->name);
      validateName(directive->name, *directive->node);
      for (const InputValue& arg : directive->arguments) {
        validateName(arg.name, *arg.node);
        if (!arg.named_type->isInputType()) {
          error("The type of @" + name + "(" + str(arg.name) +
                    ":) must be Input Type but got: " + types::print(arg.type) + ".",
                {arg.node->loc});  // the argument, where fields' arguments point at the type
        }
        checkRequiredNotDeprecated(
            arg, "Required argument @" + name + "(" + str(arg.name) + ":) cannot be deprecated.");
      }
    }
  }

  // --- Types -----------------------------------------------------------------------------------

  static std::vector<SourceLocation> nodeLocations(const NamedType& type) {
    std::vector<SourceLocation> out;
    for (const ast::TypeDefinition* node : type.nodes) out.push_back(node->loc);
    return out;
  }

  // graphql-js getAllImplementsInterfaceNodes.
  static std::vector<SourceLocation> implementsLocations(const NamedType& type,
                                                         std::string_view iface) {
    std::vector<SourceLocation> out;
    for (const ast::TypeDefinition* node : type.nodes) {
      for (const ast::Name* n : node->interfaces) {
        if (n->value == iface) out.push_back(n->loc);
      }
    }
    return out;
  }

  // graphql-js getUnionMemberTypeNodes.
  static std::vector<SourceLocation> memberLocations(const NamedType& type,
                                                     std::string_view member) {
    std::vector<SourceLocation> out;
    for (const ast::TypeDefinition* node : type.nodes) {
      for (const ast::Name* n : node->members) {
        if (n->value == member) out.push_back(n->loc);
      }
    }
    return out;
  }

  void validateTypes() {
    for (const NamedType* type : schema_.types()) {
      if (type->builtin) continue;  // the specified scalars and introspection types are valid
      validateName(type->name, *type->nodes.front());
      switch (type->kind) {
        case TypeKind::kObject:
        case TypeKind::kInterface:
          validateFields(*type);
          validateInterfaces(*type);
          break;
        case TypeKind::kUnion: validateUnionMembers(*type); break;
        case TypeKind::kEnum: validateEnumValues(*type); break;
        case TypeKind::kInputObject:
          validateInputFields(*type);
          detectInputCycles(*type);
          break;
        case TypeKind::kScalar: break;
      }
    }
  }

  void validateFields(const NamedType& type) {
    const std::string type_name = str(type.name);
    if (type.fields.empty()) {
      error("Type " + type_name + " must define one or more fields.", nodeLocations(type));
    }
    for (const FieldDef& field : type.fields) {
      const std::string field_name = type_name + "." + str(field.name);
      validateName(field.name, *field.node);
      if (!field.named_type->isOutputType()) {
        error("The type of " + field_name +
                  " must be Output Type but got: " + types::print(field.type) + ".",
              {field.type->loc});
      }
      for (const InputValue& arg : field.arguments) {
        const std::string arg_name = field_name + "(" + str(arg.name) + ":)";
        validateName(arg.name, *arg.node);
        if (!arg.named_type->isInputType()) {
          error("The type of " + arg_name +
                    " must be Input Type but got: " + types::print(arg.type) + ".",
                {arg.type->loc});
        }
        checkRequiredNotDeprecated(arg, "Required argument " + arg_name + " cannot be deprecated.");
      }
    }
  }

  void validateInterfaces(const NamedType& type) {
    std::unordered_set<std::string_view> seen;
    for (const NamedType* iface : type.interfaces) {
      if (iface->kind != TypeKind::kInterface) {
        error("Type " + str(type.name) +
                  " must only implement Interface types, it cannot implement " + str(iface->name) +
                  ".",
              implementsLocations(type, iface->name));
        continue;
      }
      if (iface == &type) {
        error("Type " + str(type.name) +
                  " cannot implement itself because it would create a circular reference.",
              implementsLocations(type, iface->name));
        continue;
      }
      if (!seen.insert(iface->name).second) {
        error("Type " + str(type.name) + " can only implement " + str(iface->name) + " once.",
              implementsLocations(type, iface->name));
        continue;
      }
      validateImplementsAncestors(type, *iface);
      validateImplementsInterface(type, *iface);
    }
  }

  void validateImplementsAncestors(const NamedType& type, const NamedType& iface) {
    for (const NamedType* transitive : iface.interfaces) {
      bool implemented = false;
      for (const NamedType* t : type.interfaces) implemented = implemented || t == transitive;
      if (implemented) continue;
      std::vector<SourceLocation> at = implementsLocations(iface, transitive->name);
      for (SourceLocation l : implementsLocations(type, iface.name)) at.push_back(l);
      error(transitive == &type
                ? "Type " + str(type.name) + " cannot implement " + str(iface.name) +
                      " because it would create a circular reference."
                : "Type " + str(type.name) + " must implement " + str(transitive->name) +
                      " because it is implemented by " + str(iface.name) + ".",
            std::move(at));
    }
  }

  void validateImplementsInterface(const NamedType& type, const NamedType& iface) {
    const std::string type_name = str(type.name);
    const std::string iface_name = str(iface.name);
    for (const FieldDef& iface_field : iface.fields) {
      const std::string field_name = str(iface_field.name);
      const FieldDef* type_field = type.field(iface_field.name);
      if (type_field == nullptr) {
        std::vector<SourceLocation> at{iface_field.node->loc};
        for (SourceLocation l : nodeLocations(type)) at.push_back(l);
        error("Interface field " + iface_name + "." + field_name + " expected but " + type_name +
                  " does not provide it.",
              std::move(at));
        continue;
      }
      if (!types::isSubTypeOf(schema_, type_field->type, iface_field.type)) {
        error("Interface field " + iface_name + "." + field_name + " expects type " +
                  types::print(iface_field.type) + " but " + type_name + "." + field_name +
                  " is type " + types::print(type_field->type) + ".",
              {iface_field.type->loc, type_field->type->loc});
      }
      for (const InputValue& iface_arg : iface_field.arguments) {
        const std::string arg_name = str(iface_arg.name);
        const InputValue* type_arg = type_field->argument(iface_arg.name);
        if (type_arg == nullptr) {
          error("Interface field argument " + iface_name + "." + field_name + "(" + arg_name +
                    ":) expected but " + type_name + "." + field_name + " does not provide it.",
                {iface_arg.node->loc, type_field->node->loc});
          continue;
        }
        if (!types::isEqual(iface_arg.type, type_arg->type)) {
          error("Interface field argument " + iface_name + "." + field_name + "(" + arg_name +
                    ":) expects type " + types::print(iface_arg.type) + " but " + type_name + "." +
                    field_name + "(" + arg_name + ":) is type " + types::print(type_arg->type) +
                    ".",
                {iface_arg.type->loc, type_arg->type->loc});
        }
      }
      for (const InputValue& type_arg : type_field->arguments) {
        if (iface_field.argument(type_arg.name) != nullptr || !isRequired(type_arg)) continue;
        error("Object field " + type_name + "." + field_name + " includes required argument " +
                  str(type_arg.name) + " that is missing from the Interface field " + iface_name +
                  "." + field_name + ".",
              {type_arg.node->loc, iface_field.node->loc});
      }
    }
  }

  void validateUnionMembers(const NamedType& type) {
    const std::string name = str(type.name);
    if (type.members.empty()) {
      error("Union type " + name + " must define one or more member types.", nodeLocations(type));
    }
    std::unordered_set<std::string_view> seen;
    for (const NamedType* member : type.members) {
      if (!seen.insert(member->name).second) {
        error("Union type " + name + " can only include type " + str(member->name) + " once.",
              memberLocations(type, member->name));
        continue;
      }
      if (member->kind != TypeKind::kObject) {
        error("Union type " + name + " can only include Object types, it cannot include " +
                  str(member->name) + ".",
              memberLocations(type, member->name));
      }
    }
  }

  void validateEnumValues(const NamedType& type) {
    if (type.values.empty()) {
      error("Enum type " + str(type.name) + " must define one or more values.",
            nodeLocations(type));
    }
    for (const EnumValue& value : type.values) validateName(value.name, *value.node);
  }

  void validateInputFields(const NamedType& type) {
    const std::string name = str(type.name);
    if (type.input_fields.empty()) {
      error("Input Object type " + name + " must define one or more fields.", nodeLocations(type));
    }
    for (const InputValue& field : type.input_fields) {
      const std::string field_name = name + "." + str(field.name);
      validateName(field.name, *field.node);
      if (!field.named_type->isInputType()) {
        error("The type of " + field_name +
                  " must be Input Type but got: " + types::print(field.type) + ".",
              {field.type->loc});
      }
      checkRequiredNotDeprecated(field,
                                 "Required input field " + field_name + " cannot be deprecated.");
      if (type.one_of) {
        if (field.type->isNonNull()) {
          error("OneOf input field " + field_name + " must be nullable.", {field.type->loc});
        }
        if (hasDefault(field)) {
          error("OneOf input field " + field_name + " cannot have a default value.",
                {field.node->loc});
        }
      }
    }
  }

  // graphql-js createInputObjectCircularRefsValidator: a depth-first search along non-null
  // input-object fields, sharing `visited_inputs_` across types so each cycle is reported once.
  void detectInputCycles(const NamedType& type) {
    if (!visited_inputs_.insert(&type).second) return;
    path_index_[&type] = field_path_.size();
    for (const InputValue& field : type.input_fields) {
      if (!field.type->isNonNull() || field.type->of->form != ast::Type::Form::kNamed ||
          field.named_type->kind != TypeKind::kInputObject) {
        continue;
      }
      const NamedType& field_type = *field.named_type;
      field_path_.push_back(&field);
      auto cycle = path_index_.find(&field_type);
      if (cycle == path_index_.end()) {
        detectInputCycles(field_type);
      } else {
        std::string path;
        std::vector<SourceLocation> at;
        for (size_t i = cycle->second; i < field_path_.size(); ++i) {
          if (!path.empty()) path += '.';
          path += field_path_[i]->name;
          at.push_back(field_path_[i]->node->loc);
        }
        error("Cannot reference Input Object \"" + str(field_type.name) +
                  "\" within itself through a series of non-null fields: \"" + path + "\".",
              std::move(at));
      }
      field_path_.pop_back();
    }
    path_index_.erase(&type);
  }

  Schema::Builder& builder_;
  Schema& schema_;
  std::unordered_set<const NamedType*> built_inputs_;
  std::unordered_set<const NamedType*> visited_inputs_;
  std::vector<const InputValue*> field_path_;
  std::unordered_map<const NamedType*, size_t> path_index_;
};

}  // namespace

void Schema::Builder::validateSchema() {
  SchemaRules rules(*this);
  if (rules.checkBuildValues()) rules.run();
}

}  // namespace plexus::graphql
