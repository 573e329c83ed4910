// Builds a Schema from SDL the way graphql-js 16's buildASTSchema does: the specified scalars and
// introspection types always come from the prelude, type extensions merge into their type in
// document order, missing specified directives are added, and the type map is ordered as
// GraphQLSchema's constructor orders it (so introspection lists types in the same order).
#include "src/graphql/schema_builder.h"

#include "src/graphql/parser.h"
#include "src/graphql/prelude.h"

namespace plexus::graphql {
namespace {

constexpr std::string_view kMetaFieldsSdl = R"graphql(
type __MetaFields {
  "The name of the current Object type at runtime."
  __typename: String!
  "Access the current type schema of this server."
  __schema: __Schema!
  "Request the type information of a single type."
  __type(name: String!): __Type
}
)graphql";

std::optional<std::string_view> descriptionOf(const ast::Description& d) {
  if (!d.present) return std::nullopt;
  return d.text;
}

// graphql-js getDeprecationReason: @deprecated's reason, defaulting to "No longer supported".
std::optional<std::string_view> deprecationOf(ast::List<const ast::Directive> directives) {
  bool present = false;
  const ast::Value* reason = directiveArgument(directives, "deprecated", "reason", &present);
  if (!present) return std::nullopt;
  if (reason != nullptr && reason->form == ast::Value::Form::kString) return reason->text;
  // `reason: null` leaves deprecationReason null: not deprecated at all.
  if (reason != nullptr && reason->form == ast::Value::Form::kNull) return std::nullopt;
  return std::string_view("No longer supported");
}

bool hasDirective(ast::List<const ast::Directive> directives, std::string_view name) {
  for (const ast::Directive* d : directives) {
    if (d->name == name) return true;
  }
  return false;
}

// An insertion-ordered set that supports graphql-js's "delete, then add again" (JS Set).
class OrderedTypeSet {
 public:
  bool has(const NamedType* t) const { return index_.count(t) != 0; }
  void add(const NamedType* t) {
    if (has(t)) return;
    index_[t] = order_.size();
    order_.push_back(t);
  }
  void remove(const NamedType* t) {
    auto it = index_.find(t);
    if (it == index_.end()) return;
    order_[it->second] = nullptr;
    index_.erase(it);
  }
  std::vector<const NamedType*> values() const {
    std::vector<const NamedType*> out;
    for (const NamedType* t : order_) {
      if (t != nullptr) out.push_back(t);
    }
    return out;
  }

 private:
  std::vector<const NamedType*> order_;
  std::unordered_map<const NamedType*, size_t> index_;
};

// graphql-js collectReferencedTypes.
void collectReferencedTypes(const NamedType* type, OrderedTypeSet& set) {
  if (type == nullptr || set.has(type)) return;
  set.add(type);
  switch (type->kind) {
    case TypeKind::kUnion:
      for (const NamedType* member : type->members) collectReferencedTypes(member, set);
      break;
    case TypeKind::kObject:
    case TypeKind::kInterface:
      for (const NamedType* iface : type->interfaces) collectReferencedTypes(iface, set);
      for (const FieldDef& field : type->fields) {
        collectReferencedTypes(field.named_type, set);
        for (const InputValue& arg : field.arguments) collectReferencedTypes(arg.named_type, set);
      }
      break;
    case TypeKind::kInputObject:
      for (const InputValue& field : type->input_fields) {
        collectReferencedTypes(field.named_type, set);
      }
      break;
    default: break;
  }
}

}  // namespace

const ast::Value* directiveArgument(ast::List<const ast::Directive> directives,
                                    std::string_view directive, std::string_view name,
                                    bool* directive_present) {
  for (const ast::Directive* d : directives) {
    if (d->name != directive) continue;
    if (directive_present != nullptr) *directive_present = true;
    for (const ast::Argument* arg : d->arguments) {
      if (arg->name == name) return arg->value;
    }
    return nullptr;
  }
  return nullptr;
}

void Schema::Builder::collect(const ast::Document& document) {
  for (const ast::Definition* def : document.definitions) {
    if (auto* s = def->as<ast::SchemaDefinition>()) {
      schema_definitions.push_back(s);
    } else if (auto* t = def->as<ast::TypeDefinition>()) {
      (t->extension ? type_extensions : type_definitions).push_back(t);
    } else if (auto* d = def->as<ast::DirectiveDefinition>()) {
      directive_definitions.push_back(d);
    }
    // Executable definitions in SDL are ignored, as graphql-js buildASTSchema ignores them.
  }
}

NamedType* Schema::Builder::newType(const ast::TypeDefinition& definition, bool builtin) {
  auto type = std::make_unique<NamedType>();
  type->kind = definition.type_kind;
  type->name = definition.name->value;
  type->builtin = builtin;
  type->nodes.push_back(&definition);
  NamedType* raw = type.get();
  schema.owned_types_.push_back(std::move(type));
  schema.types_[raw->name] = raw;
  return raw;
}

void Schema::Builder::addBuiltins(const ast::Document& prelude) {
  for (const ast::Definition* def : prelude.definitions) {
    if (auto* t = def->as<ast::TypeDefinition>()) newType(*t, true);
  }
}

const NamedType* Schema::Builder::resolve(const ast::Type* type) {
  return type == nullptr ? nullptr : schema.type(type->namedType());
}

InputValue Schema::Builder::inputValue(const ast::InputValueDefinition& definition) {
  InputValue v;
  v.name = definition.name;
  v.description = descriptionOf(definition.description);
  v.type = definition.type;
  v.named_type = resolve(definition.type);
  v.default_value = definition.default_value;
  v.deprecation_reason = deprecationOf(definition.directives);
  v.node = &definition;
  return v;
}

void Schema::Builder::fillType(NamedType& type) {
  const ast::TypeDefinition& definition = *type.nodes.front();
  type.description = descriptionOf(definition.description);
  for (const ast::TypeDefinition* node : type.nodes) {
    for (const ast::Name* iface : node->interfaces) {
      if (const NamedType* t = schema.type(iface->value)) type.interfaces.push_back(t);
    }
    for (const ast::Name* member : node->members) {
      if (const NamedType* t = schema.type(member->value)) type.members.push_back(t);
    }
    for (const ast::FieldDefinition* f : node->fields) {
      FieldDef field;
      field.name = f->name;
      field.description = descriptionOf(f->description);
      for (const ast::InputValueDefinition* arg : f->arguments) {
        field.arguments.push_back(inputValue(*arg));
      }
      field.type = f->type;
      field.named_type = resolve(f->type);
      field.deprecation_reason = deprecationOf(f->directives);
      field.node = f;
      // The first definition of a name wins (duplicates are reported by the SDL rules).
      if (type.field_index.emplace(field.name, type.fields.size()).second) {
        type.fields.push_back(std::move(field));
      }
    }
    for (const ast::InputValueDefinition* f : node->input_fields) {
      type.input_fields.push_back(inputValue(*f));
    }
    for (const ast::EnumValueDefinition* v : node->values) {
      type.values.push_back(
          {v->name, descriptionOf(v->description), deprecationOf(v->directives), v});
    }
  }
  // graphql-js reads @specifiedBy and @oneOf on the definition only, never on its extensions.
  if (const ast::Value* url = directiveArgument(definition.directives, "specifiedBy", "url")) {
    if (url->form == ast::Value::Form::kString) type.specified_by_url = url->text;
  }
  type.one_of = hasDirective(definition.directives, "oneOf");
}

void Schema::Builder::buildTypes() {
  // Builtins were added first; the SDL's own definitions of builtin names are ignored, as
  // graphql-js prefers its standard types.
  std::vector<NamedType*> built;
  for (auto& owned : schema.owned_types_) built.push_back(owned.get());
  for (const ast::TypeDefinition* def : type_definitions) {
    const NamedType* existing = schema.type(def->name->value);
    if (existing != nullptr) continue;  // builtin, or a duplicate the SDL rules reported
    built.push_back(newType(*def, false));
  }
  for (const ast::TypeDefinition* ext : type_extensions) {
    auto it = schema.types_.find(ext->name->value);
    if (it == schema.types_.end()) continue;
    auto* type = const_cast<NamedType*>(it->second);
    if (type->builtin || type->kind != ext->type_kind) continue;
    type->nodes.push_back(ext);
  }
  for (NamedType* t : built) fillType(*t);
}

void Schema::Builder::buildDirectives() {
  std::vector<const ast::DirectiveDefinition*> all = directive_definitions;
  // The prelude's directive definitions follow the SDL's; a specified directive the SDL
  // redefines keeps the SDL's definition (graphql-js buildASTSchema).
  const ast::Document& prelude = *schema.documents_.front();
  for (const ast::Definition* def : prelude.definitions) {
    if (auto* d = def->as<ast::DirectiveDefinition>()) all.push_back(d);
  }
  const size_t user_count = directive_definitions.size();
  for (size_t i = 0; i < all.size(); ++i) {
    const ast::DirectiveDefinition* d = all[i];
    if (schema.directives_.count(d->name->value) != 0) continue;
    auto directive = std::make_unique<DirectiveDef>();
    directive->name = d->name->value;
    directive->description = descriptionOf(d->description);
    for (const ast::InputValueDefinition* arg : d->arguments) {
      directive->arguments.push_back(inputValue(*arg));
    }
    directive->repeatable = d->repeatable;
    directive->builtin = i >= user_count;
    for (const ast::Name* location : d->locations) {
      if (auto l = parseDirectiveLocation(location->value)) directive->locations.push_back(*l);
    }
    directive->node = d;
    schema.directives_[directive->name] = directive.get();
    schema.directive_order_.push_back(directive.get());
    schema.owned_directives_.push_back(std::move(directive));
  }
}

// graphql-js extendSchemaImpl then buildASTSchema: the schema definition's operation types,
// overridden by its extensions'; without a schema definition, a type named Query, Mutation or
// Subscription takes its root even over an extension's choice.
void Schema::Builder::buildRoots() {
  const ast::SchemaDefinition* definition = nullptr;
  for (const ast::SchemaDefinition* s : schema_definitions) {
    if (!s->extension) definition = s;
  }
  auto apply = [this](const ast::SchemaDefinition& s) {
    for (const ast::OperationTypeDefinition* op : s.operation_types) {
      const NamedType* t = schema.type(op->type->value);
      switch (op->operation) {
        case ast::OperationType::kQuery: schema.query_ = t; break;
        case ast::OperationType::kMutation: schema.mutation_ = t; break;
        case ast::OperationType::kSubscription: schema.subscription_ = t; break;
      }
    }
  };
  if (definition != nullptr) {
    if (definition->description.present) schema.description_ = definition->description.text;
    apply(*definition);
  }
  for (const ast::SchemaDefinition* s : schema_definitions) {
    if (s->extension) apply(*s);
  }
  if (definition == nullptr) {
    auto byName = [this](std::string_view name, const NamedType*& root) {
      const NamedType* t = schema.type(name);
      if (t != nullptr && !t->builtin) root = t;
    };
    byName("Query", schema.query_);
    byName("Mutation", schema.mutation_);
    byName("Subscription", schema.subscription_);
  }
}

// GraphQLSchema's constructor: config.types in SDL order, each followed by the not-yet-seen
// types it references, then the roots, the directives' argument types and the introspection
// types.
void Schema::Builder::orderTypes() {
  std::vector<const NamedType*> config_types;
  for (const ast::TypeDefinition* def : type_definitions) {
    const NamedType* t = schema.type(def->name->value);
    bool seen = false;
    for (const NamedType* c : config_types) seen = seen || c == t;
    if (t != nullptr && !seen) config_types.push_back(t);
  }
  OrderedTypeSet set;
  for (const NamedType* t : config_types) set.add(t);
  for (const NamedType* t : config_types) {
    set.remove(t);
    collectReferencedTypes(t, set);
  }
  collectReferencedTypes(schema.query_, set);
  collectReferencedTypes(schema.mutation_, set);
  collectReferencedTypes(schema.subscription_, set);
  for (const DirectiveDef* d : schema.directive_order_) {
    for (const InputValue& arg : d->arguments) collectReferencedTypes(arg.named_type, set);
  }
  collectReferencedTypes(schema.type("__Schema"), set);
  schema.type_order_ = set.values();
  // Like graphql-js's type map, the schema knows only the types it references: a specified
  // scalar nobody uses (Float, ID, ...) is unknown to operations and to __type(name:).
  std::unordered_map<std::string_view, const NamedType*> referenced;
  for (const NamedType* t : schema.type_order_) referenced.emplace(t->name, t);
  schema.types_ = std::move(referenced);
}

void Schema::Builder::indexImplementations() {
  for (const NamedType* t : schema.type_order_) {
    if (t->kind != TypeKind::kObject && t->kind != TypeKind::kInterface) continue;
    for (const NamedType* iface : t->interfaces) {
      auto& map = t->kind == TypeKind::kObject ? schema.implementing_objects_
                                               : schema.implementing_interfaces_;
      map[iface].push_back(t);
    }
  }
}

void Schema::Builder::buildMetaFields(const ast::Document& meta) {
  const auto* def = meta.definitions.front()->as<ast::TypeDefinition>();
  for (const ast::FieldDefinition* f : def->fields) {
    auto field = std::make_unique<FieldDef>();
    field->name = f->name;
    field->description = descriptionOf(f->description);
    for (const ast::InputValueDefinition* arg : f->arguments) {
      field->arguments.push_back(inputValue(*arg));
    }
    field->type = f->type;
    field->named_type = resolve(f->type);
    field->node = f;
    if (f->name == "__typename") schema.typename_field_ = field.get();
    if (f->name == "__schema") schema.schema_field_ = field.get();
    if (f->name == "__type") schema.type_field_ = field.get();
    schema.meta_fields_.push_back(std::move(field));
  }
}

Schema::BuildResult Schema::build(std::string sdl) {
  std::shared_ptr<Schema> schema(new Schema());
  Builder builder(*schema);

  ParseOptions unlimited{.max_tokens = UINT32_MAX, .max_recursion = 10000};
  ParseResult prelude = parse(std::string(preludeSdl()), unlimited);
  ParseResult meta = parse(std::string(kMetaFieldsSdl), unlimited);
  ParseResult user = parse(std::move(sdl), unlimited);
  if (!user.ok()) {
    return std::vector<SchemaError>{{user.error().message, {user.error().location}}};
  }
  schema->documents_.push_back(prelude.takeDocument());
  schema->documents_.push_back(meta.takeDocument());
  schema->documents_.push_back(user.takeDocument());
  const ast::Document& document = *schema->documents_.back();

  builder.collect(document);
  builder.validateSdl(document);
  if (!builder.errors.empty()) return std::move(builder.errors);

  builder.addBuiltins(*schema->documents_[0]);
  builder.buildTypes();
  builder.buildDirectives();
  builder.buildRoots();
  builder.orderTypes();
  builder.indexImplementations();
  builder.buildMetaFields(*schema->documents_[1]);

  builder.validateSchema();
  if (!builder.errors.empty()) return std::move(builder.errors);
  return std::shared_ptr<const Schema>(std::move(schema));
}

StatusOr<std::shared_ptr<const Schema>> Schema::fromSdl(std::string sdl,
                                                        std::string_view source_name) {
  BuildResult result = build(std::move(sdl));
  if (auto* schema = std::get_if<0>(&result)) return std::move(*schema);
  std::string message;
  for (const SchemaError& e : std::get<1>(result)) {
    if (!message.empty()) message += '\n';
    message += source_name;
    if (!e.locations.empty()) {
      message +=
          ':' + std::to_string(e.locations[0].line) + ':' + std::to_string(e.locations[0].column);
    }
    message += ": " + e.message;
  }
  return Status::error(std::move(message));
}

}  // namespace plexus::graphql
