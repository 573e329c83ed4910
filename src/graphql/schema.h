// Schema: a GraphQL type system built from SDL (GraphQL spec §3), validated on build.
//
//   auto schema = graphql::Schema::fromSdl(sdl_text, "schema.graphql");
//   if (!schema.ok()) log(schema.status().message());   // "schema.graphql:3:7: Unknown type ..."
//   const NamedType* user = (*schema)->type("User");
//   const FieldDef* name = (*schema)->fieldDef(user, "name");
//
// A Schema is immutable once built and shared as std::shared_ptr<const Schema> across threads.
// It owns the parsed SDL documents (its own and the built-in prelude); every string_view and
// ast pointer it hands out stays valid as long as the Schema lives.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "src/common/status.h"
#include "src/graphql/ast.h"

namespace plexus::graphql {

struct NamedType;

// An argument, an input field: name, type, default.
struct InputValue {
  std::string_view name;
  std::optional<std::string_view> description;
  const ast::Type* type = nullptr;        // the declared (possibly wrapped) type
  const NamedType* named_type = nullptr;  // its innermost named type
  const ast::Value* default_value = nullptr;
  std::optional<std::string_view> deprecation_reason;
  const ast::InputValueDefinition* node = nullptr;
};

struct FieldDef {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<InputValue> arguments;
  const ast::Type* type = nullptr;
  const NamedType* named_type = nullptr;
  std::optional<std::string_view> deprecation_reason;
  const ast::FieldDefinition* node = nullptr;  // null for meta-fields built without SDL

  const InputValue* argument(std::string_view arg_name) const;
};

struct EnumValue {
  std::string_view name;
  std::optional<std::string_view> description;
  std::optional<std::string_view> deprecation_reason;
  const ast::EnumValueDefinition* node = nullptr;
};

using TypeKind = ast::TypeKind;

struct NamedType {
  TypeKind kind = TypeKind::kScalar;
  std::string_view name;
  std::optional<std::string_view> description;
  std::optional<std::string_view> specified_by_url;  // scalars
  bool builtin = false;                              // specified scalars and introspection types
  bool one_of = false;                               // input objects marked @oneOf

  std::vector<FieldDef> fields;              // object, interface
  std::vector<const NamedType*> interfaces;  // object, interface: declared interfaces
  std::vector<const NamedType*> members;     // union: member types
  std::vector<EnumValue> values;             // enum
  std::vector<InputValue> input_fields;      // input object

  // The definition and its extensions, in document order.
  std::vector<const ast::TypeDefinition*> nodes;

  bool isComposite() const {
    return kind == TypeKind::kObject || kind == TypeKind::kInterface || kind == TypeKind::kUnion;
  }
  bool isAbstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
  bool isLeaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  bool isInputType() const { return isLeaf() || kind == TypeKind::kInputObject; }
  bool isOutputType() const { return kind != TypeKind::kInputObject; }

  const FieldDef* field(std::string_view field_name) const;  // declared fields only
  const InputValue* inputField(std::string_view field_name) const;
  const EnumValue* value(std::string_view value_name) const;

  // Lookup indexes, filled by the schema builder.
  std::unordered_map<std::string_view, uint32_t> field_index;
};

enum class DirectiveLocation : uint8_t {
  // Executable
  kQuery,
  kMutation,
  kSubscription,
  kField,
  kFragmentDefinition,
  kFragmentSpread,
  kInlineFragment,
  kVariableDefinition,
  // Type system
  kSchema,
  kScalar,
  kObject,
  kFieldDefinition,
  kArgumentDefinition,
  kInterface,
  kUnion,
  kEnum,
  kEnumValue,
  kInputObject,
  kInputFieldDefinition,
  kDirectiveDefinition,
};
std::string_view directiveLocationName(DirectiveLocation location);  // "FIELD_DEFINITION"
std::optional<DirectiveLocation> parseDirectiveLocation(std::string_view name);

struct DirectiveDef {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<InputValue> arguments;
  bool repeatable = false;
  bool builtin = false;
  std::vector<DirectiveLocation> locations;
  const ast::DirectiveDefinition* node = nullptr;

  const InputValue* argument(std::string_view arg_name) const;
  bool allowedAt(DirectiveLocation location) const;
};

// One problem found while building a schema: graphql-js's message and the SDL positions.
struct SchemaError {
  std::string message;
  std::vector<ast::SourceLocation> locations;
};

class Schema {
 public:
  // Builds and validates a schema from SDL, as graphql-js buildSchema + assertValidSchema do.
  // Errors carry `source_name:line:column` of the offending definition, one per line.
  static StatusOr<std::shared_ptr<const Schema>> fromSdl(std::string sdl,
                                                         std::string_view source_name = "schema");
  // The same, with every error kept apart (a syntax error is the only one when there is one).
  using BuildResult = std::variant<std::shared_ptr<const Schema>, std::vector<SchemaError>>;
  static BuildResult build(std::string sdl);

  // A type of the schema's type map: declared types and the built-ins they (or introspection)
  // reference, as graphql-js; an unreferenced specified scalar such as Float is not found.
  const NamedType* type(std::string_view name) const;
  const DirectiveDef* directive(std::string_view name) const;

  const NamedType* queryType() const { return query_; }
  const NamedType* mutationType() const { return mutation_; }
  const NamedType* subscriptionType() const { return subscription_; }
  const NamedType* rootType(ast::OperationType operation) const;

  // Every named type in graphql-js's type-map order (the order introspection lists them in).
  const std::vector<const NamedType*>& types() const { return type_order_; }
  // Directives in graphql-js's order: the SDL's, then the specified ones it did not redefine.
  const std::vector<const DirectiveDef*>& directives() const { return directive_order_; }
  std::optional<std::string_view> description() const { return description_; }

  // The field `name` on a composite `parent`, including the meta-fields: `__typename` on every
  // composite type, `__schema` and `__type` on the query root (graphql-js getFieldDef).
  const FieldDef* fieldDef(const NamedType* parent, std::string_view name) const;
  const FieldDef* typenameField() const { return typename_field_; }
  const FieldDef* schemaField() const { return schema_field_; }
  const FieldDef* typeField() const { return type_field_; }

  // Object types that `abstract_type` may resolve to (union members; interface implementers).
  const std::vector<const NamedType*>& possibleTypes(const NamedType* abstract_type) const;
  // True when `maybe_sub` is a member of union `abstract_type`, or implements it (objects and
  // interfaces), as graphql-js isSubType.
  bool isSubType(const NamedType* abstract_type, const NamedType* maybe_sub) const;
  // Types implementing interface `interface_type`: objects, and interfaces.
  const std::vector<const NamedType*>& implementations(const NamedType* interface_type,
                                                       bool interfaces) const;

  // Internal: the builder and the validator fill and read the private state.
  struct Builder;

  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

 private:
  Schema();
  friend struct Builder;

  std::vector<std::unique_ptr<ast::Document>> documents_;  // prelude first, then the SDL
  std::vector<std::unique_ptr<NamedType>> owned_types_;
  std::vector<std::unique_ptr<DirectiveDef>> owned_directives_;
  std::unordered_map<std::string_view, const NamedType*> types_;
  std::unordered_map<std::string_view, const DirectiveDef*> directives_;
  std::vector<const NamedType*> type_order_;
  std::vector<const DirectiveDef*> directive_order_;
  std::optional<std::string_view> description_;
  const NamedType* query_ = nullptr;
  const NamedType* mutation_ = nullptr;
  const NamedType* subscription_ = nullptr;
  const FieldDef* typename_field_ = nullptr;
  const FieldDef* schema_field_ = nullptr;
  const FieldDef* type_field_ = nullptr;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> possible_types_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> implementing_objects_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> implementing_interfaces_;
  std::vector<std::unique_ptr<FieldDef>> meta_fields_;
};

// Helpers on declared types (ast::Type), as graphql-js's type predicates.
namespace types {
// Does `sub` fit where `super` is expected (graphql-js isTypeSubTypeOf)?
bool isSubTypeOf(const Schema& schema, const ast::Type* sub, const ast::Type* super);
// Structural equality (graphql-js isEqualType).
bool isEqual(const ast::Type* a, const ast::Type* b);
// Prints `[Int!]!`.
std::string print(const ast::Type* type);
}  // namespace types

}  // namespace plexus::graphql
