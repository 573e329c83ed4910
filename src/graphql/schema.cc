// Schema lookups and the type predicates of graphql-js (type/definition.ts,
// utilities/typeComparators.ts).
#include "src/graphql/schema.h"

namespace plexus::graphql {

const InputValue* FieldDef::argument(std::string_view arg_name) const {
  for (const InputValue& arg : arguments) {
    if (arg.name == arg_name) return &arg;
  }
  return nullptr;
}

const FieldDef* NamedType::field(std::string_view field_name) const {
  auto it = field_index.find(field_name);
  return it == field_index.end() ? nullptr : &fields[it->second];
}

const InputValue* NamedType::inputField(std::string_view field_name) const {
  for (const InputValue& f : input_fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const EnumValue* NamedType::value(std::string_view value_name) const {
  for (const EnumValue& v : values) {
    if (v.name == value_name) return &v;
  }
  return nullptr;
}

std::string_view directiveLocationName(DirectiveLocation location) {
  return ast::directiveLocationNames()[static_cast<size_t>(location)];
}

std::optional<DirectiveLocation> parseDirectiveLocation(std::string_view name) {
  const auto names = ast::directiveLocationNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<DirectiveLocation>(i);
  }
  return std::nullopt;
}

const InputValue* DirectiveDef::argument(std::string_view arg_name) const {
  for (const InputValue& arg : arguments) {
    if (arg.name == arg_name) return &arg;
  }
  return nullptr;
}

bool DirectiveDef::allowedAt(DirectiveLocation location) const {
  for (DirectiveLocation l : locations) {
    if (l == location) return true;
  }
  return false;
}

Schema::Schema() = default;
Schema::~Schema() = default;

const NamedType* Schema::type(std::string_view name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : it->second;
}

const DirectiveDef* Schema::directive(std::string_view name) const {
  auto it = directives_.find(name);
  return it == directives_.end() ? nullptr : it->second;
}

const NamedType* Schema::rootType(ast::OperationType operation) const {
  switch (operation) {
    case ast::OperationType::kQuery: return query_;
    case ast::OperationType::kMutation: return mutation_;
    case ast::OperationType::kSubscription: return subscription_;
  }
  return nullptr;
}

const FieldDef* Schema::fieldDef(const NamedType* parent, std::string_view name) const {
  if (parent == nullptr) return nullptr;
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    if (name == "__typename" && parent->isComposite()) return typename_field_;
    if (parent == query_) {
      if (name == "__schema") return schema_field_;
      if (name == "__type") return type_field_;
    }
  }
  if (parent->kind != TypeKind::kObject && parent->kind != TypeKind::kInterface) return nullptr;
  return parent->field(name);
}

const std::vector<const NamedType*>& Schema::possibleTypes(const NamedType* abstract_type) const {
  static const std::vector<const NamedType*> kNone;
  if (abstract_type == nullptr) return kNone;
  if (abstract_type->kind == TypeKind::kUnion) return abstract_type->members;
  return implementations(abstract_type, false);
}

const std::vector<const NamedType*>& Schema::implementations(const NamedType* interface_type,
                                                             bool interfaces) const {
  static const std::vector<const NamedType*> kNone;
  const auto& map = interfaces ? implementing_interfaces_ : implementing_objects_;
  auto it = map.find(interface_type);
  return it == map.end() ? kNone : it->second;
}

bool Schema::isSubType(const NamedType* abstract_type, const NamedType* maybe_sub) const {
  if (abstract_type == nullptr || maybe_sub == nullptr) return false;
  if (abstract_type->kind == TypeKind::kUnion) {
    for (const NamedType* member : abstract_type->members) {
      if (member == maybe_sub) return true;
    }
    return false;
  }
  if (abstract_type->kind != TypeKind::kInterface) return false;
  for (const NamedType* iface : maybe_sub->interfaces) {
    if (iface == abstract_type) return true;
  }
  return false;
}

namespace types {

bool isEqual(const ast::Type* a, const ast::Type* b) {
  while (a->form == b->form) {
    if (a->form == ast::Type::Form::kNamed) return a->name == b->name;
    a = a->of;
    b = b->of;
  }
  return false;
}

bool isSubTypeOf(const Schema& schema, const ast::Type* sub, const ast::Type* super) {
  if (isEqual(sub, super)) return true;
  if (super->isNonNull()) {
    return sub->isNonNull() && isSubTypeOf(schema, sub->of, super->of);
  }
  if (sub->isNonNull()) return isSubTypeOf(schema, sub->of, super);
  if (super->isList()) return sub->isList() && isSubTypeOf(schema, sub->of, super->of);
  if (sub->isList()) return false;
  const NamedType* super_type = schema.type(super->name);
  const NamedType* sub_type = schema.type(sub->name);
  return super_type != nullptr && super_type->isAbstract() &&
         (sub_type != nullptr &&
          (sub_type->kind == TypeKind::kInterface || sub_type->kind == TypeKind::kObject)) &&
         schema.isSubType(super_type, sub_type);
}

std::string print(const ast::Type* type) {
  switch (type->form) {
    case ast::Type::Form::kNamed: return std::string(type->name);
    case ast::Type::Form::kList: return "[" + print(type->of) + "]";
    case ast::Type::Form::kNonNull: return print(type->of) + "!";
  }
  return {};
}

}  // namespace types
}  // namespace plexus::graphql
